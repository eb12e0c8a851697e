from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "danvan.reporting"
    verbose_name = "Báo cáo định kỳ"

    def ready(self) -> None:
        from danvan.core.audit import register
        from danvan.reporting import models, rollup

        register(models.Indicator)
        register(models.ReportForm)
        register(models.ValidationRule)
        register(models.DataValue, exclude=("updated_at", "period_start", "period_end"))
        register(models.Report, exclude=("updated_at",))
        register(models.ReportAttachment)
        rollup.connect()
