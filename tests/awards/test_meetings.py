"""Awards presented at a meeting: the meeting page lists them with the counts, the biên
bản and the "Tạo bài viết" draft say them, the compiled report counts the period's."""

from __future__ import annotations

from typing import Any

import pytest

from danvan.access.system import SYSTEM
from danvan.awards import selectors, services
from danvan.awards.models import RecipientKind
from danvan.drafting.compile import compile_report
from danvan.drafting.context import MINUTES
from danvan.drafting.meeting_docs import meeting_document
from danvan.meetings.selectors import meeting_get
from danvan.portal.from_meeting import article_text


@pytest.fixture
def presented(decision_2019: Any, tree: Any, tong_ket: Any) -> Any:
    for unit in (tree.dinh_cong, tree.dai_kim):
        services.award_add(
            actor=SYSTEM, decision=decision_2019, recipient_unit=unit, meeting=tong_ket
        )
    services.award_add(
        actor=SYSTEM,
        decision=decision_2019,
        recipient_kind=RecipientKind.INDIVIDUAL,
        recipient_name="Lê Thị Hoa",
        meeting=tong_ket,
    )
    revoked = services.award_add(
        actor=SYSTEM,
        decision=decision_2019,
        recipient_kind=RecipientKind.INDIVIDUAL,
        recipient_name="Trần Văn Bình",
        meeting=tong_ket,
    )
    services.award_revoke(actor=SYSTEM, award=revoked, reason="Kê khai không trung thực")
    return tong_ket


SENTENCE = (
    "Dịp này, Quận Hoàng Mai đã khen thưởng 2 tập thể, 1 cá nhân đã có thành tích xuất sắc "
    "trong công tác dân vận năm 2019."
)


def test_sentence_counts_standing_awards(presented: Any) -> None:
    assert selectors.meeting_award_sentence(meeting=presented) == SENTENCE


def test_minutes_have_an_awards_section(presented: Any) -> None:
    document = meeting_document(user=SYSTEM, meeting=presented, kind=MINUTES)
    texts = [b.text for b in document.blocks]
    assert any(t.endswith("KHEN THƯỞNG") for t in texts)
    assert SENTENCE in texts
    assert any(t.startswith("Giấy khen theo Quyết định ngày 20/12/2019") for t in texts)


def test_article_draft_mentions_them(presented: Any) -> None:
    draft = article_text(meeting_get(user=SYSTEM, pk=presented.pk))
    assert SENTENCE in draft.paragraphs


def test_compiled_report_counts_the_year(presented: Any, tree: Any) -> None:
    document = compile_report(user=SYSTEM, org_unit=tree.hoang_mai, period="2019")
    texts = [b.text for b in document.blocks]
    assert any("đã khen thưởng 2 tập thể, 1 cá nhân." in t for t in texts), texts
    other = compile_report(user=SYSTEM, org_unit=tree.tay_ho, period="2019")
    assert not any("khen thưởng" in b.text for b in other.blocks)


def test_meeting_page_lists_them(presented: Any, cast: Any, as_user: Any) -> None:
    page = as_user(cast.board).get(f"/quan-ly/hoi-nghi/{presented.pk}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Khen thưởng tại hội nghị" in html
    assert "<strong>2</strong> tập thể, <strong>1</strong> cá nhân" in html
    assert "Lê Thị Hoa" in html and "Trần Văn Bình" not in html
