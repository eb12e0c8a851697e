"""The petitions cast: reception officers of a ward's Front and of its People's
Committee, a board officer who also holds the petitions role, and everyone of the common
cast (board staff, leader, viewer…) who does not."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from danvan.access.roles import Role
from danvan.petitions.models import Channel
from danvan.petitions.services import petition_create
from danvan.reporting.models import RegisterUse
from tests.factories import (
    OrganisationKindFactory,
    OrgUnitFactory,
    UnitKindFactory,
    UserFactory,
    grant,
)
from tests.tasks.conftest import today  # noqa: F401  (the frozen clock)

DAY = dt.date(2026, 3, 10)


@dataclass
class Officers:
    mttq: Any  # cán bộ tiếp công dân of Ủy ban MTTQ phường Định Công
    ubnd: Any  # of UBND phường Định Công
    board: Any  # board staff of Quận Hoàng Mai who also holds the petitions role
    ubnd_unit: Any


@pytest.fixture
def officers(tree: Any, cast: Any) -> Officers:
    body = UnitKindFactory(code="co-quan", name="Cơ quan, tổ chức", is_place=False)
    ubnd = OrgUnitFactory(
        name="Ủy ban nhân dân phường Định Công",
        code="HN-HM-DINHCONG-UBND",
        parent=tree.dinh_cong,
        level=tree.dinh_cong.level,
        kind=body,
        organisation_kind=OrganisationKindFactory(
            code="chinh-quyen", name="Chính quyền", short_name="UBND"
        ),
    )
    people = Officers(
        mttq=UserFactory(username="can_bo_mttq"),
        ubnd=UserFactory(username="can_bo_ubnd"),
        board=UserFactory(username="can_bo_ban"),
        ubnd_unit=ubnd,
    )
    grant(people.mttq, Role.PETITION_OFFICER, tree.mttq_dinh_cong)
    grant(people.ubnd, Role.PETITION_OFFICER, ubnd)
    grant(people.board, Role.BOARD_STAFF, tree.hoang_mai)
    grant(people.board, Role.PETITION_OFFICER, tree.hoang_mai)
    # Hà Nội keeps the register: its figures are counted from the records.
    RegisterUse.objects.create(register="petitions", org_unit=tree.hanoi, since=dt.date(2020, 1, 1))
    return people


@pytest.fixture
def day(today: Any) -> dt.date:  # noqa: F811
    return today(DAY)


def new_petition(actor: Any, unit: Any, **kw: Any) -> Any:
    values: dict[str, Any] = {
        "received_on": DAY,
        "channel": Channel.POST,
        "subject": "Đề nghị xem xét việc cấp giấy chứng nhận quyền sử dụng đất thửa số 12, "
        "tờ bản đồ 5, tổ dân phố 3",
        "petitioners": [
            {
                "full_name": "Nguyễn Văn An",
                "address": "Số 8 ngõ 12, phường Định Công, Hà Nội",
                "phone": "0912 345 678",
                "id_number": "001085012345",
            }
        ],
    }
    values.update(kw)
    return petition_create(actor=actor, org_unit=unit, **values)


def bearer(user: Any) -> Any:
    from django.test import Client

    from danvan.accounts.services import api_token_create

    _, raw = api_token_create(actor=None, user=user)
    return Client(headers={"Authorization": f"Bearer {raw}"})
