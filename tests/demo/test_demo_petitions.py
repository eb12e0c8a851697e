"""Issue 15 acceptance on the real demo: Tam Điệp's 2021H1 analytics give 117 lượt and
08/24 from records; the petition Định Công's Front forwarded to its UBND shows the UBND's
reply on both sides; opening a petition as demo_board writes a read-log entry the
administrator sees; the register's clock lands a deadline crossing Tết on the right day.
One load (it takes tens of seconds)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from danvan.accounts.models import User
from danvan.lib import periods
from danvan.org.models import OrgUnit
from danvan.petitions import clocks
from danvan.petitions.models import (
    Forwarding,
    Letter,
    Petition,
    PetitionKind,
    ReadLog,
    Stage,
)
from danvan.reporting.analytics import aggregate
from danvan.reporting.models import DataValue, Indicator
from tests.demo_db import Demo


def _client(username: str) -> Client:
    client = Client()
    client.force_login(
        User.objects.get(username=username), backend="danvan.accounts.backends.DemoAwareBackend"
    )
    return client


@pytest.mark.slow
def test_issue15_acceptance(demo: Demo) -> None:

    # 117 lượt and 08/24 đơn (16 đang xem xét) for Tam Điệp, 2021H1, counted from records.
    tam_diep = OrgUnit.all_objects.get(code="NB-TD")
    codes = ["TIEP_CONG_DAN", "DON_NHAN", "DON_GIAI_QUYET", "DON_DANG_XEM_XET"]
    found = aggregate(
        list(Indicator.objects.filter(code__in=codes)), tam_diep, periods.parse("2021H1")
    )
    assert {k: int(v) for k, v in found.items()} == {
        "TIEP_CONG_DAN": 117,
        "DON_NHAN": 24,
        "DON_GIAI_QUYET": 8,
        "DON_DANG_XEM_XET": 16,
    }
    stored = DataValue.objects.filter(
        org_unit__path__startswith=tam_diep.path, period="2021H1", indicator__code="DON_NHAN"
    )
    assert stored.count() == 9 and all(row.updated_by_id is None for row in stored)
    assert Petition.all_objects.filter(org_unit__path__startswith=tam_diep.path).count() == 24

    # The Front of Định Công forwarded a petition to the UBND, which answered: both see it.
    forwarding = Forwarding.objects.select_related("petition", "receiver_entry").get(
        petition__org_unit__code="HN-DINHCONG-MTTQ", to_unit__code="HN-DINHCONG-UBND"
    )
    sent, entry = forwarding.petition, forwarding.receiver_entry
    assert entry is not None and entry.stage == Stage.ANSWERED
    assert sent.stage == Stage.ANSWERED and forwarding.replied_on is not None
    reply = "thay 6 bóng đèn ngõ 95"
    for username, pk in (("demo_tiepdan", sent.pk), ("demo_tiepdan_ubnd", entry.pk)):
        response = _client(username).get(f"/quan-ly/don-thu/{pk}/")
        assert response.status_code == 200, username
        assert reply in response.content.decode(), username

    # demo_board (board staff who also holds the petitions role) opens it; the
    # administrator sees the read in the log.
    before = ReadLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    assert _client("demo_board").get(f"/quan-ly/don-thu/{sent.pk}/").status_code == 200
    entry_log = ReadLog.objects.exclude(pk__lte=before).get()
    assert entry_log.user.username == "demo_board" and entry_log.petition == sent
    log = _client("demo_admin").get(f"/quan-ly/don-thu/nhat-ky-doc/?don={sent.pk}")
    assert "demo_board" in log.content.decode()
    # Others of the demo without the role get 404.
    for username in ("demo_board2", "demo_leader", "demo_viewer"):
        assert _client(username).get(f"/quan-ly/don-thu/{sent.pk}/").status_code == 404

    # Every stage of the workflow appears in today's ward; some due soon, one overdue.
    ward = OrgUnit.objects.get(code="HN-DINHCONG")
    stages = set(
        Petition.objects.filter(org_unit__path__startswith=ward.path).values_list(
            "stage", flat=True
        )
    )
    assert stages == set(Stage.values)
    assert Petition.objects.filter(duplicate_state="xac_nhan").exists()

    # The letters of the ward's petitions are in its registers, and open from the petition.
    letters = {
        letter.kind: letter for letter in Letter.objects.select_related("document", "forwarding")
    }
    assert set(letters) == {"thu_ly", "huong_dan", "chuyen_don"}
    assert letters["chuyen_don"].forwarding == forwarding
    assert letters["chuyen_don"].document.reference == "01/PC-MTTQ-BTT"
    assert letters["chuyen_don"].document.issued_on == forwarding.sent_on
    slip = _client("demo_tiepdan").get(f"/quan-ly/don-thu/van-ban/{letters['chuyen_don'].pk}/")
    assert slip.status_code == 200 and slip["Content-Disposition"].endswith('.docx"')

    # A tố cáo received Thursday 12/02/2026 is accepted by Monday 02/03/2026 (Tết).
    due, _ = clocks.due(
        kind=PetitionKind.DENUNCIATION, stage="thu_ly", received_on=dt.date(2026, 2, 12)
    )
    assert due == dt.date(2026, 3, 2)
