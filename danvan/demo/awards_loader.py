"""Record the seeds' awards (``danvan.demo.awards_data``) through the services.

Runs after the seed meetings and before the successions close the district-era units (their
registers are read-only afterwards): the forms and dated authorities first (the levels and
kinds now exist), then each decision with its register entry (outgoing, numbered as the
data says) and its danh sách, presented at its meeting. Today's decisions of the new ward
are dated relative to the day of the load. A decision already there (same issuer, form,
date and reason) is left alone, so a second load writes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from danvan.access.system import SYSTEM
from danvan.awards import issuing, services
from danvan.awards.catalogue import catalogue_ensure
from danvan.awards.models import AwardDecision, AwardForm, RecipientKind
from danvan.core import clock
from danvan.documents import services as documents
from danvan.documents.models import Document, DocumentType
from danvan.emulation.models import RECOGNISED_STATES, EmulationModel
from danvan.lib import numbering as fmt
from danvan.meetings.models import Meeting
from danvan.org.models import OrgUnit

from . import awards_data as data
from . import meetings_data

CREATED, KEPT = "tạo mới", "giữ nguyên"
_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


class AwardsLoader:
    def __init__(self, progress: Callable[[str], None]) -> None:
        self.progress = progress
        self.tally: Counter[str] = Counter()

    def unit(self, code: str) -> OrgUnit:
        return OrgUnit.all_objects.get(code=code)

    def meeting(self, key: str | None) -> Meeting | None:
        if not key:
            return None
        spec = meetings_data.MEETINGS[key]
        starts_at = dt.datetime.strptime(spec["starts_at"], "%Y-%m-%d %H:%M").replace(tzinfo=_TZ)
        return Meeting.objects.filter(org_unit__code=spec["unit"], starts_at=starts_at).first()

    def run(self) -> Counter[str]:
        self.progress("Khen thưởng: hình thức, thẩm quyền, quyết định của các bài viết…")
        self.tally[CREATED] += catalogue_ensure()
        for spec in data.DECISIONS.values():
            self.load(spec, decided_on=_day(spec["decided_on"]))
        today = clock.today()
        for spec in data.CURRENT.values():
            self.load(spec, decided_on=today - dt.timedelta(days=spec["days_ago"]))
        return self.tally

    def load(self, spec: dict[str, Any], *, decided_on: dt.date | None) -> None:
        assert decided_on is not None
        issuer = self.unit(spec["issuer"])
        form = AwardForm.objects.get(code=spec["form"])
        existing = AwardDecision.objects.filter(
            issuer=issuer, form=form, reason=spec["reason"]
        ).first()
        if existing is not None:
            self.tally[KEPT] += 1
            return
        proposed_on = _day(spec.get("proposed_on"))
        council_on = _day(spec.get("council_on"))
        if spec.get("days_ago") is not None:
            proposed_on = decided_on - dt.timedelta(days=10)
            council_on = decided_on - dt.timedelta(days=3)
        decision = services.decision_create(
            actor=SYSTEM,
            issuer=issuer,
            form=form,
            decided_on=decided_on,
            reason=spec["reason"],
            signer_name=spec.get("signer_name", ""),
            signer_title=spec.get("signer_title", ""),
            proposed_by=self.unit(spec["proposed_by"]),
            proposed_on=proposed_on,
            council_opinion=spec["council_opinion"],
            council_on=council_on,
            note=data.NOTE,
        )
        self.tally[CREATED] += 1
        meeting = self.meeting(spec.get("meeting"))
        for code in spec["collectives"]:
            services.award_add(
                actor=SYSTEM, decision=decision, recipient_unit=self.unit(code), meeting=meeting
            )
        people = [(RecipientKind.INDIVIDUAL, row) for row in spec["individuals"]]
        people += [(RecipientKind.HOUSEHOLD, row) for row in spec.get("households", [])]
        added = {}
        for kind, (name, detail) in people:
            added[name] = services.award_add(
                actor=SYSTEM,
                decision=decision,
                recipient_kind=kind,
                recipient_name=name,
                recipient_detail=detail,
                meeting=meeting,
                note=data.NOTE,
            )
        self.tally[CREATED] += len(spec["collectives"]) + len(people)
        if spec.get("register"):
            self.register(decision, spec["register"])
        if spec.get("revoke"):
            name, reason = spec["revoke"]
            services.award_revoke(actor=SYSTEM, award=added[name], reason=reason, on=clock.today())

    def register(self, decision: AwardDecision, parts: tuple[str, str, str]) -> None:
        """The decision's entry in its issuer's outgoing register, numbered as the data says
        (a decision made on paper, before this system)."""
        number, symbol, issuer_code = parts
        style = fmt.guess_style(symbol, issuer_code)
        document = documents.document_create(
            actor=SYSTEM,
            org_unit=decision.issuer,
            direction=Document.Direction.OUTGOING,
            doc_type=DocumentType.objects.get(name="Quyết định"),
            number=number,
            symbol=symbol,
            issuer_code=issuer_code,
            issuer_name=decision.issuer.name,
            issuer_unit=decision.issuer,
            reference=fmt.compose(style, number, symbol, issuer_code),
            issued_on=decision.decided_on,
            title=f"Về việc tặng {decision.form.name} cho các tập thể, cá nhân "
            f"{decision.reason[0].lower()}{decision.reason[1:]}",
            note=data.NOTE,
        )
        issuing.decision_link(actor=SYSTEM, decision=decision, document=document)

    def run_models(self) -> Counter[str]:
        """Giấy khen for recognised models of today's wards (the emulation demo's), one
        decision per issuer, the model's lead unit as the collective rewarded."""
        for issuer_code, name, days in data.MODEL_AWARDS:
            # The first one recognised: a load on a later day may find the same model's
            # name again in a newer campaign.
            model = (
                EmulationModel.objects.filter(name=name, state__in=RECOGNISED_STATES)
                .select_related("lead_unit", "unit")
                .order_by("recognised_on", "pk")
                .first()
            )
            if model is None:
                self.progress(f"  bỏ qua khen thưởng mô hình «{name}»: chưa có hoặc chưa công nhận")
                continue
            issuer = self.unit(issuer_code)
            form = AwardForm.objects.get(code="giay-khen")
            decision = AwardDecision.objects.filter(
                issuer=issuer, form=form, reason=data.MODEL_REASON
            ).first()
            if decision is None:
                decision = services.decision_create(
                    actor=SYSTEM,
                    issuer=issuer,
                    form=form,
                    decided_on=min(
                        clock.today(),
                        max(
                            clock.today() - dt.timedelta(days=days),
                            model.recognised_on or clock.today(),
                        ),
                    ),
                    reason=data.MODEL_REASON,
                    signer_title="Chủ tịch",
                    proposed_by=self.unit(f"{model.unit.code}-MTTQ")
                    if OrgUnit.objects.filter(code=f"{model.unit.code}-MTTQ").exists()
                    else None,
                    note=data.NOTE,
                )
                self.tally[CREATED] += 1
            if decision.awards.filter(emulation_model__name=name).exists():
                self.tally[KEPT] += 1
                continue
            services.award_add(
                actor=SYSTEM,
                decision=decision,
                recipient_unit=model.lead_unit,
                achievement=f"Xây dựng mô hình «Dân vận khéo» “{model.name}”",
                emulation_model=model,
            )
            self.tally[CREATED] += 1
        return self.tally


def load_awards(progress: Callable[[str], None]) -> Counter[str]:
    return AwardsLoader(progress).run()


def load_model_awards(progress: Callable[[str], None]) -> Counter[str]:
    return AwardsLoader(progress).run_models()
