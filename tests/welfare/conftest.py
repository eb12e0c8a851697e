"""The welfare cast: the officers of Phường Định Công's Front, women's union and Red
Cross (who keep their gift lists and see names), the Front of Phường Đại Kim (another
ward: a stranger to Định Công's records), and the common cast's board officer and viewer
(who read totals, names masked)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest

from danvan.access.roles import Role
from danvan.reporting.models import RegisterUse
from danvan.welfare import services
from tests.factories import (
    OrganisationKindFactory,
    OrgLevelFactory,
    OrgUnitFactory,
    UnitKindFactory,
    UserFactory,
    grant,
)
from tests.tasks.conftest import today  # noqa: F401  (the frozen clock)

DAY = dt.date(2026, 1, 20)
START, END = dt.date(2026, 1, 5), dt.date(2026, 2, 10)


@dataclass
class Units:
    women: Any  # Hội LHPN phường Định Công
    red_cross: Any  # Hội Chữ thập đỏ phường Định Công
    area: Any  # Tổ dân phố số 1
    other_front: Any  # Ủy ban MTTQ phường Đại Kim


@dataclass
class Officers:
    front: Any  # leader of Ủy ban MTTQ phường Định Công
    women: Any  # reporter of the women's union
    red_cross: Any  # reporter of the Red Cross
    other: Any  # leader of the Front of Phường Đại Kim


@pytest.fixture
def units(tree: Any) -> Units:
    body = UnitKindFactory(code="co-quan", name="Cơ quan, tổ chức", is_place=False)
    area_kind = UnitKindFactory(code="to-dan-pho", name="Tổ dân phố", is_place=True)
    area_level = OrgLevelFactory(code="khu-dan-cu", name="Khu dân cư", rank=4)

    def org(name: str, code: str, parent: Any, kind: str) -> Any:
        return OrgUnitFactory(
            name=name,
            code=code,
            parent=parent,
            level=parent.level,
            kind=body,
            organisation_kind=OrganisationKindFactory(code=kind, name=kind, short_name=kind),
        )

    return Units(
        women=org("Hội LHPN phường Định Công", "HN-HM-DINHCONG-LHPN", tree.dinh_cong, "lhpn"),
        red_cross=org(
            "Hội Chữ thập đỏ phường Định Công", "HN-HM-DINHCONG-CTD", tree.dinh_cong, "ctd"
        ),
        area=OrgUnitFactory(
            name="Tổ dân phố số 1",
            code="HN-HM-DINHCONG-TDP1",
            parent=tree.dinh_cong,
            level=area_level,
            kind=area_kind,
        ),
        other_front=OrgUnitFactory(
            name="Ủy ban MTTQ phường Đại Kim",
            code="HN-HM-DAIKIM-MTTQ",
            parent=tree.dai_kim,
            level=tree.dai_kim.level,
            kind=body,
            organisation_kind=tree.mttq_dinh_cong.organisation_kind,
        ),
    )


@pytest.fixture
def officers(tree: Any, units: Units, cast: Any) -> Officers:
    people = Officers(
        front=UserFactory(username="can_bo_mttq"),
        women=UserFactory(username="can_bo_phu_nu"),
        red_cross=UserFactory(username="can_bo_chu_thap_do"),
        other=UserFactory(username="can_bo_dai_kim"),
    )
    grant(people.front, Role.UNIT_LEADER, tree.mttq_dinh_cong)
    grant(people.women, Role.UNIT_REPORTER, units.women)
    grant(people.red_cross, Role.UNIT_REPORTER, units.red_cross)
    grant(people.other, Role.UNIT_LEADER, units.other_front)
    # Hà Nội keeps the register: its figures are counted from the records.
    RegisterUse.objects.create(register="welfare", org_unit=tree.hanoi, since=dt.date(2020, 1, 1))
    return people


@pytest.fixture
def day(today: Any) -> dt.date:  # noqa: F811
    return today(DAY)


@pytest.fixture
def campaign(officers: Officers, tree: Any, units: Units, day: dt.date) -> Any:
    made = services.campaign_create(
        actor=officers.front,
        org_unit=tree.mttq_dinh_cong,
        name="Tết Nguyên đán Bính Ngọ 2026",
        kind="tet",
        starts_on=START,
        ends_on=END,
        participants=[units.women, units.red_cross],
    )
    return services.campaign_move(
        actor=officers.front, campaign=made, to="dang_trien_khai", on=START
    )


def household(actor: Any, tree: Any, units: Units, **kw: Any) -> Any:
    values: dict[str, Any] = {
        "org_unit": tree.dinh_cong,
        "head_name": "Nguyễn Văn An",
        "address": "Số 8, ngõ 12, phường Định Công",
        "category": "ho_ngheo",
        "area": units.area,
        "id_number": "001085012345",
    }
    values.update(kw)
    return services.beneficiary_create(actor=actor, **values)


def give(actor: Any, campaign: Any, person: Any, giver: Any, **kw: Any) -> Any:
    values: dict[str, Any] = {
        "given_on": DAY,
        "value": Decimal(500_000),
        "form": "tien_mat",
    }
    values.update(kw)
    return services.gift_create(
        actor=actor, campaign=campaign, beneficiary=person, giver=giver, **values
    )


def bearer(user: Any) -> Any:
    from django.test import Client

    from danvan.accounts.services import api_token_create

    _, raw = api_token_create(actor=None, user=user)
    return Client(headers={"Authorization": f"Bearer {raw}"})
