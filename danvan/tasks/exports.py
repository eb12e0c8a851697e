"""The task list as XLSX («Xuất Excel» on Việc của đơn vị tôi and Nhiệm vụ)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.http import HttpResponse

from danvan.core import clock
from danvan.core.exports import Column, names, xlsx_response
from danvan.tasks.models import Task


def _source(task: Task) -> str:
    if task.conclusion is not None:
        return f"Kết luận: {task.conclusion.meeting.title}"
    if task.programme_item is not None:
        return f"Chương trình: {task.programme_item.programme.title}"
    if task.document_id:
        return f"Văn bản: {task.document}"
    return "Giao trực tiếp"


def tasks_xlsx(
    tasks: Iterable[Task], *, title: str, filters: Sequence[tuple[str, str]]
) -> HttpResponse:
    today = clock.today()
    columns = [
        Column("Nhiệm vụ", lambda t: t.title, 60, wrap=True),
        Column("Nguồn", _source, 40, wrap=True),
        Column("Đơn vị giao", lambda t: t.owner_unit.name, 28),
        Column("Đơn vị chủ trì", lambda t: t.lead_unit.name, 28),
        Column("Đơn vị phối hợp", lambda t: names(t.co_units.all()), 30, wrap=True),
        Column("Thời hạn", lambda t: t.deadline, 12),
        Column("Tình trạng", lambda t: t.display_status(today)[1], 16),
        Column("Tiến độ (%)", lambda t: t.progress, 10),
        Column("Hoàn thành ngày", lambda t: t.completed_on, 14),
    ]
    return xlsx_response(
        title=title, columns=columns, rows=tasks, filename="nhiem-vu", filters=filters
    )
