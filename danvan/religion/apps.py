from django.apps import AppConfig


class ReligionConfig(AppConfig):
    name = "danvan.religion"
    verbose_name = "Công tác dân tộc, tôn giáo"

    def ready(self) -> None:
        from danvan.core.audit import register
        from danvan.religion import figures, models, report

        register(models.Religion)
        register(models.Organisation, exclude=("updated_at",))
        register(models.Place, exclude=("updated_at",))
        register(models.Figure, exclude=("updated_at",))
        register(models.Event, exclude=("updated_at",))
        register(models.Situation, exclude=("updated_at",))
        figures.register_sources()
        report.register()
