from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from danvan.access.system import SYSTEM
from danvan.drafting.compile import (
    compile_report,
    compiled_units,
    default_issuer,
    parse_period,
)
from danvan.lib.text import fold
from danvan.org.models import OrgUnit


class Command(BaseCommand):
    help = (
        "Tổng hợp báo cáo kết quả công tác dân vận của một đơn vị và các đơn vị trực thuộc "
        "cho một kỳ, ghi ra tệp Word (.docx) theo thể thức Hướng dẫn 36-HD/VPTW (hoặc Nghị "
        "định 30/2020 nếu cơ quan ban hành dùng thể thức Nhà nước); kèm phụ lục số liệu "
        "(.xlsx) và bản PDF nếu yêu cầu. Nội dung lấy từ phần lời văn và số liệu các đơn vị "
        "đã gửi hoặc đã được duyệt; số văn bản là số xem trước trong sổ của cơ quan ban hành "
        "(chưa cấp số). --org-unit nhận mã đơn vị (HN-HM) hoặc tên đúng («Quận Hoàng Mai», "
        "không phân biệt hoa thường), hoặc tên gõ không dấu khớp duy nhất một đơn vị. Chạy "
        "dưới danh nghĩa Hệ thống; chỉ đọc cơ sở dữ liệu, chạy lại ghi đè các tệp."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--org-unit", required=True, help="Mã hoặc tên đơn vị, ví dụ HN-HM, «Quận Hoàng Mai»."
        )
        parser.add_argument(
            "--period", required=True, help="Kỳ: 2023-02 (tháng), 2023Q1, 2023H1, 2023 (năm)."
        )
        parser.add_argument("--out", required=True, help="Tệp .docx sẽ ghi.")
        parser.add_argument("--xlsx", help="Ghi thêm phụ lục số liệu vào tệp .xlsx này.")
        parser.add_argument("--pdf", help="Ghi thêm bản PDF (cần LibreOffice) vào tệp này.")
        parser.add_argument(
            "--issuer", help="Mã cơ quan ban hành (mặc định: Ban Dân vận của đơn vị)."
        )
        parser.add_argument(
            "--date", help="Ngày ghi trên văn bản, dạng 2023-03-03 (mặc định: hôm nay)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            the_period = parse_period(options["period"])
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        unit = find_unit(options["org_unit"])
        issuer = find_unit(options["issuer"]) if options.get("issuer") else default_issuer(unit)
        on = _date(options.get("date"))
        outputs = [Path(options["out"])]
        outputs += [Path(options[k]) for k in ("xlsx", "pdf") if options.get(k)]
        for path in outputs:
            if not path.parent.is_dir():
                raise CommandError(f"Không có thư mục «{path.parent}» để ghi tệp «{path.name}».")
        try:
            document = compile_report(
                user=SYSTEM, org_unit=unit, period=the_period.code, issuer=issuer, on=on
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error

        from danvan.drafting.layout import render_docx

        data = render_docx(document, issuer=issuer)
        outputs[0].write_bytes(data)
        written = [outputs[0].name]
        if options.get("xlsx"):
            from danvan.drafting.appendix import appendix_xlsx, report_reference

            xlsx = appendix_xlsx(
                user=SYSTEM,
                org_unit=unit,
                period=the_period.code,
                reference=report_reference(
                    document.heading.number_line, document.heading.place_date
                ),
            )
            Path(options["xlsx"]).write_bytes(xlsx)
            written.append(Path(options["xlsx"]).name)
        if options.get("pdf"):
            from danvan.drafting.pdf import PdfError, docx_to_pdf

            try:
                Path(options["pdf"]).write_bytes(docx_to_pdf(data))
            except PdfError as error:
                raise CommandError(str(error)) from error
            written.append(Path(options["pdf"]).name)
        units = set(compiled_units(document)) - {unit.name}
        has_figures = document.tables or any(
            b.level == 2 and b.text.startswith("1. Một số chỉ tiêu") for b in document.blocks
        )
        figures = " có số liệu" if has_figures else " chưa có số liệu"
        self.stdout.write(
            f"Đã ghi {', '.join(written)}: Báo cáo {document.subject} — {issuer.name}, "
            f"{document.heading.number_line.strip()}; tổng hợp từ {len(units)} đơn vị,"
            f"{figures}."
        )


def _date(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise CommandError(f"Ngày «{text}» không hợp lệ: ghi dạng 2023-03-03.") from None


def _same(a: str, b: str) -> bool:
    normal = lambda s: unicodedata.normalize("NFC", " ".join(s.split())).casefold()  # noqa: E731
    return normal(a) == normal(b)


def find_unit(text: str) -> OrgUnit:
    """By code, else by exact name (case ignored), else the one unit whose name folds to
    ``text`` (marks and đ ignored). Several matches: refused, naming them with their codes."""
    wanted = (text or "").strip()
    if not wanted:
        raise CommandError("Chưa ghi đơn vị (--org-unit): ghi mã hoặc tên đơn vị.")
    units = OrgUnit.objects.order_by("path")
    by_code = list(units.filter(code__iexact=wanted)[:2])
    if len(by_code) == 1:
        return by_code[0]
    folded = list(units.filter(name_folded=fold(wanted))[:20])
    exact = [u for u in folded if _same(u.name, wanted)]
    for matches in (exact, folded):
        if len(matches) == 1:
            return matches[0]
        if matches:
            listed = "; ".join(f"{u.name} ({u.code})" for u in matches[:5])
            raise CommandError(
                f"«{wanted}» khớp nhiều đơn vị: {listed}. Hãy ghi mã đơn vị (--org-unit HN-HM)."
            )
    raise CommandError(
        f"Không tìm thấy đơn vị «{wanted}»: ghi mã đơn vị (ví dụ HN-HM) hoặc tên đúng "
        "(ví dụ «Quận Hoàng Mai»)."
    )
