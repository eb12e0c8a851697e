"""The religion cast: the common cast (the ward's leader holds RELIGION_SENSITIVE, the
district's board staff manages, the ward's reporter and the district's viewer read), a
leader of another ward, and a register in Phường Định Công and Phường Đại Kim."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from danvan.access.roles import Role
from danvan.access.system import SYSTEM
from danvan.religion import services
from danvan.religion.models import Religion
from danvan.reporting.models import RegisterUse
from tests.factories import UserFactory, grant
from tests.petitions.conftest import bearer  # noqa: F401
from tests.tasks.conftest import today  # noqa: F401  (the frozen clock)

DAY = dt.date(2026, 3, 10)
MARCH = (dt.date(2026, 3, 1), dt.date(2026, 3, 31))


@dataclass
class Register:
    pagoda: Any
    church: Any
    point: Any
    far: Any  # a pagoda of Phường Đại Kim
    festival: Any  # held at the pagoda on 02/3, 2.500 people
    mass: Any  # held at the church on 05/3, 1.000 people
    coming: Any  # planned at the pagoda on 20/3
    monk: Any
    situation: Any
    other_leader: Any  # leader of Phường Đại Kim


@pytest.fixture
def day(today: Any) -> dt.date:  # noqa: F811
    return today(DAY)


def religion(code: str) -> Religion:
    return Religion.objects.get(code=code)


def place(unit: Any, name: str, **kw: Any) -> Any:
    values: dict[str, Any] = {
        "name": name,
        "kind": "co_so",
        "religion": religion("phat-giao"),
        "address": f"{unit.name}",
        "followers": 100,
    }
    values.update(kw)
    return services.place_create(actor=SYSTEM, org_unit=unit, **values)


def event(at: Any, name: str, start: dt.date, expected: int = 100, **kw: Any) -> Any:
    return services.event_create(
        actor=SYSTEM,
        place=at,
        name=name,
        starts_on=start,
        ends_on=start,
        expected_attendance=expected,
        **kw,
    )


@pytest.fixture
def register(tree: Any, cast: Any, day: dt.date) -> Register:
    RegisterUse.objects.create(register="religion", org_unit=tree.hanoi, since=dt.date(2025, 7, 1))
    other = UserFactory(username="lanh_dao_dai_kim")
    grant(other, Role.UNIT_LEADER, tree.dai_kim)
    pagoda = place(tree.dinh_cong, "Chùa Định Công", followers=650)
    church = place(
        tree.mttq_dinh_cong,
        "Nhà thờ giáo xứ Định Công",
        religion=religion("cong-giao"),
        followers=1200,
    )
    point = place(
        tree.dinh_cong,
        "Điểm nhóm Tin lành tổ 3",
        kind="diem_nhom",
        religion=religion("tin-lanh"),
        decision_ref="125/TB-UBND",
        decision_on=dt.date(2025, 9, 1),
        followers=35,
    )
    far = place(tree.dai_kim, "Chùa Đại Kim")
    festival = event(pagoda, "Lễ hội chùa Định Công", dt.date(2026, 3, 2), 2000)
    services.event_held(actor=SYSTEM, event=festival, actual_attendance=2500)
    mass = event(church, "Thánh lễ bổn mạng", dt.date(2026, 3, 5), 800)
    services.event_held(actor=SYSTEM, event=mass, actual_attendance=1000)
    far_event = event(far, "Lễ cầu an Đại Kim", dt.date(2026, 3, 8), 300)
    services.event_held(actor=SYSTEM, event=far_event, actual_attendance=300)
    coming = event(pagoda, "Đại lễ cầu an", dt.date(2026, 3, 20), 1500)
    monk = services.figure_create(
        actor=SYSTEM,
        org_unit=tree.dinh_cong,
        full_name="Nguyễn Văn Tâm",
        role="chuc_sac",
        title="Đại đức, trụ trì",
        place=pagoda,
        phone="0912 000 101",
    )
    situation = services.situation_create(
        actor=SYSTEM,
        org_unit=tree.dinh_cong,
        place=point,
        noted_on=dt.date(2026, 3, 4),
        summary="Hộ liền kề phản ánh điểm nhóm sinh hoạt ngoài giờ đăng ký",
        assessment="Chưa phát sinh mâu thuẫn",
    )
    return Register(pagoda, church, point, far, festival, mass, coming, monk, situation, other)
