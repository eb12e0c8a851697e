"""manage.py import_unit_report: the proposal as JSON, and --commit into the draft report
(the same file again writes nothing)."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from danvan.reporting.catalog import ensure_catalog
from danvan.reporting.models import DataValue, Report
from danvan.textimport.models import ReportImport
from tests.textimport.report_docx import report_docx


@pytest.fixture
def report_file(tmp_path: Path, tree: Any, reporting_clock: Any) -> Path:
    ensure_catalog()
    reporting_clock(dt.date(2026, 11, 29))
    path = tmp_path / "bao-cao-thang-11.docx"
    path.write_bytes(report_docx())
    return path


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("import_unit_report", *args, stdout=out)
    return out.getvalue()


def test_json_is_one_object_and_writes_nothing(report_file: Path, tree: Any) -> None:
    proposal = json.loads(_run(str(report_file), "--org-unit", tree.dinh_cong.code, "--json"))
    assert (proposal["period"], proposal["form"]) == ("2026-11", "BC_THANG")
    figures = {f["indicator"]: f for f in proposal["figures"]}
    assert figures["QUA_SUAT"]["flag"] == "Số liệu trong lời văn (318) khác bảng (316)"
    texts = {s["code"]: s["text"] for s in proposal["sections"]}
    assert texts["phuong_huong"].startswith("Tiếp tục")
    assert not ReportImport.objects.exists() and not Report.objects.exists()


def test_commit_writes_the_draft_report_once(report_file: Path, tree: Any, cast: Any) -> None:
    args = [str(report_file), "--org-unit", tree.dinh_cong.code, "--commit", "--as", "reporter"]
    said = _run(*args)
    assert said.startswith("Đã ghi 5 mục lời văn"), said
    report = Report.objects.get(org_unit=tree.dinh_cong, period="2026-11")
    assert report.narrative["tinh_hinh"].startswith("Nhân dân trong phường")
    stored = DataValue.objects.get(indicator__code="QUA_SUAT", org_unit=tree.dinh_cong)
    assert stored.value == 316
    assert ReportImport.objects.get().status == ReportImport.Status.ACCEPTED
    again = _run(*args)
    assert "đã nhập trước đó" in again
    assert ReportImport.objects.count() == 1


def test_commit_needs_a_user_who_may_enter(report_file: Path, tree: Any, cast: Any) -> None:
    with pytest.raises(CommandError, match="--as"):
        _run(str(report_file), "--org-unit", tree.dinh_cong.code, "--commit")
    with pytest.raises(CommandError, match="không có quyền"):
        _run(str(report_file), "--org-unit", tree.buoi.code, "--commit", "--as", "reporter")
    assert not Report.objects.exists()


def test_a_bad_file_is_a_command_error(tmp_path: Path, tree: Any) -> None:
    bad = tmp_path / "bao-cao.docx"
    bad.write_bytes(b"not a word file")
    with pytest.raises(CommandError, match=r"«bao-cao\.docx»"):
        _run(str(bad), "--org-unit", tree.dinh_cong.code, "--json")
