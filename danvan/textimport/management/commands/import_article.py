"""manage.py import_article FILE|- [--json] [--commit --as USER]: an article as records.

Reads UTF-8 text (a file, or standard input with ``-``) and prints the proposal: with
``--json`` exactly one JSON object with the keys of
:data:`danvan.textimport.extract.KEYS` and ``spans``; without it, a readable summary in
Vietnamese. Nothing is written unless ``--commit``: then the import is recorded as USER
and accepted as the review page first offers it (the unit the article names, people
matched or new, no figures), exactly as if USER had pressed «Chấp nhận» without changing
anything; the same text again changes nothing.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from danvan.textimport.extract import KEYS, extract
from danvan.textimport.management.acting import acting_user

MAX_BYTES = 2 * 1024 * 1024


class Command(BaseCommand):
    help = (
        "Đọc một bài viết (văn bản UTF-8) và đề xuất hội nghị, người, văn bản, khen thưởng, "
        "số liệu."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", help="Tệp văn bản, hoặc - để đọc từ đầu vào chuẩn")
        parser.add_argument("--json", action="store_true", help="In đúng một đối tượng JSON")
        parser.add_argument(
            "--commit", action="store_true", help="Ghi nhận và chấp nhận như đề xuất"
        )
        parser.add_argument("--as", dest="username", help="Tên đăng nhập của người nhập")

    def handle(self, *args: Any, **options: Any) -> None:
        name = options["file"]
        if name == "-":
            data = sys.stdin.buffer.read(MAX_BYTES + 1)
        else:
            path = Path(name)
            if not path.is_file():
                raise CommandError(f"Không tìm thấy tệp «{name}».")
            with path.open("rb") as handle:
                data = handle.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise CommandError(f"Tệp «{name}» lớn quá 2 MB: không phải một bài viết.")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise CommandError(
                f"Tệp «{name}» không phải văn bản UTF-8 (byte {error.start})."
            ) from error
        if options["commit"]:
            self._commit(text, name, options.get("username") or "")
            return
        proposal = extract(text)
        if options["json"]:
            self.stdout.write(json.dumps(proposal, ensure_ascii=False))
            return
        labels = {
            "meeting_date": "Ngày họp",
            "meeting_kind": "Loại hội nghị",
            "period_covered": "Kỳ đánh giá",
            "organizer": "Đơn vị tổ chức",
            "location": "Địa điểm",
            "chair_names": "Chủ trì",
            "officials": "Đại biểu, cán bộ",
            "documents_cited": "Văn bản được nhắc",
            "awards": "Khen thưởng",
            "figures": "Số liệu",
        }
        for key in KEYS:
            value = proposal[key]
            if isinstance(value, list):
                self.stdout.write(f"{labels[key]}: {len(value)}")
                for item in value:
                    self.stdout.write(f"  - {_line(item)}")
            else:
                self.stdout.write(f"{labels[key]}: {value if value is not None else '—'}")

    def _commit(self, text: str, name: str, username: str) -> None:
        from django.core.exceptions import PermissionDenied, ValidationError

        from danvan.textimport import commit

        user = acting_user(username)
        try:
            done = commit.import_and_accept(actor=user, text=text, source_name=name)
        except (ValidationError, PermissionDenied) as error:
            messages = getattr(error, "messages", None) or [str(error)]
            raise CommandError("Không ghi nhận được: " + " ".join(messages)) from error
        self.stdout.write(done)


def _line(item: Any) -> str:
    if isinstance(item, dict):
        return " · ".join(str(v) for v in item.values() if v not in (None, ""))
    return str(item)
