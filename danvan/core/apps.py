from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "danvan.core"
    verbose_name = "Lõi hệ thống"

    def ready(self) -> None:
        from danvan.core import audit, csp

        audit.connect()
        csp.sign_chooser_scripts()
