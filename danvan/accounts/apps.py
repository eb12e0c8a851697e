from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "danvan.accounts"
    verbose_name = "Tài khoản"

    def ready(self) -> None:
        from danvan.accounts.models import ApiToken, User
        from danvan.core.audit import register

        register(User, exclude=("password", "last_login", "date_joined"))
        register(ApiToken, exclude=("key_hash", "last_used_at"))
