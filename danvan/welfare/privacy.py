"""Who sees beneficiaries' names, and the read log (like danvan/petitions/privacy.py).

- Names are shown in full only to holders of ``Cap.WELFARE_MANAGE`` on the unit that
  keeps the record (the Front's and organisations' officers); everyone else who reads the
  campaign (board staff, viewers) sees «Nguyễn V. A., Tổ dân phố số 1»: the family name,
  the initials and the khu dân cư.
- ID numbers and phones are never in a list, an export or the disclosure list; only the
  beneficiary's own page shows them, to a holder.
- The disclosure list (*danh sách công khai*) shows name, khu dân cư and what was
  received — in full once the campaign has published it (it is posted publicly), masked
  before that to those without the capability.
- Every read of names is written to ``ReadLog``: a list page (one row per page, with how
  many names it showed and whether in full), a search in gift entry, an export, the
  disclosure list, the API.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from danvan.access.roles import Cap
from danvan.access.scope import can
from danvan.petitions.privacy import mask_name
from danvan.welfare.models import Beneficiary, CampaignState, Gift, ReadLog


def may_see_names(user: Any, unit: Any) -> bool:
    return can(user, Cap.WELFARE_MANAGE, unit)


def area_label(person: Beneficiary) -> str:
    return person.area.name if person.area_id else ""  # type: ignore[union-attr]


def masked(person: Beneficiary) -> str:
    where = area_label(person)
    name = mask_name(person.head_name)
    return f"{name}, {where}" if where else name


def label(user: Any, person: Beneficiary) -> str:
    """The household as a list shows it to ``user``."""
    if may_see_names(user, person.org_unit):
        where = area_label(person)
        return f"{person.head_name}, {where}" if where else person.head_name
    return masked(person)


def gift_label(user: Any, gift: Gift) -> str:
    """A gift's household: in full to a holder on the giving unit or on the register."""
    person = gift.beneficiary
    if may_see_names(user, gift.giver) or may_see_names(user, person.org_unit):
        where = area_label(person)
        return f"{person.head_name}, {where}" if where else person.head_name
    return masked(person)


def disclosure_names(user: Any, campaign: Any) -> bool:
    """Full names on the disclosure list: once published, or to a holder on the campaign."""
    return campaign.state == CampaignState.PUBLISHED or may_see_names(user, campaign.org_unit)


def log(
    *,
    user: Any,
    action: str,
    what: str,
    beneficiary: Beneficiary | None = None,
    org_unit: Any = None,
    identity_shown: bool = False,
) -> ReadLog:
    return ReadLog.objects.create(
        user=user,
        action=action,
        what=what[:500],
        beneficiary=beneficiary,
        org_unit=org_unit if org_unit is not None else getattr(beneficiary, "org_unit", None),
        identity_shown=identity_shown,
    )


def log_gifts(
    *,
    user: Any,
    gifts: Iterable[Gift],
    filters: str,
    action: str = ReadLog.Action.LIST,
    page: int = 1,
) -> ReadLog:
    rows = list(gifts)
    shown = any(may_see_names(user, g.giver) for g in rows)
    refs = ", ".join(str(g.pk) for g in rows[:40])
    return log(
        user=user,
        action=action,
        what=f"Trang {page}, {len(rows)} suất quà (#{refs}); lọc: {filters or 'không'}",
        identity_shown=shown,
    )
