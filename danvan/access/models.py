from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from danvan.access.roles import Role


class RoleAssignment(models.Model):
    """A user holds a role in an org unit; it reaches the unit and its whole subtree."""

    SCOPE_UNIT_FIELDS = ("org_unit",)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="role_assignments",
        verbose_name="người dùng",
    )
    role = models.CharField("vai trò", max_length=32, choices=Role.choices)
    org_unit = models.ForeignKey(
        "org.OrgUnit",
        on_delete=models.PROTECT,
        related_name="role_assignments",
        verbose_name="đơn vị",
    )
    granted_at = models.DateTimeField("cấp lúc", default=timezone.now)

    class Meta:
        verbose_name = "phân quyền"
        verbose_name_plural = "phân quyền"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "org_unit"], name="role_assignment_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.org_unit}"

    def get_additional_data(self) -> dict[str, int]:
        """Kept with each audit entry (django-auditlog asks for it), so that a user's page
        can list the history of their roles, withdrawn ones included."""
        return {"user_id": self.user_id}
