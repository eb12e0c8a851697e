"""From a recorded meeting to a draft article in the seeds' house style: what the editor
gets, who may ask for it, and that nothing reaches readers before it is published."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from danvan.access.roles import Role
from danvan.access.system import SYSTEM
from danvan.meetings.models import Attendance, Meeting, MeetingKind
from danvan.meetings.services import (
    agenda_item_add,
    attendance_add,
    conclusion_add,
    meeting_create,
    opinion_add,
)
from danvan.portal.from_meeting import ArticleExists, article_from_meeting, article_text
from danvan.portal.models import ArticlePage
from tests.factories import UserFactory, grant

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
HEADLINE = (
    "Ban Dân vận Quận ủy Hoàng Mai tổ chức giao ban công tác dân vận tháng 2/2023, "
    "triển khai nhiệm vụ tháng 3/2023"
)
CHAIR = "đồng chí Khương Quốc Hưng - UVTV, Trưởng Ban Dân vận Quận ủy"


@pytest.fixture
def meeting(tree: Any, officials: Any, home: Any) -> Meeting:
    """Seed 000's giao ban of 23/02/2023, recorded with every part an article uses."""
    recorded = meeting_create(
        actor=SYSTEM,
        title="Giao ban công tác Dân vận với Mặt trận tổ quốc và các Đoàn thể tháng 2",
        kind=MeetingKind.objects.get(code="giao-ban-thang"),
        org_unit=tree.bdv_hoang_mai,
        starts_at=dt.datetime(2023, 2, 23, 8, tzinfo=TZ),
        period_code="2023-02",
        status=Meeting.Status.HELD,
        summary=(
            "Ban Dân vận Quận ủy và các đoàn thể chính trị đã thực hiện tốt, bám sát sự chỉ "
            "đạo của Quận ủy.\n\nCảnh quan đô thị trên địa bàn quận “Xanh - Sạch - Đẹp”."
        ),
    )
    chair = attendance_add(
        actor=SYSTEM, meeting=recorded, person=officials["hung"], role=Attendance.Role.CHAIR
    )
    attendance_add(
        actor=SYSTEM,
        meeting=recorded,
        name_as_written="đại diện lãnh đạo MTTQ, các đoàn thể chính trị - xã hội Quận",
    )
    attendance_add(
        actor=SYSTEM,
        meeting=recorded,
        person=officials["ward"],
        present=False,
        absence_reason="Đi học lớp bồi dưỡng",
    )
    agenda_item_add(
        actor=SYSTEM,
        meeting=recorded,
        title="Báo cáo công tác dân vận tháng 2 và nhiệm vụ tháng 3",
        presenter_text="đại diện lãnh đạo Ban Dân vận",
    )
    opinion_add(
        actor=SYSTEM,
        meeting=recorded,
        content="Đề nghị tăng cường dọn vệ sinh phòng chống sốt xuất huyết.",
        speaker_text="Hội LHPN Quận",
    )
    conclusion_add(
        actor=SYSTEM,
        meeting=recorded,
        text="UB MTTQ và các đoàn thể tập trung thực hiện tốt chủ trương của Đảng.",
        concluded_by=chair,
    )
    conclusion_add(actor=SYSTEM, meeting=recorded, text="Đánh giá kết quả từng tuần, từng tháng")
    return recorded


@pytest.fixture
def press(tree: Any) -> Any:
    """The board's press officer: reads the district's meetings, edits the portal."""
    user = UserFactory(username="press")
    grant(user, Role.VIEWER, tree.hoang_mai)
    grant(user, Role.PORTAL_EDITOR, tree.hanoi)
    return user


def article_url(meeting: Meeting) -> str:
    return reverse("meetings:article", args=[meeting.pk])


def body_texts(article: ArticlePage) -> list[str]:
    return [block.value.source.removeprefix("<p>").removesuffix("</p>") for block in article.body]


# --- the draft ------------------------------------------------------------------------------


def test_draft_reads_like_the_seed(meeting: Meeting) -> None:
    draft = article_text(meeting)

    assert draft.headline == HEADLINE
    assert draft.lead == (
        "Ngày 23/02/2023, Ban Dân vận Quận ủy Hoàng Mai tổ chức hội nghị giao ban đánh giá "
        "kết quả công tác dân vận tháng 2/2023 và triển khai nhiệm vụ tháng 3/2023. "
        f"Dự và chủ trì hội nghị có {CHAIR}."
    )
    assert draft.paragraphs == [
        "Cùng dự hội nghị có đại diện lãnh đạo MTTQ, các đoàn thể chính trị - xã hội Quận.",
        "Tại hội nghị, đại diện lãnh đạo Ban Dân vận trình bày báo cáo công tác dân vận "
        "tháng 2 và nhiệm vụ tháng 3.",
        "Ban Dân vận Quận ủy và các đoàn thể chính trị đã thực hiện tốt, bám sát sự chỉ đạo "
        "của Quận ủy.",
        "Cảnh quan đô thị trên địa bàn quận “Xanh - Sạch - Đẹp”.",
        "Tại hội nghị, Hội LHPN Quận phát biểu: Đề nghị tăng cường dọn vệ sinh phòng chống "
        "sốt xuất huyết.",
        f"Phát biểu kết luận hội nghị, {CHAIR} đề nghị:",
        "- UB MTTQ và các đoàn thể tập trung thực hiện tốt chủ trương của Đảng;",
        "- Đánh giá kết quả từng tuần, từng tháng.",
    ]
    assert draft.source == "Ban Dân vận Quận ủy Hoàng Mai"
    assert "Nguyễn Thị Đào" not in " ".join([draft.lead, *draft.paragraphs])  # absent


def test_a_six_month_review_names_both_halves(tree: Any, officials: Any) -> None:
    review = meeting_create(
        actor=SYSTEM,
        title="Hội nghị sơ kết công tác Dân vận 6 tháng đầu năm 2020",
        kind=MeetingKind.objects.get(code="so-ket"),
        org_unit=tree.tay_ho,
        starts_at=dt.datetime(2020, 7, 2, 8, tzinfo=TZ),
        period_code="2020H1",
    )
    conclusion_add(actor=SYSTEM, meeting=review, text="Giữ vững an ninh chính trị trên địa bàn.")

    draft = article_text(review)

    assert draft.headline == (
        "Quận Tây Hồ tổ chức hội nghị sơ kết công tác dân vận 6 tháng đầu năm 2020, "
        "triển khai nhiệm vụ 6 tháng cuối năm 2020"
    )
    assert draft.lead.startswith("Ngày 02/07/2020, Quận Tây Hồ tổ chức hội nghị sơ kết")
    # Nobody recorded as chair or concluder: the conclusion still reads as a sentence.
    assert draft.paragraphs == [
        "Kết luận hội nghị đề nghị: Giữ vững an ninh chính trị trên địa bàn."
    ]


def test_a_kind_without_period_words_uses_the_meeting_title(tree: Any) -> None:
    training = meeting_create(
        actor=SYSTEM,
        title="Tập huấn nghiệp vụ công tác dân vận năm 2023",
        kind=MeetingKind.objects.get(code="tap-huan"),
        org_unit=tree.bdv_hoang_mai,
        starts_at=dt.datetime(2023, 5, 4, 8, tzinfo=TZ),
        co_organisers=[tree.mttq_dinh_cong],
    )

    draft = article_text(training)

    assert draft.headline == (
        "Ban Dân vận Quận ủy Hoàng Mai tổ chức hội nghị tập huấn nghiệp vụ công tác dân vận "
        "năm 2023"
    )
    assert draft.lead == (
        "Ngày 04/05/2023, Ban Dân vận Quận ủy Hoàng Mai phối hợp với Ủy ban MTTQ phường Định "
        "Công tổ chức hội nghị tập huấn nghiệp vụ công tác dân vận năm 2023."
    )


# --- the service ----------------------------------------------------------------------------


def test_service_makes_an_unpublished_draft_under_news(
    client: Client, meeting: Meeting, press: Any
) -> None:
    article = article_from_meeting(user=press, meeting=meeting)

    article.refresh_from_db()
    assert article.title == HEADLINE
    assert article.meeting_id == meeting.pk
    assert article.source == "Ban Dân vận Quận ủy Hoàng Mai"
    assert article.get_parent().slug == "tin-tuc-su-kien"
    assert not article.live and article.has_unpublished_changes
    revision = article.get_latest_revision()
    assert revision is not None and revision.user == press
    assert body_texts(article)[-1] == "- Đánh giá kết quả từng tuần, từng tháng."
    # Readers see nothing until the moderator publishes it.
    assert HEADLINE not in client.get("/").content.decode()
    assert HEADLINE not in client.get("/tin-tuc-su-kien/").content.decode()
    assert client.get(f"/tin-tuc-su-kien/{article.slug}/").status_code == 404


def test_service_refuses_a_second_article_and_names_the_first(meeting: Meeting, press: Any) -> None:
    first = article_from_meeting(user=press, meeting=meeting)

    with pytest.raises(ArticleExists) as refused:
        article_from_meeting(user=press, meeting=meeting)

    assert refused.value.article.pk == first.pk
    assert f"đã có bài viết «{HEADLINE}» (bản nháp)" in refused.value.messages[0]
    assert ArticlePage.objects.filter(meeting=meeting).count() == 1


def test_service_needs_portal_edit(meeting: Meeting, cast: Any) -> None:
    with pytest.raises(PermissionDenied):
        article_from_meeting(user=cast.board, meeting=meeting)
    assert not ArticlePage.objects.exists()


# --- the page -------------------------------------------------------------------------------


def test_button_makes_the_draft_and_opens_the_editor(
    as_user: Any, meeting: Meeting, press: Any
) -> None:
    client = as_user(press)

    response = client.post(article_url(meeting))

    article = ArticlePage.objects.get(meeting=meeting)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[article.pk])
    notes = [str(m) for m in get_messages(response.wsgi_request)]
    assert notes == [f"Đã tạo bản nháp «{HEADLINE}». Đọc lại, sửa nếu cần rồi gửi duyệt để đăng."]


def test_asking_twice_opens_the_existing_draft(as_user: Any, meeting: Meeting, press: Any) -> None:
    client = as_user(press)
    client.post(article_url(meeting))

    response = client.post(article_url(meeting))

    article = ArticlePage.objects.get(meeting=meeting)
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[article.pk])
    notes = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("Hội nghị này đã có bài viết" in note for note in notes)


def test_a_cancelled_meeting_goes_back_with_the_reason(
    as_user: Any, meeting: Meeting, press: Any
) -> None:
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.CANCELLED)

    response = as_user(press).post(article_url(meeting), follow=True)

    assert response.redirect_chain[-1][0] == reverse("meetings:detail", args=[meeting.pk])
    assert "Hội nghị đã hủy: không tạo bài viết." in response.content.decode()
    assert not ArticlePage.objects.exists()


def test_refusals(as_user: Any, meeting: Meeting, cast: Any, press: Any, tree: Any) -> None:
    # Sees the meeting but may not edit the portal.
    assert as_user(cast.board).post(article_url(meeting)).status_code == 403
    # Edits the portal of another district: the meeting is outside their scope.
    elsewhere = UserFactory(username="press-tay-ho")
    grant(elsewhere, Role.PORTAL_EDITOR, tree.tay_ho)
    assert as_user(elsewhere).post(article_url(meeting)).status_code == 404
    # Only POST makes a draft.
    assert as_user(press).get(article_url(meeting)).status_code == 405
    assert not ArticlePage.objects.exists()


def test_button_shows_only_for_portal_editors(
    as_user: Any, meeting: Meeting, cast: Any, press: Any
) -> None:
    url = reverse("meetings:detail", args=[meeting.pk])
    target = f'action="{article_url(meeting)}"'

    assert target in as_user(press).get(url).content.decode()
    assert target in as_user(cast.admin).get(url).content.decode()
    for user in (cast.board, cast.viewer):
        page = as_user(user).get(url).content.decode()
        assert meeting.title in page and target not in page


def test_a_portal_editor_of_the_unit_reaches_the_button_without_another_role(
    as_user: Any, meeting: Meeting, cast: Any
) -> None:
    # cast.editor holds only the portal editor role, at Hà Nội (issue 12 §7: it was 403).
    page = as_user(cast.editor).get(reverse("meetings:detail", args=[meeting.pk]))
    assert page.status_code == 200
    assert f'action="{article_url(meeting)}"' in page.content.decode()
    response = as_user(cast.editor).post(article_url(meeting))
    assert response.status_code == 302 and ArticlePage.objects.count() == 1


def test_the_draft_opens_in_the_cms_editor(as_user: Any, meeting: Meeting, tree: Any) -> None:
    chief = UserFactory(username="chief", is_superuser=True, is_staff=True)

    response = as_user(chief).post(article_url(meeting), follow=True)

    assert response.status_code == 200
    page = response.content.decode()
    assert response.redirect_chain[-1][0].startswith("/cms/pages/")
    assert HEADLINE in page
    assert "Đã tạo bản nháp" in page
