"""``manage.py compile_report``: the DOCX an officer signs, opened with python-docx, and the
refusals of an unknown unit or period (non-zero exit, a Vietnamese message)."""

from __future__ import annotations

import re
from io import BytesIO, StringIO
from pathlib import Path
from typing import Any

import docx
import pytest
from django.core.management import call_command, execute_from_command_line
from django.core.management.base import CommandError
from docx.oxml.ns import qn
from openpyxl import load_workbook

from tests.demo_db import Demo
from tests.drafting.conftest import District

NUMBER_LINE = re.compile(r"^Số\s+\S*-BC/\S+$")
DATE_LINE = re.compile(r"ngày \d{2} tháng \d{1,2} năm \d{4}")


def _run(*args: str) -> str:
    out = StringIO()
    call_command("compile_report", *args, stdout=out)
    return out.getvalue()


def _paragraphs(document: Any) -> list[Any]:
    """Every paragraph of the body, table cells (the heading is a table) included."""
    body = document.element.body
    return [docx.text.paragraph.Paragraph(p, document) for p in body.iter(qn("w:p"))]


def _text(path: Path) -> tuple[Any, list[str]]:
    document = docx.Document(BytesIO(path.read_bytes()))
    return document, [p.text for p in _paragraphs(document)]


def _fonts(document: Any) -> set[str | None]:
    """The font of every run, as Word resolves it (its own, else the Normal style's)."""
    default = document.styles["Normal"].font.name
    found = set()
    for run in document.element.body.iter(qn("w:r")):
        if not run.findall(qn("w:t")):
            continue
        props = run.find(qn("w:rPr"))
        fonts = props.find(qn("w:rFonts")) if props is not None else None
        found.add(fonts.get(qn("w:ascii")) if fonts is not None else default)
    return found


def assert_signable_report(path: Path) -> list[str]:
    """The acceptance of issue 5 on one DOCX; returns its paragraphs' texts."""
    document, texts = _text(path)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in texts
    assert "BÁO CÁO" in texts
    assert any(NUMBER_LINE.match(t.strip()) for t in texts), texts[:12]
    dated = [
        run
        for p in _paragraphs(document)
        for run in p.runs
        if DATE_LINE.search(run.text) and run.italic
    ]
    assert dated, "no italic 'ngày … tháng … năm …' run"
    assert _fonts(document) == {"Times New Roman"}
    return texts


def test_writes_the_report_of_the_district(district: District, tmp_path: Path) -> None:
    out = tmp_path / "bao-cao.docx"
    summary = _run("--org-unit", "Quận Hoàng Mai", "--period", "2023-02", "--out", str(out))
    assert summary.count("\n") == 1
    assert summary.startswith("Đã ghi bao-cao.docx: Báo cáo kết quả công tác dân vận tháng 2/2023")
    assert "Ban Dân vận Quận ủy Hoàng Mai, Số 01-BC/BDVQU" in summary
    texts = assert_signable_report(out)
    assert "Số 01-BC/BDVQU" in texts
    assert "Hoàng Mai, ngày 03 tháng 3 năm 2023" in texts
    assert "BAN DÂN VẬN" in texts and "QUẬN ỦY HOÀNG MAI" in texts
    body = "\n".join(texts)
    assert "tiếp 117 lượt công dân" in body
    assert "đã giải quyết 8/24 đơn đề nghị, kiến nghị, đạt 33,3%" in body
    assert "9.081 suất quà với tổng số tiền 2.811,7 triệu đồng" in body
    assert "5.573 hội viên (tăng 1,3% so với tháng trước, tăng 12,6% so với cùng kỳ năm trước)" in (
        body
    )
    assert "Phường Đại Kim đề nghị Quận hỗ trợ kinh phí sửa chữa nhà văn hóa tổ dân phố." in body
    assert "- Thường trực Quận ủy," in texts
    # The table's total row holds the district's sums.
    assert {"Tổng cộng", "9.081", "2.811,7", "5.573", "117"} <= set(texts)


def test_by_code_with_a_date_an_issuer_and_the_appendix(district: District, tmp_path: Path) -> None:
    out, xlsx = tmp_path / "r.docx", tmp_path / "r.xlsx"
    _run(
        "--org-unit",
        "hn-hm",
        "--period",
        "2023-02",
        "--out",
        str(out),
        "--xlsx",
        str(xlsx),
        "--issuer",
        "HN-HM-CU",
        "--date",
        "2023-02-03",
    )
    texts = assert_signable_report(out)
    assert "QUẬN ỦY HOÀNG MAI" in texts
    assert "Hoàng Mai, ngày 03 tháng 02 năm 2023" in texts
    book = load_workbook(xlsx)
    assert book.sheetnames == ["Theo đơn vị", "So sánh"]


def test_a_name_typed_without_marks_finds_the_one_unit(district: District, tmp_path: Path) -> None:
    out = tmp_path / "r.docx"
    summary = _run("--org-unit", "quan hoang mai", "--period", "2023-02", "--out", str(out))
    assert "Ban Dân vận Quận ủy Hoàng Mai" in summary and out.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--org-unit", "Quận Không Có", "--period", "2023-02"], "Không tìm thấy đơn vị"),
        (["--org-unit", "Quận Hoàng Mai", "--period", "2023-13"], "Kỳ báo cáo «2023-13»"),
        (["--org-unit", "Quận Hoàng Mai", "--period", "tháng hai"], "không hợp lệ"),
        (
            ["--org-unit", "Quận Hoàng Mai", "--period", "2023-02", "--date", "03/02/2023"],
            "Ngày «03/02/2023» không hợp lệ",
        ),
    ],
)
def test_unknown_unit_or_period_is_refused(
    district: District, tmp_path: Path, args: list[str], message: str
) -> None:
    out = tmp_path / "r.docx"
    with pytest.raises(CommandError, match=message):
        _run(*args, "--out", str(out))
    assert not out.exists()


def test_the_refusal_exits_non_zero_with_the_message(
    district: District, tmp_path: Path, capsys: Any
) -> None:
    argv = ["manage.py", "compile_report", "--org-unit", "XYZ", "--period", "2023-02"]
    with pytest.raises(SystemExit) as stopped:
        execute_from_command_line([*argv, "--out", str(tmp_path / "r.docx")])
    assert stopped.value.code == 1
    assert "Không tìm thấy đơn vị «XYZ»" in capsys.readouterr().err


def test_two_units_of_the_same_name_are_named_with_their_codes(
    district: District, tmp_path: Path
) -> None:
    from tests.factories import OrgUnitFactory

    OrgUnitFactory(
        name="Phường Định Công",
        code="HN-DINHCONG",
        parent=district.tree.hanoi,
        level=district.dinh_cong.level,
        kind=district.dinh_cong.kind,
    )
    with pytest.raises(CommandError, match=r"HN-HM-DINHCONG.*HN-DINHCONG|HN-DINHCONG.*HN-HM"):
        _run("--org-unit", "Phường Định Công", "--period", "2023-02", "--out", str(tmp_path / "r"))


@pytest.mark.slow
def test_acceptance_on_the_demo_data(demo: Demo, tmp_path: Path) -> None:
    """Issue 5: compile_report for Quận Hoàng Mai and a demo period writes a DOCX whose
    text holds the Party heading, BÁO CÁO, a Số …-BC/… line, an italic date, the
    period's figures, all in Times New Roman."""
    from danvan.access.system import SYSTEM
    from danvan.documents.models import IssuerNumbering
    from danvan.drafting import synthesis
    from danvan.drafting.compile import compile_report, compiled_units
    from danvan.org.models import OrgUnit

    numbering = {
        n.org_unit.code: (n.style, n.issuer_code, n.place_name)
        for n in IssuerNumbering.objects.select_related("org_unit")
    }
    # No place set: the date line names each issuer's seat (issue 18 §6).
    assert numbering["HN-HM-BDV"] == ("party", "BDVQU", "")
    assert numbering["NB-TD-BDV"] == ("party", "BDVThU", "")
    assert numbering["HN-DINHCONG"] == ("state", "UBND", "")
    assert numbering["HN-DINHCONG-MTTQ"] == ("front", "MTTQ-BTT", "")
    hoang_mai = OrgUnit.objects.get(code="HN-HM")
    for period in ("2023-02", "2023H1"):
        out = tmp_path / f"{period}.docx"
        _run("--org-unit", "Quận Hoàng Mai", "--period", period, "--out", str(out))
        texts = assert_signable_report(out)
        assert "Số 01-BC/BDVQU" in texts
        lines = [t.strip() for t in texts]
        assert any(t.startswith("Hoàng Mai, ngày ") for t in lines)
        assert "QUẬN ỦY HOÀNG MAI" in lines and "BAN DÂN VẬN" in lines
        document = compile_report(user=SYSTEM, org_unit=hoang_mai, period=period)
        (table,) = document.tables
        assert len(table.rows) == 14  # the 14 phường
        assert table.total is not None
        for figure in table.total[2:5]:
            assert figure and figure in texts
        assert len(compiled_units(document)) >= 14
        # Issue 18: signed as it is: no sentence twice, no stock line, and the
        # six-month report's directions are for the next six months.
        sentences = [
            s for b in document.blocks if b.level == 0 for s in synthesis.sentences(b.text)
        ]
        assert len(sentences) == len(set(sentences))
        assert "chưa báo cáo nội dung này" not in "\n".join(texts)
        if period == "2023H1":
            start = next(n for n, t in enumerate(texts) if t.startswith("IV."))
            end = next(n for n, t in enumerate(texts) if t.startswith("V."))
            directions = " ".join(texts[start + 1 : end])
            assert "6 tháng cuối năm 2023" in directions
            assert "tháng 3" not in directions
        figures = next(b.text for b in document.blocks if b.text.startswith("Trong "))
        assert "lượt công dân" in figures and "suất quà" in figures


def test_a_ward_with_figures_but_no_units_below_says_it_has_figures(
    district: District, tmp_path: Path
) -> None:
    from tests.drafting.conftest import send_report

    send_report(district.dai_kim, "2023-05", figures={"TIEP_CONG_DAN": 12})
    out = tmp_path / "w.docx"
    summary = _run(
        "--org-unit",
        district.dai_kim.code,
        "--issuer",
        district.dai_kim.code,
        "--period",
        "2023-05",
        "--out",
        str(out),
    )
    assert summary.rstrip().endswith("có số liệu.") and "chưa có số liệu" not in summary
    assert any("12 lượt" in t for t in _text(out)[1])
