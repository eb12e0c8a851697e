"""Reads of the awards register, always through the scoping function (``Cap.AWARD_VIEW``).

An award is seen by the issuing unit's subtree and by the recipient's (the unit, or the
unit of the person); a decision by the issuer's subtree and by whoever sees one of its
awards. The counts of a meeting ("khen thưởng 10 tập thể, 6 cá nhân") are read with the
meeting: whoever sees the meeting sees what was presented there.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from danvan.access.roles import Cap
from danvan.access.scope import scoped
from danvan.awards.models import Award, AwardDecision, AwardForm, AwardQuerySet, RecipientKind
from danvan.lib.text import fold
from danvan.meetings.models import Meeting
from danvan.org.models import OrgUnit
from danvan.people.models import Person

REVOKED_CHOICES = (("", "Tất cả"), ("con", "Còn hiệu lực"), ("thu_hoi", "Đã thu hồi"))


def _visible(user: Any) -> AwardQuerySet:
    ids = scoped(Award.objects.all(), user, Cap.AWARD_VIEW).values("pk")
    return Award.objects.filter(pk__in=ids)


def _with_relations(awards: AwardQuerySet) -> AwardQuerySet:
    return awards.select_related(
        "decision__form",
        "decision__issuer",
        "decision__document",
        "recipient_unit",
        "recipient_person",
        "meeting",
        "campaign",
        "emulation_model",
    )


def award_search(
    *,
    user: Any,
    q: str = "",
    org_unit: OrgUnit | None = None,
    form: AwardForm | None = None,
    recipient_kind: str = "",
    year: int | None = None,
    meeting: Meeting | None = None,
    revoked: str = "",
) -> AwardQuerySet:
    """Awards in scope matching the filters, newest decision first. ``org_unit`` keeps the
    awards its subtree gave or received; ``revoked`` is ``con`` or ``thu_hoi``."""
    awards = _visible(user)
    if q:
        awards = awards.filter(search_folded__contains=fold(q))
    if org_unit is not None:
        awards = awards.filter(
            Q(decision__issuer__path__startswith=org_unit.path)
            | Q(recipient_unit__path__startswith=org_unit.path)
            | Q(recipient_person__org_unit__path__startswith=org_unit.path)
        )
    if form is not None:
        awards = awards.filter(decision__form=form)
    if recipient_kind in RecipientKind.values:
        awards = awards.filter(recipient_kind=recipient_kind)
    if year is not None:
        awards = awards.filter(decision__decided_on__year=year)
    if meeting is not None:
        awards = awards.filter(meeting=meeting)
    if revoked == "con":
        awards = awards.filter(revoked_on__isnull=True)
    elif revoked == "thu_hoi":
        awards = awards.filter(revoked_on__isnull=False)
    return _with_relations(awards).order_by("-decision__decided_on", "decision_id", "id")


def award_counts(awards: QuerySet[Award]) -> dict[str, int]:
    """Standing awards by recipient kind (and ``""``: all of them)."""
    counts = awards.order_by().aggregate(
        all=Count("pk", filter=Q(revoked_on__isnull=True)),
        **{
            kind: Count("pk", filter=Q(recipient_kind=kind, revoked_on__isnull=True))
            for kind in RecipientKind.values
        },
    )
    return {("" if key == "all" else key): value or 0 for key, value in counts.items()}


def award_get(*, user: Any, pk: int) -> Award:
    award = _with_relations(_visible(user)).filter(pk=pk).first()
    if award is None:
        raise Http404("Không tìm thấy khen thưởng, hoặc nằm ngoài phạm vi của bạn.")
    return award


def _visible_decisions(user: Any) -> QuerySet[AwardDecision]:
    own = scoped(AwardDecision.objects.all(), user, Cap.AWARD_VIEW).values("pk")
    through = _visible(user).values("decision_id")
    return AwardDecision.objects.filter(Q(pk__in=own) | Q(pk__in=through))


def decision_get(*, user: Any, pk: int) -> AwardDecision:
    decision = (
        _visible_decisions(user)
        .select_related("issuer__level", "form", "document", "proposed_by")
        .filter(pk=pk)
        .first()
    )
    if decision is None:
        raise Http404("Không tìm thấy quyết định khen thưởng, hoặc nằm ngoài phạm vi của bạn.")
    return decision


def decision_awards(*, user: Any, decision: AwardDecision) -> list[Award]:
    """The decision's danh sách as the user may see it: collectives, individuals,
    households, in the order entered."""
    awards = _with_relations(_visible(user).filter(decision=decision))
    order = {kind: index for index, kind in enumerate(RecipientKind.values)}
    return sorted(awards, key=lambda a: (order[a.recipient_kind], a.pk))


def decision_list(*, user: Any, year: int | None = None) -> QuerySet[AwardDecision]:
    decisions = _visible_decisions(user).select_related("issuer", "form", "document")
    if year is not None:
        decisions = decisions.filter(decided_on__year=year)
    return decisions.annotate(
        standing=Count("awards", filter=Q(awards__revoked_on__isnull=True, awards__deleted_at=None))
    ).order_by("-decided_on", "-id")


def years(*, user: Any) -> list[int]:
    dates = _visible_decisions(user).dates("decided_on", "year", order="DESC")
    return [day.year for day in dates]


def person_awards(*, user: Any, person: Person) -> AwardQuerySet:
    return _with_relations(_visible(user).filter(recipient_person=person)).order_by(
        "-decision__decided_on", "-id"
    )


def unit_awards(*, user: Any, unit: OrgUnit) -> AwardQuerySet:
    """Awards the unit received (collective) and those its decisions gave, newest first."""
    return _with_relations(
        _visible(user).filter(Q(recipient_unit=unit) | Q(decision__issuer=unit))
    ).order_by("-decision__decided_on", "-id")


# --- awards presented at a meeting ---------------------------------------------------------


@dataclass
class MeetingAwardGroup:
    """One decision's awards presented at a meeting."""

    decision: AwardDecision
    awards: list[Award] = field(default_factory=list)

    def _count(self, kind: str) -> int:
        named = sum(a.recipient_kind == kind for a in self.awards)
        return max(named, self.decision.stated(kind))

    @property
    def collectives(self) -> int:
        return self._count(RecipientKind.COLLECTIVE)

    @property
    def individuals(self) -> int:
        return self._count(RecipientKind.INDIVIDUAL)

    @property
    def households(self) -> int:
        return self._count(RecipientKind.HOUSEHOLD)

    @property
    def unnamed(self) -> int:
        """Recipients the source counts whose names are not listed yet."""
        named = len(self.awards)
        return max(0, self.collectives + self.individuals + self.households - named)

    @property
    def counts_text(self) -> str:
        return counts_text(self.collectives, self.individuals, self.households)


def counts_text(collectives: int, individuals: int, households: int = 0) -> str:
    """ "10 tập thể, 6 cá nhân"; "7 tập thể"; "3 hộ gia đình"."""
    parts = [
        f"{count} {label}"
        for count, label in (
            (collectives, "tập thể"),
            (individuals, "cá nhân"),
            (households, "hộ gia đình"),
        )
        if count
    ]
    return ", ".join(parts)


def meeting_award_groups(*, meeting: Meeting) -> list[MeetingAwardGroup]:
    """The standing awards presented at ``meeting`` (a meeting the caller already read
    through its own scoping), grouped by decision in date order."""
    awards = (
        Award.objects.standing()
        .filter(meeting=meeting)
        .select_related("decision__form", "decision__issuer", "decision__document")
        .order_by("decision__decided_on", "decision_id", "recipient_kind", "id")
    )
    order = {kind: index for index, kind in enumerate(RecipientKind.values)}
    groups: dict[int, MeetingAwardGroup] = {}
    for award in sorted(
        awards, key=lambda a: (a.decision.decided_on, a.decision_id, order[a.recipient_kind], a.pk)
    ):
        groups.setdefault(award.decision_id, MeetingAwardGroup(award.decision)).awards.append(award)
    # Decisions presented there that are known by their numbers (no names at the meeting).
    stated = (
        AwardDecision.objects.filter(meeting=meeting)
        .exclude(pk__in=list(groups))
        .select_related("form", "issuer", "document")
    )
    for decision in stated:
        group = MeetingAwardGroup(decision)
        if group.counts_text:
            groups[decision.pk] = group
    return sorted(groups.values(), key=lambda g: (g.decision.decided_on, g.decision.pk))


def _lower_first(text: str) -> str:
    return text[0].lower() + text[1:] if text else text


def meeting_award_sentence(*, meeting: Meeting) -> str:
    """ "Dịp này, Quận ủy Tây Hồ đã khen thưởng 7 tập thể có thành tích …; 7 tập thể, 5
    cá nhân có thành tích …." ("" when nothing was presented)."""
    groups = meeting_award_groups(meeting=meeting)
    if not groups:
        return ""
    issuers = list(dict.fromkeys(g.decision.issuer.name for g in groups))
    parts = [
        f"{g.counts_text} {_lower_first(g.decision.reason.rstrip('. '))}".strip() for g in groups
    ]
    return f"Dịp này, {' và '.join(issuers)} đã khen thưởng {'; '.join(parts)}."


def period_award_counts(*, root: OrgUnit, start: dt.date, end: dt.date) -> dict[str, int]:
    """Standing awards decided in [start, end] by the units of ``root``'s subtree (the
    compiled report reads them for the subtree it compiles, already scoped)."""
    decisions = AwardDecision.objects.filter(
        issuer__path__startswith=root.path, decided_on__gte=start, decided_on__lte=end
    )
    return decision_counts(decisions)


def decision_counts(decisions: QuerySet[AwardDecision]) -> dict[str, int]:
    """Recipients of ``decisions`` by kind (and ``""``: all): of each decision, the standing
    awards listed, or the number its source states when that is larger (a decision whose
    list is not in yet). One query."""
    standing = Q(awards__revoked_on__isnull=True, awards__deleted_at=None)
    rows = decisions.order_by().annotate(
        **{
            f"named_{kind}": Count("awards", filter=standing & Q(awards__recipient_kind=kind))
            for kind in RecipientKind.values
        }
    )
    fields = {
        RecipientKind.COLLECTIVE.value: "stated_collectives",
        RecipientKind.INDIVIDUAL.value: "stated_individuals",
        RecipientKind.HOUSEHOLD.value: "stated_households",
    }
    totals = dict.fromkeys(RecipientKind.values, 0)
    for row in rows.values(*fields.values(), *(f"named_{k}" for k in RecipientKind.values)):
        for kind, stated in fields.items():
            totals[kind] += max(row[f"named_{kind}"], row[stated])
    return {"": sum(totals.values()), **totals}
