"""The awards an article states, as decisions of the awards register known by their
numbers (``AwardDecision.stated_*``): «Dịp này, UBND quận tặng Giấy khen cho 10 tập thể,
6 cá nhân» is one decision of Giấy khen for 10 collectives and 6 individuals, presented at
the meeting, whose names are added when the decision itself is at hand.

The extractor gives award groups («10 tập thể», «6 cá nhân», or a total it cannot break
down); consecutive groups of the same form make one row, one decision, until a kind comes
again (a second «tập thể» is a second decision). A row is offered
ticked only when it is complete: a form of the register named in the text, the recipients
broken down, and the achievement written («có thành tích …»); the reviewer completes the
rest. The decision's date is the meeting's (an article rarely dates the decision), and its
note says so.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError

from danvan.access.roles import Cap
from danvan.access.scope import can
from danvan.awards import services as award_services
from danvan.awards.models import AwardDecision, AwardForm
from danvan.lib.text import fold
from danvan.meetings.models import Meeting
from danvan.org.models import OrgUnit
from danvan.textimport.extract.text import sentences
from danvan.textimport.models import ArticleImport

_ACHIEVEMENT = re.compile(
    r"(?:vì\s+)?(?:đã\s+)?(?:có|đạt)\s+thành\s+tích\s+(?P<what>[^;.]{3,400})", re.I
)


@dataclass
class AwardRow:
    form: AwardForm | None
    collectives: int = 0
    individuals: int = 0
    households: int = 0
    reason: str = ""
    issuer: OrgUnit | None = None
    text: str = ""  # the words of the article
    line: int = 0  # its row on the review page (1-based), for messages


def _form_for(written: str, forms: list[AwardForm]) -> AwardForm | None:
    if not written:
        return None
    folded = fold(written)
    for form in sorted(forms, key=lambda f: -len(f.name)):
        if fold(form.name) in folded:
            return form
    return None


def _reason_near(text: str, start: int) -> str:
    """«có thành tích xuất sắc trong …» of the sentence holding the award: the first one
    after the group («10 tập thể có thành tích A; 9 tập thể có thành tích B»), else any."""
    for sentence in sentences(text):
        if sentence.start <= start < sentence.end:
            found = _ACHIEVEMENT.search(sentence.text, start - sentence.start) or (
                _ACHIEVEMENT.search(sentence.text)
            )
            if found:
                return ("Đã có thành tích " + found.group("what").strip(" ,")).strip()[:500]
    return ""


def rows(item: ArticleImport) -> list[dict[str, Any]]:
    """The initial rows of the review page (one per decision the article states)."""
    forms = list(AwardForm.objects.filter(is_active=True))
    spans = item.proposal.get("spans", {}).get("awards", [])
    out: list[dict[str, Any]] = []
    last_written: str | None = None
    for index, group in enumerate(item.proposal.get("awards", [])):
        written = group.get("form") or ""
        span = spans[index] if index < len(spans) else [0, 0]
        words = item.text[span[0] : span[1]]
        kind = {"collective": "collectives", "individual": "individuals"}.get(group["kind"])
        # A new decision: another form, a total, or a second count of a kind the row has
        # («10 tập thể, 6 cá nhân …; 9 tập thể, 5 cá nhân …» are two).
        if not out or written != last_written or kind is None or out[-1][kind] or out[-1]["mixed"]:
            out.append(
                {
                    "form": _form_for(written, forms),
                    "collectives": 0,
                    "individuals": 0,
                    "reason": _reason_near(item.text, span[0]),
                    "text": words,
                    "mixed": 0,
                }
            )
        else:
            out[-1]["text"] = f"{out[-1]['text']}; {words}"
        last_written = written
        row = out[-1]
        row[kind or "mixed"] += int(group["count"])
    for row in out:
        complete = row["form"] is not None and row["reason"] and not row["mixed"]
        row["include"] = bool(complete)
        row["form"] = row["form"].pk if row["form"] is not None else None
        mixed = row.pop("mixed")
        if mixed:
            row["text"] = f"{row['text']} (tổng {mixed} tập thể và cá nhân: cần tách)"
    return out


def record(
    *,
    actor: Any,
    item: ArticleImport,
    meeting: Meeting,
    held_on: dt.date,
    award_rows: list[AwardRow],
    default_issuer: OrgUnit,
) -> list[AwardDecision]:
    """One decision per row, presented at ``meeting`` (inside the accept's transaction).
    A row recorded already for this meeting and source (an import accepted onto a
    meeting that has it) is not written twice."""
    made: list[AwardDecision] = []
    source = item.label[:255]
    for index, row in enumerate(award_rows, start=1):
        issuer = row.issuer or default_issuer
        where = f"Khen thưởng dòng {row.line or index}"
        if row.form is None:
            raise ValidationError({"awards": f"{where}: chọn hình thức khen thưởng."})
        if not (row.collectives or row.individuals or row.households):
            raise ValidationError({"awards": f"{where}: nhập số tập thể hoặc cá nhân."})
        if not can(actor, Cap.AWARD_MANAGE, issuer):
            raise ValidationError(
                {"awards": f"{where}: bạn không có quyền ghi khen thưởng của «{issuer.name}»."}
            )
        same = AwardDecision.objects.filter(meeting=meeting, form=row.form, source=source)
        if same.exists():
            continue
        try:
            decision = award_services.decision_create(
                actor=actor,
                issuer=issuer,
                form=row.form,
                decided_on=held_on,
                reason=row.reason,
                stated_collectives=row.collectives,
                stated_individuals=row.individuals,
                stated_households=row.households,
                source=source,
                meeting=meeting,
                note=(
                    f"Ghi theo bài viết: «{row.text[:300]}». Ngày quyết định lấy theo ngày hội "
                    "nghị; bổ sung số, ngày và danh sách khi có quyết định."
                ),
            )
        except ValidationError as error:
            messages = "; ".join(error.messages)
            raise ValidationError({"awards": f"{where}: {messages}"}) from error
        made.append(decision)
    return made
