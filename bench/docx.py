"""The compiled six-month report of a large district, timed.

    make bench-docx    # this alone
    make bench         # after bench/run.py

Runs in its own SQLite database under bench/out/docx/ (DANVAN_VAR_DIR, as bench/run.py's
children do). The first run builds, through the ordinary services, "Quận Thử Văn Bản"
(code BDOCX): a Ban Dân vận that numbers the Party way, and 15 phường × 8 organisations,
each with its approved six-month report 2023H1 on the standard form BC_6THANG (a few
paragraphs in every narrative section, and figures). Later runs find it and add nothing.

Then it times, over N runs (p50, p95, in ms):

- ``compile_report`` + ``render_docx`` of the district's 2023H1 report: the figure the
  issue sets a target for (≤ 2 s), printed next to it;
- each of the two on its own, the DOCX size;
- ``appendix_xlsx`` (the XLSX appendix);
- the PDF conversion (LibreOffice), a few runs, when ``soffice`` is installed.

No assertion: this prints, the reader judges.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# This file is named like python-docx's package: keep bench/ itself off the import path
# (Python puts the script's folder first), or ``import docx`` would find this script.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))

from bench.run import percentile, timed  # noqa: E402  (the dashboard bench's timers)

OUT = ROOT / "bench" / "out" / "docx"
DISTRICT_CODE = "BDOCX"
DISTRICT_NAME = "Quận Thử Văn Bản"
PERIOD = "2023H1"
WARDS = 15
TARGET_MS = 2000.0
# (code suffix, organisation kind, name): the eight organisations of every phường.
ORGANISATIONS = [
    ("DV", "ban-dan-van", "Ban Dân vận Đảng ủy {place}"),
    ("MTTQ", "mttq", "Ủy ban MTTQ {place}"),
    ("CCB", "ccb", "Hội Cựu chiến binh {place}"),
    ("LHPN", "lhpn", "Hội Liên hiệp Phụ nữ {place}"),
    ("DTN", "dtn", "Đoàn Thanh niên {place}"),
    ("HND", "hnd", "Hội Nông dân {place}"),
    ("CTD", "ctd", "Hội Chữ thập đỏ {place}"),
    ("NCT", "nct", "Hội Người cao tuổi {place}"),
]
WARD_NAMES = [
    "Phường An Bình",
    "Phường Bình Minh",
    "Phường Cẩm Thành",
    "Phường Đông Hòa",
    "Phường Gia Lộc",
    "Phường Hòa Phú",
    "Phường Khánh Hội",
    "Phường Long Biên Thử",
    "Phường Minh Khai Thử",
    "Phường Nghĩa Tân Thử",
    "Phường Phú Lãm",
    "Phường Quang Trung Thử",
    "Phường Tân Mai Thử",
    "Phường Thịnh Liệt Thử",
    "Phường Yên Sở Thử",
]
PARAGRAPHS = {
    "tinh_hinh": [
        "Tình hình chính trị, an ninh trật tự trên địa bàn {place} ổn định; Nhân dân phấn "
        "khởi, tin tưởng vào sự lãnh đạo của Đảng, sự quản lý điều hành của chính quyền.",
        "Một số hộ dân còn băn khoăn về tiến độ giải phóng mặt bằng, chỉnh trang đô thị và "
        "giá cả một số mặt hàng thiết yếu tăng trong dịp đầu năm.",
    ],
    "ket_qua": [
        "{org} đã chủ động tham mưu cấp ủy lãnh đạo, chỉ đạo triển khai các chương trình, kế "
        "hoạch công tác dân vận năm 2023; phối hợp tổ chức các hoạt động chăm lo Tết cho hộ "
        "nghèo, gia đình chính sách.",
        "Tiếp tục đẩy mạnh phong trào thi đua «Dân vận khéo», đăng ký xây dựng mô hình mới "
        "gắn với nhiệm vụ phát triển kinh tế - xã hội, bảo đảm an sinh xã hội ở khu dân cư.",
        "Công tác tiếp công dân, tiếp nhận và giải quyết đơn thư được thực hiện đúng quy "
        "định; các kiến nghị của cử tri được tổng hợp, chuyển cơ quan có thẩm quyền.",
    ],
    "danh_gia": [
        "Ưu điểm: công tác phối hợp giữa các tổ chức trong hệ thống chính trị chặt chẽ hơn. "
        "Hạn chế: một số mô hình chưa được nhân rộng, việc nắm tình hình có lúc chưa kịp thời.",
    ],
    "phuong_huong": [
        "Tiếp tục nắm chắc tình hình Nhân dân, kịp thời tham mưu giải quyết những vấn đề "
        "bức xúc, phát sinh ngay từ cơ sở; tổ chức sơ kết các mô hình «Dân vận khéo».",
        "Chuẩn bị tốt các điều kiện tổ chức hội nghị đối thoại giữa người đứng đầu cấp ủy, "
        "chính quyền với Nhân dân trong 6 tháng cuối năm.",
    ],
    "kien_nghi": [
        "Đề nghị cấp trên quan tâm bố trí kinh phí hỗ trợ hoạt động của các mô hình dân vận "
        "khéo ở khu dân cư.",
    ],
}


def _child_env() -> None:
    """Point Django at the bench's own SQLite database before it is imported."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "danvan.settings"
    os.environ.setdefault("DEBUG", "1")
    os.environ.pop("DANVAN_TESTING", None)
    os.environ.pop("DATABASE_URL", None)
    os.environ["DANVAN_VAR_DIR"] = str(OUT)
    os.environ["MEDIA_ROOT"] = str(OUT / "media")


# --- the district -------------------------------------------------------------------------


def ensure_district(say: Callable[[str], None]) -> Any:
    """The district, its board with numbering, 15 phường × 8 organisations with their
    approved 2023H1 reports (idempotent: what exists is kept)."""
    import datetime as dt

    from danvan.access.system import SYSTEM
    from danvan.demo.loader import DemoLoader
    from danvan.documents.models import IssuerNumbering
    from danvan.documents.services import numbering_configure
    from danvan.org.models import OrganisationKind, OrgLevel, OrgUnit, UnitKind
    from danvan.org.services import org_unit_create
    from danvan.reporting.catalog import ensure_catalog
    from danvan.reporting.models import Report, ReportForm, Status

    DemoLoader(lambda _: None).load_lookups()
    ensure_catalog()
    levels = {row.code: row for row in OrgLevel.objects.all()}
    kinds = {row.code: row for row in UnitKind.objects.all()}
    organisation_kinds = {row.code: row for row in OrganisationKind.objects.all()}

    def unit(code: str, **fields: Any) -> Any:
        found = OrgUnit.objects.filter(code=code).first()
        return found or org_unit_create(actor=SYSTEM, code=code, **fields)

    district = unit(
        DISTRICT_CODE,
        parent=OrgUnit.objects.filter(code="VN").first(),
        name=DISTRICT_NAME,
        level=levels["huyen"],
        kind=kinds["quan"],
        note="Dữ liệu thử của bench/docx.py; không có thật.",
    )
    board = unit(
        f"{DISTRICT_CODE}-BDV",
        parent=district,
        name="Ban Dân vận Quận ủy Thử Văn Bản",
        level=levels["huyen"],
        kind=kinds["co-quan"],
        organisation_kind=organisation_kinds["ban-dan-van"],
    )
    if not IssuerNumbering.objects.filter(org_unit=board).exists():
        numbering_configure(
            actor=SYSTEM,
            org_unit=board,
            style="party",
            issuer_code="BDVQU",
            term_label="2020-2025",
            term_started_on=dt.date(2020, 10, 1),
            place_name="Hà Nội",
        )
    form = ReportForm.objects.get(code="BC_6THANG")
    organisations = []
    for number, ward_name in enumerate(WARD_NAMES[:WARDS], start=1):
        ward = unit(
            f"{DISTRICT_CODE}-P{number:02d}",
            parent=district,
            name=ward_name,
            level=levels["xa"],
            kind=kinds["phuong"],
        )
        place = ward_name[0].lower() + ward_name[1:]
        for suffix, organisation_kind, template in ORGANISATIONS:
            organisations.append(
                unit(
                    f"{ward.code}-{suffix}",
                    parent=ward,
                    name=template.format(place=place),
                    level=levels["xa"],
                    kind=kinds["co-quan"],
                    organisation_kind=organisation_kinds[organisation_kind],
                )
            )
    done = set(
        Report.objects.filter(
            form=form, period=PERIOD, status=Status.APPROVED, org_unit__in=organisations
        ).values_list("org_unit_id", flat=True)
    )
    todo = [o for o in organisations if o.pk not in done]
    if todo:
        say(f"Tạo {len(todo)} báo cáo {PERIOD} (đã có {len(done)})…")
        tick = time.monotonic()
        for index, organisation in enumerate(todo, start=1):
            _report(form, organisation, index)
            if index % 20 == 0:
                say(f"  {index}/{len(todo)}")
        say(f"  xong trong {time.monotonic() - tick:.1f} s")
    return district


def _report(form: Any, organisation: Any, seed: int) -> None:
    from danvan.access.system import SYSTEM
    from danvan.reporting.services import (
        data_values_save,
        report_approve,
        report_save_narrative,
        report_submit,
    )

    received = 10 + seed % 17
    voters = 3000 + (seed * 101) % 4000
    values = {
        "TIEP_CONG_DAN": 30 + (seed * 7) % 90,
        "DON_NHAN": received,
        "DON_GIAI_QUYET": received - seed % 5,
        "HOI_VIEN": 200 + (seed * 37) % 900,
        "CHI_HOI": 5 + seed % 12,
        "QUA_SUAT": 20 + (seed * 11) % 150,
        "QUA_GIA_TRI": f"{(20 + (seed * 11) % 150) * 0.5:.1f}",
        "CU_TRI": voters,
        "CU_TRI_DI_BAU": voters - 40 - seed % 60,
        "MO_HINH_DVK": 1 + seed % 3,
    }
    place = organisation.parent.name
    narrative = {
        code: "\n".join(
            p.format(place=place[0].lower() + place[1:], org=organisation.name) for p in texts
        )
        for code, texts in PARAGRAPHS.items()
    }
    data_values_save(actor=SYSTEM, org_unit=organisation, period=PERIOD, values=values, form=form)
    report_save_narrative(
        actor=SYSTEM, form=form, org_unit=organisation, period=PERIOD, narrative=narrative
    )
    report_submit(actor=SYSTEM, form=form, org_unit=organisation, period=PERIOD)
    report_approve(actor=SYSTEM, form=form, org_unit=organisation, period=PERIOD)


# --- measurements --------------------------------------------------------------------------


def _ms(value: float) -> str:
    from danvan.lib.numbers import format_number

    return format_number(value, 0 if value >= 100 else 1)


# --- the text's quality (issue 18 §7) ------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+")


def _sentences(text: str) -> list[str]:
    return [
        " ".join(part.split()).lower()
        for part in _SENTENCE_END.split(text)
        if len(part.strip()) > 20
    ]


def _distinct(sentences: list[str]) -> float:
    counts = Counter(sentences)
    return sum(1 for s in sentences if counts[s] == 1) / len(sentences) if sentences else 1.0


def _pages(pdf: bytes) -> int | None:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf)) if pdf else None


def quality(document: Any, narratives: list[str], pdf: bytes) -> list[tuple[str, str, str]]:
    """(measure, the report as compiled, the units' texts one after another) — the naive
    way is what the compiled report was before: every unit's paragraphs in turn."""
    from danvan.lib.numbers import format_number

    body = [b for b in document.blocks if b.text.strip()]
    said = [(s, b) for b in body if b.level == 0 for s in _sentences(b.text)]
    traced = sum(1 for _, b in said if b.source or b.sources or b.link)
    naive = [s for text in narratives for s in _sentences(text)]
    naive_paragraphs = sum(1 for text in narratives for line in text.splitlines() if line.strip())
    pages = _pages(pdf)
    ratio = _distinct([s for s, _ in said])
    stated, matching = _figures_against_table(document)
    return [
        ("trang (PDF, cả phụ lục bảng)", "—" if pages is None else str(pages), "—"),
        ("đoạn", str(len(body)), str(naive_paragraphs)),
        ("câu", str(len(said)), str(len(naive))),
        (
            "tỷ lệ câu không lặp (≥ 0,95)",
            format_number(ratio, 3) + (" đạt" if ratio >= 0.95 else " CHƯA ĐẠT"),
            format_number(_distinct(naive), 3),
        ),
        (
            "câu truy được nguồn",
            format_number(traced / len(said) if said else 1.0, 3),
            "—",
        ),
        (
            "số liệu trong lời văn khớp bảng",
            f"{matching}/{stated}" + (" đạt" if matching == stated else " CHƯA ĐẠT"),
            "—",
        ),
    ]


_FIGURE = re.compile(r"(?<![\d/.,])(\d{1,3}(?:\.\d{3})*(?:,\d+)?)(?![\d/]|,\d|%| năm| tháng)")


def _figures_against_table(document: Any) -> tuple[int, int]:
    """(figures stated in the prose of «Một số chỉ tiêu», how many are a total of the
    table): the counts written as words must be the table's own numbers. Ratios
    ("209/318") are checked by both sides, percentages and years are left out."""
    if not document.tables or document.tables[0].total is None:
        return 0, 0
    totals = {cell for cell in document.tables[0].total if cell}
    in_figures = False
    stated = matching = 0
    for block in document.blocks:
        if block.level in (1, 2):
            in_figures = block.text.startswith("1. Một số chỉ tiêu")
            continue
        if not in_figures or block.level != 0:
            continue
        text = re.sub(r"(\d+(?:\.\d{3})*)/(\d+(?:\.\d{3})*)", r"\1 \2", block.text)
        for number in _FIGURE.findall(re.sub(r"\d+(?:,\d+)?%", "", text)):
            stated += 1
            matching += number in totals
    return stated, matching


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="số lần đo DOCX, XLSX")
    parser.add_argument("--pdf-runs", type=int, default=3, help="số lần đo PDF")
    parser.add_argument("--keep", help="ghi tệp DOCX (và PDF) của lần đo cuối ra thư mục này")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    _child_env()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.DEBUG = False  # no query log while timing

    from danvan.access.system import SYSTEM
    from danvan.drafting.appendix import appendix_xlsx
    from danvan.drafting.compile import compile_report
    from danvan.drafting.layout import render_docx
    from danvan.drafting.pdf import docx_to_pdf, pdf_available
    from danvan.lib.numbers import format_number
    from danvan.org.models import OrgUnit
    from danvan.reporting.models import Report

    def say(message: str) -> None:
        print(message, flush=True)

    started = time.monotonic()
    call_command("migrate", verbosity=0)
    district = ensure_district(say)
    units = OrgUnit.objects.filter(path__startswith=district.path).count()
    reports = Report.objects.filter(org_unit__path__startswith=district.path, period=PERIOD).count()
    where = os.path.relpath(settings.DATABASES["default"]["NAME"], ROOT)
    print(
        f"\n== Báo cáo 6 tháng {PERIOD} của {DISTRICT_NAME} ({where}): {WARDS} phường × "
        f"{len(ORGANISATIONS)} tổ chức, {units} đơn vị, {reports} báo cáo =="
    )

    def compile_only() -> Any:
        return compile_report(user=SYSTEM, org_unit=district, period=PERIOD)

    document = compile_only()  # warm the caches once
    render_docx(document)

    def both() -> bytes:
        return render_docx(compile_only())

    rows: list[tuple[str, list[float], str]] = []
    times, docx = timed(both, args.runs)
    target = "đạt" if statistics.median(times) <= TARGET_MS else "CHƯA ĐẠT"
    rows.append(
        (
            "compile_report + render_docx",
            times,
            f"mục tiêu ≤ {format_number(TARGET_MS)} ms: {target}",
        )
    )
    times, document = timed(compile_only, args.runs)
    rows.append(("  riêng compile_report", times, f"{len(document.blocks)} đoạn"))
    times, _ = timed(lambda: render_docx(document), args.runs)
    rows.append(("  riêng render_docx", times, f"DOCX {format_number(len(docx) / 1024, 1)} KB"))
    times, xlsx = timed(
        lambda: appendix_xlsx(user=SYSTEM, org_unit=district, period=PERIOD), args.runs
    )
    rows.append(("appendix_xlsx (phụ lục)", times, f"XLSX {format_number(len(xlsx) / 1024, 1)} KB"))
    available, reason = pdf_available()
    pdf = b""
    if available and args.pdf_runs > 0:
        times, pdf = timed(lambda: docx_to_pdf(docx), args.pdf_runs)
        rows.append(
            ("docx_to_pdf (LibreOffice)", times, f"PDF {format_number(len(pdf) / 1024, 1)} KB")
        )

    print(f"{'bước':<32} | {'lần':>4} | {'p50 ms':>9} | {'p95 ms':>9} | ghi chú")
    print("-" * 90)
    for name, values, note in rows:
        print(
            f"{name:<32} | {len(values):>4} | {_ms(statistics.median(values)):>9} | "
            f"{_ms(percentile(values, 95)):>9} | {note}"
        )
    if not available:
        print(f"PDF: không đo — {reason}")
    texts = [
        "\n".join(str(v) for v in (report.narrative or {}).values() if v)
        for report in Report.objects.filter(
            org_unit__path__startswith=district.path, period=PERIOD
        ).exclude(org_unit=district)
    ]
    print(f"\n{'văn bản':<32} | {'báo cáo tổng hợp':>18} | {'ghép nối từng đơn vị':>22}")
    print("-" * 80)
    for name, compiled, naive in quality(compile_only(), texts, pdf):
        print(f"{name:<32} | {compiled:>18} | {naive:>22}")
    if args.keep:
        keep = Path(args.keep)
        keep.mkdir(parents=True, exist_ok=True)
        (keep / f"bao-cao-{PERIOD}.docx").write_bytes(docx)
        (keep / f"phu-luc-{PERIOD}.xlsx").write_bytes(xlsx)
        if pdf:
            (keep / f"bao-cao-{PERIOD}.pdf").write_bytes(pdf)
        print(f"Đã ghi các tệp vào {keep}")
    print(f"\nTổng thời gian bench DOCX: {format_number(time.monotonic() - started, 1)} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
