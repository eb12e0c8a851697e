from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "danvan.accounts"
    verbose_name = "Tài khoản"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from danvan.accounts.models import ApiToken, User

        auditlog.register(
            User, exclude_fields=["password", "last_login", "date_joined"], mask_fields=[]
        )
        auditlog.register(ApiToken, exclude_fields=["key_hash", "last_used_at"])
