from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from danvan.access.system import SYSTEM
from danvan.lib import periods
from danvan.lib.text import fold
from danvan.org.models import OrgUnit
from danvan.reporting import excel
from danvan.reporting.models import ReportForm


class Command(BaseCommand):
    help = (
        "Ghi ra tệp XLSX biểu mẫu đã điền số liệu của một đơn vị và các đơn vị trực thuộc: "
        "những đơn vị hoạt động trong kỳ, thuộc cấp và loại báo cáo biểu mẫu nếu biểu mẫu "
        "có quy định. Số liệu ở mọi trạng thái (nháp, đã gửi, đã duyệt); tệp nhập lại được "
        "bằng import_data_xlsx. --org-unit nhận mã đơn vị, hoặc tên đúng, hoặc tên gõ không "
        "dấu khớp duy nhất một đơn vị. Chỉ đọc cơ sở dữ liệu; chạy lại ghi đè tệp --out."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--form", required=True, help="Mã biểu mẫu, ví dụ BC_THANG.")
        parser.add_argument(
            "--org-unit", required=True, help="Mã hoặc tên đơn vị, ví dụ HN-HM hoặc «hoang mai»."
        )
        parser.add_argument(
            "--period", required=True, help="Kỳ: 2024-03 (tháng), 2024Q1, 2024H1, 2024."
        )
        parser.add_argument("--out", required=True, help="Tệp .xlsx sẽ ghi.")
        parser.add_argument(
            "--blank", action="store_true", help="Chỉ biểu mẫu trống, không kèm số liệu."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        form = ReportForm.objects.filter(code__iexact=options["form"].strip()).first()
        if form is None:
            raise CommandError(f"Không có biểu mẫu mã «{options['form']}».")
        try:
            period = excel.period_for(form, options["period"])
        except periods.PeriodError as exc:
            raise CommandError(str(exc)) from exc
        root = find_unit(options["org_unit"])
        units = excel.template_units(user=SYSTEM, form=form, root=root, period=period)
        filled = not options["blank"]
        book = excel.build_workbook(form, units, period, filled=filled, root=root)
        out = Path(options["out"])
        if out.parent and not out.parent.is_dir():
            raise CommandError(f"Không có thư mục «{out.parent}».")
        out.write_bytes(excel.workbook_bytes(book))
        count = len(excel.stored_values(excel.input_indicators(form), units, period))
        filled_text = f", {count} giá trị" if filled else " (biểu mẫu trống)"
        self.stdout.write(
            f"Đã ghi {out}: «{form.name}», {period.label}, {root.name}: "
            f"{len(units)} đơn vị{filled_text}."
        )


def find_unit(text: str) -> OrgUnit:
    """By code, else by exact name, else the one unit whose name folds to ``text`` (or,
    failing that, contains it folded)."""
    wanted = text.strip()
    units = OrgUnit.objects.all()
    for found in (
        units.filter(code=wanted),
        units.filter(code__iexact=wanted),
        units.filter(name=wanted),
        units.filter(name_folded=fold(wanted)),
        units.filter(name_folded__contains=fold(wanted)),
    ):
        matches = list(found.order_by("path")[:6])
        if len(matches) == 1:
            return matches[0]
        if matches:
            listed = "; ".join(f"{u.name} ({u.code})" for u in matches[:5])
            more = "…" if len(matches) > 5 else ""
            raise CommandError(f"«{wanted}» khớp nhiều đơn vị: {listed}{more}. Hãy dùng mã đơn vị.")
    raise CommandError(f"Không có đơn vị mã hoặc tên «{wanted}».")
