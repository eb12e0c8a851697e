"""DOCX to PDF with LibreOffice (``soffice --headless --convert-to pdf``), when installed.

Each conversion runs in its own temporary folder with its own LibreOffice profile
(``-env:UserInstallation``): two conversions at once would otherwise fight over the
shared profile's lock and one would silently produce nothing. A conversion that takes
longer than :data:`TIMEOUT` seconds is stopped.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

TIMEOUT = 60
_CANDIDATES = ("soffice", "libreoffice")


class PdfError(RuntimeError):
    """The conversion failed; the message says why, in Vietnamese."""


def soffice_path() -> str | None:
    """The LibreOffice program (``DANVAN_SOFFICE`` overrides the search on PATH)."""
    configured = os.environ.get("DANVAN_SOFFICE", "").strip()
    if configured:
        return configured if shutil.which(configured) else None
    for name in _CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def pdf_available() -> tuple[bool, str]:
    """(True, "") when PDF can be made, else (False, why in Vietnamese)."""
    if soffice_path() is None:
        return (
            False,
            "Máy chủ chưa cài LibreOffice (không tìm thấy chương trình «soffice»), "
            "nên chưa tạo được bản PDF; vẫn tải được bản Word (.docx).",
        )
    return True, ""


def docx_to_pdf(data: bytes) -> bytes:
    """The PDF of the DOCX ``data``; raises :class:`PdfError` with the reason on failure."""
    program = soffice_path()
    if program is None:
        raise PdfError(pdf_available()[1])
    with tempfile.TemporaryDirectory(prefix="danvan-pdf-") as work:
        folder = Path(work)
        source = folder / "van-ban.docx"
        source.write_bytes(data)
        profile = folder / "profile"
        command = [
            program,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ]
        returncode, output = _run(command, folder)
        target = folder / "van-ban.pdf"
        if returncode != 0 or not target.exists() or target.stat().st_size == 0:
            detail = output.decode("utf-8", "replace").strip()
            raise PdfError(
                "LibreOffice không chuyển được văn bản sang PDF"
                + (f" (mã lỗi {returncode})" if returncode else "")
                + (f": {detail[:300]}" if detail else ".")
            )
        return target.read_bytes()


def _run(command: list[str], folder: Path) -> tuple[int, bytes]:
    """Run LibreOffice in its own process group, so a timeout stops the whole of it
    (the ``soffice`` script starts ``soffice.bin`` as a child)."""
    try:
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env={**os.environ, "HOME": str(folder)},
            start_new_session=True,
        )
    except OSError as error:
        raise PdfError(f"Không chạy được LibreOffice: {error}.") from error
    try:
        output, _ = process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired as error:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise PdfError(
            f"LibreOffice không chuyển xong sang PDF sau {TIMEOUT} giây, đã dừng."
        ) from error
    return process.returncode, output or b""
