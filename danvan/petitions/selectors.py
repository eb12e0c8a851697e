"""Reads of the petition register, always through the scoping function with
``Cap.PETITION_VIEW``: a user without it gets nothing (and a 404 on a record)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from danvan.access.roles import Cap
from danvan.access.scope import scoped
from danvan.core import clock
from danvan.lib.text import fold
from danvan.org.models import OrgUnit
from danvan.petitions import clocks
from danvan.petitions.models import (
    DUE_SOON,
    OPEN,
    OVERDUE,
    Forwarding,
    Petition,
    PetitionKind,
    PetitionQuerySet,
    ReadLog,
    ReceptionSession,
    Stage,
    VoterBatch,
)

DUE_CHOICES = ((OVERDUE, "Quá hạn"), (DUE_SOON, "Sắp đến hạn"))


def visible(user: Any) -> PetitionQuerySet:
    return scoped(Petition.objects.all(), user, Cap.PETITION_VIEW)


def _with_relations(petitions: PetitionQuerySet) -> PetitionQuerySet:
    return petitions.select_related("org_unit", "handler", "duplicate_of").prefetch_related(
        "petitioners"
    )


def petition_get(*, user: Any, pk: int) -> Petition:
    found = _with_relations(visible(user)).filter(pk=pk).first()
    if found is None:
        raise Http404("Không tìm thấy đơn, hoặc đơn nằm ngoài phạm vi của bạn.")
    return found


def due_q(due: str, today: dt.date) -> Q:
    if due == OVERDUE:
        return Q(stage__in=OPEN, due_on__lt=today)
    if due == DUE_SOON:
        return Q(stage__in=OPEN, due_on__gte=today, due_on__lte=clocks.soon_limit(today))
    return Q()


def petition_search(
    *,
    user: Any,
    q: str = "",
    stage: str = "",
    kind: str = "",
    channel: str = "",
    due: str = "",
    org_unit: OrgUnit | None = None,
    received_from: dt.date | None = None,
    received_to: dt.date | None = None,
    duplicates: bool = False,
) -> PetitionQuerySet:
    """Petitions in scope matching the filters, newest first. ``q`` (without marks) finds
    the matter, a petitioner's name (not for a tố cáo) or the number «12/2026»."""
    petitions = visible(user)
    if q:
        folded = fold(q)
        match = Q(subject_folded__contains=folded) | Q(
            ~Q(kind=PetitionKind.DENUNCIATION), petitioners__name_folded__contains=folded
        )
        number, _, year = folded.partition("/")
        if number.isdigit() and year.isdigit() and len(number) < 7 and len(year) == 4:
            match |= Q(number=int(number), year=int(year))
        petitions = petitions.filter(pk__in=Petition.objects.filter(match).values("pk"))
    if stage in Stage.values:
        petitions = petitions.filter(stage=stage)
    if kind in PetitionKind.values:
        petitions = petitions.filter(kind=kind)
    if channel:
        petitions = petitions.filter(channel=channel)
    if due:
        petitions = petitions.filter(due_q(due, clock.today()))
    if org_unit is not None:
        petitions = petitions.filter(org_unit__path__startswith=org_unit.path)
    if received_from is not None:
        petitions = petitions.filter(received_on__gte=received_from)
    if received_to is not None:
        petitions = petitions.filter(received_on__lte=received_to)
    if duplicates:
        petitions = petitions.exclude(duplicate_state="")
    return _with_relations(petitions).order_by("-received_on", "-number", "-id")


@dataclass(frozen=True)
class ChainLink:
    """One forwarding seen from either end: who sent, who received, the reply."""

    forwarding: Forwarding
    sender: Petition
    receiver_entry: Petition | None
    sender_visible: bool
    receiver_visible: bool


def chain(*, user: Any, petition: Petition) -> list[ChainLink]:
    """The forwarding chain through ``petition``: where it came from and where it went,
    each link with its reply, so both ends see who holds it now."""
    ids = set(visible(user).values_list("pk", flat=True)) if petition else set()
    links: list[ChainLink] = []
    seen: set[int] = set()
    # Up to the original, then every forwarding from each entry down the chain.
    root = petition
    while root.forwarded_from_id is not None and root.forwarded_from_id not in seen:
        seen.add(root.pk)
        root = Petition.all_objects.select_related("org_unit").get(pk=root.forwarded_from_id)
    todo = [root]
    while todo:
        current = todo.pop(0)
        for forwarding in (
            Forwarding.objects.filter(petition=current)
            .select_related("to_unit", "letter", "receiver_entry__org_unit", "reply_document")
            .order_by("sent_on", "id")
        ):
            entry = forwarding.receiver_entry
            links.append(
                ChainLink(
                    forwarding=forwarding,
                    sender=current,
                    receiver_entry=entry,
                    sender_visible=current.pk in ids,
                    receiver_visible=entry is not None and entry.pk in ids,
                )
            )
            if entry is not None:
                todo.append(entry)
    return links


def timeline(*, petition: Petition) -> QuerySet[Any]:
    return petition.timeline.select_related("by").order_by("on", "id")


def sessions(
    *,
    user: Any,
    org_unit: OrgUnit | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> QuerySet[ReceptionSession]:
    rows = scoped(ReceptionSession.objects.all(), user, Cap.PETITION_VIEW)
    if org_unit is not None:
        rows = rows.filter(org_unit__path__startswith=org_unit.path)
    if start is not None:
        rows = rows.filter(held_on__gte=start)
    if end is not None:
        rows = rows.filter(held_on__lte=end)
    return (
        rows.select_related("org_unit")
        .annotate(visits_count=Count("visits", distinct=True))
        .order_by("held_on", "id")
    )


def session_get(*, user: Any, pk: int) -> ReceptionSession:
    found = scoped(ReceptionSession.objects.all(), user, Cap.PETITION_VIEW).filter(pk=pk).first()
    if found is None:
        raise Http404("Không tìm thấy buổi tiếp công dân, hoặc nằm ngoài phạm vi của bạn.")
    return found


def batches(*, user: Any) -> QuerySet[VoterBatch]:
    return (
        scoped(VoterBatch.objects.all(), user, Cap.PETITION_VIEW)
        .select_related("org_unit")
        .annotate(opinions=Count("petitions"))
        .order_by("-met_on", "-id")
    )


def batch_get(*, user: Any, pk: int) -> VoterBatch:
    found = batches(user=user).filter(pk=pk).first()
    if found is None:
        raise Http404("Không tìm thấy đợt ý kiến cử tri, hoặc nằm ngoài phạm vi của bạn.")
    return found


def forwarding_get(*, user: Any, pk: int) -> Forwarding:
    found = Forwarding.objects.filter(pk=pk, petition__in=visible(user)).first()
    if found is None:
        raise Http404("Không tìm thấy lần chuyển đơn.")
    return found


def read_log(
    *, user: Any, petition: Petition | None = None, who: str = "", action: str = ""
) -> QuerySet[ReadLog]:
    """Nhật ký đọc đơn thư, for administrators (``Cap.AUDIT_VIEW``) of the units."""
    rows = scoped(ReadLog.objects.all(), user, Cap.AUDIT_VIEW)
    if petition is not None:
        rows = rows.filter(petition=petition)
    if who:
        rows = rows.filter(user__username__icontains=who)
    if action in ReadLog.Action.values:
        rows = rows.filter(action=action)
    return rows.select_related("user", "petition", "org_unit")


def stats(*, user: Any, org_unit: OrgUnit | None = None) -> list[dict[str, Any]]:
    """Counts by kind and stage for the subtree (API «thống kê»)."""
    rows = visible(user)
    if org_unit is not None:
        rows = rows.filter(org_unit__path__startswith=org_unit.path)
    return list(rows.values("kind", "stage").annotate(count=Count("pk")).order_by("kind", "stage"))
