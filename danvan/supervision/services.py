"""Writes to the supervision register. Every service is atomic and audited (``@service``),
takes the row lock before it checks anything (``concurrency.lock``), refuses a save made
from an older version, asks ``Cap.SUPERVISION_MANAGE`` on the unit that keeps the record,
and refuses a bad value or an illegal move with a Vietnamese message naming the field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db.models import Model

from danvan.access.roles import Cap
from danvan.access.scope import require
from danvan.core import clock, concurrency
from danvan.core.audit import service
from danvan.lib.dates import format_date
from danvan.org.models import OrgUnit
from danvan.supervision.models import (
    ACTIVITY_MOVES,
    REC_MOVES,
    Activity,
    ActivityState,
    Programme,
    Recommendation,
    RecState,
    Response,
)

M = TypeVar("M", bound=Model)

PROGRAMME_FIELDS = (
    "year",
    "title",
    "basis",
    "basis_document",
    "approved_by",
    "approved_on",
    "note",
)
ACTIVITY_FIELDS = ("kind", "form", "title", "target", "starts_on", "ends_on", "members", "findings")
# Once an activity has ended only what it found may still be completed.
ENDED_FIELDS = ("findings", "members")
RECOMMENDATION_FIELDS = ("content", "addressed_to", "addressed_unit", "made_on", "due_on")
MIN_YEAR, MAX_YEAR = 2000, 2100
_LABELS = dict(ActivityState.choices) | dict(RecState.choices)


def _clean_text(values: dict[str, Any]) -> dict[str, Any]:
    cleaned = {}
    for field, value in values.items():
        if isinstance(value, str):
            if "\x00" in value:
                raise ValidationError({field: "Nội dung chứa ký tự không hợp lệ."})
            value = " ".join(value.split()) if "\n" not in value else value.strip()
        cleaned[field] = value
    return cleaned


def _validate(record: Model) -> None:
    today = clock.today()
    if isinstance(record, Programme):
        if not (MIN_YEAR <= int(record.year or 0) <= MAX_YEAR):
            raise ValidationError({"year": f"Năm phải từ {MIN_YEAR} đến {MAX_YEAR}."})
        if not record.title.strip():
            raise ValidationError({"title": "Nhập tên chương trình."})
        if record.approved_on and record.approved_on > today:
            raise ValidationError({"approved_on": "Ngày phê duyệt không được sau hôm nay."})
    if isinstance(record, Activity):
        errors = {}
        if not record.title.strip():
            errors["title"] = "Nhập nội dung hoạt động."
        if not record.target.strip():
            errors["target"] = "Nhập đối tượng giám sát, phản biện (cơ quan hoặc vấn đề)."
        if record.ends_on and record.starts_on and record.ends_on < record.starts_on:
            errors["ends_on"] = "Ngày kết thúc không được trước ngày bắt đầu."
        if errors:
            raise ValidationError(errors)
    if isinstance(record, Recommendation):
        errors = {}
        if not record.content.strip():
            errors["content"] = "Nhập nội dung kiến nghị."
        if not record.addressed_to.strip():
            errors["addressed_to"] = "Nhập cơ quan nhận kiến nghị."
        if record.made_on and record.made_on > today:
            errors["made_on"] = "Ngày kiến nghị không được sau hôm nay."
        if record.made_on and record.made_on < record.activity.starts_on:
            errors["made_on"] = "Ngày kiến nghị không được trước ngày bắt đầu hoạt động."
        if record.due_on and record.made_on and record.due_on < record.made_on:
            errors["due_on"] = "Hạn trả lời không được trước ngày kiến nghị."
        if errors:
            raise ValidationError(errors)
    record.full_clean(
        exclude=["org_unit", "programme", "activity", "basis_document", "addressed_unit"]
    )


def _check_links(actor: Any, record: Model) -> None:
    """A programme's basis in the documents register must be readable by the actor (a text
    held above is readable below: Document.SCOPE_INHERITED)."""
    document = getattr(record, "basis_document", None)
    if document is None:
        return
    from danvan.access.scope import scoped
    from danvan.documents.models import Document

    if not scoped(Document.objects.filter(pk=document.pk), actor, Cap.DOCUMENT_VIEW).exists():
        raise ValidationError({"basis_document": "Văn bản nằm ngoài phạm vi của bạn."})


def _update(
    record: M, *, actor: Any, fields: Iterable[str], version: int | None, **changes: Any
) -> M:
    concurrency.lock(record)
    require(actor, Cap.SUPERVISION_MANAGE, record.org_unit)  # type: ignore[attr-defined]
    unknown = set(changes) - set(fields)
    if unknown:
        raise ValidationError(f"Không sửa được các trường: {', '.join(sorted(unknown))}.")
    concurrency.check_version(record, version)
    before = concurrency.snapshot(record)
    for field, value in _clean_text(changes).items():
        setattr(record, field, value)
    _check_links(actor, record)
    _validate(record)
    concurrency.save_changed(record, before)
    return record


def _refuse_move(
    record: Activity | Recommendation, to: str, moves: dict[str, tuple[str, ...]]
) -> None:
    if to not in moves.get(record.state, ()):
        raise ValidationError(
            {
                "state": f"«{record}» đang ở tình trạng «{_LABELS[record.state]}», "
                f"không chuyển sang «{_LABELS.get(to, to)}» được."
            }
        )


def _day(on: dt.date | None, field: str = "on") -> dt.date:
    today = clock.today()
    if on is None:
        return today
    if on > today:
        raise ValidationError({field: "Ngày không được sau hôm nay."})
    return on


def _year_message(programme: Programme) -> str:
    return f"Ngày bắt đầu phải thuộc năm {programme.year} của chương trình."


def _required(field: str, value: str | None, message: str) -> str:
    text = _clean_text({field: value or ""})[field]
    if not text:
        raise ValidationError({field: message})
    return str(text)


# --- programmes ------------------------------------------------------------------------


@service
def programme_create(*, actor: Any, org_unit: OrgUnit, **values: Any) -> Programme:
    require(actor, Cap.SUPERVISION_MANAGE, org_unit)
    record = Programme(org_unit=org_unit, **_clean_text(values))
    _check_links(actor, record)
    _validate(record)
    record.save()
    return record


@service
def programme_update(
    *, actor: Any, programme: Programme, version: int | None = None, **changes: Any
) -> Programme:
    return _update(programme, actor=actor, fields=PROGRAMME_FIELDS, version=version, **changes)


# --- activities ------------------------------------------------------------------------


@service
def activity_create(*, actor: Any, programme: Programme, **values: Any) -> Activity:
    """Plan an activity of ``programme`` (kept by the programme's unit), in its year."""
    concurrency.lock(programme)
    require(actor, Cap.SUPERVISION_MANAGE, programme.org_unit)
    if programme.deleted_at is not None:
        raise ValidationError({"programme": "Chương trình đã bị xóa."})
    record = Activity(programme=programme, org_unit=programme.org_unit, **_clean_text(values))
    if record.starts_on and record.starts_on.year != programme.year:
        raise ValidationError(
            {"starts_on": f"Ngày bắt đầu phải thuộc năm {programme.year} của chương trình."}
        )
    _validate(record)
    record.save()
    return record


@service
def activity_update(
    *, actor: Any, activity: Activity, version: int | None = None, **changes: Any
) -> Activity:
    concurrency.lock(activity)
    if activity.state == ActivityState.CANCELLED:
        raise ValidationError({"state": "Hoạt động đã hủy: không sửa được."})
    if activity.state == ActivityState.ENDED and set(changes) - set(ENDED_FIELDS):
        raise ValidationError(
            {"state": "Hoạt động đã kết thúc: chỉ sửa được kết quả và thành phần tham gia."}
        )
    starts = changes.get("starts_on")
    if starts and starts.year != activity.programme.year:
        raise ValidationError({"starts_on": _year_message(activity.programme)})
    if activity.state == ActivityState.ONGOING and starts and starts > clock.today():
        raise ValidationError({"starts_on": "Hoạt động đang thực hiện: ngày bắt đầu đã qua."})
    return _update(activity, actor=actor, fields=ACTIVITY_FIELDS, version=version, **changes)


@service
def activity_start(
    *, actor: Any, activity: Activity, on: dt.date | None = None, version: int | None = None
) -> Activity:
    """Bắt đầu thực hiện (from ``on``, today by default): it is then held."""
    concurrency.lock(activity)
    require(actor, Cap.SUPERVISION_MANAGE, activity.org_unit)
    concurrency.check_version(activity, version)
    _refuse_move(activity, ActivityState.ONGOING, ACTIVITY_MOVES)
    day = _day(on or (activity.starts_on if activity.starts_on <= clock.today() else None))
    if day.year != activity.programme.year:
        raise ValidationError({"on": f"Ngày bắt đầu phải thuộc năm {activity.programme.year}."})
    before = concurrency.snapshot(activity)
    activity.state = ActivityState.ONGOING
    activity.starts_on = day
    concurrency.save_changed(activity, before)
    return activity


@service
def activity_end(
    *,
    actor: Any,
    activity: Activity,
    findings: str,
    on: dt.date | None = None,
    version: int | None = None,
) -> Activity:
    """Kết thúc: what was found is required; the day is not before the first day."""
    concurrency.lock(activity)
    require(actor, Cap.SUPERVISION_MANAGE, activity.org_unit)
    concurrency.check_version(activity, version)
    _refuse_move(activity, ActivityState.ENDED, ACTIVITY_MOVES)
    text = _required("findings", findings, "Ghi kết quả, phát hiện của hoạt động.")
    day = _day(on)
    if day < activity.starts_on:
        raise ValidationError(
            {"on": f"Ngày kết thúc trước ngày bắt đầu ({format_date(activity.starts_on)})."}
        )
    before = concurrency.snapshot(activity)
    activity.state = ActivityState.ENDED
    activity.findings = text
    activity.ends_on = day
    concurrency.save_changed(activity, before)
    return activity


@service
def activity_cancel(
    *, actor: Any, activity: Activity, reason: str, version: int | None = None
) -> Activity:
    concurrency.lock(activity)
    require(actor, Cap.SUPERVISION_MANAGE, activity.org_unit)
    concurrency.check_version(activity, version)
    _refuse_move(activity, ActivityState.CANCELLED, ACTIVITY_MOVES)
    text = _required("reason", reason, "Ghi lý do hủy.")
    if activity.recommendations.exists():
        raise ValidationError(
            {"reason": "Hoạt động đã có kiến nghị: không hủy được, hãy kết thúc hoạt động."}
        )
    before = concurrency.snapshot(activity)
    activity.state = ActivityState.CANCELLED
    activity.cancel_reason = text
    concurrency.save_changed(activity, before)
    return activity


# --- recommendations -------------------------------------------------------------------


@service
def recommendation_create(*, actor: Any, activity: Activity, **values: Any) -> Recommendation:
    """A recommendation of a held activity (đang thực hiện or đã kết thúc)."""
    concurrency.lock(activity)
    require(actor, Cap.SUPERVISION_MANAGE, activity.org_unit)
    if activity.state not in (ActivityState.ONGOING, ActivityState.ENDED):
        raise ValidationError(
            {
                "activity": f"Hoạt động đang ở tình trạng «{activity.get_state_display()}»: "
                "chỉ ghi kiến nghị của hoạt động đã tiến hành."
            }
        )
    values = _clean_text(values)
    values.setdefault("made_on", clock.today())
    record = Recommendation(activity=activity, org_unit=activity.org_unit, **values)
    _validate(record)
    record.save()
    return record


@service
def recommendation_update(
    *, actor: Any, recommendation: Recommendation, version: int | None = None, **changes: Any
) -> Recommendation:
    concurrency.lock(recommendation)
    if recommendation.state not in (RecState.WAITING, RecState.ANSWERED):
        raise ValidationError({"state": "Kiến nghị đã kết thúc theo dõi: không sửa được."})
    return _update(
        recommendation, actor=actor, fields=RECOMMENDATION_FIELDS, version=version, **changes
    )


@service
def response_record(
    *,
    actor: Any,
    recommendation: Recommendation,
    received_on: dt.date | None,
    by_body: str,
    summary: str,
    document_ref: str = "",
    version: int | None = None,
) -> Response:
    """Ghi nhận trả lời: the first one moves the recommendation to «đã trả lời»; a later
    one (a supplementary answer) is recorded as well while it is followed."""
    concurrency.lock(recommendation)
    require(actor, Cap.SUPERVISION_MANAGE, recommendation.org_unit)
    concurrency.check_version(recommendation, version)
    if recommendation.state not in (RecState.WAITING, RecState.ANSWERED):
        raise ValidationError({"state": "Kiến nghị đã kết thúc theo dõi: không ghi thêm trả lời."})
    day = _day(received_on, "received_on")
    made = format_date(recommendation.made_on)
    if day < recommendation.made_on:
        raise ValidationError({"received_on": f"Ngày nhận trả lời trước ngày kiến nghị ({made})."})
    values = _clean_text(
        {"by_body": by_body or "", "summary": summary or "", "document_ref": document_ref or ""}
    )
    if not values["by_body"]:
        values["by_body"] = recommendation.addressed_to
    if not values["summary"]:
        raise ValidationError({"summary": "Nhập nội dung trả lời."})
    response = Response(
        recommendation=recommendation,
        received_on=day,
        recorded_by=actor if getattr(actor, "pk", None) else None,
        **values,
    )
    response.full_clean(exclude=["recommendation", "recorded_by"])
    response.save()
    before = concurrency.snapshot(recommendation)
    if recommendation.state == RecState.WAITING:
        recommendation.state = RecState.ANSWERED
    if recommendation.answered_on is None or day < recommendation.answered_on:
        recommendation.answered_on = day
    concurrency.save_changed(recommendation, before, force=True)
    return response


@service
def recommendation_close(
    *,
    actor: Any,
    recommendation: Recommendation,
    outcome: str,
    on: dt.date | None = None,
    version: int | None = None,
) -> Recommendation:
    """Đóng: the answer settled the matter (an answered recommendation only)."""
    concurrency.lock(recommendation)
    require(actor, Cap.SUPERVISION_MANAGE, recommendation.org_unit)
    concurrency.check_version(recommendation, version)
    _refuse_move(recommendation, RecState.CLOSED, REC_MOVES)
    text = _required("outcome", outcome, "Ghi kết quả giải quyết kiến nghị.")
    day = _settle_day(recommendation, on)
    before = concurrency.snapshot(recommendation)
    recommendation.state = RecState.CLOSED
    recommendation.outcome = text
    recommendation.settled_on = day
    concurrency.save_changed(recommendation, before)
    return recommendation


@service
def recommendation_escalate(
    *,
    actor: Any,
    recommendation: Recommendation,
    escalated_to: str,
    outcome: str,
    on: dt.date | None = None,
    version: int | None = None,
) -> Recommendation:
    """Kiến nghị tiếp: no answer, or one that does not settle it — to whom, and why."""
    concurrency.lock(recommendation)
    require(actor, Cap.SUPERVISION_MANAGE, recommendation.org_unit)
    concurrency.check_version(recommendation, version)
    _refuse_move(recommendation, RecState.ESCALATED, REC_MOVES)
    to = _required("escalated_to", escalated_to, "Ghi cơ quan được kiến nghị tiếp.")
    text = _required("outcome", outcome, "Ghi lý do kiến nghị tiếp.")
    day = _settle_day(recommendation, on)
    before = concurrency.snapshot(recommendation)
    recommendation.state = RecState.ESCALATED
    recommendation.escalated_to = to[:300]
    recommendation.outcome = text
    recommendation.settled_on = day
    concurrency.save_changed(recommendation, before)
    return recommendation


def _settle_day(recommendation: Recommendation, on: dt.date | None) -> dt.date:
    day = _day(on)
    first = recommendation.answered_on or recommendation.made_on
    if day < first:
        raise ValidationError({"on": f"Ngày kết thúc theo dõi trước ngày {format_date(first)}."})
    return day
