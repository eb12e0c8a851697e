"""PDF through LibreOffice, for real (CI installs libreoffice-writer-nogui, fonts-liberation2
and poppler-utils): two conversions at once (each has its own profile), pages rendered to
PNG with pdftoppm, Times New Roman (or its metric twin Liberation Serif) in the PDF; and
what the officer is told when LibreOffice is missing, fails or hangs."""

from __future__ import annotations

import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from danvan.drafting import pdf
from danvan.drafting.context import PARTY, REPORT, STATE
from danvan.drafting.layout import default_template, render_with
from tests.drafting.test_layout import party_report, state_report


def test_party_and_state_reports_become_pdf_pages_at_the_same_time(tmp_path: Path) -> None:
    assert pdf.pdf_available() == (True, "")
    party = render_with(default_template(REPORT, PARTY), party_report())
    state = render_with(default_template(REPORT, STATE), state_report())
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(pdf.docx_to_pdf, [party, state]))
    for name, data in zip(("dang", "nha-nuoc"), results, strict=True):
        assert data.startswith(b"%PDF-")
        target = tmp_path / f"{name}.pdf"
        target.write_bytes(data)
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "50",
                "-f",
                "1",
                "-l",
                "1",
                str(target),
                str(tmp_path / name),
            ],
            check=True,
            timeout=60,
        )
        pages = sorted(tmp_path.glob(f"{name}-*.png"))
        assert pages and pages[0].stat().st_size > 1000
        assert pages[0].read_bytes().startswith(b"\x89PNG")
        text = subprocess.run(
            ["pdftotext", "-layout", str(target), "-"], capture_output=True, check=True
        ).stdout.decode()
        assert "ngày 03 tháng 02 năm 2023" in text and "BÁO CÁO" in text
        fonts = subprocess.run(["pdffonts", str(target)], capture_output=True, check=True)
        listed = fonts.stdout.decode()
        assert "TimesNewRoman" in listed or "LiberationSerif" in listed, listed
        assert "Carlito" not in listed and "DejaVu" not in listed, listed
    assert (
        "ĐẢNG CỘNG SẢN VIỆT NAM"
        in subprocess.run(
            ["pdftotext", str(tmp_path / "dang.pdf"), "-"], capture_output=True, check=True
        ).stdout.decode()
    )


def test_without_libreoffice_the_reason_is_given(monkeypatch: Any) -> None:
    monkeypatch.setenv("DANVAN_SOFFICE", "/khong/co/soffice")
    available, reason = pdf.pdf_available()
    assert available is False
    assert "LibreOffice" in reason and "soffice" in reason
    with pytest.raises(pdf.PdfError, match="chưa cài LibreOffice"):
        pdf.docx_to_pdf(b"PK")


def _fake_soffice(tmp_path: Path, script: str) -> str:
    program = tmp_path / "soffice"
    program.write_text("#!/bin/sh\n" + script + "\n")
    program.chmod(0o755)
    return str(program)


def test_a_failed_conversion_says_why(monkeypatch: Any, tmp_path: Path) -> None:
    monkeypatch.setenv(
        "DANVAN_SOFFICE",
        _fake_soffice(tmp_path, "echo 'Error: source file could not be loaded'; exit 1"),
    )
    with pytest.raises(pdf.PdfError) as caught:
        pdf.docx_to_pdf(b"not a docx")
    assert "không chuyển được văn bản sang PDF" in str(caught.value)
    assert "source file could not be loaded" in str(caught.value)


def test_a_hanging_conversion_is_stopped(monkeypatch: Any, tmp_path: Path) -> None:
    monkeypatch.setenv("DANVAN_SOFFICE", _fake_soffice(tmp_path, "sleep 30 & sleep 30"))
    monkeypatch.setattr(pdf, "TIMEOUT", 1)
    with pytest.raises(pdf.PdfError, match="sau 1 giây, đã dừng"):
        pdf.docx_to_pdf(b"PK")
