"""Schemas of the meetings, tasks and documents API (what goes out and comes in)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Schema

from danvan.core import clock


class UnitRef(Schema):
    id: int
    name: str


class DocumentRef(Schema):
    id: int
    type: str | None
    reference: str
    issuer_name: str
    issued_on: dt.date | None
    title: str
    is_stub: bool

    @staticmethod
    def resolve_type(obj: Any) -> str | None:
        return obj.doc_type.name if obj.doc_type_id else None


class DocumentOut(DocumentRef):
    number: str
    symbol: str
    issuer_code: str
    direction: str
    org_unit: UnitRef
    has_file: bool
    note: str

    @staticmethod
    def resolve_has_file(obj: Any) -> bool:
        return bool(obj.file)


class DocumentIn(Schema):
    org_unit: int
    direction: str = "den"
    type: str | None = None
    number: str = ""
    symbol: str = ""
    issuer_code: str = ""
    issuer_name: str = ""
    issued_on: dt.date | None = None
    title: str = ""
    note: str = ""


class NumberIn(Schema):
    issuer: int
    type: str
    title: str
    issued_on: dt.date | None = None


class TaskSource(Schema):
    kind: str
    conclusion_id: int | None = None
    meeting_id: int | None = None
    document_id: int | None = None
    programme_item_id: int | None = None


class TaskOut(Schema):
    id: int
    title: str
    description: str
    status: str
    status_label: str
    overdue: bool
    deadline: dt.date | None
    progress: int
    completed_on: dt.date | None
    owner_unit: UnitRef
    lead_unit: UnitRef
    co_units: list[UnitRef]
    source: TaskSource | None

    @staticmethod
    def resolve_status(obj: Any) -> str:
        return str(obj.display_status(clock.today())[0])

    @staticmethod
    def resolve_status_label(obj: Any) -> str:
        return str(obj.display_status(clock.today())[1])

    @staticmethod
    def resolve_overdue(obj: Any) -> bool:
        return bool(obj.is_overdue(clock.today()))

    @staticmethod
    def resolve_co_units(obj: Any) -> list[Any]:
        return list(obj.co_units.all())

    @staticmethod
    def resolve_source(obj: Any) -> dict[str, Any] | None:
        if obj.conclusion_id:
            return {
                "kind": "ket_luan",
                "conclusion_id": obj.conclusion_id,
                "meeting_id": obj.conclusion.meeting_id,
            }
        if obj.document_id:
            return {"kind": "van_ban", "document_id": obj.document_id}
        if obj.programme_item_id:
            return {"kind": "chuong_trinh", "programme_item_id": obj.programme_item_id}
        return None


class TaskIn(Schema):
    title: str
    description: str = ""
    lead_unit: int
    co_units: list[int] = []
    owner_unit: int | None = None
    deadline: dt.date | None = None
    conclusion: int | None = None
    document: int | None = None


class ProgressIn(Schema):
    progress: int
    note: str
    status: str | None = None


class AttendeeOut(Schema):
    id: int
    person_id: int | None
    name: str
    org_unit: UnitRef | None
    name_as_written: str
    position: str
    role: str
    role_label: str
    present: bool
    absence_reason: str

    @staticmethod
    def resolve_name(obj: Any) -> str:
        return str(obj)

    @staticmethod
    def resolve_position(obj: Any) -> str:
        return str(obj.position_as_written)

    @staticmethod
    def resolve_role_label(obj: Any) -> str:
        return str(obj.get_role_display())


class AgendaOut(Schema):
    order: int
    title: str
    presenter: str
    report_ids: list[int]
    documents: list[DocumentRef]

    @staticmethod
    def resolve_presenter(obj: Any) -> str:
        return str(obj.presenter) if obj.presenter_id else str(obj.presenter_text)

    @staticmethod
    def resolve_report_ids(obj: Any) -> list[int]:
        return [report.pk for report in obj.reports.all()]

    @staticmethod
    def resolve_documents(obj: Any) -> list[Any]:
        return list(obj.documents.all())


class OpinionOut(Schema):
    speaker: str
    content: str

    @staticmethod
    def resolve_speaker(obj: Any) -> str:
        return str(obj.speaker) if obj.speaker_id else str(obj.speaker_text)


class ConclusionOut(Schema):
    id: int
    number: int
    text: str
    tasks: list[TaskOut]


class MeetingOut(Schema):
    id: int
    title: str
    kind: str
    kind_name: str
    starts_at: dt.datetime
    ends_at: dt.datetime | None
    place: str
    is_online: bool
    status: str
    period_code: str
    org_unit: UnitRef
    co_organisers: list[UnitRef]
    chairs: list[AttendeeOut]
    series_id: int | None

    @staticmethod
    def resolve_kind(obj: Any) -> str:
        return str(obj.kind.code)

    @staticmethod
    def resolve_kind_name(obj: Any) -> str:
        return str(obj.kind.name)

    @staticmethod
    def resolve_co_organisers(obj: Any) -> list[Any]:
        return list(obj.co_organisers.all())

    @staticmethod
    def resolve_chairs(obj: Any) -> list[Any]:
        chairs = getattr(obj, "chairs", None)
        if chairs is None:
            chairs = [a for a in obj.attendances.all() if a.role == "chu_tri"]
        return list(chairs)


class MeetingDetailOut(MeetingOut):
    summary: str
    minutes: str
    attendees: list[AttendeeOut]
    bridge_points: list[str]
    agenda: list[AgendaOut]
    opinions: list[OpinionOut]
    conclusions: list[ConclusionOut]
    documents: list[DocumentRef]
    cited_documents: list[DocumentRef]
    review_tasks: list[TaskOut]


class MeetingIn(Schema):
    title: str
    kind: str
    org_unit: int
    starts_at: dt.datetime
    ends_at: dt.datetime | None = None
    place: str = ""
    is_online: bool = False
    period_code: str = ""
    co_organisers: list[int] = []
    summary: str = ""


class AttendeeIn(Schema):
    person: int | None = None
    org_unit: int | None = None
    name_as_written: str = ""
    position_as_written: str = ""
    role: str = "du"
    present: bool = True
    absence_reason: str = ""


class ConclusionIn(Schema):
    text: str
