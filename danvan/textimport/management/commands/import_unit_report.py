"""manage.py import_unit_report FILE --org-unit CODE [--period P] [--form CODE] [--json]
[--commit --as USER]: a unit's Word report as its draft report.

Reads the .docx and prints the proposal: with ``--json`` exactly one JSON object (the
keys of ``danvan.textimport.report.read`` plus ``form`` and ``period``); without it, a
readable summary in Vietnamese. Nothing is written unless ``--commit``: then the import is
recorded as USER and accepted as the review page first offers it (every section read,
every figure the form lets the unit type, the table's value where prose and table
disagree, sections typed in the report meanwhile kept). The same file again changes
nothing.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from danvan.org.models import OrgUnit
from danvan.reporting.models import ReportForm
from danvan.reporting.services import ReportLocked
from danvan.textimport import report as reader
from danvan.textimport.management.acting import acting_user
from danvan.textimport.report import docx, selectors


def _messages(error: Exception) -> str:
    return " ".join(getattr(error, "messages", None) or [str(error)])


class Command(BaseCommand):
    help = (
        "Đọc báo cáo công tác dân vận của một đơn vị (Word .docx): phần lời văn theo mục "
        "I–V và số liệu (lời văn và bảng) cho báo cáo nháp của đơn vị trong kỳ. Không ghi gì "
        "nếu không có --commit; nhập lại cùng tệp không ghi thêm."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", help="Tệp báo cáo .docx")
        parser.add_argument("--org-unit", required=True, help="Mã đơn vị báo cáo")
        parser.add_argument("--period", default="", help="Kỳ (mặc định: đọc từ tiêu đề)")
        parser.add_argument("--form", default="", help="Mã biểu mẫu (mặc định: biểu hợp nhất)")
        parser.add_argument("--json", action="store_true", help="In đúng một đối tượng JSON")
        parser.add_argument("--commit", action="store_true", help="Ghi nhận và chấp nhận")
        parser.add_argument("--as", dest="username", help="Tên đăng nhập của người nhập")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp «{path}».")
        if path.stat().st_size > docx.max_bytes():
            raise CommandError(f"Tệp «{path.name}» quá lớn.")
        data = path.read_bytes()
        unit = OrgUnit.objects.filter(code=options["org_unit"]).first()
        if unit is None:
            raise CommandError(f"Không có đơn vị mã «{options['org_unit']}».")
        form = None
        if options["form"]:
            form = ReportForm.objects.filter(code=options["form"]).first()
            if form is None:
                raise CommandError(f"Không có biểu mẫu mã «{options['form']}».")
        if options["commit"]:
            self._commit(data, path.name, unit, options["period"], form, options["username"])
            return
        try:
            proposal = self._read(data, path.name, unit, options["period"], form)
        except ValidationError as error:
            raise CommandError(_messages(error)) from error
        if options["json"]:
            self.stdout.write(json.dumps(proposal, ensure_ascii=False))
            return
        self._summary(proposal)

    def _read(
        self, data: bytes, name: str, unit: OrgUnit, period: str, form: ReportForm | None
    ) -> dict[str, Any]:
        from danvan.lib import periods

        code = period or reader.peek(data, name=name)["period"] or ""
        if not code:
            raise CommandError(f"Không thấy kỳ báo cáo trong tiêu đề của «{name}»: dùng --period.")
        try:
            the_period = periods.parse(code)
        except periods.PeriodError as error:
            raise CommandError(str(error)) from error
        form = form or selectors.form_for(unit, the_period.kind)
        if form is None:
            raise CommandError(f"Không có biểu mẫu {the_period.label} cho «{unit.name}».")
        proposal = reader.read_for_form(data, form, name=name)
        proposal["period"] = the_period.code
        return proposal

    def _summary(self, proposal: dict[str, Any]) -> None:
        self.stdout.write(f"Đơn vị: {proposal['unit'] or '—'} · Số: {proposal['number'] or '—'}")
        self.stdout.write(f"Kỳ: {proposal['period']} · Biểu mẫu: {proposal['form']}")
        for section in proposal["sections"]:
            size = len(section["text"])
            self.stdout.write(f"  {section['title']}: {size} ký tự")
        for figure in proposal["figures"]:
            flag = f"  ⚠ {figure['flag']}" if figure["flag"] else ""
            self.stdout.write(f"  {figure['name']}: {figure['value']}{flag}")

    def _commit(
        self,
        data: bytes,
        name: str,
        unit: OrgUnit,
        period: str,
        form: ReportForm | None,
        username: str | None,
    ) -> None:
        from danvan.textimport.report import services

        user = acting_user(username)
        try:
            created = services.report_import_create(
                actor=user, data=data, file_name=name, org_unit=unit, period=period, form=form
            )
            item = created.item
            if not created.new or item.status != item.Status.PROPOSED:
                self.stdout.write(
                    f"Tệp đã nhập trước đó (#{item.pk}, {item.get_status_display()}): "
                    "không ghi gì thêm."
                )
                return
            figures = item.proposal.get("figures") or []
            counted = services.registered(
                item.form, unit, item.period, [f["indicator"] for f in figures]
            )
            accepted = services.report_import_accept(
                actor=user,
                item=item,
                version=item.version,
                form=item.form,
                period=item.period,
                narrative={s["code"]: s["text"] for s in item.proposal.get("sections") or []},
                figures={
                    f["indicator"]: Decimal(f["value"])
                    for f in figures
                    if f["indicator"] not in counted
                },
            )
        except (ValidationError, PermissionDenied, ReportLocked) as error:
            raise CommandError("Không ghi nhận được: " + _messages(error)) from error
        report = accepted.report
        self.stdout.write(
            f"Đã ghi {len(accepted.sections)} mục lời văn, {accepted.figures} số liệu vào báo "
            f"cáo «{report.form.name}» {report.period} của «{unit.name}» từ #{item.pk}"
            + (f"; giữ nguyên {len(accepted.kept)} mục đã có" if accepted.kept else "")
            + (f"; bỏ qua {len(accepted.skipped)} số liệu tính từ sổ" if accepted.skipped else "")
            + "."
        )
