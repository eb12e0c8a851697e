from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.lib.numbers import format_number
from danvan.reporting import synthetic


class Command(BaseCommand):
    help = (
        "Sinh dữ liệu thử để đo hiệu năng: tỉnh «Tỉnh Tổng hợp (dữ liệu thử)» (mã SYN) với "
        "các xã, mỗi xã 8 tổ chức báo cáo hằng tháng các chỉ tiêu SYN_01…SYN_NN (mặc định "
        "130 xã × 40 chỉ tiêu × 120 tháng đến 12/2025 ≈ 5 triệu số liệu, đã duyệt). Ghi "
        "nhanh, không qua nhật ký: COPY trên PostgreSQL, bulk_create trên SQLite; mỗi tháng "
        "một giao dịch. Chạy lại không thêm gì: chỉ tạo phần còn thiếu (chạy tiếp được nếu "
        "lần trước bị ngắt). Tiến độ in ra stderr."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--communes", type=int, help=f"số xã (mặc định {synthetic.FULL['communes']})"
        )
        parser.add_argument(
            "--months", type=int, help=f"số tháng đến 12/2025 (mặc định {synthetic.FULL['months']})"
        )
        parser.add_argument(
            "--indicators",
            type=int,
            help=f"số chỉ tiêu SYN_01… (mặc định {synthetic.FULL['indicators']})",
        )
        parser.add_argument(
            "--small",
            action="store_true",
            help="bộ nhỏ: {communes} xã × {months} tháng × {indicators} chỉ tiêu (các tùy chọn "
            "trên vẫn ghi đè được)".format(**synthetic.SMALL),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        sizes = dict(synthetic.SMALL if options["small"] else synthetic.FULL)
        for name in sizes:
            if options[name] is not None:
                sizes[name] = options[name]
        try:
            plan = synthetic.Plan(**sizes)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc

        def progress(message: str) -> None:
            if options["verbosity"] > 0:
                self.stderr.write(message)

        result = synthetic.generate(plan, progress)
        held = synthetic.counts()
        n = format_number
        self.stdout.write(
            f"Xong trong {n(result.seconds, 1)} giây: thêm {n(result.units)} đơn vị, "
            f"{n(result.indicators)} chỉ tiêu, {n(result.values)} số liệu, "
            f"{n(result.reports)} báo cáo. Tỉnh SYN hiện có {n(held['units'])} đơn vị, "
            f"{n(held['values'])} số liệu, {n(held['reports'])} báo cáo."
        )
