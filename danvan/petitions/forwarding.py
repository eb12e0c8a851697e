"""Across bodies: forwarding a petition inside the system (the receiver's linked entry)
or outside it (body, letter, awaited reply), and the reply coming back to the sender.

Same rules as :mod:`danvan.petitions.services`: atomic, audited, row locks first,
``Cap.PETITION_MANAGE`` on the unit keeping the entry, notifications by number only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError

from danvan.access.roles import Cap
from danvan.access.scope import can, require
from danvan.core import clock, concurrency
from danvan.core.audit import service
from danvan.documents.models import Document
from danvan.lib.dates import format_date
from danvan.lib.text import fold, normalize_spaces
from danvan.org.models import OrgUnit
from danvan.petitions import notify
from danvan.petitions.models import Channel, Forwarding, Petition, Petitioner, Stage
from danvan.petitions.services import (
    PERSON_FIELDS,
    _create,
    _day,
    _enter,
    _join,
    _refuse_move,
    _save,
)


def reply_back(actor: Any, entry: Petition) -> None:
    """The receiver answered: its reply is written on the forwarding and on the sender's
    entry, which is answered in turn (the chain is closed at both ends)."""
    forwarding = Forwarding.objects.select_for_update().get(receiver_entry=entry)
    sender = entry.forwarded_from
    assert sender is not None
    concurrency.lock(sender)
    forwarding.replied_on = entry.resolved_on or clock.today()
    forwarding.reply = entry.outcome
    forwarding.save(update_fields=["replied_on", "reply"])
    answer_sender(actor, sender, forwarding)


def answer_sender(actor: Any, sender: Petition, forwarding: Forwarding) -> None:
    if sender.stage != Stage.FORWARDED:
        return
    when = format_date(forwarding.replied_on)
    text = f"{forwarding.receiver_name} trả lời ngày {when}: {forwarding.reply}"
    sender.outcome = text
    sender.resolved_on = forwarding.replied_on
    _enter(sender, Stage.ANSWERED, actor=actor, note=text, on=forwarding.replied_on)
    _save(sender)
    notify.petition_replied(actor=actor, petition=sender, by=forwarding.receiver_name)


# --- across bodies ----------------------------------------------------------------------


@service
def petition_forward(
    *,
    actor: Any,
    petition: Petition,
    to_unit: OrgUnit | None = None,
    to_body: str = "",
    letter: Document | None = None,
    reply_due: dt.date | None = None,
    note: str = "",
    on: dt.date | None = None,
) -> Forwarding:
    """Chuyển đơn. To a unit of the system: that unit gets its own entry, linked, with a
    copy of the petitioners (its officers are told, by number only). To a body outside:
    the body, the letter from the register and the awaited reply date are recorded."""
    concurrency.lock(petition)
    require(actor, Cap.PETITION_MANAGE, petition.org_unit)
    _refuse_move(petition, Stage.FORWARDED)
    to_body = normalize_spaces(to_body)
    errors: dict[str, str] = {}
    if (to_unit is None) == (not to_body):
        errors["to_unit"] = "Chọn một đơn vị trong hệ thống, hoặc ghi tên cơ quan ngoài hệ thống."
    elif to_unit is not None and to_unit.pk == petition.org_unit_id:
        errors["to_unit"] = "Không chuyển đơn cho chính đơn vị đang giữ đơn."
    elif to_unit is not None and to_unit.is_historical:
        errors["to_unit"] = f"«{to_unit.name}» đã ngừng hoạt động."
    today = _day(petition, on)
    if reply_due is not None and reply_due < today:
        errors["reply_due"] = "Hạn trả lời không được trước ngày chuyển đơn."
    if to_unit is None and reply_due is None and not errors:
        errors["reply_due"] = "Ghi ngày dự kiến nhận trả lời của cơ quan ngoài hệ thống."
    if letter is not None and not can(actor, Cap.DOCUMENT_VIEW, letter.org_unit):
        errors["letter"] = "Bạn không xem được văn bản này trong sổ văn bản."
    if errors:
        raise ValidationError(errors)
    forwarding = Forwarding(
        petition=petition,
        to_unit=to_unit,
        to_body=to_body if to_unit is None else "",
        letter=letter,
        sent_on=today,
        reply_due=reply_due,
    )
    if to_unit is not None:
        people = [
            Petitioner(**{f: getattr(p, f) for f in PERSON_FIELDS})
            for p in petition.petitioners.all()
        ]
        for person in people:
            person.name_folded, person.address_folded = fold(person.full_name), fold(person.address)
        forwarding.receiver_entry = _create(
            actor=actor,
            org_unit=to_unit,
            received_on=today,
            channel=Channel.FORWARDED,
            subject=petition.subject,
            people=people,
            anonymous=petition.anonymous,
            kind=petition.kind,
            concerned_body=petition.concerned_body,
            group_size=petition.group_size,
            forwarded_from=petition,
            note=f"{petition.org_unit.name} chuyển đến ({petition}).",
        )
    forwarding.full_clean(exclude=["petition", "receiver_entry", "to_unit", "letter"])
    forwarding.save()
    where = forwarding.receiver_name
    _enter(
        petition,
        Stage.FORWARDED,
        actor=actor,
        note=_join(f"Chuyển đơn đến {where}.", note),
        due=(reply_due, None),
        on=today,
    )
    _save(petition)
    if forwarding.receiver_entry is not None:
        notify.petition_forwarded(actor=actor, entry=forwarding.receiver_entry, sender=petition)
    return forwarding


@service
def petition_outside_reply(
    *,
    actor: Any,
    forwarding: Forwarding,
    reply: str,
    replied_on: dt.date | None = None,
    reply_document: Document | None = None,
) -> Forwarding:
    """The reply of a body outside the system, recorded on the sender's entry."""
    forwarding = Forwarding.objects.select_for_update().get(pk=forwarding.pk)
    sender = forwarding.petition
    concurrency.lock(sender)
    require(actor, Cap.PETITION_MANAGE, sender.org_unit)
    if forwarding.to_unit_id:
        raise ValidationError({"reply": "Đơn vị trong hệ thống tự trả lời trên đơn của họ."})
    if forwarding.replied_on is not None:
        raise ValidationError({"reply": "Cơ quan này đã trả lời."})
    reply = (reply or "").strip()
    day = replied_on or clock.today()
    if not reply:
        raise ValidationError({"reply": "Nhập nội dung trả lời."})
    if day < forwarding.sent_on or day > clock.today():
        raise ValidationError({"replied_on": "Ngày trả lời phải từ ngày chuyển đơn đến hôm nay."})
    forwarding.reply, forwarding.replied_on = reply, day
    forwarding.reply_document = reply_document
    forwarding.save(update_fields=["reply", "replied_on", "reply_document"])
    answer_sender(actor, sender, forwarding)
    return forwarding
