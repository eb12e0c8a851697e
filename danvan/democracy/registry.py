"""The four lists of the register, described once: their model, forms, services, the
columns of the list and of its XLSX, the facts of a record's page and its moves. The
pages (views.py), the exports and the API read this description."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.db.models import Model

from danvan.core import clock
from danvan.democracy import forms as f
from danvan.democracy.models import (
    Consultation,
    ConsultationState,
    DecisionState,
    Disclosure,
    DisclosureState,
    Oversight,
    OversightState,
    PeopleDecision,
)
from danvan.lib.dates import format_date


def show(value: Any) -> Any:
    if isinstance(value, dt.date):
        return format_date(value)
    return "" if value is None else value


def _display(name: str) -> Callable[[Any], Any]:
    return lambda r: getattr(r, f"get_{name}_display")()


def _state(record: Any) -> str:
    if isinstance(record, Disclosure):
        return record.shown_state(clock.today())[1]
    return str(record.get_state_display())


def _period(r: Any) -> str:
    starts, ends = show(r.starts_on), show(r.ends_on)
    return f"{starts} – {ends}" if ends else f"từ {starts}"


def _votes(r: PeopleDecision) -> str:
    if r.state != DecisionState.DECIDED:
        return ""
    return (
        f"{r.households_taking_part}/{r.households_total} hộ tham gia; {r.votes_for} tán "
        f"thành ({r.share_for} tổng số hộ), {r.votes_against} không tán thành"
    )


@dataclass(frozen=True)
class Column:
    label: str
    get: Callable[[Any], Any]
    width: int = 16


@dataclass(frozen=True)
class Move:
    slug: str  # in the URL: …/<pk>/<slug>/
    label: str  # the button
    title: str  # the card's heading
    service: str  # danvan.democracy.services.<name>
    form: type[forms.Form]
    from_states: tuple[str, ...]
    done: str  # the message after it
    secondary: bool = False


@dataclass(frozen=True)
class Kind:
    key: str  # url names: key, key_create, key_detail, key_edit, key_move
    slug: str
    model: type[Model]
    record: str  # the services' keyword: disclosure_create(…), disclosure_update(disclosure=…)
    title: str  # the tab
    heading: str  # the list's heading
    noun: str  # "nội dung công khai"
    add: str  # "+ Thêm …"
    filter_form: type[f.Filter]
    record_form: type[f.RecordForm]
    editable_state: str
    columns: list[Column]
    facts: list[Column]
    moves: list[Move] = field(default_factory=list)
    filename: str = ""
    empty: str = ""

    def moves_for(self, record: Any) -> list[Move]:
        return [m for m in self.moves if record.state in m.from_states]


_UNIT = Column("Đơn vị, địa bàn", lambda r: r.org_unit.name, 28)
_STATE = Column("Tình trạng", _state, 16)

DISCLOSURES = Kind(
    key="disclosures",
    slug="cong-khai",
    model=Disclosure,
    record="disclosure",
    title="Công khai (dân biết)",
    heading="Sổ công khai thông tin cho Nhân dân biết",
    noun="nội dung công khai",
    add="Thêm nội dung công khai",
    filter_form=f.DisclosureFilter,
    record_form=f.DisclosureRecordForm,
    editable_state=DisclosureState.DRAFT,
    columns=[
        Column("Nội dung công khai", lambda r: r.content, 40),
        Column("Nội dung luật định", lambda r: r.item.clause if r.item else "", 14),
        Column("Hình thức", _display("form"), 22),
        Column("Thời gian công khai", _period, 22),
        _UNIT,
        _STATE,
    ],
    facts=[
        Column("Thuộc nội dung luật định", lambda r: str(r.item) if r.item else "—"),
        Column("Hình thức công khai", _display("form")),
        Column("Công khai từ ngày", lambda r: show(r.starts_on)),
        Column("Đến ngày", lambda r: show(r.ends_on) or "—"),
        Column("Ghi chú", lambda r: r.note),
        Column("Lý do thu hồi", lambda r: r.withdrawn_reason),
    ],
    moves=[
        Move(
            "cong-bo",
            "Công khai",
            "Bắt đầu công khai",
            "disclosure_publish",
            f.MoveForm,
            (DisclosureState.DRAFT,),
            "Đã chuyển sang «Đang công khai».",
        ),
        Move(
            "thu-hoi",
            "Thu hồi",
            "Thu hồi nội dung công khai",
            "disclosure_withdraw",
            f.ReasonForm,
            (DisclosureState.PUBLISHED,),
            "Đã thu hồi nội dung công khai.",
            secondary=True,
        ),
    ],
    filename="so-cong-khai",
    empty="Chưa có nội dung công khai nào trong phạm vi của bạn.",
)

DECISIONS = Kind(
    key="decisions",
    slug="bieu-quyet",
    model=PeopleDecision,
    record="decision",
    title="Dân bàn, dân quyết",
    heading="Nội dung Nhân dân bàn và quyết định",
    noun="nội dung Nhân dân quyết định",
    add="Thêm nội dung đưa ra Nhân dân quyết định",
    filter_form=f.DecisionFilter,
    record_form=f.DecisionRecordForm,
    editable_state=DecisionState.PLANNED,
    columns=[
        Column("Nội dung", lambda r: r.subject, 40),
        Column("Loại", _display("kind"), 22),
        Column("Hình thức", _display("method"), 22),
        Column("Ngày", lambda r: r.held_on, 12),
        Column("Tổng số hộ", lambda r: r.households_total, 10),
        Column("Số hộ tham gia", lambda r: r.households_taking_part, 10),
        Column("Tán thành", lambda r: r.votes_for, 10),
        Column("Không tán thành", lambda r: r.votes_against, 10),
        Column("Kết quả", lambda r: r.get_outcome_display(), 16),
        _UNIT,
        _STATE,
    ],
    facts=[
        Column("Loại nội dung", _display("kind")),
        Column("Hình thức", _display("method")),
        Column("Ngày tổ chức", lambda r: show(r.held_on)),
        Column("Tổng số hộ gia đình", lambda r: r.households_total),
        Column("Kết quả biểu quyết", _votes),
        Column("Kết quả", lambda r: r.get_outcome_display() or "—"),
        Column("Ghi chú", lambda r: r.note),
    ],
    moves=[
        Move(
            "ket-qua",
            "Ghi kết quả",
            "Ghi kết quả biểu quyết",
            "decision_record",
            f.VotesForm,
            (DecisionState.PLANNED,),
            "Đã ghi kết quả biểu quyết.",
        ),
        Move(
            "huy",
            "Hủy",
            "Hủy, không tổ chức",
            "decision_cancel",
            f.ReasonForm,
            (DecisionState.PLANNED,),
            "Đã hủy.",
            secondary=True,
        ),
    ],
    filename="dan-ban-dan-quyet",
    empty="Chưa có nội dung nào đưa ra Nhân dân bàn và quyết định trong phạm vi của bạn.",
)

CONSULTATIONS = Kind(
    key="consultations",
    slug="lay-y-kien",
    model=Consultation,
    record="consultation",
    title="Lấy ý kiến Nhân dân",
    heading="Nội dung Nhân dân bàn, tham gia ý kiến",
    noun="nội dung lấy ý kiến",
    add="Thêm nội dung lấy ý kiến",
    filter_form=f.ConsultationFilter,
    record_form=f.ConsultationRecordForm,
    editable_state=ConsultationState.OPEN,
    columns=[
        Column("Nội dung lấy ý kiến", lambda r: r.subject, 40),
        Column("Thời gian", _period, 22),
        Column("Ý kiến nhận được", lambda r: r.opinions_received, 10),
        Column("Ý kiến tiếp thu", lambda r: r.taken_up_count, 10),
        _UNIT,
        _STATE,
    ],
    facts=[
        Column("Thời gian lấy ý kiến", _period),
        Column("Số ý kiến nhận được", lambda r: r.opinions_received),
        Column("Số ý kiến được tiếp thu", lambda r: r.taken_up_count),
        Column("Nội dung tiếp thu, giải trình", lambda r: r.taken_up_summary),
    ],
    moves=[
        Move(
            "ket-thuc",
            "Kết thúc lấy ý kiến",
            "Kết thúc, tổng hợp ý kiến",
            "consultation_close",
            f.CloseForm,
            (ConsultationState.OPEN,),
            "Đã kết thúc lấy ý kiến.",
        )
    ],
    filename="lay-y-kien-nhan-dan",
    empty="Chưa có nội dung lấy ý kiến Nhân dân nào trong phạm vi của bạn.",
)

OVERSIGHT = Kind(
    key="oversight",
    slug="giam-sat",
    model=Oversight,
    record="oversight",
    title="Kiểm tra, giám sát",
    heading="Kết quả kiểm tra, giám sát của Nhân dân",
    noun="kết quả kiểm tra, giám sát",
    add="Thêm kết quả kiểm tra, giám sát",
    filter_form=f.OversightFilter,
    record_form=f.OversightRecordForm,
    editable_state=OversightState.OPEN,
    columns=[
        Column("Nội dung, công trình", lambda r: r.subject, 40),
        Column("Ban thực hiện", _display("board"), 26),
        Column("Ngày kết luận", lambda r: r.found_on, 12),
        Column("Kiến nghị", lambda r: r.recommendations, 40),
        _UNIT,
        _STATE,
    ],
    facts=[
        Column("Ban thực hiện", _display("board")),
        Column("Ngày kết luận", lambda r: show(r.found_on)),
        Column("Kết quả kiểm tra, giám sát", lambda r: r.findings),
        Column("Kiến nghị", lambda r: r.recommendations),
        Column("Kết quả xử lý", lambda r: r.resolution),
        Column("Ngày xử lý xong", lambda r: show(r.resolved_on)),
    ],
    moves=[
        Move(
            "xu-ly",
            "Đã xử lý",
            "Ghi kết quả xử lý kiến nghị",
            "oversight_resolve",
            f.ResolveForm,
            (OversightState.OPEN,),
            "Đã ghi kết quả xử lý kiến nghị.",
        )
    ],
    filename="kiem-tra-giam-sat",
    empty="Chưa có kết quả kiểm tra, giám sát nào trong phạm vi của bạn.",
)

KINDS: dict[str, Kind] = {k.key: k for k in (DISCLOSURES, DECISIONS, CONSULTATIONS, OVERSIGHT)}
