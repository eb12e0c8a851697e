from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema


class Ref(Schema):
    id: int
    code: str
    name: str


class OrgUnitOut(Schema):
    id: int
    code: str
    name: str
    parent_id: int | None
    path: str
    depth: int
    level: Ref
    kind: Ref
    organisation_kind: Ref | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    is_historical: bool
    note: str
    version: int


class OrgUnitIn(Schema):
    parent_id: int
    name: str
    code: str
    level: str
    kind: str
    organisation_kind: str | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    note: str = ""


class OrgUnitPatch(Schema):
    name: str | None = None
    code: str | None = None
    parent_id: int | None = None
    level: str | None = None
    kind: str | None = None
    organisation_kind: str | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    note: str | None = None
    version: int | None = Field(
        None,
        description="Phiên bản đã đọc (hoặc gửi tiêu đề If-Match). Khác phiên bản đang lưu: "
        "409. Không gửi: chỉ các trường gửi lên được ghi, dưới khóa dòng.",
    )


class PositionOut(Schema):
    id: int
    title: str
    title_expanded: str
    org_unit_id: int
    org_unit_name: str
    term: str
    start_date: dt.date | None
    end_date: dt.date | None
    is_current: bool

    @staticmethod
    def resolve_org_unit_name(obj: Any) -> str:
        return str(obj.org_unit.name)


class PersonOut(Schema):
    id: int
    full_name: str
    org_unit_id: int
    positions: list[PositionOut]

    @staticmethod
    def resolve_positions(obj: Any) -> list[Any]:
        return list(obj.positions.all())


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


class ChangedField(Schema):
    field: str
    value: str


class ConflictOut(ErrorOut):
    """409: someone saved after the version sent; what they changed, as stored now."""

    version: int | None = None
    changed: list[ChangedField] = []
