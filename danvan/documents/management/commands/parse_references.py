from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand

from danvan.lib.references import find_references


class Command(BaseCommand):
    help = (
        "Đọc văn bản từ đầu vào chuẩn (stdin) và in mỗi tham chiếu văn bản tìm thấy thành "
        "một dòng JSON: raw, type (tên loại đầy đủ), number, symbol (ký hiệu loại), issuer "
        "(cơ quan ban hành như được viết, hoặc mã trong ký hiệu), issuer_code, date (ISO hoặc "
        "null). Nhận các dạng Đảng (138-KH/QU), Nhà nước (Số: 12/QĐ-UBND), Mặt trận "
        "(249/MTTQ-BTT) và dạng chỉ có loại và số (Quyết định 217, 218 của Bộ Chính trị)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        text = sys.stdin.read()
        for reference in find_references(text):
            self.stdout.write(json.dumps(reference.as_dict(), ensure_ascii=False))
