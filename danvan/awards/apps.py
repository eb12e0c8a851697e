from django.apps import AppConfig


class AwardsConfig(AppConfig):
    name = "danvan.awards"
    verbose_name = "Thi đua, khen thưởng"

    def ready(self) -> None:
        from danvan.awards import models
        from danvan.core.audit import register

        register(models.AwardForm)
        register(models.AwardAuthority)
        register(models.AwardDecision, exclude=("updated_at",))
        register(models.Award, exclude=("updated_at", "search_folded", "achievement_folded"))
