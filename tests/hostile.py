"""Hostile files, built in the test process at small cost, and a memory meter.

- :func:`docx_bomb`: a ~1 MB DOCX whose ``word/document.xml`` inflates to 360 MB, written
  through ``zipfile`` from a highly compressible stream in chunks (never whole in memory);
- :func:`xlsx_cells`: an XLSX with millions of cells (a repeated row, a few hundred KB);
- :func:`with_macros`: a DOCX or XLSX turned macro-enabled (``vbaProject.bin``, content type);
- :func:`big_docx`: a DOCX that passes every ZIP check but whose 12 MB of paragraphs need
  more memory to parse than a tight limit allows;
- :func:`slow_pdf`: a small PDF whose pages make pypdf tokenise for a long while;
- :func:`exe`: a Windows program, to be renamed ``.pdf``.

:func:`peak_memory` measures, with ``tracemalloc``, what Python allocates while its block
runs: a parser that inflates a member allocates at least the member.
"""

from __future__ import annotations

import functools
import io
import random
import tracemalloc
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from tests.documents.files import make_docx, pdf_from_objects

MB = 1024 * 1024
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


@contextmanager
def peak_memory() -> Iterator[list[int]]:
    """``with peak_memory() as peak: ...`` then ``peak[0]`` is the peak in bytes."""
    box = [0]
    tracemalloc.start()
    try:
        yield box
    finally:
        box[0] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()


def _docx_with_body(chunks: Iterable[bytes]) -> bytes:
    """A real DOCX (python-docx's default) whose document.xml is ``chunks`` in a body."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(make_docx(["x"]))) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst,
    ):
        for info in src.infolist():
            if info.filename != "word/document.xml":
                dst.writestr(info, src.read(info))
                continue
            member = zipfile.ZipInfo("word/document.xml")
            member.compress_type = zipfile.ZIP_DEFLATED
            with dst.open(member, "w") as stream:
                stream.write(
                    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                    + f"<w:document {_W}><w:body>".encode()
                )
                for chunk in chunks:
                    stream.write(chunk)
                stream.write(b"</w:body></w:document>")
    return out.getvalue()


@functools.cache
def docx_bomb(inflated: int = 360 * MB) -> bytes:
    chunk = ("<w:p><w:r><w:t>Dân vận khéo</w:t></w:r></w:p>" * 20_000).encode()
    return _docx_with_body(chunk for _ in range(inflated // len(chunk)))


@functools.cache
def big_docx() -> bytes:
    """12 MB of varied paragraphs: compresses ~8 times, like a real (long) document."""
    rnd = random.Random(11)
    words = ["dân", "vận", "khéo", "phường", "Định", "Công", "hội", "nghị", "tổng", "kết"]

    def paragraphs() -> Iterator[bytes]:
        size = 0
        while size < 12 * MB:
            chunk = "".join(
                f"<w:p><w:r><w:t>{rnd.choice(words)} {rnd.randrange(10**6)}</w:t></w:r></w:p>"
                for _ in range(5000)
            ).encode()
            size += len(chunk)
            yield chunk

    return _docx_with_body(paragraphs())


def _xlsx(sheet: Iterable[bytes], title: str = "Số liệu") -> bytes:
    """A minimal workbook by hand: one sheet, streamed from ``sheet`` (its sheetData)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            "</Types>",
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_MAIN}" '
            f'xmlns:r="{_REL}"><sheets><sheet name="{title}" sheetId="1" r:id="rId1"/>'
            "</sheets></workbook>",
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
            "</Relationships>",
        )
        member = zipfile.ZipInfo("xl/worksheets/sheet1.xml")
        member.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(member, "w") as stream:
            stream.write(
                f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}">'.encode()
            )
            stream.write(b"<sheetData>")
            for chunk in sheet:
                stream.write(chunk)
            stream.write(b"</sheetData></worksheet>")
    return out.getvalue()


@functools.cache
def xlsx_cells(cells: int = 3_000_000, per_row: int = 30) -> bytes:
    """``cells`` cells holding 1, rows without coordinates (openpyxl numbers them)."""
    row = b"<row>" + b"<c><v>1</v></c>" * per_row + b"</row>"
    rows = cells // per_row
    block = row * 1000
    return _xlsx(block for _ in range(rows // 1000))


def with_extra_rows(xlsx: bytes, *, rows: int, per_row: int, seed: int = 7) -> bytes:
    """``xlsx`` (a template from the system) with ``rows`` more rows of varied numbers on its
    first sheet: the file stays small and compresses like a real one."""
    rnd = random.Random(seed)
    extra = b"".join(
        b"<row>"
        + b"".join(b"<c><v>%d</v></c>" % rnd.randrange(10**6) for _ in range(per_row))
        + b"</row>"
        for _ in range(rows)
    )
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(xlsx)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", extra + b"</sheetData>")
            dst.writestr(info.filename, data)
    return out.getvalue()


def with_macros(data: bytes, *, vba: bool = True, content_type: bool = True) -> bytes:
    """A DOCX or XLSX made macro-enabled the way Word and Excel save .docm / .xlsm."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        names = src.namelist()
        folder = "word" if "word/document.xml" in names else "xl"
        for info in src.infolist():
            member = src.read(info)
            if info.filename == "[Content_Types].xml" and content_type:
                member = member.replace(
                    b"vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                    b"vnd.ms-word.document.macroEnabled.main+xml",
                ).replace(
                    b"vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                    b"vnd.ms-excel.sheet.macroEnabled.main+xml",
                )
            dst.writestr(info.filename, member)
        if vba:
            dst.writestr(
                f"{folder}/vbaProject.bin", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512
            )
    return out.getvalue()


@functools.cache
def slow_pdf(pages: int = 10) -> bytes:
    """Pages sharing one content stream of ~1.9 million tokens that draw nothing, then one
    line of text: pypdf's per-stream budget lets each page through, slowly."""
    content = b"1 0 0 1 0 0 cm\n" * 270_000 + b"BT /F1 12 Tf 72 720 Td (Dan van kheo) Tj ET\n"
    stream = zlib.compress(content, 9)
    kids = " ".join(f"{6 + i} 0 R" for i in range(pages)).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Font << /F1 4 0 R >> >>",
    ]
    objects += [
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R /Resources 5 0 R >>"
    ] * pages
    return pdf_from_objects(objects)


def exe() -> bytes:
    """The start of a Windows program: "MZ", then the DOS stub's message."""
    return b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 56 + b"This program cannot be run in DOS mode."
