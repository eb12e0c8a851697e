from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "danvan.supervision"
    verbose_name = "Giám sát, phản biện xã hội"

    def ready(self) -> None:
        from danvan.core.audit import register
        from danvan.supervision import figures, models, report

        register(models.Programme, exclude=("updated_at",))
        register(models.Activity, exclude=("updated_at",))
        register(models.Recommendation, exclude=("updated_at",))
        register(models.Response, exclude=("updated_at",))
        figures.register_sources()
        report.register()
