"""Petitions on the «Việc cần làm» inbox and in the daily reminders (send_reminders).

Who is concerned by an open petition with a deadline: its handling officer, or, when it
has none, the holders of ``PETITION_MANAGE`` at the unit keeping it. A petition is listed
from ``clocks.SOON_WORKING_DAYS`` working days before its deadline; a reminder is written
once a day while it is due soon, and once when it becomes overdue (keyed by recipient,
petition and day, so a second run the same day writes nothing). The text names the
petition by number and unit only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q

from danvan.access.models import RoleAssignment
from danvan.access.roles import Cap, roles_with
from danvan.access.scope import scoped
from danvan.lib.dates import format_date
from danvan.notifications.models import Kind
from danvan.notifications.recipients import holders_by_unit
from danvan.notifications.services import Draft
from danvan.petitions import clocks
from danvan.petitions.models import OPEN, Petition
from danvan.petitions.notify import petition_url


def _due(today: dt.date) -> Any:
    return (
        Petition.objects.filter(stage__in=OPEN, due_on__isnull=False)
        .filter(due_on__lte=clocks.soon_limit(today))
        .filter(Q(org_unit__valid_to__isnull=True) | Q(org_unit__valid_to__gte=today))
        .select_related("org_unit")
        .order_by("due_on", "id")
    )


def inbox_petitions(*, user: Any, today: dt.date) -> list[Petition]:
    """Overdue and soon-due petitions the user handles or whose unit he keeps them for."""
    roles = roles_with(Cap.PETITION_MANAGE)
    units = RoleAssignment.objects.filter(user_id=user.pk, role__in=roles).values("org_unit_id")
    mine = Q(handler_id=user.pk) | Q(handler__isnull=True, org_unit__in=units)
    return list(scoped(_due(today), user, Cap.PETITION_VIEW).filter(mine))


def describe(petition: Petition, today: dt.date) -> str:
    assert petition.due_on is not None
    left = clocks.working_days_left(petition.due_on, today)
    step = petition.get_stage_display().lower()
    where = f"{petition} của {petition.org_unit.name} ({step})"
    when = format_date(petition.due_on)
    if left < 0:
        return f"{where} đã quá hạn {-left} ngày làm việc (hạn {when})."
    if left == 0:
        return f"{where} đến hạn hôm nay ({when})."
    return f"{where} còn {left} ngày làm việc đến hạn ({when})."


def petition_drafts(day: dt.date) -> list[Draft]:
    petitions = list(_due(day))
    people = holders_by_unit(
        {p.org_unit for p in petitions if p.handler_id is None}, Cap.PETITION_MANAGE
    )
    drafts = []
    for petition in petitions:
        assert petition.due_on is not None
        if petition.due_on < day:
            kind, stamp = Kind.PETITION_OVERDUE, petition.due_on
        else:
            kind, stamp = Kind.PETITION_DUE, day
        recipients = (
            [petition.handler_id] if petition.handler_id else people.get(petition.org_unit_id, [])
        )
        for user_id in recipients:
            drafts.append(
                Draft(
                    recipient_id=user_id,
                    kind=kind,
                    text=describe(petition, day),
                    url=petition_url(petition),
                    org_unit_id=petition.org_unit_id,
                    dedupe_key=f"{kind}:petition-{petition.pk}:{stamp.isoformat()}",
                )
            )
    return drafts
