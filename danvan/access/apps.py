from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "danvan.access"
    verbose_name = "Phân quyền"

    def ready(self) -> None:
        from danvan.access.models import RoleAssignment
        from danvan.core.audit import register

        register(RoleAssignment)
