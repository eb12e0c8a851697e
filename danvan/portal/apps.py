from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "danvan.portal"
    verbose_name = "Cổng thông tin"

    def ready(self) -> None:
        from danvan.core.audit import register
        from danvan.portal import models, signals

        register(models.ReaderComment, exclude=("ip_hash",))
        signals.connect()
