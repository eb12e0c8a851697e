"""Writes to the org tree. Each service is atomic, audited, checks access and refuses
illegal states with a Vietnamese message naming the field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from danvan.access.models import RoleAssignment
from danvan.access.roles import Cap
from danvan.access.scope import require
from danvan.core import concurrency
from danvan.core.audit import current_actor, service
from danvan.lib.dates import format_date
from danvan.lib.text import fold, normalize_spaces
from danvan.org.models import (
    OrganisationKind,
    OrgLevel,
    OrgUnit,
    OrgUnitSuccession,
    UnitKind,
)

EDITABLE_FIELDS = (
    "name",
    "code",
    "level",
    "kind",
    "organisation_kind",
    "valid_from",
    "valid_to",
    "note",
)


def _refuse_if_historical(unit: OrgUnit, field: str | None = None) -> None:
    if unit.is_historical and unit.valid_to is not None:
        closed_from = unit.valid_to + dt.timedelta(days=1)
        message = (
            f"«{unit.name}» đã ngừng hoạt động từ {format_date(closed_from)}: "
            "đơn vị cũ chỉ được xem, không được sửa."
        )
        raise ValidationError({field: message} if field else message)


def _validate(unit: OrgUnit) -> None:
    """Rules that span fields and rows, checked before the database sees the row."""
    errors: dict[str, str] = {}
    if not unit.name:
        errors["name"] = "Tên đơn vị không được để trống."
    if not unit.level_id:
        errors["level"] = "Phải chọn cấp của đơn vị."
    if not unit.kind_id:
        errors["kind"] = "Phải chọn loại đơn vị."
    if not unit.code:
        errors["code"] = "Mã đơn vị không được để trống."
    else:
        clash = OrgUnit.objects.filter(code__iexact=unit.code).exclude(pk=unit.pk).first()
        if clash is not None:
            errors["code"] = f"Mã đơn vị «{unit.code}» đã được dùng cho «{clash.name}»."
    if unit.valid_from and unit.valid_to and unit.valid_to < unit.valid_from:
        errors["valid_to"] = (
            f"Ngày ngừng hoạt động ({format_date(unit.valid_to)}) không được trước ngày bắt đầu "
            f"hoạt động ({format_date(unit.valid_from)})."
        )
    kind: UnitKind | None = getattr(unit, "kind", None) if unit.kind_id else None
    if kind is not None:
        if not kind.is_place and unit.organisation_kind_id is None:
            errors["organisation_kind"] = (
                f"Đơn vị loại «{kind.name}» là cơ quan, tổ chức: phải chọn loại tổ chức."
            )
        if kind.is_place and unit.organisation_kind_id is not None:
            errors["organisation_kind"] = (
                f"Đơn vị loại «{kind.name}» là địa bàn: không gắn loại tổ chức."
            )
    parent = unit.parent
    if parent is not None and unit.level_id and parent.level.rank > unit.level.rank:
        errors["level"] = (
            f"Cấp «{unit.level.name}» cao hơn cấp của đơn vị cấp trên "
            f"«{parent.name}» ({parent.level.name})."
        )
    if errors:
        raise ValidationError(errors)
    # Derived columns are checked through the fields they come from.
    unit.full_clean(
        exclude=["parent", "level", "kind", "organisation_kind", "path", "depth", "name_folded"]
    )


def _place_under(unit: OrgUnit, parent: OrgUnit | None) -> tuple[str, int]:
    prefix = parent.path if parent is not None else "/"
    return f"{prefix}{unit.pk}/", (parent.depth + 1 if parent is not None else 0)


@service
def org_unit_create(
    *,
    actor: Any,
    parent: OrgUnit | None,
    name: str,
    code: str,
    level: OrgLevel,
    kind: UnitKind,
    organisation_kind: OrganisationKind | None = None,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
    note: str = "",
) -> OrgUnit:
    if parent is None:
        if not getattr(actor, "is_superuser", False):
            raise PermissionDenied("Chỉ quản trị hệ thống được tạo đơn vị gốc.")
    else:
        require(actor, Cap.ORG_MANAGE, parent)
        _refuse_if_historical(parent, "parent")
    unit = OrgUnit(
        parent=parent,
        name=normalize_spaces(name),
        code=normalize_spaces(code),
        level=level,
        kind=kind,
        organisation_kind=organisation_kind,
        valid_from=valid_from,
        valid_to=valid_to,
        note=note.strip(),
        path="/",  # set below, once the primary key exists
    )
    unit.name_folded = fold(unit.name)
    _validate(unit)
    unit.save()
    unit.path, unit.depth = _place_under(unit, parent)
    OrgUnit.all_objects.filter(pk=unit.pk).update(path=unit.path, depth=unit.depth)
    return unit


@service
def org_unit_update(
    *, actor: Any, unit: OrgUnit, version: int | None = None, **changes: Any
) -> OrgUnit:
    """Change the fields named in ``changes`` of the row as stored now (locked): an edit
    made from another ``version`` is refused, the others are kept."""
    concurrency.lock(unit)
    require(actor, Cap.ORG_MANAGE, unit)
    _refuse_if_historical(unit)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(f"Không sửa được các trường: {', '.join(sorted(unknown))}.")
    concurrency.check_version(unit, version)
    before = concurrency.snapshot(unit)
    old_kind = unit.organisation_kind_id
    for field, value in changes.items():
        if field in {"name", "code", "note"}:
            value = normalize_spaces(value) if field != "note" else (value or "").strip()
        setattr(unit, field, value)
    unit.name_folded = fold(unit.name)
    _validate(unit)
    concurrency.save_changed(unit, before)
    if unit.organisation_kind_id != old_kind:
        from danvan.reporting import rollup

        rollup.unit_kind_changed(unit, old_kind)
    return unit


def _audit_paths(moved: list[tuple[OrgUnit, str]]) -> None:
    """One audit entry per unit whose ``path`` changed in a move (the paths are written
    in bulk, which auditlog does not see)."""
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    actor = current_actor()
    content_type = ContentType.objects.get_for_model(OrgUnit)
    LogEntry.objects.bulk_create(
        [
            LogEntry(
                content_type=content_type,
                object_pk=str(node.pk),
                object_id=node.pk,
                object_repr=str(node)[:255],
                action=LogEntry.Action.UPDATE,
                changes={"path": [old, node.path]},
                actor=actor,
                actor_email=getattr(actor, "email", None) or None,
            )
            for node, old in moved
        ],
        batch_size=500,
    )


@service
def org_unit_move(
    *, actor: Any, unit: OrgUnit, new_parent: OrgUnit, version: int | None = None
) -> OrgUnit:
    """Move ``unit`` with its whole subtree under ``new_parent``; every path that changes
    is in the audit log."""
    concurrency.lock(unit)
    concurrency.lock(new_parent)
    require(actor, Cap.ORG_MANAGE, unit)
    concurrency.check_version(unit, version)
    require(actor, Cap.ORG_MANAGE, new_parent)
    _refuse_if_historical(unit)
    _refuse_if_historical(new_parent, "parent")
    if new_parent.path.startswith(unit.path):
        which = "chính nó" if new_parent.pk == unit.pk else f"đơn vị trực thuộc «{new_parent.name}»"
        raise ValidationError(
            {"parent": f"Không thể chuyển «{unit.name}» vào {which} của nó."}
            if new_parent.pk != unit.pk
            else {"parent": f"Không thể chuyển «{unit.name}» vào {which}."}
        )
    if new_parent.level.rank > unit.level.rank:
        raise ValidationError(
            {
                "parent": f"«{new_parent.name}» ({new_parent.level.name}) ở cấp thấp hơn "
                f"«{unit.name}» ({unit.level.name})."
            }
        )
    old_prefix = unit.path
    unit.parent = new_parent
    new_prefix, new_depth = _place_under(unit, new_parent)
    shift = new_depth - unit.depth
    subtree = list(
        OrgUnit.all_objects.select_for_update()
        .filter(path__startswith=old_prefix)
        .exclude(pk=unit.pk)
    )
    moved = [(unit, old_prefix)]
    for node in subtree:
        moved.append((node, node.path))
        node.path = new_prefix + node.path[len(old_prefix) :]
        node.depth += shift
    OrgUnit.all_objects.bulk_update(subtree, ["path", "depth"], batch_size=500)
    unit.path, unit.depth = new_prefix, new_depth
    _audit_paths(moved)  # before the unit's own entry (its new parent), the latest
    unit.version += 1
    unit.save(update_fields=["parent", "path", "depth", "version", "updated_at"])
    # What the subtree adds leaves the old ancestors and reaches the new ones (the
    # subtree's rows are locked above, so no figure of it changes meanwhile).
    from danvan.reporting import rollup

    rollup.unit_moved(unit, old_prefix)
    return unit


@service
def org_unit_succeed(
    *,
    actor: Any,
    sources: Sequence[OrgUnit],
    targets: Sequence[OrgUnit],
    effective_date: dt.date,
    kind: str,
    decision: str = "",
) -> list[OrgUnitSuccession]:
    """Close ``sources`` (with their subtrees) the day before ``effective_date`` and link
    each of them to each of ``targets``. Old units keep their data and become read-only.

    Merge is many → one, split is one → many; a reorganisation such as 1/7/2025 is many
    → many, so this is the one mechanism and the two below only name it.
    """
    if not sources:
        raise ValidationError({"sources": "Chọn ít nhất một đơn vị cũ."})
    if not targets:
        raise ValidationError({"target": "Chọn ít nhất một đơn vị kế thừa."})
    closing_day = effective_date - dt.timedelta(days=1)
    for target in targets:
        require(actor, Cap.ORG_MANAGE, target)
        _refuse_if_historical(target, "target")
    links: list[OrgUnitSuccession] = []
    for source in sources:
        require(actor, Cap.ORG_MANAGE, source)
        _refuse_if_historical(source, "sources")
        if source.valid_from and source.valid_from > closing_day:
            raise ValidationError(
                {
                    "effective_date": f"Ngày hiệu lực {format_date(effective_date)} phải sau ngày "
                    f"«{source.name}» bắt đầu hoạt động ({format_date(source.valid_from)})."
                }
            )
        for target in targets:
            if source.pk == target.pk:
                raise ValidationError(
                    {"target": f"«{source.name}» không thể sáp nhập vào chính nó."}
                )
            if target.path.startswith(source.path):
                raise ValidationError(
                    {
                        "target": f"«{target.name}» thuộc «{source.name}»: đơn vị kế thừa "
                        "không được nằm trong đơn vị bị sáp nhập."
                    }
                )
        open_nodes = OrgUnit.objects.filter(path__startswith=source.path).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gt=closing_day)
        )
        for node in open_nodes:
            node.valid_to = closing_day
            node.save(update_fields=["valid_to", "updated_at"])
        for target in targets:
            link = OrgUnitSuccession(
                predecessor=source,
                successor=target,
                kind=kind,
                effective_date=effective_date,
                decision=normalize_spaces(decision),
            )
            link.full_clean(validate_unique=False)
            link.save()
            links.append(link)
    return links


def org_unit_merge(
    *,
    actor: Any,
    sources: Sequence[OrgUnit],
    target: OrgUnit,
    effective_date: dt.date,
    decision: str = "",
    kind: str = OrgUnitSuccession.Kind.MERGE,
    move_roles: Sequence[RoleAssignment] = (),
) -> list[OrgUnitSuccession]:
    """Sáp nhập: several old units continue as one. ``move_roles`` (held in the sources)
    move to the target in the same transaction: one refusal undoes the merge too."""
    from danvan.access.services import roles_move_to_successor

    source_ids = {source.pk for source in sources}
    stray = [a for a in move_roles if a.org_unit_id not in source_ids]
    if stray:
        raise ValidationError(
            {"move_roles": "Chỉ chuyển được vai trò tại các đơn vị đang được sáp nhập."}
        )
    with transaction.atomic():
        links = org_unit_succeed(
            actor=actor,
            sources=sources,
            targets=[target],
            effective_date=effective_date,
            decision=decision,
            kind=kind,
        )
        roles_move_to_successor(actor=actor, assignments=move_roles, successor=target)
    return links


def org_unit_split(
    *,
    actor: Any,
    source: OrgUnit,
    targets: Sequence[OrgUnit],
    effective_date: dt.date,
    decision: str = "",
) -> list[OrgUnitSuccession]:
    """Chia tách: one old unit continues as several."""
    return org_unit_succeed(
        actor=actor,
        sources=[source],
        targets=targets,
        effective_date=effective_date,
        decision=decision,
        kind=OrgUnitSuccession.Kind.SPLIT,
    )


@service
def org_unit_delete(*, actor: Any, unit: OrgUnit) -> OrgUnit:
    """Soft-delete a unit entered by mistake. Units with history use merge, not delete."""
    require(actor, Cap.ORG_MANAGE, unit)
    children = unit.children.count()
    if children:
        raise ValidationError(
            f"Không thể xóa «{unit.name}» vì còn {children} đơn vị trực thuộc; "
            "hãy chuyển hoặc xóa các đơn vị đó trước."
        )
    if unit.role_assignments.exists():
        raise ValidationError(
            f"Không thể xóa «{unit.name}» vì còn người dùng được phân quyền tại đơn vị này."
        )
    held = unit.positions.count() + unit.people.count()
    if held:
        raise ValidationError(
            f"Không thể xóa «{unit.name}» vì còn {held} hồ sơ cán bộ hoặc chức vụ gắn với "
            "đơn vị này; hãy chuyển hoặc xóa chúng trước."
        )
    unit.deleted_at = timezone.now()
    unit.save(update_fields=["deleted_at", "updated_at"])
    return unit


@service
def org_unit_restore(*, actor: Any, unit: OrgUnit) -> OrgUnit:
    """Undo a deletion (the parent must still exist and the code must still be free)."""
    if unit.parent is not None and unit.parent.deleted_at is not None:
        raise ValidationError(
            f"Không thể khôi phục «{unit.name}» vì đơn vị cấp trên «{unit.parent.name}» đã bị xóa."
        )
    require(actor, Cap.ORG_MANAGE, unit)
    unit.deleted_at = None
    _validate(unit)
    unit.save(update_fields=["deleted_at", "updated_at"])
    return unit
