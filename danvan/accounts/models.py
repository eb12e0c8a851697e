from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone


class User(AbstractUser):
    """A login. Vietnamese names are kept whole in ``full_name``.

    A user is seen by those who manage users in its work unit (``org_unit``) or in any
    unit where it holds a role; ``person`` links the login to the cán bộ record.
    """

    SCOPE_UNIT_FIELDS = ("org_unit", "role_assignments__org_unit")

    full_name = models.CharField("họ và tên", max_length=150, blank=True)
    phone = models.CharField("điện thoại", max_length=30, blank=True)
    org_unit = models.ForeignKey(
        "org.OrgUnit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        verbose_name="đơn vị công tác",
    )
    person = models.OneToOneField(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="user_account",
        verbose_name="hồ sơ cán bộ",
    )
    must_change_password = models.BooleanField(
        "phải đổi mật khẩu",
        default=False,
        help_text="Mật khẩu tạm do người quản lý đặt: phải đổi ở lần đăng nhập tiếp theo.",
    )
    is_demo = models.BooleanField(
        "tài khoản trình diễn",
        default=False,
        help_text="Mật khẩu của tài khoản trình diễn chỉ dùng được khi DEBUG bật.",
    )

    class Meta:
        verbose_name = "người dùng"
        verbose_name_plural = "người dùng"

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name or self.username


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A Bearer token for /api/v1. Only its hash is stored; the token is shown once."""

    PREFIX = "dv_"

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="danvan_api_tokens", verbose_name="người dùng"
    )
    name = models.CharField("tên", max_length=100, blank=True)
    key_prefix = models.CharField("đầu mã", max_length=12, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField("tạo lúc", default=timezone.now)
    last_used_at = models.DateTimeField("dùng lần cuối", null=True, blank=True)
    revoked_at = models.DateTimeField("thu hồi lúc", null=True, blank=True)

    class Meta:
        verbose_name = "mã truy cập API"
        verbose_name_plural = "mã truy cập API"

    def __str__(self) -> str:
        return f"{self.key_prefix}… ({self.user})"

    @classmethod
    def new_raw_key(cls) -> str:
        return cls.PREFIX + secrets.token_urlsafe(32)
