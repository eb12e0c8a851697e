"""The text inside a document's file, so the register can search it.

PDF through pypdf, DOCX through python-docx (paragraphs and tables), ODT by reading the
paragraphs of its ``content.xml``, and old Word ``.doc`` files approximately (see
:func:`_doc_text`). A broken or odd file gives ``""``: the file is kept, only its text is
not searchable. Stored text is capped at :data:`MAX_CHARS`.

The parsers run in a child process (``python -m danvan.documents.extract KIND``), never in
the web worker: the child caps its own address space (``RLIMIT_AS``) and CPU time before it
reads a byte, and the parent waits at most ``UPLOAD_EXTRACT_TIMEOUT`` seconds. A crafted
PDF or DOCX that makes a parser loop or swallow gigabytes then costs the child, killed at
its limit, and the entry is saved without searchable text and a warning in the log. A
fresh interpreter rather than a fork: nothing of the worker (database connections,
threads, locks) is inherited, at the price of ~0,3-0,8 s of start-up per upload.
"""

from __future__ import annotations

import io
import logging
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import IO
from xml.etree import ElementTree

from danvan.lib import files, zipguard

MAX_CHARS = 500_000
# Members of a ZIP-based file larger than this are not read (a crafted archive could
# expand to gigabytes).
_MAX_MEMBER = 64 * 1024 * 1024
_MAX_DOC_BYTES = 64 * 1024 * 1024
_ODF_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")
_ROOT = Path(__file__).resolve().parent.parent.parent
_MB = 1024 * 1024

log = logging.getLogger(__name__)


def extract_text(stream: IO[bytes], kind: str) -> str:
    """The readable text of ``stream`` (of ``kind``, as told by ``files.sniff``), or "".

    Read in a child process within the limits of the settings (see the module's text)."""
    from django.conf import settings

    if kind not in _EXTRACTORS:
        return ""
    stream.seek(0)
    data = stream.read()
    stream.seek(0)
    timeout = settings.UPLOAD_EXTRACT_TIMEOUT
    command = [
        sys.executable,
        "-m",
        "danvan.documents.extract",
        kind,
        str(settings.UPLOAD_EXTRACT_MAX_MEMORY_MB * _MB),
        str(timeout),
    ]
    try:
        done = subprocess.run(
            command, input=data, capture_output=True, timeout=timeout, cwd=_ROOT, check=False
        )
    except subprocess.TimeoutExpired:
        log.warning(
            "Đọc nội dung tệp %s quá %s giây, đã dừng: văn bản được lưu, không tìm được "
            "theo nội dung tệp.",
            kind,
            timeout,
        )
        return ""
    except OSError:
        log.warning("Không chạy được tiến trình đọc nội dung tệp %s", kind, exc_info=True)
        return ""
    if done.returncode != 0:
        tail = done.stderr.decode("utf-8", errors="replace").strip().splitlines()[-1:]
        log.warning(
            "Không đọc được nội dung tệp %s (tiến trình đọc thoát với mã %s%s): văn bản "
            "được lưu, không tìm được theo nội dung tệp.",
            kind,
            done.returncode,
            f": {tail[0][:300]}" if tail else "",
        )
        return ""
    return done.stdout.decode("utf-8", errors="replace")[:MAX_CHARS]


def extract_here(stream: IO[bytes], kind: str) -> str:
    """The text, read in this process (the child's side; errors propagate)."""
    extractor = _EXTRACTORS.get(kind)
    if extractor is None:
        return ""
    stream.seek(0)
    return _tidy(extractor(stream))[:MAX_CHARS]


def _child(argv: list[str]) -> int:
    """``python -m danvan.documents.extract KIND MEMORY_BYTES CPU_SECONDS``: the file on
    stdin, its text (UTF-8) on stdout; a parser's failure is the exit code."""
    import resource

    kind, memory, seconds = argv[0], int(argv[1]), int(argv[2])
    for limit, wanted in ((resource.RLIMIT_AS, memory), (resource.RLIMIT_CPU, seconds)):
        hard = resource.getrlimit(limit)[1]
        value = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
        resource.setrlimit(limit, (value, hard))
    text = extract_here(io.BytesIO(sys.stdin.buffer.read()), kind)
    sys.stdout.buffer.write(text.encode("utf-8"))
    return 0


def _tidy(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.replace("\r", "\n").split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def _pdf_text(stream: IO[bytes]) -> str:
    from pypdf import PdfReader

    reader = PdfReader(stream)
    parts: list[str] = []
    size = 0
    for page in reader.pages:
        text = page.extract_text() or ""
        parts.append(text)
        size += len(text)
        if size > MAX_CHARS:
            break
    return "\n".join(parts)


def _docx_text(stream: IO[bytes]) -> str:
    import docx

    document = docx.Document(stream)
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            cells: list[str] = []
            for cell in row.cells:
                # Merged cells repeat the same cell object across the row.
                if cell.text and (not cells or cells[-1] != cell.text):
                    cells.append(cell.text)
            parts.append(" | ".join(cells))
    return "\n".join(parts)


def _odt_text(stream: IO[bytes]) -> str:
    with zipfile.ZipFile(stream) as archive:
        info = archive.getinfo("content.xml")
        if info.file_size > _MAX_MEMBER:
            return ""
        root = ElementTree.fromstring(zipguard.read_member(archive, info, _MAX_MEMBER))
    parts: list[str] = []
    for element in root.iter():
        if element.tag in (f"{{{_ODF_TEXT}}}p", f"{{{_ODF_TEXT}}}h"):
            parts.append(_odf_paragraph(element))
    return "\n".join(parts)


def _odf_paragraph(element: ElementTree.Element) -> str:
    """A paragraph's text: ``text:s`` is spaces, ``text:tab`` and ``text:line-break`` too."""
    out: list[str] = [element.text or ""]
    for child in element:
        if child.tag == f"{{{_ODF_TEXT}}}s":
            out.append(" " * int(child.get(f"{{{_ODF_TEXT}}}c", "1")))
        elif child.tag in (f"{{{_ODF_TEXT}}}tab", f"{{{_ODF_TEXT}}}line-break"):
            out.append(" ")
        else:
            out.append(_odf_paragraph(child))
        out.append(child.tail or "")
    return "".join(out)


# A run of readable UTF-16 text: ASCII, the Latin-1 letters, the Vietnamese letters outside
# them (Ăă Đđ Ĩĩ Ũũ Ơơ Ưư, U+1EA0-U+1EF9), combining marks, dashes and quotes. Other Latin
# letters are left out on purpose: binary noise decodes to them easily.
_READABLE = (
    "\u0020-\u007e\u00c0-\u00ff\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1"
    "\u01af\u01b0\u0300-\u0323\u1ea0-\u1ef9\u2013\u2014\u2018\u2019\u201c\u201d\u2026\t\r\n"
)
_DOC_RUN = re.compile(f"[{_READABLE}]{{12,}}")
_LETTERS = re.compile(r"[^\W\d_]")


def _doc_text(stream: IO[bytes]) -> str:
    """Approximate text of a Word 97-2003 ``.doc``: readable UTF-16LE runs of the binary.

    This is not a parser of the Word binary format: Vietnamese text is stored as UTF-16LE,
    so decoding the whole file that way and keeping long runs of readable characters
    recovers most of the body, plus some noise (style and font names) and minus text the
    file stores in 8-bit form. Good enough to search by; open the file to read it.
    """
    data = stream.read(_MAX_DOC_BYTES)
    runs: list[str] = []
    for offset in (0, 1):
        chunk = data[offset:]
        decoded = chunk[: len(chunk) // 2 * 2].decode("utf-16-le", errors="replace")
        for match in _DOC_RUN.finditer(decoded):
            run = match.group(0)
            if len(_LETTERS.findall(run)) >= len(run) // 2:
                runs.append(run)
        if runs:
            break
    return "\n".join(runs)


_EXTRACTORS = {
    files.PDF: _pdf_text,
    files.DOCX: _docx_text,
    files.ODT: _odt_text,
    files.DOC: _doc_text,
}


def extract_bytes(data: bytes, kind: str) -> str:
    return extract_text(io.BytesIO(data), kind)


if __name__ == "__main__":
    sys.exit(_child(sys.argv[1:]))
