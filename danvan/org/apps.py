from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "danvan.org"
    verbose_name = "Tổ chức, đơn vị"

    def ready(self) -> None:
        from danvan.core.audit import register
        from danvan.org import models

        register(models.OrgLevel)
        register(models.UnitKind)
        register(models.OrganisationKind)
        # path, depth and name_folded derive from parent and name: a move is recorded
        # once, as the parent change of the unit that moved.
        register(models.OrgUnit, exclude=("path", "depth", "name_folded", "updated_at"))
        register(models.OrgUnitSuccession)
