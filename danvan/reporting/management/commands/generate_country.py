from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.lib.numbers import format_number
from danvan.reporting import synthetic_country as country


class Command(BaseCommand):
    help = (
        "Sinh dữ liệu thử cấp quốc gia để đo hiệu năng: «Việt Nam (dữ liệu thử)» (mã QGT), "
        "34 tỉnh với 3.321 xã sau sắp xếp 2025, mỗi xã 8 tổ chức báo cáo hằng tháng 40 chỉ "
        "tiêu SYN_01…SYN_40 (mặc định 24 tháng đến tháng đủ gần nhất ≈ 25 triệu số liệu, đã "
        "duyệt); tổ chức của mỗi xã thứ mười gửi thêm báo cáo 6 tháng. Ghi nhanh, không qua "
        "nhật ký: COPY trên PostgreSQL (chỉ mục phụ dựng lại sau, một giao dịch). Chạy lại "
        "chỉ thêm phần còn thiếu (thêm tháng khi --months lớn hơn); --reset xóa và sinh lại. "
        "Tiến độ in ra stderr."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--months", type=int, default=24, help="số tháng (mặc định 24)")
        parser.add_argument(
            "--provinces", type=int, default=len(country.PROVINCES), help="số tỉnh (mặc định 34)"
        )
        parser.add_argument("--communes", type=int, help="tối đa số xã mỗi tỉnh (bộ nhỏ)")
        parser.add_argument("--indicators", type=int, default=40, help="số chỉ tiêu (mặc định 40)")
        parser.add_argument("--reset", action="store_true", help="xóa dữ liệu thử cũ trước")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            plan = country.Plan(
                months=options["months"],
                provinces=options["provinces"],
                communes=options["communes"],
                indicators=options["indicators"],
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc

        def progress(message: str) -> None:
            if options["verbosity"] > 0:
                self.stderr.write(message)

        if options["reset"]:
            country.reset(progress)
        result = country.generate(plan, progress)
        held = country.counts()
        n = format_number
        rate = result.values / result.copy_seconds if result.copy_seconds else 0
        self.stdout.write(
            f"Xong trong {n(result.seconds, 1)} giây: thêm {n(result.units)} đơn vị, "
            f"{n(result.values)} số liệu ({n(rate, 0)} số liệu/giây khi ghi), "
            f"{n(result.reports)} báo cáo. {country.COUNTRY_NAME} hiện có {n(held['units'])} "
            f"đơn vị, {n(held['values'])} số liệu, {n(held['reports'])} báo cáo."
        )
