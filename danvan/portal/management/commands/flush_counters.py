from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from danvan.portal import counters


class Command(BaseCommand):
    help = (
        "Ghi các lượt truy cập còn chờ của tiến trình này vào cơ sở dữ liệu và xóa người "
        "truy cập không quay lại sau một ngày. Mỗi tiến trình web tự ghi bộ đệm của mình "
        "(vài giây một lần và khi tắt); lệnh này dành cho cron (dọn bảng người truy cập) "
        "và cho mã chạy trong cùng tiến trình. Chạy nhiều lần không sao."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        written = counters.flush(prune=True)
        self.stdout.write(f"Đã ghi {written} lượt truy cập; đã dọn người truy cập cũ.")
