from django.apps import AppConfig


class DemocracyConfig(AppConfig):
    name = "danvan.democracy"
    verbose_name = "Thực hiện dân chủ ở cơ sở"

    def ready(self) -> None:
        from danvan.core.audit import register
        from danvan.democracy import figures, models, report

        register(models.DisclosureItem)
        register(models.Disclosure, exclude=("updated_at",))
        register(models.PeopleDecision, exclude=("updated_at",))
        register(models.Consultation, exclude=("updated_at",))
        register(models.Oversight, exclude=("updated_at",))
        figures.register_sources()
        report.register()
