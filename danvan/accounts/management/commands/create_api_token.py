from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from danvan.accounts.models import User
from danvan.accounts.services import api_token_create


class Command(BaseCommand):
    help = (
        "Tạo mã truy cập API (Bearer) mới cho USERNAME và in mã ở dòng cuối. "
        "Mã chỉ hiện một lần; hệ thống chỉ lưu bản băm."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="Tên gợi nhớ của mã.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user = User.objects.get(username=options["username"])
        except User.DoesNotExist as exc:
            raise CommandError(f"Không có người dùng «{options['username']}».") from exc
        if not user.is_active:
            raise CommandError(f"Người dùng «{user.username}» đang bị khóa.")
        token, raw = api_token_create(actor=None, user=user, name=options["name"])
        self.stderr.write(f"Đã tạo mã {token.key_prefix}… cho {user.username}.")
        self.stdout.write(raw)
