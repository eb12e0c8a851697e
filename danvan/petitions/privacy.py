"""Who may see whom: masking, the tố cáo rule, and the read log.

- Lists show petitioners masked: «Nguyễn V. A., phường Định Công» (the family name, the
  initials, and only the commune part of the address); the full record only on the
  petition's own page, and that opening is logged.
- A tố cáo's petitioner (Luật Tố cáo 2018: the denouncer's identity is kept secret) is
  shown only to the handling officer and to administrators (``Cap.AUDIT_VIEW`` on the
  unit), on the page, in the API and in exports.
- Every read is written to ``ReadLog``: a petition opened (page or API), a list page read
  (one row per page, with how many petitions it showed), an export (with whether ID
  numbers were included, which only a ``PETITION_MANAGE`` holder may ask for).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from danvan.access.roles import Cap
from danvan.access.scope import can
from danvan.lib.text import fold
from danvan.petitions.models import Petition, Petitioner, ReadLog

HIDDEN = "(giữ bí mật)"
ANONYMOUS = "Đơn nặc danh"
_PLACE = re.compile(r"^(xã|phường|thị trấn|đặc khu)\b", re.IGNORECASE)


def mask_name(full_name: str) -> str:
    """«Nguyễn Văn An» → «Nguyễn V. A.»; one word stays its initial."""
    words = full_name.split()
    if not words:
        return ""
    if len(words) == 1:
        return f"{words[0][0]}."
    return " ".join([words[0], *(f"{w[0]}." for w in words[1:])])


def mask_address(address: str) -> str:
    """Only the commune/ward part of an address: «số 5 ngõ 2, phường Định Công» →
    «phường Định Công»; «…» when no part names one."""
    for part in (p.strip() for p in address.split(",")):
        if _PLACE.match(part):
            return part[0].lower() + part[1:]
    return "…"


def masked(person: Petitioner) -> str:
    where = mask_address(person.address) if person.address else ""
    return f"{mask_name(person.full_name)}, {where}" if where else mask_name(person.full_name)


def is_admin(user: Any, petition: Petition) -> bool:
    return can(user, Cap.AUDIT_VIEW, petition.org_unit)


def may_see_identity(user: Any, petition: Petition) -> bool:
    """Full petitioner data on the record's page: anyone with the capability, except for a
    tố cáo, whose petitioner only the handling officer and administrators see."""
    if not can(user, Cap.PETITION_VIEW, petition.org_unit):
        return False
    if not petition.is_denunciation:
        return True
    return petition.handler_id == getattr(user, "pk", None) or is_admin(user, petition)


def list_label(petition: Petition) -> str:
    """The petitioners as a list shows them (masked; a tố cáo's hidden)."""
    if petition.anonymous:
        return ANONYMOUS
    if petition.is_denunciation:
        return f"Người tố cáo {HIDDEN}"
    people = list(petition.petitioners.all())
    if not people:
        return "—"
    label = masked(people[0])
    if len(people) > 1 or petition.group_size > 1:
        label += f" và {max(len(people), petition.group_size) - 1} người khác"
    return label


def log(
    *,
    user: Any,
    action: str,
    what: str,
    petition: Petition | None = None,
    org_unit: Any = None,
    identity_shown: bool = False,
) -> ReadLog:
    return ReadLog.objects.create(
        user=user,
        action=action,
        what=what[:500],
        petition=petition,
        org_unit=org_unit if org_unit is not None else getattr(petition, "org_unit", None),
        identity_shown=identity_shown,
    )


def log_detail(*, user: Any, petition: Petition, api: bool = False) -> ReadLog:
    shown = may_see_identity(user, petition) and not petition.anonymous
    return log(
        user=user,
        action=ReadLog.Action.API_DETAIL if api else ReadLog.Action.DETAIL,
        what=f"{petition} — {petition.org_unit.name}",
        petition=petition,
        identity_shown=shown,
    )


def log_list(
    *, user: Any, petitions: Iterable[Petition], filters: str, api: bool = False, page: int = 1
) -> ReadLog:
    rows = list(petitions)
    refs = ", ".join(p.reference for p in rows[:30])
    return log(
        user=user,
        action=ReadLog.Action.API_LIST if api else ReadLog.Action.LIST,
        what=f"Trang {page}, {len(rows)} đơn ({refs}); lọc: {filters or 'không'}",
    )


def folded_phone(phone: str) -> str:
    return re.sub(r"\D", "", phone or "")


def folded(text: str) -> str:
    return fold(text)
