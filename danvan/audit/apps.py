from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "danvan.audit"
    verbose_name = "Nhật ký thay đổi"

    def ready(self) -> None:
        from danvan.audit import logins

        logins.connect()
