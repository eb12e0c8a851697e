"""Who may award what, on a given day: the dated rows of :class:`AwardAuthority`.

An issuing unit acts at its level (``OrgUnit.level``) as a kind of body: its organisation
kind (cấp ủy, MTTQ, chính quyền…), or *chính quyền* when the unit is a place (a ward's
decisions are its People's Committee's). An authority row matches when its level is the
unit's, its kind is empty or the unit's, and the day falls between its dates.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from danvan.awards.models import AwardAuthority, AwardForm
from danvan.lib.dates import format_date
from danvan.org.models import OrgUnit

GOVERNMENT_KIND = "chinh-quyen"


def issuer_kind(unit: OrgUnit) -> str:
    """The kind of body a unit decides as ("" when it is neither a place nor tagged)."""
    if unit.organisation_kind_id is not None:
        return unit.organisation_kind.code  # type: ignore[union-attr]
    return GOVERNMENT_KIND if unit.kind.is_place else ""


def _rows(issuer: OrgUnit, form: AwardForm) -> list[AwardAuthority]:
    kind = issuer_kind(issuer)
    return list(
        AwardAuthority.objects.filter(form=form, level=issuer.level_id)
        .filter(Q(organisation_kind__isnull=True) | Q(organisation_kind__code=kind))
        .order_by("valid_from")
    )


def _covers(row: AwardAuthority, on: dt.date) -> bool:
    return (row.valid_from is None or row.valid_from <= on) and (
        row.valid_to is None or row.valid_to >= on
    )


def authority_on(*, issuer: OrgUnit, form: AwardForm, on: dt.date) -> AwardAuthority | None:
    """The authority row under which ``issuer`` may award ``form`` on ``on``, or None."""
    return next((row for row in _rows(issuer, form) if _covers(row, on)), None)


def refusal(*, issuer: OrgUnit, form: AwardForm, on: dt.date) -> str:
    """Why ``issuer`` may not award ``form`` on ``on`` ("" when it may)."""
    rows = _rows(issuer, form)
    if any(_covers(row, on) for row in rows):
        return ""
    level = issuer.level.name.lower()
    head = (
        f"«{issuer.name}» ({level}) không có thẩm quyền tặng «{form.name}» "
        f"vào ngày {format_date(on)}"
    )
    ended = [row for row in rows if row.valid_to is not None and row.valid_to < on]
    if ended:
        last = max(ended, key=lambda row: row.valid_to or on)
        return (
            f"{head}: thẩm quyền này của {level} chỉ áp dụng đến hết ngày "
            f"{format_date(last.valid_to)}."
        )
    later = [row for row in rows if row.valid_from is not None and row.valid_from > on]
    if later:
        first = min(later, key=lambda row: row.valid_from or on)
        return f"{head}: thẩm quyền này chỉ áp dụng từ ngày {format_date(first.valid_from)}."
    allowed = sorted(
        {
            row.level.name.lower()
            for row in AwardAuthority.objects.filter(form=form).select_related("level")
            if _covers(row, on)
        }
    )
    where = f" (ngày này do {', '.join(allowed)} quyết định)" if allowed else ""
    return f"{head}{where}."
