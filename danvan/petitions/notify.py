"""What the register tells people: by petition number and unit, never a petitioner's
name, address or the matter (a notification may be mailed, its subject read by anyone
who sees the mailbox)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from danvan.access.roles import Cap
from danvan.notifications import recipients
from danvan.notifications import services as notifications
from danvan.notifications.models import Kind, Notification
from danvan.petitions.models import Petition


def petition_url(petition: Petition) -> str:
    return reverse("petitions:detail", args=[petition.pk])


def _send(users: list[Any], actor: Any, **fields: Any) -> list[Notification]:
    if notifications._quiet.get():
        return []
    actor_id = getattr(actor, "pk", None)
    drafts = [notifications.Draft(recipient_id=u.pk, **fields) for u in users if u.pk != actor_id]
    return notifications.notifications_write(drafts)


def petition_forwarded(*, actor: Any, entry: Petition, sender: Petition) -> list[Notification]:
    text = (
        f"{sender.org_unit.name} chuyển đơn đến đơn vị bạn: vào sổ {entry} "
        f"(đơn gốc {sender}). Mở hồ sơ để phân loại, xử lý."
    )
    return _send(
        recipients.holders([entry.org_unit], Cap.PETITION_MANAGE),
        actor,
        kind=Kind.PETITION_FORWARDED,
        text=text,
        url=petition_url(entry),
        org_unit_id=entry.org_unit_id,
    )


def petition_replied(*, actor: Any, petition: Petition, by: str) -> list[Notification]:
    text = f"{by} đã trả lời {petition} mà {petition.org_unit.name} chuyển đi."
    return _send(
        recipients.holders([petition.org_unit], Cap.PETITION_MANAGE),
        actor,
        kind=Kind.PETITION_REPLIED,
        text=text,
        url=petition_url(petition),
        org_unit_id=petition.org_unit_id,
    )
