"""Writes to people and positions: atomic, audited, access-checked."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from danvan.access.roles import Cap
from danvan.access.scope import require
from danvan.core import concurrency
from danvan.core.audit import service
from danvan.lib.dates import format_date
from danvan.lib.text import fold, normalize_spaces
from danvan.lib.titles import expand_title
from danvan.org.models import OrgUnit
from danvan.people.models import Person, Position

PERSON_FIELDS = ("full_name", "gender", "birth_year", "phone", "email", "org_unit", "note")
POSITION_FIELDS = ("org_unit", "title", "term", "start_date", "end_date", "is_primary", "source")


def _check_person(person: Person) -> None:
    person.full_name = normalize_spaces(person.full_name)
    if not person.full_name:
        raise ValidationError({"full_name": "Họ và tên không được để trống."})
    person.name_folded = fold(person.full_name)
    person.full_clean(exclude=["org_unit", "name_folded"])


def _check_position(position: Position) -> None:
    position.title = normalize_spaces(position.title)
    errors: dict[str, str] = {}
    if not position.title:
        errors["title"] = "Chức danh không được để trống."
    if position.start_date and position.end_date and position.end_date < position.start_date:
        errors["end_date"] = (
            f"Ngày thôi giữ chức vụ ({format_date(position.end_date)}) không được trước "
            f"ngày bắt đầu ({format_date(position.start_date)})."
        )
    if errors:
        raise ValidationError(errors)
    position.title_folded = fold(f"{position.title} {expand_title(position.title)}")[:400]
    position.full_clean(exclude=["person", "org_unit", "title_folded"])


@service
def person_create(*, actor: Any, org_unit: OrgUnit, full_name: str, **fields: Any) -> Person:
    require(actor, Cap.PEOPLE_MANAGE, org_unit)
    person = Person(org_unit=org_unit, full_name=full_name, **fields)
    _check_person(person)
    person.save()
    return person


@service
def person_update(
    *, actor: Any, person: Person, version: int | None = None, **changes: Any
) -> Person:
    concurrency.lock(person)
    require(actor, Cap.PEOPLE_MANAGE, person.org_unit)
    unknown = set(changes) - set(PERSON_FIELDS)
    if unknown:
        raise ValidationError(f"Không sửa được các trường: {', '.join(sorted(unknown))}.")
    if "org_unit" in changes:
        require(actor, Cap.PEOPLE_MANAGE, changes["org_unit"])
    concurrency.check_version(person, version)
    before = concurrency.snapshot(person)
    for field, value in changes.items():
        setattr(person, field, value)
    _check_person(person)
    concurrency.save_changed(person, before)
    return person


@service
def person_delete(*, actor: Any, person: Person) -> Person:
    require(actor, Cap.PEOPLE_MANAGE, person.org_unit)
    now = timezone.now()
    for position in person.positions.all():
        position.deleted_at = now
        position.save(update_fields=["deleted_at", "updated_at"])
    person.deleted_at = now
    person.save(update_fields=["deleted_at", "updated_at"])
    return person


@service
def position_create(
    *, actor: Any, person: Person, org_unit: OrgUnit, title: str, **fields: Any
) -> Position:
    require(actor, Cap.PEOPLE_MANAGE, org_unit)
    position = Position(person=person, org_unit=org_unit, title=title, **fields)
    _check_position(position)
    position.save()
    return position


@service
def position_update(
    *, actor: Any, position: Position, version: int | None = None, **changes: Any
) -> Position:
    concurrency.lock(position)
    require(actor, Cap.PEOPLE_MANAGE, position.org_unit)
    unknown = set(changes) - set(POSITION_FIELDS)
    if unknown:
        raise ValidationError(f"Không sửa được các trường: {', '.join(sorted(unknown))}.")
    if "org_unit" in changes:
        require(actor, Cap.PEOPLE_MANAGE, changes["org_unit"])
    concurrency.check_version(position, version)
    before = concurrency.snapshot(position)
    for field, value in changes.items():
        setattr(position, field, value)
    _check_position(position)
    concurrency.save_changed(position, before)
    return position


@service
def position_delete(*, actor: Any, position: Position) -> Position:
    require(actor, Cap.PEOPLE_MANAGE, position.org_unit)
    position.deleted_at = timezone.now()
    position.save(update_fields=["deleted_at", "updated_at"])
    return position
