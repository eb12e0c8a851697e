"""Monthly reports of today's wards, dated relative to the day of the load.

Every new phường of the demo (Hà Nội and Ninh Bình) reports BC_THANG, figures and a
short narrative, for every month from 07/2025 (the two-tier start) up to the last closed
month before ``clock.today()``. What a board sees on the day of the load:

- months before the last closed one: approved (one report in seven sent a few days late);
- the last closed month, in Hà Nội: the demo phường (Định Công) has nothing yet, so
  demo_reporter has last month to enter and demo_leader to send; one phường sent and was
  returned with a reason; two sent and wait for approval; one has sent nothing; the rest
  are approved. In Ninh Bình one waits for approval, one has sent nothing;
- the current month: nothing yet (its input window opens five days before its end).

Rows are keyed by (unit, period), never by date, so a second load the same day writes
nothing. A load on a later day adds the months closed since; a report the demo left
waiting (sent, or returned with the demo's reason) in a month that is no longer the last
closed one is carried on its way (sent again, approved); a missing one is filled in,
sent late. A report a person changed since (returned with another reason, a draft
begun) is left alone.

Figures are entered by the System; the demo ward's reports are sent by demo_leader;
Hà Nội's are approved (or returned) by demo_board2, a different user from the one who
sent them (separation of duties); Ninh Bình's by the System.
"""

from __future__ import annotations

import datetime as dt
import random
import zlib
from collections import Counter
from collections.abc import Callable
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from danvan.access.system import SYSTEM
from danvan.core import clock
from danvan.demo import current_data, data
from danvan.demo.reporting_data import FigureLoader, month_range, monthly_figures
from danvan.demo.tree import new_ward_code, place_phrase
from danvan.lib import periods
from danvan.org.models import OrgUnit
from danvan.reporting.catalog import SOURCED, ensure_catalog
from danvan.reporting.models import Report, ReportForm, Status
from danvan.reporting.services import (
    data_values_save,
    report_approve,
    report_return,
    report_save_narrative,
    report_submit,
)

CREATED, UPDATED, KEPT = "tạo mới", "cập nhật", "giữ nguyên"
REPORTS = "báo cáo"
MONTHLY_FORM = "BC_THANG"
FIRST_MONTH = "2025-07"
SCALE = {"HN": 2.5, "NB": 2.0}

APPROVED, SUBMITTED, RETURNED, MISSING = "approved", "submitted", "returned", "missing"
# The last closed month, after the demo ward: what the other wards of the province did.
LAST_MONTH_MIX = {"HN": [RETURNED, SUBMITTED, SUBMITTED, MISSING], "NB": [SUBMITTED, MISSING]}
RETURN_REASON = (
    "Phần «Kết quả» chưa nêu kết quả phong trào thi đua «Dân vận khéo» trong tháng; đề nghị "
    "bổ sung và kiểm tra lại số lượt tiếp công dân trước khi gửi lại."
)

# The work of each month, as a ward writes it (the seasons of the work, no year named).
EVENTS = {
    1: "tổ chức thăm hỏi, tặng quà các gia đình chính sách, hộ nghèo nhân dịp Tết Nguyên đán",
    2: "tổ chức các hoạt động kỷ niệm Ngày thành lập Đảng Cộng sản Việt Nam (03/02), "
    "phát động đăng ký mô hình «Dân vận khéo» của năm",
    3: "tổ chức các hoạt động chào mừng Ngày Quốc tế Phụ nữ (08/3) và Ngày thành lập Đoàn "
    "TNCS Hồ Chí Minh (26/3), ra quân Tháng Thanh niên",
    4: "tuyên truyền kỷ niệm Ngày giải phóng miền Nam, thống nhất đất nước (30/4) và Ngày "
    "Quốc tế Lao động (01/5)",
    5: "tổ chức các hoạt động kỷ niệm Ngày sinh Chủ tịch Hồ Chí Minh (19/5)",
    6: "sơ kết công tác dân vận 6 tháng đầu năm, đối thoại giữa lãnh đạo phường với Nhân dân",
    7: "thăm hỏi, tặng quà thương binh, gia đình liệt sĩ, người có công nhân Ngày Thương binh "
    "- Liệt sĩ (27/7)",
    8: "tuyên truyền kỷ niệm Cách mạng Tháng Tám và Quốc khánh (02/9), ra quân vệ sinh môi "
    "trường khu dân cư",
    9: "tổ chức Tết Trung thu cho thiếu nhi, vận động ủng hộ đồng bào bị thiệt hại do bão lũ",
    10: "tổ chức các hoạt động kỷ niệm Ngày thành lập Hội LHPN Việt Nam (20/10) và Ngày "
    "truyền thống Hội Nông dân Việt Nam (14/10)",
    11: "tổ chức Ngày hội Đại đoàn kết toàn dân tộc ở các khu dân cư (18/11)",
    12: "tổng kết công tác dân vận năm, tri ân nhân Ngày thành lập Quân đội nhân dân Việt Nam "
    "(22/12)",
}
SITUATION = [
    "Tình hình Nhân dân {place} ổn định; Nhân dân tin tưởng vào sự lãnh đạo của Đảng ủy, "
    "chính quyền phường sau sắp xếp đơn vị hành chính.",
    "Nhân dân {place} phấn khởi, đồng thuận với chủ trương vận hành chính quyền địa phương hai "
    "cấp; một số hộ dân quan tâm đến thủ tục hành chính tại Trung tâm phục vụ hành chính công.",
    "Tình hình an ninh trật tự trên địa bàn {place} được giữ vững; dư luận quan tâm đến trật "
    "tự đô thị và vệ sinh môi trường.",
]
DIRECTION = [
    "Tiếp tục nắm chắc tình hình Nhân dân, chuẩn bị nội dung giao ban tháng sau; hướng dẫn "
    "Ban công tác Mặt trận các khu dân cư triển khai nhiệm vụ.",
    "Đôn đốc các chi hội ở khu dân cư thực hiện chương trình công tác; rà soát mô hình «Dân "
    "vận khéo» đăng ký trong năm.",
]


def ward_codes(province: str) -> list[str]:
    return [new_ward_code(p, name) for p, name, _ in data.NEW_WARDS if p == province]


def last_closed(today: dt.date) -> periods.Period:
    return periods.period_of(periods.MONTH, today).previous()


def report_plan(today: dt.date) -> dict[tuple[str, str], str]:
    """(ward code, period code) → the state the demo shows for it on ``today``."""
    last = last_closed(today)
    plan: dict[tuple[str, str], str] = {}
    for province, mix in LAST_MONTH_MIX.items():
        codes = ward_codes(province)
        for month in month_range(FIRST_MONTH, last.code):
            for code in codes:
                plan[code, month.code] = APPROVED
        others = [c for c in codes if c != current_data.DEMO_WARD]
        if current_data.DEMO_WARD in codes:
            plan[current_data.DEMO_WARD, last.code] = MISSING
        # The wards that are late or returned change from month to month.
        start = (last.year * 12 + last.first_month) % len(others)
        rotated = others[start:] + others[:start]
        for code, state in zip(rotated, mix[: len(others) - 1], strict=False):
            plan[code, last.code] = state
    return plan


def ward_narrative(code: str, name: str, month: periods.Period) -> dict[str, str]:
    pick = random.Random(f"demo-current:{code}:{month.code}")
    place = place_phrase(name)
    return {
        "tinh_hinh": pick.choice(SITUATION).format(place=place),
        "ket_qua": f"Ban Xây dựng Đảng phối hợp với Ủy ban MTTQ và các tổ chức chính trị - xã "
        f"hội {place} {EVENTS[month.first_month]}; duy trì tiếp công dân định kỳ.",
        "phuong_huong": pick.choice(DIRECTION),
    }


def _crc(text: str) -> int:
    return zlib.crc32(text.encode())


class CurrentReports:
    """Write the plan through the services; ``tally`` counts (category, status)."""

    def __init__(self, progress: Callable[[str], None]) -> None:
        self.progress = progress
        self.tally: Counter[tuple[str, str]] = Counter()
        users = get_user_model().objects.filter(username__in=["demo_leader", "demo_board2"])
        by_name = {u.username: u for u in users}
        self.leader: Any = by_name.get("demo_leader", SYSTEM)
        self.approver: Any = by_name.get("demo_board2", SYSTEM)

    def run(self) -> Counter[tuple[str, str]]:
        ensure_catalog()
        today = clock.today()
        self.form = ReportForm.objects.get(code=MONTHLY_FORM)
        plan = report_plan(today)
        codes = sorted({code for code, _ in plan})
        self.units = {u.code: u for u in OrgUnit.objects.filter(code__in=codes)}
        self.names = {
            new_ward_code(p, name): name for p, name, _ in data.NEW_WARDS if p in LAST_MONTH_MIX
        }
        self.progress(
            f"Báo cáo tháng của các phường mới, 07/2025–{last_closed(today).label} "
            f"({len(plan)} báo cáo theo kế hoạch)…"
        )
        existing = {
            (r.org_unit.code, r.period): r
            for r in Report.objects.filter(
                form=self.form, org_unit__in=self.units.values()
            ).select_related("org_unit")
        }
        for (code, period), state in plan.items():
            unit = self.units.get(code)
            if unit is None:
                continue
            report = existing.get((code, period))
            if report is None:
                self._create(unit, periods.parse(period), state)
            else:
                self._advance(report, state)
        return self.tally

    # --- writing ------------------------------------------------------------------------

    def _submitter(self, unit: OrgUnit) -> Any:
        return self.leader if unit.code == current_data.DEMO_WARD else SYSTEM

    def _decider(self, unit: OrgUnit) -> Any:
        return self.approver if unit.code.startswith("HN-") else SYSTEM

    def _create(self, unit: OrgUnit, month: periods.Period, state: str) -> None:
        if state == MISSING:
            return
        period = month.code
        first = periods.parse(FIRST_MONTH)
        scale = SCALE[unit.code.split("-")[0]]
        report_save_narrative(
            actor=SYSTEM,
            form=self.form,
            org_unit=unit,
            period=period,
            narrative=ward_narrative(unit.code, self.names[unit.code], month),
        )
        # The register's figures ("Dân vận khéo" models) are counted from its records
        # (danvan.demo.emulation), never typed for today's wards; a register a ward does
        # not keep that month (welfare outside Định Công) leaves its figures typed.
        figures = {
            code: value
            for code, value in monthly_figures(unit.code, month, first, scale).items()
            if code not in SOURCED or not _counted(self.form, unit, month, code)  # welfare
        }
        data_values_save(actor=SYSTEM, org_unit=unit, period=period, values=figures, form=self.form)
        report_submit(actor=self._submitter(unit), form=self.form, org_unit=unit, period=period)
        if state == APPROVED:
            report_approve(actor=self._decider(unit), form=self.form, org_unit=unit, period=period)
        elif state == RETURNED:
            report_return(
                actor=self._decider(unit),
                form=self.form,
                org_unit=unit,
                period=period,
                reason=RETURN_REASON,
            )
        self._backdate(unit, period, decided=state != SUBMITTED)
        self.tally[REPORTS, CREATED] += 1

    def _advance(self, report: Report, state: str) -> None:
        """Carry a report the demo left waiting on its way; anything else is kept."""
        unit, period = report.org_unit, report.period
        demo_returned = report.status == Status.RETURNED and report.return_reason == RETURN_REASON
        if state != APPROVED or not (report.status == Status.SUBMITTED or demo_returned):
            self.tally[REPORTS, KEPT] += 1
            return
        if demo_returned:
            report_submit(actor=self._submitter(unit), form=self.form, org_unit=unit, period=period)
        report_approve(actor=self._decider(unit), form=self.form, org_unit=unit, period=period)
        self._backdate(unit, period, decided=True)
        self.tally[REPORTS, UPDATED] += 1

    def _backdate(self, unit: OrgUnit, period: str, *, decided: bool) -> None:
        """Sent within the window (as the district-era history), never after now."""
        FigureLoader._backdate(self.form, unit, period)
        # Seven in the morning of the load's day (``clock.today()``, not the wall clock).
        now = timezone.make_aware(dt.datetime.combine(clock.today(), dt.time(7, 0)))
        report = Report.objects.get(form=self.form, org_unit=unit, period=period)
        sent = min(report.submitted_at or now, now - dt.timedelta(hours=3))
        decided_at = min(sent + dt.timedelta(days=1 + _crc(unit.code) % 2), now)
        Report.objects.filter(pk=report.pk).update(
            submitted_at=sent, decided_at=decided_at if decided else None
        )


def _counted(form: ReportForm, unit: OrgUnit, month: periods.Period, code: str) -> bool:
    """Does a register count ``code`` for ``unit`` in ``month``? (welfare)"""
    from danvan.reporting import sources

    source = sources.get(SOURCED[code])
    if source is None:
        return False
    start, end = sources.window(form, month)
    units = sources.covered_units(form, unit, month.code)
    return source.count(units, start, end) is not None


def load_current_reports(progress: Callable[[str], None]) -> Counter[tuple[str, str]]:
    return CurrentReports(progress).run()
