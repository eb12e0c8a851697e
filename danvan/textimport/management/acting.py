"""The account a text-import command acts as (``--as USER``), for its audit and its rights."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError


def acting_user(username: str | None) -> Any:
    if not username:
        raise CommandError("Cần --as TÊN_ĐĂNG_NHẬP (người chịu trách nhiệm) để ghi vào hệ thống.")
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(f"Không có tài khoản «{username}» đang hoạt động.")
    return user
