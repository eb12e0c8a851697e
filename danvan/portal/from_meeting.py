"""From a recorded meeting to a draft article, in the house style of the seed articles.

The model is seed 000 (Hoàng Mai's giao ban): a headline naming the organiser, the kind of
meeting and the period ("Ban Dân vận Quận ủy Hoàng Mai tổ chức giao ban công tác dân vận
tháng 2/2023, triển khai nhiệm vụ tháng 3/2023"); a lead with the date, the organiser and
the chair ("Ngày 23/02/2023, … tổ chức hội nghị …. Dự và chủ trì hội nghị có đồng chí
Khương Quốc Hưng - UVTV, Trưởng Ban Dân vận Quận ủy."); then the other attendees with
their positions as written, the reports presented, the summary of results, the opinions,
"Phát biểu kết luận hội nghị, đồng chí … đề nghị:" with the conclusions, and the source
line (the organiser's name).

The article is created unpublished under "Tin tức – sự kiện", linked to its meeting, as
a revision by the editor: it then goes through the workflow (the editor submits, the
moderator publishes). A meeting gets one article: asking again is refused with the
existing draft (``ArticleExists``), which the view opens instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.log_actions import log

from danvan.access.roles import Cap
from danvan.access.scope import require
from danvan.awards.selectors import meeting_award_sentence
from danvan.lib import periods
from danvan.lib.dates import format_date
from danvan.lib.text import fold, normalize_spaces
from danvan.meetings.models import Attendance, Meeting
from danvan.meetings.selectors import meeting_get
from danvan.portal.models import ArticlePage
from danvan.portal.setup import section

NEWS_SECTION = "tin-tuc-su-kien"
TITLE_MAX = 255
SLUG_MAX = 80

# Kinds whose headline the period makes: (headline words, lead words). The lead words
# take the period and the next one ("đánh giá kết quả công tác dân vận tháng 2/2023 và
# triển khai nhiệm vụ tháng 3/2023").
_GIAO_BAN = ("giao ban công tác dân vận", "hội nghị giao ban đánh giá kết quả công tác dân vận")
_PERIOD_KINDS: dict[str, tuple[str, str]] = {
    "giao-ban-thang": _GIAO_BAN,
    "giao-ban-quy": _GIAO_BAN,
    "so-ket": ("hội nghị sơ kết công tác dân vận", "hội nghị sơ kết công tác dân vận"),
    "tong-ket": ("hội nghị tổng kết công tác dân vận", "hội nghị tổng kết công tác dân vận"),
}


class ArticleExists(ValidationError):
    """The meeting already has an article; ``article`` is it."""

    def __init__(self, article: ArticlePage) -> None:
        state = "đã đăng" if article.live else "bản nháp"
        super().__init__(
            f"Hội nghị này đã có bài viết «{article.title}» ({state}); hãy biên tập bài đó "
            "thay vì tạo bài mới."
        )
        self.article = article


@dataclass
class ArticleDraft:
    headline: str
    lead: str
    paragraphs: list[str] = field(default_factory=list)
    source: str = ""


# --- words ----------------------------------------------------------------------------------


def _lower_first(text: str) -> str:
    """Lower the first letter for the middle of a sentence, unless the text opens with an
    abbreviation ("UB MTTQ …") or a name ("Ban Dân vận …")."""
    words = text.split(" ", 2)
    if not text or any(ch.isupper() for ch in words[0][1:]):
        return text
    if len(words) > 1 and words[1][:1].isupper():
        return text
    return text[0].lower() + text[1:]


def _upper_first(text: str) -> str:
    return text[0].upper() + text[1:] if text else text


def _sentence(text: str) -> str:
    """One line, ending with a full stop (or whatever mark it already ends with)."""
    text = normalize_spaces(text).rstrip(" ;,")
    return text if text.endswith((".", "!", "?", "…", ":")) else f"{text}."


def _clip(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;") + "…"


def _who(attendance: Attendance) -> str:
    """Mid-sentence: "đồng chí Khương Quốc Hưng - UVTV, Trưởng Ban Dân vận Quận ủy",
    "đại diện lãnh đạo MTTQ, …" (as written), "đại diện Ủy ban MTTQ phường Định Công"."""
    position = attendance.position_as_written
    if attendance.person is not None:
        name = f"đồng chí {attendance.person.full_name}"
    elif attendance.name_as_written:
        name = _lower_first(attendance.name_as_written)
    elif attendance.org_unit is not None:
        name = f"đại diện {attendance.org_unit.name}"
    else:
        name = ""
    return f"{name} - {position}" if name and position else name or position


def _names(attendances: Iterable[Attendance]) -> str:
    return "; ".join(filter(None, (_who(a) for a in attendances)))


def _organisers(meeting: Meeting) -> str:
    """ "Ban Dân vận Quận ủy Hoàng Mai phối hợp với Hội Cựu chiến binh Quận"."""
    names = [unit.name for unit in meeting.co_organisers.all()]
    lead = meeting.org_unit.name
    return f"{lead} phối hợp với {', '.join(names)}" if names else lead


def _meeting_phrase(meeting: Meeting) -> str:
    """The meeting as its title names it: "hội nghị chuyên đề về …"."""
    phrase = _lower_first(normalize_spaces(meeting.title).rstrip("."))
    return phrase if phrase.startswith("hội nghị") else f"hội nghị {phrase}"


def _period(meeting: Meeting) -> periods.Period | None:
    try:
        return periods.parse(meeting.period_code) if meeting.period_code else None
    except periods.PeriodError:
        return None


def _kind_words(meeting: Meeting) -> tuple[str, str]:
    """(what the headline says after "tổ chức", what the lead says after "tổ chức")."""
    words = _PERIOD_KINDS.get(meeting.kind.code)
    period = _period(meeting)
    if words is None or period is None:
        phrase = _meeting_phrase(meeting)
        return phrase, phrase
    headline, lead = words
    following = period.shifted(1).label
    if lead.startswith("hội nghị giao ban"):
        return (
            f"{headline} {period.label}, triển khai nhiệm vụ {following}",
            f"{lead} {period.label} và triển khai nhiệm vụ {following}",
        )
    return (
        f"{headline} {period.label}, triển khai nhiệm vụ {following}",
        f"{lead} {period.label}, triển khai phương hướng, nhiệm vụ {following}",
    )


def _concluder(meeting: Meeting, present: list[Attendance]) -> Attendance | None:
    for conclusion in meeting.conclusions.all():
        if conclusion.concluded_by is not None:
            return conclusion.concluded_by
    for role in (Attendance.Role.CONCLUDES, Attendance.Role.CHAIR):
        for attendance in present:
            if attendance.role == role:
                return attendance
    return None


# --- the article ----------------------------------------------------------------------------


def _attendance_paragraphs(present: list[Attendance]) -> tuple[str, list[str]]:
    """(the lead's second sentence, the paragraph naming the others)."""
    chairs = [a for a in present if a.role == Attendance.Role.CHAIR]
    others = [a for a in present if a.role != Attendance.Role.CHAIR]
    # Who directs the meeting is named before who merely attends, as the seeds do.
    others.sort(key=lambda a: a.role != Attendance.Role.DIRECTS)
    if not chairs:
        return (f"Dự hội nghị có {_names(others)}." if others else ""), []
    lead = f"Dự và chủ trì hội nghị có {_names(chairs)}."
    return lead, ([f"Cùng dự hội nghị có {_names(others)}."] if others else [])


def _agenda_paragraph(meeting: Meeting) -> list[str]:
    parts: list[str] = []
    for item in meeting.agenda_items.all():
        what = _lower_first(normalize_spaces(item.title).rstrip("."))
        presenter = _who(item.presenter) if item.presenter is not None else ""
        presenter = presenter or _lower_first(item.presenter_text)
        parts.append(f"{presenter} trình bày {what}" if presenter else f"hội nghị nghe {what}")
    if not parts:
        return []
    return [_sentence(f"Tại hội nghị, {'; '.join(parts)}")]


def _text_paragraphs(text: str) -> list[str]:
    """The summary as written, a paragraph per line."""
    return [_sentence(line) for line in (text or "").splitlines() if line.strip()]


def _opinion_paragraphs(meeting: Meeting) -> list[str]:
    """ "Tại hội nghị, đồng chí … phát biểu: …", then one paragraph per opinion."""
    found: list[str] = []
    for opinion in meeting.opinions.all():
        content = normalize_spaces(opinion.content)
        if not content:
            continue
        speaker = _who(opinion.speaker) if opinion.speaker is not None else ""
        speaker = speaker or _lower_first(normalize_spaces(opinion.speaker_text)) or "có ý kiến"
        if not found:
            found.append(_sentence(f"Tại hội nghị, {speaker} phát biểu: {content}"))
        else:
            found.append(_sentence(f"{_upper_first(speaker)} phát biểu: {content}"))
    return found


def _conclusion_paragraphs(meeting: Meeting, present: list[Attendance]) -> list[str]:
    items = [normalize_spaces(c.text).rstrip(" .;") for c in meeting.conclusions.all()]
    items = [text for text in items if text]
    if not items:
        return []
    concluder = _concluder(meeting, present)
    opening = (
        f"Phát biểu kết luận hội nghị, {_who(concluder)} đề nghị"
        if concluder is not None
        else "Kết luận hội nghị đề nghị"
    )
    if len(items) == 1:
        return [_sentence(f"{opening}: {items[0]}")]
    listed = [f"- {_upper_first(text)};" for text in items]
    listed[-1] = listed[-1][:-1] + "."
    return [f"{opening}:", *listed]


def article_text(meeting: Meeting) -> ArticleDraft:
    """The draft of a meeting's article (the meeting as ``meeting_get`` returns it)."""
    headline_words, lead_words = _kind_words(meeting)
    present = [a for a in meeting.attendances.all() if a.present]
    organiser = meeting.org_unit.name
    day = format_date(timezone.localtime(meeting.starts_at).date())
    headline = _upper_first(f"{organiser} tổ chức {headline_words}")
    lead = f"Ngày {day}, {_organisers(meeting)} tổ chức {lead_words}."
    attendance_lead, paragraphs = _attendance_paragraphs(present)
    if attendance_lead:
        lead = f"{lead} {attendance_lead}"
    paragraphs += _agenda_paragraph(meeting)
    paragraphs += _text_paragraphs(meeting.summary)
    awarded = meeting_award_sentence(meeting=meeting)
    if awarded:
        paragraphs.append(awarded)
    paragraphs += _opinion_paragraphs(meeting)
    paragraphs += _conclusion_paragraphs(meeting, present)
    return ArticleDraft(
        headline=_clip(headline, TITLE_MAX),
        lead=lead,
        paragraphs=paragraphs,
        source=organiser,
    )


def _free_slug(parent: Any, title: str) -> str:
    # "tháng 2/2023" → "thang-2-2023", cut at a word: short addresses read better.
    base = slugify(fold(title).replace("/", " "))
    if len(base) > SLUG_MAX:
        base = base[: SLUG_MAX + 1].rsplit("-", 1)[0]
    base = base.strip("-") or "bai-viet"
    taken = set(parent.get_children().values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def article_from_meeting(*, user: Any, meeting: Meeting) -> ArticlePage:
    """A draft article of the meeting, unpublished, for the editor to review and submit.

    Needs ``Cap.PORTAL_EDIT`` and a meeting the user can see (``meeting_get``: 404
    otherwise). A cancelled meeting is refused; a meeting that already has an article
    raises ``ArticleExists`` carrying it."""
    require(user, Cap.PORTAL_EDIT, None)
    meeting = meeting_get(user=user, pk=meeting.pk)
    # Two clicks at once must not make two drafts: the second waits here, then sees the
    # first one's article.
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError("Hội nghị đã hủy: không tạo bài viết.")
    if meeting.starts_at > timezone.now():
        day = format_date(timezone.localtime(meeting.starts_at).date())
        raise ValidationError(f"Hội nghị chưa diễn ra (ngày {day}): chưa tạo được bài viết.")
    existing = ArticlePage.objects.filter(meeting=meeting).order_by("pk").first()
    if existing is not None:
        raise ArticleExists(existing)
    draft = article_text(meeting)
    parent = section(NEWS_SECTION)
    article = ArticlePage(
        title=draft.headline,
        slug=_free_slug(parent, draft.headline),
        lead=draft.lead,
        body=[("paragraph", f"<p>{escape(text)}</p>") for text in draft.paragraphs],
        source=draft.source,
        meeting=meeting,
        live=False,
        owner=user,
    )
    parent.add_child(instance=article)
    article.save_revision(user=user, log_action=False, clean=False)
    log(instance=article, action="wagtail.create", user=user)
    return article
