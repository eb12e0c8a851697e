"""Who sees a figure's personal data and the situations, and the read log (the pattern of
danvan/petitions/privacy.py).

- A figure's name is masked in lists («Nguyễn V. A.») and its phone hidden for those
  without ``Cap.RELIGION_MANAGE`` on its unit; its page shows the rest (role, title,
  place) to every reader, the phone only to them.
- A situation exists only for ``Cap.RELIGION_SENSITIVE`` holders (others get a 404).
- Every read of a figure (page, list page, export, API) and of a situation is written to
  ``ReadLog``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from danvan.access.roles import Cap
from danvan.access.scope import can
from danvan.petitions.privacy import mask_name
from danvan.religion.models import Figure, ReadLog, Situation

HIDDEN = "(ẩn)"


def may_see_person(user: Any, figure: Figure) -> bool:
    return can(user, Cap.RELIGION_MANAGE, figure.org_unit)


def name_for(user: Any, figure: Figure) -> str:
    return figure.full_name if may_see_person(user, figure) else mask_name(figure.full_name)


def phone_for(user: Any, figure: Figure) -> str:
    if not figure.phone:
        return ""
    return figure.phone if may_see_person(user, figure) else HIDDEN


def log(
    *,
    user: Any,
    action: str,
    what: str,
    figure: Figure | None = None,
    situation: Situation | None = None,
    org_unit: Any = None,
    full_shown: bool = False,
) -> ReadLog:
    record = figure or situation
    return ReadLog.objects.create(
        user=user,
        action=action,
        what=what[:500],
        figure=figure,
        situation=situation,
        org_unit=org_unit if org_unit is not None else getattr(record, "org_unit", None),
        full_shown=full_shown,
    )


def log_figure(*, user: Any, figure: Figure, api: bool = False) -> ReadLog:
    return log(
        user=user,
        action=ReadLog.Action.API_DETAIL if api else ReadLog.Action.DETAIL,
        what=f"{figure.get_role_display()} #{figure.pk} — {figure.org_unit.name}",
        figure=figure,
        full_shown=may_see_person(user, figure),
    )


def log_figures(
    *, user: Any, figures: Iterable[Figure], where: str, action: str = ReadLog.Action.LIST
) -> ReadLog | None:
    rows = list(figures)
    if not rows:
        return None
    ids = ", ".join(f"#{f.pk}" for f in rows[:40])
    return log(user=user, action=action, what=f"{where}: {len(rows)} người ({ids})")


def log_situation(*, user: Any, situation: Situation, api: bool = False) -> ReadLog:
    return log(
        user=user,
        action=ReadLog.Action.API_DETAIL if api else ReadLog.Action.DETAIL,
        what=f"{situation} — {situation.org_unit.name}",
        situation=situation,
        full_shown=True,
    )


def log_situations(*, user: Any, situations: Iterable[Situation], action: str) -> ReadLog:
    rows = list(situations)
    ids = ", ".join(f"#{s.pk}" for s in rows[:40])
    return log(user=user, action=action, what=f"Tình hình: {len(rows)} mục ({ids or 'không'})")
