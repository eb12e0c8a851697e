"""The demo's awards (issue 14 §10, acceptance): the Tân Bình 2019 tổng kết meeting lists
its 10 + 6 and 9 + 5 awards, Tây Hồ's 2020 tổng kết its 7, 7 + 5 and 6 + 4; the
decisions are register entries; a Quyết định khen thưởng DOCX with its danh sách opens
with Times New Roman and the right heading; today's ward has a decision with a revoked
award and one not yet numbered. Over the run's shared demo (tests/demo_db.py)."""

from __future__ import annotations

import pytest
from django.test import Client

from danvan.accounts.models import User
from danvan.awards import decision_docs, selectors
from danvan.awards.models import Award, AwardDecision
from danvan.meetings.models import Meeting
from tests.demo_db import Demo
from tests.drafting.test_layout import assert_all_times_new_roman, open_docx, texts


def _client(username: str) -> Client:
    client = Client()
    client.force_login(
        User.objects.get(username=username), backend="danvan.accounts.backends.DemoAwareBackend"
    )
    return client


def _counts(meeting: Meeting) -> list[tuple[int, int]]:
    return [(g.collectives, g.individuals) for g in selectors.meeting_award_groups(meeting=meeting)]


@pytest.mark.slow
def test_demo_awards(demo: Demo) -> None:

    tan_binh = Meeting.objects.get(org_unit__code="HCM-TB-BDV", starts_at__year=2020)
    assert _counts(tan_binh) == [(10, 6), (9, 5)]
    tay_ho = Meeting.objects.get(org_unit__code="HN-TH-CU", starts_at__year=2020)
    assert sorted(_counts(tay_ho)) == [(6, 4), (7, 0), (7, 5)]

    page = _client("demo_admin").get(f"/quan-ly/hoi-nghi/{tan_binh.pk}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Khen thưởng <strong>19</strong> tập thể, <strong>11</strong> cá nhân." in html
    assert "10 tập thể, 6 cá nhân" in html and "9 tập thể, 5 cá nhân" in html

    party = AwardDecision.objects.get(issuer__code="HCM-TB-CU")
    assert party.document is not None and party.document.reference == "412-QĐ/QU"
    awards = list(Award.objects.filter(decision=party))
    document = open_docx(decision_docs.decision_docx(user=None, decision=party, awards=awards))
    assert_all_times_new_roman(document)
    lines = [t.strip() for t in texts(document) if t.strip()]
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in lines and "QUẬN ỦY TÂN BÌNH" in lines
    assert "Số 412-QĐ/QU" in lines
    assert "DANH SÁCH" in lines and len(document.tables[-2].rows) == 11
    state = AwardDecision.objects.get(issuer__code="HCM-TB-UBND")
    awards = list(Award.objects.filter(decision=state))
    document = open_docx(decision_docs.decision_docx(user=None, decision=state, awards=awards))
    lines = [t.strip() for t in texts(document) if t.strip()]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in lines and "Số: 37/QĐ-UBND" in lines

    ward = AwardDecision.objects.filter(issuer__code="HN-DINHCONG-UBND")
    # The households' decision and the model's Giấy khen wait for their number.
    assert ward.filter(document__isnull=True).count() == 2
    assert Award.objects.filter(decision__in=ward, revoked_on__isnull=False).count() == 1
    rewarded = Award.objects.get(emulation_model__isnull=False)
    assert rewarded.decision.issuer.code == "HN-DINHCONG-UBND"
    assert rewarded.campaign_id == rewarded.emulation_model.campaign_id
    assert rewarded.decision.decided_on >= rewarded.emulation_model.recognised_on
    board = _client("demo_board").get("/quan-ly/khen-thuong/")
    assert board.status_code == 200 and "Nguyễn Thị Bích Ngọc" in board.content.decode()
    assert "Phạm Thị Lan" not in board.content.decode()  # Tân Bình is outside Hà Nội
