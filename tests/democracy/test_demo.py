"""Issue 16 §2 acceptance on the real demo: Phường Định Công (HN-DINHCONG) keeps
disclosures in every state, a hương ước voted and passed, a matter commented on, an
inspection-board finding; its checklist shows contents missing; its compiled monthly
report writes the grassroots-democracy paragraphs from the records; a second load
changes nothing. One load (it takes tens of seconds)."""

from __future__ import annotations

import pytest

from danvan.access.system import SYSTEM
from danvan.core import clock
from danvan.demo.democracy_loader import load
from danvan.democracy import figures, selectors
from danvan.democracy.models import Consultation, Disclosure, Oversight, PeopleDecision
from danvan.drafting.compile import compile_report
from danvan.lib import periods
from danvan.org.models import OrgUnit
from danvan.reporting import sources
from danvan.reporting.models import Indicator, ReportForm
from tests.demo_db import Demo


@pytest.mark.slow
def test_issue16_democracy_acceptance(demo: Demo) -> None:
    ward = OrgUnit.objects.get(code="HN-DINHCONG")
    under = {"org_unit__path__startswith": ward.path}
    today = clock.today()
    shown = {d.shown_state(today)[0] for d in Disclosure.objects.filter(**under)}
    assert shown == {"nhap", "cong_khai", "het_han", "thu_hoi"}
    rule = PeopleDecision.objects.get(kind="huong_uoc", **under)
    assert rule.outcome == "thong_qua" and rule.org_unit.code == "HN-DINHCONG-TDP01"
    assert set(PeopleDecision.objects.filter(**under).values_list("state", flat=True)) == {
        "du_kien",
        "da_bieu_quyet",
        "huy",
    }
    assert Consultation.objects.filter(state="ket_thuc", taken_up_count__gt=0, **under).exists()
    assert Oversight.objects.filter(board="ttnd", state="mo", **under).exists()
    rows = selectors.checklist(user=SYSTEM, unit=ward, year=today.year)
    assert any(r.missing for r in rows) and any(not r.missing for r in rows)

    code = periods.period_of(periods.MONTH, today).code
    document = compile_report(user=SYSTEM, org_unit=ward, period=code)
    texts = [b.text for b in document.blocks]
    heading = next(t for t in texts if t.endswith("Thực hiện dân chủ ở cơ sở"))
    paragraphs = document.blocks[texts.index(heading) + 1 :]
    assert paragraphs[0].text.startswith("Thực hiện Luật Thực hiện dân chủ ở cơ sở")
    assert "hương ước tổ dân phố số 1" in " ".join(b.text for b in paragraphs[:4])
    assert paragraphs[0].source == figures.REGISTER

    # The ward's figures equal the register's count; the city's include them.
    form = ReportForm.objects.get(code="BC_THANG")
    found = sources.figures(form, ward, code)
    disclosed = Indicator.objects.get(code="DC_CONG_KHAI")
    start, end = sources.window(form, code)
    subtree = list(OrgUnit.objects.filter(path__startswith=ward.path).values_list("pk", flat=True))
    assert found[disclosed.pk].value == figures.disclosed(subtree, start, end).count() >= 3

    tally = load(lambda _message: None)
    assert tally["dân chủ cơ sở", "tạo mới"] == 0
