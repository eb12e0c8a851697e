from django.apps import AppConfig


class EmulationConfig(AppConfig):
    name = "danvan.emulation"
    verbose_name = "Phong trào thi đua «Dân vận khéo»"

    def ready(self) -> None:
        from danvan.core.audit import register
        from danvan.emulation import models

        register(models.Field)
        register(models.RecognitionLevel)
        register(models.Campaign, exclude=("updated_at", "name_folded"))
        register(models.Milestone)
        register(models.Criterion)
        register(models.EmulationModel, exclude=("updated_at", "name_folded"))
        register(models.Transition)
        register(models.Evaluation)
        register(models.Score)
        register(models.ProgressNote)
        register(models.Evidence)

        from danvan.emulation import report, sources

        sources.register()
        report.register()
