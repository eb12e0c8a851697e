"""Issue 16 §1 acceptance on the real demo: demo_board's «Việc cần làm» lists the ward's
recommendation past its date; the ward's compiled monthly report writes its supervision
paragraph from the records; every state is shown; Hoàn Kiếm's 2022 programme with its
recommendation overdue on the giao ban of 06/10/2022 (closed since); a second load adds
nothing. One load (it takes tens of seconds)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from danvan.accounts.models import User
from danvan.core import clock
from danvan.demo import supervision_loader
from danvan.drafting.compile import compile_report
from danvan.lib import periods
from danvan.meetings.models import Meeting
from danvan.org.models import OrgUnit
from danvan.supervision import figures
from danvan.supervision.models import Activity, Programme, Recommendation, RecState
from tests.demo_db import Demo


def _client(username: str) -> Client:
    client = Client()
    client.force_login(
        User.objects.get(username=username), backend="danvan.accounts.backends.DemoAwareBackend"
    )
    return client


@pytest.mark.slow
def test_issue16_supervision_acceptance(demo: Demo) -> None:
    today = clock.today()
    front = OrgUnit.all_objects.get(code="HN-DINHCONG-MTTQ")

    # Every state of both workflows is shown in the ward.
    states = set(Activity.objects.filter(org_unit=front).values_list("state", flat=True))
    assert states == {"ke_hoach", "dang_thuc_hien", "da_ket_thuc", "huy"}
    recs = Recommendation.objects.filter(org_unit=front)
    assert set(recs.values_list("state", flat=True)) == set(RecState.values)
    late = [r for r in recs if r.is_overdue(today)]
    assert len(late) == 1

    # The board's inbox lists it.
    home = _client("demo_board").get("/quan-ly/").content.decode()
    box = home.split('id="viec-can-lam"', 1)[1].split("</section>", 1)[0]
    assert "Kiến nghị giám sát, phản biện quá hạn trả lời" in box
    assert reverse("supervision:recommendation", args=[late[0].pk]) in box
    assert _client("demo_board").get(reverse("supervision:activities")).status_code == 200

    # The ward's compiled monthly report: the month the criticism conference was held.
    leader = User.objects.get(username="demo_leader")
    ward = OrgUnit.all_objects.get(code="HN-DINHCONG")
    month = periods.period_of(periods.MONTH, today - dt.timedelta(days=8))
    document = compile_report(user=leader, org_unit=ward, period=month.code)
    texts = [b.text for b in document.blocks]
    heading = next(t for t in texts if t.endswith(". Công tác giám sát, phản biện xã hội"))
    assert heading[0].isdigit()
    written = [b for b in document.blocks if b.source == figures.REGISTER]
    assert written and "cuộc phản biện xã hội" in written[0].text
    assert all(b.link.startswith("/quan-ly/giam-sat/") for b in written)

    # Hoàn Kiếm, 2022: the programme approved by the district's standing committee, the
    # giao ban of 06/10/2022 shows the recommendation overdue that day (closed since).
    hk = Programme.objects.get(org_unit__code="HN-HK-MTTQ", year=2022)
    assert hk.approved_by == "Thường trực Quận ủy Hoàn Kiếm"
    assert hk.basis_document is not None and hk.basis_document.number == "217"
    hk_rec = Recommendation.objects.get(org_unit__code="HN-HK-MTTQ")
    assert hk_rec.state == RecState.CLOSED
    giao_ban = Meeting.objects.get(starts_at__date=dt.date(2022, 10, 6), org_unit__code="HN-HK-CU")
    page = _client("demo_admin").get(reverse("meetings:detail", args=[giao_ban.pk]))
    assert "Kiến nghị giám sát quá hạn" in page.content.decode()
    assert reverse("supervision:recommendation", args=[hk_rec.pk]) in page.content.decode()

    # A second load writes nothing.
    before = (Programme.objects.count(), Activity.objects.count(), Recommendation.objects.count())
    supervision_loader.load(lambda _: None)
    after = (Programme.objects.count(), Activity.objects.count(), Recommendation.objects.count())
    assert after == before
