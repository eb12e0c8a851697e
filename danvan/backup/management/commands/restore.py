from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections
from django.db.migrations.loader import MigrationLoader

from danvan.backup.databases import BackupError
from danvan.backup.restore import restore
from danvan.lib.numbers import format_number


class Command(BaseCommand):
    help = (
        "Khôi phục một bản sao lưu của `manage.py backup` vào cơ sở dữ liệu TRỐNG (theo "
        "DATABASE_URL) và thư mục MEDIA_ROOT trống — từ chối nếu đã có dữ liệu, không bao giờ "
        "ghi đè — rồi đối chiếu manifest: số dòng và tổng kiểm tra từng bảng, tổng kiểm tra "
        "từng tệp. Lệch ở bất kỳ đâu thì kết thúc với mã lỗi. Sau đó chạy `migrate` nếu phần "
        "mềm mới hơn bản sao lưu."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", help="tệp sao lưu (.tar, .tar.gz)")
        parser.add_argument("--database", default="default", help="bí danh cơ sở dữ liệu")

    def handle(self, *args: Any, **options: Any) -> None:
        connection = connections[options["database"]]
        connection.close()  # the restore opens its own; Django's must not hold the file
        known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
        quiet = options["verbosity"] == 0
        try:
            outcome = restore(
                archive=Path(options["archive"]),
                settings_dict=connection.settings_dict,
                media_root=Path(settings.MEDIA_ROOT),
                known_migrations=known,
                progress=(lambda line: None) if quiet else self._say,
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        what = (
            f"{outcome.tables} bảng ({format_number(outcome.rows)} dòng) và "
            f"{format_number(outcome.files)} tệp ({format_number(outcome.bytes / 2**20, 1)} MB) "
            f"trong {format_number(outcome.seconds, 1)} s"
        )
        if outcome.mismatches:
            for line in outcome.mismatches:
                self.stderr.write(f"  KHÔNG KHỚP: {line}")
            raise CommandError(
                f"Đã khôi phục {what}, nhưng {len(outcome.mismatches)} mục không khớp manifest "
                "(xem trên): đừng dùng bản khôi phục này."
            )
        self.stdout.write(f"Đã khôi phục và đối chiếu {what}: mọi bảng và tệp khớp manifest.")

    def _say(self, line: str) -> None:
        self.stdout.write(line)
        self.stdout.flush()
