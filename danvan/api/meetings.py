"""/api/v1/meetings: search and read meetings with their attendees, conclusions and the
tasks those raised; record a meeting, its attendees and conclusions within scope."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router, Status
from ninja.pagination import paginate

from danvan.api.input import Pagination, optional_id
from danvan.api.schemas import ErrorOut
from danvan.api.work_schemas import (
    AttendeeIn,
    AttendeeOut,
    ConclusionIn,
    ConclusionOut,
    MeetingDetailOut,
    MeetingIn,
    MeetingOut,
)
from danvan.meetings import selectors, services
from danvan.meetings.models import Attendance, Meeting, MeetingKind
from danvan.org.selectors import org_unit_get
from danvan.people.selectors import person_get
from danvan.tasks.selectors import tasks_for_conclusions, tasks_to_review

router = Router()
_WRITE = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut}


@router.get("", response=list[MeetingOut], summary="Tìm hội nghị (không cần dấu)")
@paginate(Pagination)
def list_meetings(
    request: HttpRequest,
    q: str = "",
    kind: str = "",
    org_unit: int | None = optional_id(),
    date_from: str = "",
    date_to: str = "",
    status: str = "",
) -> Any:
    # "from" and "to" are Python keywords; read them from the query string as written.
    start = request.GET.get("from") or date_from
    end = request.GET.get("to") or date_to
    return selectors.meeting_search(
        user=request.user,
        q=q,
        kind=kind or None,
        org_unit=org_unit,
        date_from=_date(start, "from"),
        date_to=_date(end, "to"),
        status=status,
    )


def _date(raw: str, field: str) -> dt.date | None:
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(str(raw))
    except ValueError:
        raise ValidationError(
            {field: f"Ngày «{raw}» không hợp lệ: viết theo dạng 2023-02-23."}
        ) from None


def detail(meeting: Meeting, user: Any) -> SimpleNamespace:
    """The meeting as MeetingDetailOut reads it: its own fields plus what the page shows."""
    conclusions = list(meeting.conclusions.all())
    tasks = tasks_for_conclusions(user=user, conclusions=conclusions)
    own = {name: getattr(meeting, name) for name in _OWN}
    attendees = list(meeting.attendances.all())
    return SimpleNamespace(
        **own,
        co_organisers=meeting.co_organisers,
        chairs=[a for a in attendees if a.role == Attendance.Role.CHAIR],
        attendees=attendees,
        bridge_points=[point.name for point in meeting.bridge_points.all()],
        agenda=list(meeting.agenda_items.all()),
        opinions=list(meeting.opinions.all()),
        conclusions=[
            {"id": c.pk, "number": c.number, "text": c.text, "tasks": tasks.get(c.pk, [])}
            for c in conclusions
        ],
        documents=list(meeting.documents.all()),
        cited_documents=[citation.document for citation in meeting.citations.all()],
        review_tasks=tasks_to_review(user=user, meeting=meeting),
    )


_OWN = (
    "id",
    "title",
    "kind",
    "starts_at",
    "ends_at",
    "place",
    "is_online",
    "status",
    "period_code",
    "org_unit",
    "series_id",
    "summary",
    "minutes",
)


@router.get("/{int:meeting_id}", response={200: MeetingDetailOut, 404: ErrorOut})
def get_meeting(request: HttpRequest, meeting_id: int) -> SimpleNamespace:
    meeting = selectors.meeting_get(user=request.user, pk=meeting_id)
    return detail(meeting, request.user)


def _kind(code: str) -> MeetingKind:
    kind = MeetingKind.objects.filter(code=code).first()
    if kind is None:
        raise ValidationError({"kind": f"Không có loại hội nghị mã «{code}»."})
    return kind


@router.post("", response={201: MeetingDetailOut, **_WRITE})
def create_meeting(request: HttpRequest, payload: MeetingIn) -> Status[SimpleNamespace]:
    meeting = services.meeting_create(
        actor=request.user,
        title=payload.title,
        kind=_kind(payload.kind),
        org_unit=org_unit_get(user=request.user, pk=payload.org_unit),
        starts_at=payload.starts_at,
        ends_at=payload.ends_at,
        place=payload.place,
        is_online=payload.is_online,
        period_code=payload.period_code,
        co_organisers=[org_unit_get(user=request.user, pk=pk) for pk in payload.co_organisers],
        summary=payload.summary,
    )
    fresh = selectors.meeting_get(user=request.user, pk=meeting.pk)
    return Status(201, detail(fresh, request.user))


def _managed(request: HttpRequest, meeting_id: int) -> Meeting:
    return selectors.meeting_get(user=request.user, pk=meeting_id)


@router.post("/{int:meeting_id}/attendees", response={201: AttendeeOut, **_WRITE})
def add_attendee(request: HttpRequest, meeting_id: int, payload: AttendeeIn) -> Status[Attendance]:
    meeting = _managed(request, meeting_id)
    attendance = services.attendance_add(
        actor=request.user,
        meeting=meeting,
        person=person_get(user=request.user, pk=payload.person) if payload.person else None,
        org_unit=org_unit_get(user=request.user, pk=payload.org_unit) if payload.org_unit else None,
        name_as_written=payload.name_as_written,
        position_as_written=payload.position_as_written,
        role=payload.role,
        present=payload.present,
        absence_reason=payload.absence_reason,
    )
    return Status(201, attendance)


@router.post("/{int:meeting_id}/conclusions", response={201: ConclusionOut, **_WRITE})
def add_conclusion(
    request: HttpRequest, meeting_id: int, payload: ConclusionIn
) -> Status[dict[str, Any]]:
    meeting = _managed(request, meeting_id)
    conclusion = services.conclusion_add(actor=request.user, meeting=meeting, text=payload.text)
    return Status(
        201,
        {"id": conclusion.pk, "number": conclusion.number, "text": conclusion.text, "tasks": []},
    )
