from django.apps import AppConfig


class WelfareConfig(AppConfig):
    name = "danvan.welfare"
    verbose_name = "An sinh xã hội, trao quà"

    def ready(self) -> None:
        from danvan.core.audit import register
        from danvan.welfare import figures, models, report

        register(models.Campaign, exclude=("updated_at", "name_folded"))
        register(models.Contribution, exclude=("updated_at",))
        register(models.Beneficiary, exclude=("updated_at", "name_folded", "household_key"))
        register(models.Gift, exclude=("updated_at", "household_key"))
        figures.register_sources()
        report.register()
