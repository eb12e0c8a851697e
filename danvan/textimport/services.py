"""Writes of the text import: propose (nothing but the import itself is written), accept
(the meeting, its attendees with their roles, the documents it cites, new people, the
award decisions it states and a draft report, all or nothing), discard and reopen.
Every state check holds the row lock."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from danvan.access.roles import Cap
from danvan.access.scope import can, require
from danvan.core import clock, concurrency
from danvan.core.audit import service
from danvan.lib import periods
from danvan.meetings.models import Attendance, Meeting, MeetingKind
from danvan.meetings.services import meetings as meeting_services
from danvan.meetings.services import parts
from danvan.org.models import OrgUnit
from danvan.people import services as people
from danvan.people.models import Person
from danvan.textimport import awards as stated_awards
from danvan.textimport import matching
from danvan.textimport.extract import extract
from danvan.textimport.extract.text import normalise
from danvan.textimport.models import ArticleImport, SourceKind

_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
SUMMARY_LIMIT = 20_000


def digest_of(text: str) -> str:
    """The same words are the same article, whatever the spaces and line breaks."""
    flat = re.sub(r"\s+", " ", normalise(text)).strip()
    return hashlib.sha256(flat.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Created:
    item: ArticleImport
    new: bool


@service
def import_create(
    *, actor: Any, text: str, source_name: str = "", source_kind: str = SourceKind.TEXT
) -> Created:
    """Propose records from ``text``; the same text again gives back its first import."""
    if not can(actor, Cap.MEETING_MANAGE, None):
        raise PermissionDenied("Bạn không có quyền nhập bài viết thành hội nghị.")
    text = normalise(text).strip()
    if not text:
        raise ValidationError({"text": "Chưa có văn bản để đọc."})
    digest = digest_of(text)
    existing = ArticleImport.all_objects.filter(digest=digest).first()
    if existing is not None:
        return Created(existing, False)
    proposal = extract(text)
    headline = _headline(text, proposal)
    item = ArticleImport(
        title=headline[:500],
        source_name=(source_name or "")[:255],
        source_kind=source_kind,
        text=text,
        digest=digest,
        proposal=proposal,
        # The unit the article names, if the author manages it: its colleagues see the draft.
        org_unit=matching.unit_for(actor, proposal.get("organizer")),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    try:
        with transaction.atomic():
            item.save()
    except IntegrityError:
        # Someone imported the same text at the same moment: theirs is the import.
        return Created(ArticleImport.all_objects.get(digest=digest), False)
    return Created(item, True)


def _headline(text: str, proposal: dict[str, Any]) -> str:
    from danvan.textimport.extract.layout import analyse

    page = analyse(text)
    if page.headline is not None:
        return page.headline.text
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return first[:200]


def body_of(item: ArticleImport) -> str:
    """The article from its lead on (the meeting's summary; its citations are linked)."""
    from danvan.textimport.extract.layout import analyse

    page = analyse(item.text)
    return item.text[page.body_start :].strip()[:SUMMARY_LIMIT]


@dataclass
class PersonRow:
    name: str
    position: str = ""
    role: str = Attendance.Role.ATTENDS
    person: Person | None = None  # an existing record
    create: bool = False  # a new Person with this position


@dataclass
class Accepted:
    meeting: Meeting
    new_meeting: bool
    attendees: int = 0
    new_people: list[Person] = field(default_factory=list)
    report: Any = None
    award_decisions: list[Any] = field(default_factory=list)


def _check_open(item: ArticleImport, version: int | None) -> None:
    concurrency.check_version(item, version)
    if item.status != ArticleImport.Status.PROPOSED:
        raise ValidationError(
            {"status": f"Bài viết đang «{item.get_status_display()}»: không chấp nhận được nữa."}
        )


def _same_meeting(unit: OrgUnit, day: dt.date, kind: MeetingKind) -> Meeting | None:
    return (
        Meeting.objects.filter(org_unit=unit, kind=kind, starts_at__date=day).order_by("pk").first()
    )


@service
def import_accept(
    *,
    actor: Any,
    item: ArticleImport,
    version: int | None,
    org_unit: OrgUnit,
    title: str,
    kind: MeetingKind,
    held_on: dt.date,
    place: str = "",
    period_code: str = "",
    people_rows: list[PersonRow] = (),  # type: ignore[assignment]
    figures: dict[str, Decimal] | None = None,
    make_report: bool = False,
    award_rows: list[stated_awards.AwardRow] = (),  # type: ignore[assignment]
) -> Accepted:
    concurrency.lock(item)
    _check_open(item, version)
    require(actor, Cap.MEETING_MANAGE, org_unit)
    period_code = meeting_services.normalize_period_code(period_code)
    existing = _same_meeting(org_unit, held_on, kind)
    if existing is not None:
        meeting, new = existing, False
        if ArticleImport.objects.filter(meeting=existing).exclude(pk=item.pk).exists():
            raise ValidationError(
                {"held_on": f"Hội nghị «{existing.title}» đã được nhập từ một bài viết khác."}
            )
    else:
        starts_at = dt.datetime.combine(held_on, dt.time(8, 0), tzinfo=_TZ)
        meeting = meeting_services.meeting_create(
            actor=actor,
            title=title,
            kind=kind,
            org_unit=org_unit,
            starts_at=starts_at,
            place=place,
            period_code=period_code,
            status=Meeting.Status.HELD if held_on <= clock.today() else Meeting.Status.PLANNED,
            summary=body_of(item),
        )
        new = True
    accepted = Accepted(meeting, new)
    _attend(actor, item, meeting, org_unit, people_rows, accepted)
    accepted.award_decisions = stated_awards.record(
        actor=actor,
        item=item,
        meeting=meeting,
        held_on=held_on,
        award_rows=list(award_rows),
        default_issuer=org_unit,
    )
    if make_report and figures:
        accepted.report = _draft_report(actor, org_unit, period_code, figures)
    item.status = ArticleImport.Status.ACCEPTED
    item.meeting, item.org_unit, item.report = meeting, org_unit, accepted.report
    item.decided_by = actor if getattr(actor, "pk", None) else None
    item.decided_at = timezone.now()
    concurrency.bump(item, "status", "meeting", "org_unit", "report", "decided_by", "decided_at")
    return accepted


def _attend(
    actor: Any,
    item: ArticleImport,
    meeting: Meeting,
    unit: OrgUnit,
    rows: list[PersonRow],
    accepted: Accepted,
) -> None:
    present = {
        (a.person_id or 0, (a.name_as_written or "").casefold()) for a in meeting.attendances.all()
    }
    for index, row in enumerate(rows):
        person = row.person
        if person is None and row.create:
            person = people.person_create(
                actor=actor, org_unit=unit, full_name=row.name, note=f"Tạo từ {item.label}"
            )
            if row.position:
                people.position_create(
                    actor=actor,
                    person=person,
                    org_unit=unit,
                    title=row.position[:255],
                    source=item.label[:255],
                )
            accepted.new_people.append(person)
        key = (person.pk, "") if person is not None else (0, row.name.casefold())
        if key in present or (person is not None and any(p == person.pk for p, _ in present)):
            continue
        try:
            parts.attendance_add(
                actor=actor,
                meeting=meeting,
                person=person,
                name_as_written="" if person is not None else row.name,
                position_as_written=row.position[:255],
                role=row.role,
            )
        except ValidationError as error:
            raise ValidationError(
                {"people": f"Dòng {index + 1} ({row.name}): {error.messages[0]}"}
            ) from error
        present.add(key)
        accepted.attendees += 1


def _draft_report(actor: Any, unit: OrgUnit, code: str, figures: dict[str, Decimal]) -> Any:
    from danvan.reporting.models import Report, ReportForm
    from danvan.reporting.services import data_values_save

    if not code:
        raise ValidationError({"period_code": "Cần kỳ đánh giá để tạo báo cáo nháp."})
    period = periods.parse(code)
    form = (
        ReportForm.objects.filter(
            period_type=period.kind, sections__indicators__code__in=list(figures)
        )
        .distinct()
        .order_by("code")
        .first()
    )
    if form is None:
        raise ValidationError(
            {"make_report": f"Không có mẫu báo cáo kỳ «{period.label}» chứa các chỉ tiêu này."}
        )
    data_values_save(actor=actor, org_unit=unit, period=code, values=dict(figures), form=form)
    return Report.objects.get(form=form, org_unit=unit, period=code)


@service
def import_discard(
    *, actor: Any, item: ArticleImport, version: int | None, note: str = ""
) -> ArticleImport:
    concurrency.lock(item)
    _require_own(actor, item)
    _check_open(item, version)
    item.status = ArticleImport.Status.DISCARDED
    item.note = (note or "").replace("\x00", "").strip()[:500]
    item.decided_by = actor if getattr(actor, "pk", None) else None
    item.decided_at = timezone.now()
    concurrency.bump(item, "status", "note", "decided_by", "decided_at")
    return item


@service
def import_reopen(*, actor: Any, item: ArticleImport, version: int | None) -> ArticleImport:
    concurrency.lock(item)
    _require_own(actor, item)
    concurrency.check_version(item, version)
    if item.status != ArticleImport.Status.DISCARDED:
        raise ValidationError({"status": "Chỉ xem xét lại được bài viết đã bỏ qua."})
    item.status = ArticleImport.Status.PROPOSED
    concurrency.bump(item, "status")
    return item


def _require_own(actor: Any, item: ArticleImport) -> None:
    if item.org_unit_id is not None:
        require(actor, Cap.MEETING_MANAGE, item.org_unit)
    elif item.created_by_id != getattr(actor, "pk", None) and not can(
        actor, Cap.MEETING_MANAGE, None
    ):
        raise PermissionDenied("Bạn không có quyền với bài viết nhập này.")
