from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

from danvan.backup.archive import backup
from danvan.backup.databases import BackupError
from danvan.lib.numbers import format_number


class Command(BaseCommand):
    help = (
        "Sao lưu toàn bộ vào MỘT tệp OUT (.tar, hoặc .tar.gz/.tgz nén): cơ sở dữ liệu "
        "(PostgreSQL: pg_dump --format=custom, pg_dump trên PATH cùng phiên bản máy chủ; "
        "SQLite: API sao lưu trực tuyến), mọi tệp trong MEDIA_ROOT và manifest.json (migration, "
        "số dòng và tổng kiểm tra từng bảng, thời điểm, loại cơ sở dữ liệu, phiên bản). "
        "Không ghi đè tệp đã có; chạy được khi hệ thống đang hoạt động."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("out", help="tệp sao lưu sẽ ghi, ví dụ danvan-2026-01-31.tar.gz")
        parser.add_argument("--database", default="default", help="bí danh cơ sở dữ liệu")

    def handle(self, *args: Any, **options: Any) -> None:
        connection = connections[options["database"]]
        out = Path(options["out"]).resolve()
        quiet = options["verbosity"] == 0
        try:
            summary = backup(
                out=out,
                settings_dict=connection.settings_dict,
                django_connection=connection,
                media_root=Path(settings.MEDIA_ROOT),
                progress=(lambda line: None) if quiet else self._say,
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        size = out.stat().st_size / 2**20
        self.stdout.write(
            f"Đã sao lưu {summary.tables} bảng ({format_number(summary.rows)} dòng) và "
            f"{format_number(summary.files)} tệp ({format_number(summary.bytes / 2**20, 1)} MB) "
            f"vào {out} ({format_number(size, 1)} MB) trong {format_number(summary.seconds, 1)} s."
        )

    def _say(self, line: str) -> None:
        self.stdout.write(line)
        self.stdout.flush()
