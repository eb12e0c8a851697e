"""The supervision cast: the common cast (the ward's leader and reporter keep the register
of Phường Định Công, the district's board staff keeps its subtree, the district's viewer
reads) and a register in Phường Định Công (its Front) and Phường Đại Kim, on a frozen
10/03/2026."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from danvan.access.system import SYSTEM
from danvan.reporting.models import RegisterUse
from danvan.supervision import services
from tests.petitions.conftest import bearer  # noqa: F401
from tests.tasks.conftest import today  # noqa: F401  (the frozen clock)

DAY = dt.date(2026, 3, 10)
MARCH = (dt.date(2026, 3, 1), dt.date(2026, 3, 31))
FEBRUARY = (dt.date(2026, 2, 1), dt.date(2026, 2, 28))


@dataclass
class Register:
    programme: Any  # Ủy ban MTTQ phường Định Công, 2026
    market: Any  # giám sát, ended 05/3, two recommendations
    draft: Any  # phản biện, ongoing since 03/3, one recommendation
    feedback: Any  # góp ý 218, ended 20/02
    planned: Any  # giám sát planned 25/3
    late: Any  # recommendation of 05/2 (feedback), due 25/02, no answer: overdue
    answered: Any  # of the market activity, made 05/3, answered 08/3
    waiting: Any  # of the market activity, made 05/3, due 31/3
    draft_rec: Any  # of the draft activity, made 06/3, due 09/3: overdue
    far: Any  # Phường Đại Kim's activity (ended 04/3), one recommendation answered


def activity(programme: Any, title: str, kind: str, start: dt.date, **kw: Any) -> Any:
    values: dict[str, Any] = {
        "kind": kind,
        "form": "doan_giam_sat" if kind == "giam_sat" else "hoi_nghi_phan_bien",
        "title": title,
        "target": "Ủy ban nhân dân phường",
        "starts_on": start,
    }
    values.update(kw)
    return services.activity_create(actor=SYSTEM, programme=programme, **values)


def begun(act: Any, end: dt.date | None = None) -> Any:
    services.activity_start(actor=SYSTEM, activity=act, on=act.starts_on)
    if end is not None:
        services.activity_end(actor=SYSTEM, activity=act, findings="Đã làm rõ.", on=end)
    act.refresh_from_db()
    return act


def rec(act: Any, made: dt.date, due: dt.date, to: str = "UBND phường Định Công") -> Any:
    return services.recommendation_create(
        actor=SYSTEM,
        activity=act,
        content=f"Kiến nghị về {act.title.lower()}",
        addressed_to=to,
        made_on=made,
        due_on=due,
    )


@pytest.fixture
def day(today: Any) -> dt.date:  # noqa: F811
    return today(DAY)


@pytest.fixture
def register(tree: Any, cast: Any, day: dt.date) -> Register:
    RegisterUse.objects.create(
        register="supervision", org_unit=tree.hanoi, since=dt.date(2025, 7, 1)
    )
    programme = services.programme_create(
        actor=SYSTEM,
        org_unit=tree.mttq_dinh_cong,
        year=2026,
        title="Chương trình giám sát, phản biện xã hội năm 2026",
        basis="217-QĐ/TW, 218-QĐ/TW",
    )
    market = begun(
        activity(programme, "Giám sát việc quản lý chợ dân sinh", "giam_sat", dt.date(2026, 3, 2)),
        dt.date(2026, 3, 5),
    )
    draft = begun(
        activity(
            programme, "Phản biện dự thảo đề án chỉnh trang ngõ", "phan_bien", dt.date(2026, 3, 3)
        )
    )
    feedback = begun(
        activity(
            programme,
            "Góp ý xây dựng chính quyền phường",
            "gop_y_xay_dung",
            dt.date(2026, 2, 3),
            form="doi_thoai",
        ),
        dt.date(2026, 2, 20),
    )
    planned = activity(programme, "Giám sát thu gom rác", "giam_sat", dt.date(2026, 3, 25))
    late = rec(feedback, dt.date(2026, 2, 5), dt.date(2026, 2, 25))
    answered = rec(market, dt.date(2026, 3, 5), dt.date(2026, 3, 20))
    services.response_record(
        actor=SYSTEM,
        recommendation=answered,
        received_on=dt.date(2026, 3, 8),
        by_body="UBND phường Định Công",
        summary="Đã chỉ đạo sắp xếp lại khu vực chợ.",
    )
    answered.refresh_from_db()
    waiting = rec(market, dt.date(2026, 3, 5), dt.date(2026, 3, 31), "Ban quản lý chợ")
    draft_rec = rec(draft, dt.date(2026, 3, 6), dt.date(2026, 3, 9), "Phòng Kinh tế")
    far_programme = services.programme_create(
        actor=SYSTEM, org_unit=tree.dai_kim, year=2026, title="Chương trình năm 2026 Đại Kim"
    )
    far = begun(
        activity(far_programme, "Giám sát trật tự đô thị", "giam_sat", dt.date(2026, 3, 4)),
        dt.date(2026, 3, 4),
    )
    far_rec = rec(far, dt.date(2026, 3, 4), dt.date(2026, 3, 6), "UBND phường Đại Kim")
    services.response_record(
        actor=SYSTEM,
        recommendation=far_rec,
        received_on=dt.date(2026, 3, 7),
        by_body="UBND phường Đại Kim",
        summary="Đã xử lý.",
    )
    return Register(
        programme, market, draft, feedback, planned, late, answered, waiting, draft_rec, far
    )
