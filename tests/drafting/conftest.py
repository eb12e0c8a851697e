"""Fixtures of the drafting tests: a district whose units reported for February 2023, the
board's numbering, and a held meeting with attendees, conclusions and the tasks they raised.

    Quận Hoàng Mai
    ├── Quận ủy Hoàng Mai                      (cấp ủy)
    ├── Ban Dân vận Quận ủy Hoàng Mai          (issuer: Party numbering BDVQU)
    ├── Phường Định Công ─── Ủy ban MTTQ phường Định Công
    └── Phường Đại Kim ───── Hội Cựu chiến binh phường Đại Kim
    (Thành phố Hà Nội also gets its Ban Dân vận Thành ủy Hà Nội.)

Figures (BC_THANG, approved), chosen to give the seeds' sums for 2023-02:

=============  ======  ==========  =========  =========  ========  =======  =======
unit, period   tiếp    đơn g.q./n  suất quà   giá trị    hội viên  chi hội  mô hình
=============  ======  ==========  =========  =========  ========  =======  =======
Định Công 02   70      5/14        5.000      1.500,5    3.000     60
MTTQ ĐC 02                                                                  2
Đại Kim 02     47      3/10        4.081      1.311,2    2.573     66
Định Công 01   60                                        2.950
Đại Kim 01     40                                        2.550
Định Công '22  70                             1.800,0    2.700
Đại Kim '22    47                             1.200,0    2.249
=============  ======  ==========  =========  =========  ========  =======  =======

So 2023-02 totals: 117 lượt, 08/24 đơn, 9.081 suất, 2.811,7 triệu đồng, 5.573 hội viên,
126 chi hội, 2 mô hình; against 2023-01: 117 vs 100 lượt (+17,0%), 5.573 vs 5.500 (+1,3%);
against 2022-02: 117 lượt (bằng), 2.811,7 vs 3.000,0 triệu đồng (−6,3%), 5.573 vs 4.949
hội viên (+12,6%). The clock reads 03/03/2023 while ``district`` is in use.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from danvan.access.system import SYSTEM
from danvan.core import clock
from danvan.documents.issuing import numbering_configure
from danvan.documents.models import IssuerNumbering
from danvan.meetings.models import Attendance, Conclusion, Meeting, MeetingKind
from danvan.meetings.services import (
    agenda_item_add,
    attendance_add,
    conclusion_add,
    meeting_create,
    opinion_add,
)
from danvan.org.models import OrgUnit
from danvan.reporting.catalog import ensure_catalog
from danvan.reporting.models import ReportForm
from danvan.reporting.services import (
    data_values_save,
    report_approve,
    report_save_narrative,
    report_submit,
)
from danvan.tasks.models import Task
from danvan.tasks.services import task_create
from tests.factories import OrganisationKindFactory, OrgUnitFactory

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = dt.date(2023, 3, 3)
PERIOD = "2023-02"

NARRATIVES: dict[str, dict[str, str]] = {
    "HN-HM-BDV": {
        "tinh_hinh": "Tình hình Nhân dân trên địa bàn quận ổn định, phấn khởi đón Tết.",
        "ket_qua": "Ban Dân vận Quận ủy tham mưu tổ chức giao ban với MTTQ và các đoàn thể.",
        "phuong_huong": "Triển khai các hoạt động chào mừng 20 năm thành lập Quận.",
    },
    "HN-HM-DINHCONG": {
        "tinh_hinh": "Nhân dân phường Định Công tin tưởng vào sự lãnh đạo của Đảng ủy.",
        "ket_qua": "Phường tổ chức tiếp công dân định kỳ và thăm hỏi gia đình chính sách.",
        "danh_gia": "Công tác tiếp dân được duy trì; việc giải quyết đơn còn chậm.",
    },
    "HN-HM-DINHCONG-MTTQ": {
        "ket_qua": "Ủy ban MTTQ phường vận động Quỹ Vì người nghèo.\nĐăng ký 02 mô hình.",
    },
    "HN-HM-DAIKIM": {
        "ket_qua": "Phường Đại Kim trao quà Tết cho hộ nghèo, hộ cận nghèo.",
        "kien_nghi": "Đề nghị Quận hỗ trợ kinh phí sửa chữa nhà văn hóa tổ dân phố.",
    },
}
FIGURES: dict[tuple[str, str], dict[str, Any]] = {
    ("HN-HM-DINHCONG", "2023-02"): {
        "TIEP_CONG_DAN": 70,
        "DON_NHAN": 14,
        "DON_GIAI_QUYET": 5,
        "QUA_SUAT": 5000,
        "QUA_GIA_TRI": "1500.5",
        "HOI_VIEN": 3000,
        "CHI_HOI": 60,
    },
    ("HN-HM-DINHCONG-MTTQ", "2023-02"): {"MO_HINH_DVK": 2},
    ("HN-HM-DAIKIM", "2023-02"): {
        "TIEP_CONG_DAN": 47,
        "DON_NHAN": 10,
        "DON_GIAI_QUYET": 3,
        "QUA_SUAT": 4081,
        "QUA_GIA_TRI": "1311.2",
        "HOI_VIEN": 2573,
        "CHI_HOI": 66,
    },
    ("HN-HM-DINHCONG", "2023-01"): {"TIEP_CONG_DAN": 60, "HOI_VIEN": 2950},
    ("HN-HM-DAIKIM", "2023-01"): {"TIEP_CONG_DAN": 40, "HOI_VIEN": 2550},
    ("HN-HM-DINHCONG", "2022-02"): {
        "TIEP_CONG_DAN": 70,
        "QUA_GIA_TRI": "1800.0",
        "HOI_VIEN": 2700,
    },
    ("HN-HM-DAIKIM", "2022-02"): {
        "TIEP_CONG_DAN": 47,
        "QUA_GIA_TRI": "1200.0",
        "HOI_VIEN": 2249,
    },
}


@dataclass
class District:
    tree: Any
    hoang_mai: OrgUnit
    quan_uy: OrgUnit
    board: OrgUnit
    dinh_cong: OrgUnit
    mttq_dinh_cong: OrgUnit
    dai_kim: OrgUnit
    ccb_dai_kim: OrgUnit
    hanoi_board: OrgUnit
    numbering: IssuerNumbering
    period: str = PERIOD
    units: dict[str, OrgUnit] = field(default_factory=dict)


@pytest.fixture
def drafting_today(monkeypatch: Any) -> dt.date:
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    return TODAY


def send_report(unit: OrgUnit, period: str, *, figures: Any = None, narrative: Any = None) -> None:
    """Enter, send and approve a unit's BC_THANG through the services, as the System."""
    form = ReportForm.objects.get(code="BC_THANG")
    if narrative:
        report_save_narrative(
            actor=SYSTEM, form=form, org_unit=unit, period=period, narrative=narrative
        )
    if figures:
        data_values_save(
            actor=SYSTEM,
            org_unit=unit,
            period=period,
            values=figures,
            form=form,
            before_register=True,
        )
    report_submit(actor=SYSTEM, form=form, org_unit=unit, period=period)
    report_approve(actor=SYSTEM, form=form, org_unit=unit, period=period)


@pytest.fixture
def district(tree: Any, drafting_today: dt.date) -> District:
    ensure_catalog()
    committee = OrganisationKindFactory(code="cap-uy", name="Cấp ủy Đảng", short_name="Cấp ủy")
    veterans = OrganisationKindFactory(code="ccb", name="Hội Cựu chiến binh", short_name="CCB")
    board_kind = tree.bdv_hoang_mai.organisation_kind
    body = tree.bdv_hoang_mai.kind
    quan_uy = OrgUnitFactory(
        name="Quận ủy Hoàng Mai",
        code="HN-HM-CU",
        parent=tree.hoang_mai,
        level=tree.hoang_mai.level,
        kind=body,
        organisation_kind=committee,
    )
    ccb = OrgUnitFactory(
        name="Hội Cựu chiến binh phường Đại Kim",
        code="HN-HM-DAIKIM-CCB",
        parent=tree.dai_kim,
        level=tree.dai_kim.level,
        kind=body,
        organisation_kind=veterans,
    )
    hanoi_board = OrgUnitFactory(
        name="Ban Dân vận Thành ủy Hà Nội",
        code="HN-BDV",
        parent=tree.hanoi,
        level=tree.hanoi.level,
        kind=body,
        organisation_kind=board_kind,
    )
    numbering = numbering_configure(
        actor=SYSTEM,
        org_unit=tree.bdv_hoang_mai,
        style="party",
        issuer_code="BDVQU",
        term_label="2020-2025",
    )
    units = {u.code: u for u in OrgUnit.objects.all()}
    reports: dict[tuple[str, str], dict[str, Any]] = {}
    for (code, period), values in FIGURES.items():
        reports.setdefault((code, period), {})["figures"] = values
    for code, narrative in NARRATIVES.items():
        reports.setdefault((code, PERIOD), {})["narrative"] = narrative
    for (code, period), parts in reports.items():
        send_report(units[code], period, **parts)
    return District(
        tree=tree,
        hoang_mai=tree.hoang_mai,
        quan_uy=quan_uy,
        board=tree.bdv_hoang_mai,
        dinh_cong=tree.dinh_cong,
        mttq_dinh_cong=tree.mttq_dinh_cong,
        dai_kim=tree.dai_kim,
        ccb_dai_kim=ccb,
        hanoi_board=hanoi_board,
        numbering=numbering,
        units=units,
    )


def at(day: str, hour: int = 8, minute: int = 0) -> dt.datetime:
    """at("23/02/2023", 8) → 23/02/2023 08:00 in Hà Nội."""
    d, m, y = (int(part) for part in day.split("/"))
    return dt.datetime(y, m, d, hour, minute, tzinfo=TZ)


@dataclass
class HeldMeeting:
    meeting: Meeting
    chair: Attendance
    conclusions: list[Conclusion]
    tasks: list[Task]


@pytest.fixture
def held_meeting(district: District, officials: Any) -> HeldMeeting:
    """The seed's giao ban of 23/02/2023, held by the board and chaired by Khương Quốc
    Hưng, with a unit attending, one absent, two agenda items, an opinion, two
    conclusions and a task raised by each."""
    meeting = meeting_create(
        actor=SYSTEM,
        title="Hội nghị giao ban công tác Dân vận với Mặt trận Tổ quốc và các Đoàn thể "
        "tháng 2, triển khai nhiệm vụ công tác tháng 3/2023",
        kind=MeetingKind.objects.get(code="giao-ban-thang"),
        org_unit=district.board,
        starts_at=at("23/02/2023", 8),
        ends_at=at("23/02/2023", 10, 30),
        place="Hội trường Quận ủy Hoàng Mai",
        period_code=PERIOD,
        status=Meeting.Status.HELD,
    )
    chair = attendance_add(
        actor=SYSTEM, meeting=meeting, person=officials["hung"], role=Attendance.Role.CHAIR
    )
    mttq = attendance_add(
        actor=SYSTEM,
        meeting=meeting,
        org_unit=district.mttq_dinh_cong,
        name_as_written="Đại diện lãnh đạo Ủy ban MTTQ phường Định Công",
        role=Attendance.Role.REPORTS,
    )
    attendance_add(
        actor=SYSTEM,
        meeting=meeting,
        org_unit=district.dai_kim,
        name_as_written="Đại diện lãnh đạo phường Đại Kim",
        present=False,
        absence_reason="Bận tiếp công dân",
    )
    agenda_item_add(
        actor=SYSTEM,
        meeting=meeting,
        title="Báo cáo công tác dân vận tháng 2, triển khai nhiệm vụ tháng 3/2023",
        presenter_text="Đại diện lãnh đạo Ban Dân vận Quận ủy",
    )
    agenda_item_add(actor=SYSTEM, meeting=meeting, title="Thảo luận, đóng góp ý kiến")
    opinion_add(
        actor=SYSTEM,
        meeting=meeting,
        speaker=mttq,
        content="Đề nghị sớm hướng dẫn đăng ký mô hình “Dân vận khéo” năm 2023.",
    )
    first = conclusion_add(
        actor=SYSTEM,
        meeting=meeting,
        text="UB MTTQ và các đoàn thể tập trung thực hiện tốt các chủ trương của Đảng.",
        concluded_by=chair,
    )
    second = conclusion_add(
        actor=SYSTEM,
        meeting=meeting,
        text="Đánh giá kết quả hoạt động từng tuần, từng tháng.",
        concluded_by=chair,
    )
    tasks = [
        task_create(
            actor=SYSTEM,
            title="Quán triệt các chủ trương của Đảng trong MTTQ phường",
            lead_unit=district.mttq_dinh_cong,
            co_units=[district.ccb_dai_kim],
            deadline=dt.date(2023, 3, 31),
            conclusion=first,
        ),
        task_create(
            actor=SYSTEM,
            title="Lập mẫu đánh giá kết quả hoạt động hằng tuần",
            lead_unit=district.dai_kim,
            deadline=dt.date(2023, 3, 15),
            conclusion=second,
        ),
    ]
    return HeldMeeting(meeting=meeting, chair=chair, conclusions=[first, second], tasks=tasks)
