"""Hostile uploads refused: how long the refusal takes and the worker's peak memory.

    make bench-uploads

Each file is built (by ``tests/hostile.py``, in chunks) and then refused, by the same
function the upload pages call, in a fresh Python process with Django set up, so the peak
RSS printed is that of a worker that refused one file. The acceptance of issue 11: every
refusal in under a second, the worker under 300 MB.

- ``docx-bomb``: 1 MB DOCX, ``word/document.xml`` inflates to 360 MB (register entry);
- ``xlsx-3m``: XLSX with 3 million cells (Excel import, page and command);
- ``docm``: DOCX carrying ``vbaProject.bin`` and a macro content type (register entry);
- ``exe-as-pdf``: a Windows program named ``bien-ban.pdf`` (report attachment).

No assertion: this prints, the reader judges.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# bench/docx.py is named like python-docx's package: keep bench/ itself off the import path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))

KINDS = ("docx-bomb", "xlsx-3m", "docm", "exe-as-pdf")


def _build(kind: str) -> tuple[str, bytes]:
    from tests.documents.files import make_docx
    from tests.hostile import docx_bomb, exe, with_macros, xlsx_cells

    if kind == "docx-bomb":
        return "ke-hoach.docx", docx_bomb()
    if kind == "xlsx-3m":
        return "so-lieu.xlsx", xlsx_cells()
    if kind == "docm":
        return "ke-hoach.docx", with_macros(make_docx(["Kế hoạch"]))
    return "bien-ban.pdf", exe()


def _refuse(kind: str, name: str, data: bytes) -> str:
    import io

    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from danvan.access.system import SYSTEM
    from danvan.core import uploads
    from danvan.documents.upload import upload_check
    from danvan.reporting.excel_import import import_workbook

    upload = SimpleUploadedFile(name, data)
    try:
        if kind == "xlsx-3m":
            stream = io.BytesIO(data)
            stream.name = name
            result = import_workbook(stream, actor=SYSTEM)
            return "; ".join(str(e) for e in result.errors) or "(accepted)"
        if kind == "exe-as-pdf":
            uploads.checked_kind(upload, name=name, accepted=uploads.DOCUMENT_KINDS)
        else:
            upload_check(upload)
    except ValidationError as refused:
        return " ".join(refused.messages)
    return "(accepted)"


def _one(kind: str) -> dict[str, Any]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    import django

    django.setup()
    name, data = _build(kind)
    # What the worker has imported before any upload arrives (the refusal alone is timed).
    import danvan.core.uploads
    import danvan.documents.upload
    import danvan.reporting.excel_import  # noqa: F401

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    message = _refuse(kind, name, data)
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "kind": kind,
        "size": len(data),
        "ms": elapsed * 1000,
        "rss_before_mb": before / 1024,
        "rss_peak_mb": peak / 1024,
        "message": message,
    }


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        print(json.dumps(_one(sys.argv[2]), ensure_ascii=False))
        return
    print(f"{'tệp':<11} {'cỡ tệp':>9} {'từ chối':>9} {'RSS trước':>10} {'RSS đỉnh':>9}")
    for kind in KINDS:
        done = subprocess.run(
            [sys.executable, __file__, "--one", kind],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        row = json.loads(done.stdout.strip().splitlines()[-1])
        print(
            f"{row['kind']:<11} {row['size'] / 1024:>6.0f} KB {row['ms']:>6.0f} ms "
            f"{row['rss_before_mb']:>7.0f} MB {row['rss_peak_mb']:>6.0f} MB"
        )
        print(f"  → {row['message'][:160]}")
    print("Mục tiêu (issue 11): từ chối dưới 1 giây, bộ nhớ worker dưới 300 MB.")


if __name__ == "__main__":
    main()
