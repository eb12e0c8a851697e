"""The grassroots-democracy cast: the common cast (the district's board staff, the ward's
leader and reporter keep the register; the district's viewer reads), a leader of Phường
Đại Kim, and a register in Phường Định Công, its tổ dân phố số 1 and Phường Đại Kim for
March 2026 (the clock frozen on 10/3/2026)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from danvan.access.roles import Role
from danvan.access.system import SYSTEM
from danvan.democracy import services
from danvan.democracy.models import DisclosureItem
from danvan.reporting.models import RegisterUse
from tests.factories import OrgLevelFactory, OrgUnitFactory, UnitKindFactory, UserFactory, grant
from tests.petitions.conftest import bearer  # noqa: F401
from tests.tasks.conftest import today  # noqa: F401  (the frozen clock)

DAY = dt.date(2026, 3, 10)
MARCH = (dt.date(2026, 3, 1), dt.date(2026, 3, 31))


@dataclass
class Register:
    area: Any  # tổ dân phố số 1 of Phường Định Công
    budget: Any  # ward, published 02/3 (ngân sách)
    plan: Any  # ward, published 05/3 then withdrawn (kế hoạch KT-XH)
    old: Any  # ward, published 10/1, ended 10/2: hết hạn (thủ tục hành chính)
    draft: Any  # area, draft
    area_notice: Any  # area, published 03/3 (đóng góp)
    far: Any  # Đại Kim, published 04/3
    rule: Any  # area: hương ước 06/3, 200 households, 160 part, 150 for: passed
    lights: Any  # ward: đóng góp 07/3, 100 households, 60 part, 50 for: not passed
    planned: Any  # ward: bầu tổ trưởng 25/3, planned
    far_rule: Any  # Đại Kim: quy ước 08/3, 80 households, 70 part, 60 for: passed
    consultation: Any  # ward, open from 04/3
    closed: Any  # area, from 15/2 to 28/2, closed (outside March)
    finding: Any  # ward TTND 09/3, open
    other_leader: Any


@pytest.fixture
def day(today: Any) -> dt.date:  # noqa: F811
    return today(DAY)


def item(code: str) -> DisclosureItem:
    return DisclosureItem.objects.get(code=code)


def disclose(unit: Any, content: str, code: str, start: dt.date, **kw: Any) -> Any:
    return services.disclosure_create(
        actor=SYSTEM,
        org_unit=unit,
        content=content,
        item=item(code),
        form="niem_yet",
        starts_on=start,
        **kw,
    )


def published(unit: Any, content: str, code: str, start: dt.date, **kw: Any) -> Any:
    row = disclose(unit, content, code, start, **kw)
    return services.disclosure_publish(actor=SYSTEM, disclosure=row)


def decision(
    unit: Any,
    subject: str,
    on: dt.date,
    total: int,
    votes: tuple[int, int, int] | None,
    kind: str = "huong_uoc",
) -> Any:
    row = services.decision_create(
        actor=SYSTEM,
        org_unit=unit,
        kind=kind,
        subject=subject,
        method="hoi_nghi",
        held_on=on,
        households_total=total,
    )
    if votes is None:
        return row
    part, yes, no = votes
    return services.decision_record(
        actor=SYSTEM, decision=row, households_taking_part=part, votes_for=yes, votes_against=no
    )


@pytest.fixture
def register(tree: Any, cast: Any, day: dt.date) -> Register:
    RegisterUse.objects.create(register="democracy", org_unit=tree.hanoi, since=dt.date(2025, 7, 1))
    other = UserFactory(username="lanh_dao_dai_kim")
    grant(other, Role.UNIT_LEADER, tree.dai_kim)
    area = OrgUnitFactory(
        name="Tổ dân phố số 1",
        code="HN-HM-DINHCONG-TDP01",
        parent=tree.dinh_cong,
        level=OrgLevelFactory(code="khu-dan-cu", name="Khu dân cư", rank=4),
        kind=UnitKindFactory(code="to-dan-pho", name="Tổ dân phố", is_place=True),
    )
    budget = published(
        tree.dinh_cong,
        "Dự toán ngân sách phường năm 2026",
        "ngan-sach",
        dt.date(2026, 3, 2),
        ends_on=dt.date(2026, 4, 2),
    )
    plan = published(
        tree.dinh_cong,
        "Kế hoạch phát triển kinh tế - xã hội năm 2026",
        "ke-hoach-ktxh",
        dt.date(2026, 3, 5),
    )
    services.disclosure_withdraw(actor=SYSTEM, disclosure=plan, reason="Công khai nhầm bản dự thảo")
    old = published(
        tree.dinh_cong,
        "Thủ tục hành chính cấp phường",
        "thu-tuc-hanh-chinh",
        dt.date(2026, 1, 10),
        ends_on=dt.date(2026, 2, 10),
    )
    draft = disclose(area, "Danh sách hộ cận nghèo", "vay-von-ho-ngheo", dt.date(2026, 3, 20))
    area_notice = published(
        area, "Kết quả huy động đóng góp xây dựng nhà văn hóa", "dong-gop", dt.date(2026, 3, 3)
    )
    far = published(
        tree.dai_kim, "Dự toán ngân sách phường Đại Kim năm 2026", "ngan-sach", dt.date(2026, 3, 4)
    )
    rule = decision(area, "Hương ước tổ dân phố số 1", dt.date(2026, 3, 6), 200, (160, 150, 5))
    lights = decision(
        tree.dinh_cong,
        "Đóng góp lắp đèn chiếu sáng ngõ 12",
        dt.date(2026, 3, 7),
        100,
        (60, 50, 8),
        kind="dong_gop",
    )
    planned = decision(
        tree.dinh_cong,
        "Bầu tổ trưởng tổ dân phố số 2",
        dt.date(2026, 3, 25),
        150,
        None,
        kind="bau_truong",
    )
    far_rule = decision(
        tree.dai_kim, "Quy ước khu tập thể", dt.date(2026, 3, 8), 80, (70, 60, 10), kind="quy_uoc"
    )
    consultation = services.consultation_create(
        actor=SYSTEM,
        org_unit=tree.dinh_cong,
        subject="Phương án chỉnh trang đường ven hồ",
        starts_on=dt.date(2026, 3, 4),
        ends_on=dt.date(2026, 3, 30),
    )
    closed = services.consultation_create(
        actor=SYSTEM,
        org_unit=area,
        subject="Nội quy nhà văn hóa",
        starts_on=dt.date(2026, 2, 15),
        ends_on=dt.date(2026, 2, 28),
    )
    services.consultation_close(
        actor=SYSTEM,
        consultation=closed,
        opinions_received=20,
        taken_up_count=12,
        taken_up_summary="Mở cửa thêm buổi tối",
    )
    finding = services.oversight_create(
        actor=SYSTEM,
        org_unit=tree.dinh_cong,
        board="ttnd",
        subject="Quỹ Đền ơn đáp nghĩa năm 2025",
        found_on=dt.date(2026, 3, 9),
        findings="Thu, chi đúng mục đích; thiếu chữ ký người nhận ở 3 chứng từ",
        recommendations="Bổ sung chứng từ",
    )
    return Register(
        area,
        budget,
        plan,
        old,
        draft,
        area_notice,
        far,
        rule,
        lights,
        planned,
        far_rule,
        consultation,
        closed,
        finding,
        other,
    )
