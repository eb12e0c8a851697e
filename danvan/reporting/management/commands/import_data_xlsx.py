from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from danvan.access.system import SYSTEM
from danvan.core.db import refresh_statistics
from danvan.reporting.excel_import import import_workbook


class Command(BaseCommand):
    help = (
        "Nhập số liệu từ tệp XLSX theo biểu mẫu tải từ hệ thống (trang Báo cáo › Excel, "
        "hoặc lệnh export_data_xlsx). Quy tắc: cả tệp được kiểm tra trước khi ghi; chỉ một "
        "ô sai (không phải số, số âm, số lẻ ở cột số nguyên, mã đơn vị không có hoặc ngoài "
        "phạm vi, vi phạm quy tắc như số đơn đã giải quyết lớn hơn số đơn nhận, báo cáo đã "
        "duyệt bị khóa) là không ghi gì cả: lệnh in từng lỗi kèm sheet, dòng, cột và thoát "
        "với mã khác 0. Ô trống không được ghi (không phải số 0). Mặc định nhập dưới danh "
        "nghĩa Hệ thống; --user để nhập và kiểm tra phạm vi theo một tài khoản. Chạy lại "
        "cùng tệp cho cùng kết quả."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", help="Đường dẫn tệp .xlsx.")
        parser.add_argument(
            "--user", default="", help="Tên đăng nhập người nhập (mặc định: Hệ thống)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Không có tệp «{path}».")
        actor = _actor(options["user"])
        with path.open("rb") as handle:
            result = import_workbook(handle, actor=actor)
        if not result.ok:
            for error in result.errors:
                self.stderr.write(str(error))
            raise CommandError(f"Tệp có {len(result.errors)} lỗi; không ghi số liệu nào.")
        refresh_statistics()
        for warning in result.warnings:
            self.stderr.write(f"Cảnh báo — {warning}")
        self.stdout.write(f"{result.summary}.")


def _actor(username: str) -> Any:
    if not username:
        return SYSTEM
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"Không có người dùng «{username}».")
    if not user.is_active:
        raise CommandError(f"Người dùng «{username}» đang bị khóa.")
    return user
