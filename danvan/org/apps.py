from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "danvan.org"
    verbose_name = "Tổ chức, đơn vị"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from danvan.org import models

        auditlog.register(models.OrgLevel)
        auditlog.register(models.UnitKind)
        auditlog.register(models.OrganisationKind)
        # path, depth and name_folded are derived from parent and name: a move is
        # recorded once, as the parent change of the unit that moved.
        auditlog.register(
            models.OrgUnit, exclude_fields=["path", "depth", "name_folded", "updated_at"]
        )
        auditlog.register(models.OrgUnitSuccession)
