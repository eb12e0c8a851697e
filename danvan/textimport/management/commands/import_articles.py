"""manage.py import_articles DIR --as USER [--auto 0.85]: a board's archive of articles.

Every ``.txt``, ``.html``/``.htm``, ``.docx`` and ``.pdf`` under DIR (sorted, recursively)
is read and proposed, with a progress line per file. With ``--auto``, a proposal whose
confidence (danvan/textimport/confidence.py) reaches it is accepted as the review page
offers it; the rest wait at /quan-ly/nhap-bai-viet/. The summary counts proposed,
accepted, left for review, already imported and refused (each refusal with its file).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError

from danvan.textimport.management.acting import acting_user

SUFFIXES = {".txt", ".html", ".htm", ".docx", ".pdf"}
MAX_BYTES = 20 * 1024 * 1024


class Command(BaseCommand):
    help = "Nhập cả thư mục bài viết: đề xuất từng bài, tự chấp nhận bài đủ tin cậy."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("directory", help="Thư mục chứa các bài viết")
        parser.add_argument("--as", dest="username", required=True, help="Người nhập")
        parser.add_argument(
            "--auto",
            type=float,
            default=None,
            help="Tự chấp nhận bài có độ tin cậy từ mức này (0–1); bỏ trống: chỉ đề xuất",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from danvan.textimport import confidence, defaults, services, sources
        from danvan.textimport.commit import import_and_accept
        from danvan.textimport.models import ArticleImport

        root = Path(options["directory"])
        if not root.is_dir():
            raise CommandError(f"Không tìm thấy thư mục «{root}».")
        threshold = options["auto"]
        if threshold is not None and not 0 <= threshold <= 1:
            raise CommandError("--auto là một số từ 0 đến 1, ví dụ 0.85.")
        user = acting_user(options["username"])
        files = sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        if not files:
            raise CommandError(f"Thư mục «{root}» không có bài viết (.txt, .html, .docx, .pdf).")
        tally: Counter[str] = Counter()
        refused: list[str] = []
        for index, path in enumerate(files, 1):
            name = str(path.relative_to(root))
            try:
                if path.stat().st_size > MAX_BYTES:
                    raise ValidationError(f"Tệp «{name}» quá 20 MB.")
                upload = SimpleUploadedFile(path.name, path.read_bytes())
                text, kind, _ = sources.from_upload(upload)
                created = services.import_create(
                    actor=user, text=text, source_name=name, source_kind=kind
                )
                item = created.item
                if not created.new:
                    tally["đã nhập trước đó"] += 1
                    outcome = f"đã nhập trước đó (#{item.pk})"
                else:
                    tally["đề xuất"] += 1
                    initial = defaults.review_initial(user, item)
                    sure = confidence.score(item, initial)
                    if threshold is not None and sure >= threshold:
                        import_and_accept(actor=user, text=text, source_name=name)
                        tally["tự chấp nhận"] += 1
                        outcome = f"tự chấp nhận (tin cậy {sure:.2f})"
                    else:
                        tally["chờ xem xét"] += 1
                        outcome = f"chờ xem xét (tin cậy {sure:.2f}, #{item.pk})"
            except (ValidationError, PermissionDenied) as error:
                reason = " ".join(getattr(error, "messages", None) or [str(error)])
                refused.append(f"{name}: {reason}")
                tally["không nhập được"] += 1
                outcome = "không nhập được"
            self.stdout.write(f"[{index}/{len(files)}] {name}: {outcome}")
            sys.stdout.flush()
        waiting = ArticleImport.objects.filter(
            created_by=user, status=ArticleImport.Status.PROPOSED
        ).count()
        order = ["đề xuất", "tự chấp nhận", "chờ xem xét", "đã nhập trước đó", "không nhập được"]
        self.stdout.write(
            "Tổng kết: "
            + "; ".join(f"{key} {tally[key]}" for key in order)
            + f". Đang chờ xem xét tại /quan-ly/nhap-bai-viet/: {waiting}."
        )
        for line in refused:
            self.stdout.write(f"  - {line}")
