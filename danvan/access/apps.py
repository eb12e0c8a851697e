from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "danvan.access"
    verbose_name = "Phân quyền"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from danvan.access.models import RoleAssignment

        auditlog.register(RoleAssignment)
