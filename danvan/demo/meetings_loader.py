"""Record the five seed meetings (``danvan.demo.meetings_data``) through the services.

Documents first, so the minutes' citations link to them rather than to stubs; then each
meeting with its attendees, agenda (with the reports presented), opinions, conclusions,
minutes, and the tasks its conclusions raised with their progress. Runs while the
district-era units are still open (before the successions close them), as the System
actor, so everything is audited. A meeting or document that already exists is left
alone: a second load writes nothing.

Progress updates are dated when they happened: the services date a completion "today",
so the loader moves the dates of its own rows afterwards (demo history, not a workflow).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from danvan.access.system import SYSTEM
from danvan.core.catalogues import reseed
from danvan.documents import services as documents
from danvan.documents.models import Document, DocumentType, ReviewMilestone
from danvan.meetings import services as meetings
from danvan.meetings.models import Attendance, Meeting, MeetingKind, MeetingSeries
from danvan.org.models import OrgUnit
from danvan.people.models import Person
from danvan.reporting import services as reporting
from danvan.reporting.models import Report, ReportForm
from danvan.tasks import services as tasks
from danvan.tasks.models import Task, TaskStatus, TaskUpdate

from . import meetings_data as data

_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
CREATED, KEPT = "tạo mới", "giữ nguyên"


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _moment(text: str) -> dt.datetime:
    return dt.datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=_TZ)


class MeetingsLoader:
    def __init__(self, progress: Callable[[str], None]) -> None:
        self.progress = progress
        self.tally: Counter[str] = Counter()
        self.docs: dict[str, Document] = {}
        self.meetings: dict[str, Meeting] = {}
        self.series: dict[str, MeetingSeries] = {}

    def unit(self, code: str) -> OrgUnit:
        return OrgUnit.all_objects.get(code=code)

    def run(self) -> Counter[str]:
        self.progress("Văn bản được các bài viết trích dẫn…")
        self.load_documents()
        self.progress("Năm hội nghị của các bài viết, kết luận và nhiệm vụ…")
        self.load_series()
        for key, spec in data.MEETINGS.items():
            self.load_meeting(key, spec)
        self.load_milestones()
        for key, count in data.SCHEDULE_NEXT.items():
            series = self.series[key]
            if series.meetings.count() <= 1:
                meetings.series_schedule_next(actor=SYSTEM, series=series, count=count)
                self.tally[CREATED] += count
        return self.tally

    # --- documents ----------------------------------------------------------------------

    def load_documents(self) -> None:
        # The migrations' catalogues, put back if a database was emptied since (as
        # ensure_tree does for the portal): get_or_create, so nothing changes otherwise.
        reseed()
        types = {row.name: row for row in DocumentType.objects.all()}
        for key, spec in data.DOCUMENTS.items():
            holder = self.unit(spec["holder"])
            reference = (
                f"{spec['number']}-{spec['symbol']}/{spec['issuer_code']}" if spec["number"] else ""
            )
            existing = Document.objects.filter(
                org_unit=holder, title=spec["title"], is_stub=False
            ).first()
            if existing is not None:
                self.docs[key] = existing
                self.tally[KEPT] += 1
                continue
            self.docs[key] = documents.document_create(
                actor=SYSTEM,
                org_unit=holder,
                direction=Document.Direction.INCOMING,
                doc_type=types[spec["type"]],
                number=spec["number"],
                symbol=spec["symbol"],
                issuer_code=spec["issuer_code"],
                issuer_name=spec["issuer_name"],
                issuer_unit=self.unit(spec["issuer_unit"]) if spec.get("issuer_unit") else None,
                reference=reference,
                issued_on=_date(spec["issued_on"]),
                title=spec["title"],
                is_public=holder.code == "VN",
            )
            self.tally[CREATED] += 1
            for source, kind, target in data.RELATIONS:
                if target in self.docs and source in self.docs and key in (source, target):
                    documents.document_relation_add(
                        actor=SYSTEM, source=self.docs[source], target=self.docs[target], kind=kind
                    )

    def load_milestones(self) -> None:
        for key, title, due, done, meeting_key in data.MILESTONES:
            document = self.docs[key]
            if ReviewMilestone.objects.filter(document=document, title=title).exists():
                continue
            milestone = documents.milestone_add(
                actor=SYSTEM, document=document, title=title, due_on=_date(due)
            )
            if done:
                documents.milestone_mark_done(
                    actor=SYSTEM,
                    milestone=milestone,
                    done_on=_date(done),
                    meeting=self.meetings.get(meeting_key or ""),
                )

    # --- meetings -----------------------------------------------------------------------

    def load_series(self) -> None:
        for key, spec in data.SERIES.items():
            unit = self.unit(spec["unit"])
            found = MeetingSeries.objects.filter(org_unit=unit, name=spec["name"]).first()
            if found is None:
                found = meetings.series_create(
                    actor=SYSTEM,
                    name=spec["name"],
                    kind=MeetingKind.objects.get(code=spec["kind"]),
                    org_unit=unit,
                    recurrence=spec["recurrence"],
                    day_of_month=spec["day_of_month"],
                    start_time=dt.time.fromisoformat(spec["start_time"]),
                    place=spec["place"],
                )
            self.series[key] = found

    def load_meeting(self, key: str, spec: dict[str, Any]) -> None:
        unit = self.unit(spec["unit"])
        starts_at = _moment(spec["starts_at"])
        existing = Meeting.objects.filter(org_unit=unit, starts_at=starts_at).first()
        if existing is not None:
            self.meetings[key] = existing
            self.tally[KEPT] += 1
            return
        meeting = meetings.meeting_create(
            actor=SYSTEM,
            title=spec["title"],
            kind=MeetingKind.objects.get(code=spec["kind"]),
            org_unit=unit,
            starts_at=starts_at,
            ends_at=starts_at + dt.timedelta(hours=3),
            place=spec["place"],
            period_code=spec["period"],
            co_organisers=[self.unit(code) for code in spec["co_organisers"]],
            series=self.series.get(spec.get("series", "")),
            status=Meeting.Status.HELD,
        )
        if spec.get("documents"):
            meeting.documents.set([self.docs[d] for d in spec["documents"]])
        self.meetings[key] = meeting
        self.tally[CREATED] += 1
        people = self.attendees(meeting, spec)
        self.agenda(meeting, spec, people)
        for speaker, content in spec["opinions"]:
            meetings.opinion_add(
                actor=SYSTEM,
                meeting=meeting,
                content=content,
                speaker=people.get(speaker),
                speaker_text="" if speaker in people else speaker,
            )
        chair = people.get(spec["concluded_by"])
        conclusions = [
            meetings.conclusion_add(actor=SYSTEM, meeting=meeting, text=text, concluded_by=chair)
            for text in spec["conclusions"]
        ]
        meetings.meeting_save_minutes(
            actor=SYSTEM, meeting=meeting, minutes=spec["minutes"], summary=spec["summary"]
        )
        for row in spec["tasks"]:
            self.task(meeting, conclusions[row[0] - 1], row)

    def attendees(self, meeting: Meeting, spec: dict[str, Any]) -> dict[str, Attendance]:
        found: dict[str, Attendance] = {}
        for name, unit_code, written, position, role in spec["attendees"]:
            person = Person.objects.filter(full_name=name).first() if name else None
            attendance = meetings.attendance_add(
                actor=SYSTEM,
                meeting=meeting,
                person=person,
                org_unit=self.unit(unit_code) if unit_code else None,
                name_as_written=written,
                position_as_written=position,
                role=role,
            )
            if name:
                found[name] = attendance
        return found

    def agenda(self, meeting: Meeting, spec: dict[str, Any], people: dict[str, Attendance]) -> None:
        for title, presenter, report_keys, doc_keys in spec["agenda"]:
            by = next((a for n, a in people.items() if n in presenter), None)
            meetings.agenda_item_add(
                actor=SYSTEM,
                meeting=meeting,
                title=title,
                presenter=by,
                presenter_text="" if by else presenter,
                reports=[r for k in report_keys for r in self.reports(k, spec)],
                documents=[self.docs[d] for d in doc_keys],
            )

    def reports(self, key: str, spec: dict[str, Any]) -> list[Report]:
        """``FORM:UNIT:PERIOD``; ``*UNIT`` takes every report of that subtree."""
        form_code, unit_code, period = key.split(":")
        form = ReportForm.objects.get(code=form_code)
        if unit_code.startswith("*"):
            root = self.unit(unit_code[1:])
            return list(
                Report.objects.filter(
                    form=form, period=period, org_unit__path__startswith=root.path
                ).order_by("org_unit__path")
            )
        unit = self.unit(unit_code)
        narrative = spec.get("report_narrative") or {}
        reporting.report_save_narrative(
            actor=SYSTEM, form=form, org_unit=unit, period=period, narrative=narrative
        )
        # Presented at the meeting, so sent and approved (a narrative; the board holds no
        # figures).
        reporting.report_submit(actor=SYSTEM, form=form, org_unit=unit, period=period)
        return [reporting.report_approve(actor=SYSTEM, form=form, org_unit=unit, period=period)]

    # --- tasks --------------------------------------------------------------------------

    def task(self, meeting: Meeting, conclusion: Any, row: tuple[Any, ...]) -> None:
        _, title, lead, co_units, deadline, progress, status, note = row
        task = tasks.task_create(
            actor=SYSTEM,
            title=title,
            lead_unit=self.unit(lead),
            co_units=[self.unit(code) for code in co_units],
            deadline=_date(deadline),
            conclusion=conclusion,
        )
        # Given at the meeting, not on the day the demo was loaded.
        Task.objects.filter(pk=task.pk).update(created_at=meeting.starts_at)
        if status == TaskStatus.NEW:
            return
        tasks.task_progress_add(
            actor=SYSTEM, task=task, progress=progress, note=note, status=status
        )
        # Date the demo history: the report came a little before the deadline.
        day = min(
            _date(deadline) or meeting.starts_at.date(),
            meeting.starts_at.date() + dt.timedelta(days=60),
        )
        moment = dt.datetime.combine(day, dt.time(16, 0), tzinfo=_TZ)
        TaskUpdate.objects.filter(task=task).update(created_at=moment)
        if status == TaskStatus.DONE:
            Task.objects.filter(pk=task.pk).update(completed_on=day)
