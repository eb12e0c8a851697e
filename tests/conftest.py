"""The cast and the tree every test can use.

    Việt Nam (root)
    └── Thành phố Hà Nội
        ├── Quận Hoàng Mai ─── Ban Dân vận Quận ủy Hoàng Mai
        │   ├── Phường Định Công ─── Ủy ban MTTQ phường Định Công
        │   └── Phường Đại Kim            (the sibling)
        └── Quận Tây Hồ
            └── Phường Bưởi

admin: system administrator at the root; board: board staff of Quận Hoàng Mai;
leader / reporter: of Phường Định Công; viewer: Quận Hoàng Mai; editor and moderator:
portal roles at Hà Nội; stranger: logged in, no role anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from danvan.access.roles import Role
from danvan.org.models import OrgUnit
from tests.demo_db import (  # noqa: F401 (fixtures)
    _demo_loaded,
    demo,
    demo_committed,
    demo_rank,
    empty_if_loaded,
)
from tests.factories import (
    OrganisationKindFactory,
    OrgLevelFactory,
    OrgUnitFactory,
    UnitKindFactory,
    UserFactory,
    grant,
    make_person,
)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    """Every cast member's password is hashed for every test; PBKDF2 would cost ~0.3 s each."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def reporting_clock(monkeypatch: Any) -> Any:
    """Set the day input windows are judged on: by default 02/04/2024, when March 2024
    is open for entry (opens 26/03, locks 03/05). Returns a setter for other days."""
    import datetime as dt

    from danvan.reporting import services

    def set_day(day: dt.date) -> None:
        monkeypatch.setattr(services, "today", lambda: day)

    set_day(dt.date(2024, 4, 2))
    return set_day


@dataclass
class Tree:
    root: OrgUnit
    hanoi: OrgUnit
    hoang_mai: OrgUnit
    bdv_hoang_mai: OrgUnit
    dinh_cong: OrgUnit
    mttq_dinh_cong: OrgUnit
    dai_kim: OrgUnit
    tay_ho: OrgUnit
    buoi: OrgUnit


@pytest.fixture
def tree(db: Any) -> Tree:
    national = OrgLevelFactory(code="trung-uong", name="Trung ương", rank=0)
    province = OrgLevelFactory(code="tinh", name="Cấp tỉnh", rank=1)
    district = OrgLevelFactory(code="huyen", name="Cấp huyện", rank=2)
    commune = OrgLevelFactory(code="xa", name="Cấp xã", rank=3)
    country = UnitKindFactory(code="quoc-gia", name="Quốc gia")
    city = UnitKindFactory(code="thanh-pho-tw", name="Thành phố trực thuộc trung ương")
    quan = UnitKindFactory(code="quan", name="Quận")
    phuong = UnitKindFactory(code="phuong", name="Phường")
    body = UnitKindFactory(code="co-quan", name="Cơ quan, tổ chức", is_place=False)
    mttq = OrganisationKindFactory(code="mttq", name="Ủy ban Mặt trận Tổ quốc", short_name="MTTQ")
    bdv = OrganisationKindFactory(
        code="ban-dan-van", name="Ban Dân vận", short_name="BDV", is_coordinating_board=True
    )

    root = OrgUnitFactory(name="Việt Nam", code="VN", level=national, kind=country)
    hanoi = OrgUnitFactory(
        name="Thành phố Hà Nội", code="HN", parent=root, level=province, kind=city
    )
    hoang_mai = OrgUnitFactory(
        name="Quận Hoàng Mai", code="HN-HM", parent=hanoi, level=district, kind=quan
    )
    bdv_hm = OrgUnitFactory(
        name="Ban Dân vận Quận ủy Hoàng Mai",
        code="HN-HM-BDV",
        parent=hoang_mai,
        level=district,
        kind=body,
        organisation_kind=bdv,
    )
    dinh_cong = OrgUnitFactory(
        name="Phường Định Công", code="HN-HM-DINHCONG", parent=hoang_mai, level=commune, kind=phuong
    )
    mttq_dc = OrgUnitFactory(
        name="Ủy ban MTTQ phường Định Công",
        code="HN-HM-DINHCONG-MTTQ",
        parent=dinh_cong,
        level=commune,
        kind=body,
        organisation_kind=mttq,
    )
    dai_kim = OrgUnitFactory(
        name="Phường Đại Kim", code="HN-HM-DAIKIM", parent=hoang_mai, level=commune, kind=phuong
    )
    tay_ho = OrgUnitFactory(
        name="Quận Tây Hồ", code="HN-TH", parent=hanoi, level=district, kind=quan
    )
    buoi = OrgUnitFactory(
        name="Phường Bưởi", code="HN-TH-BUOI", parent=tay_ho, level=commune, kind=phuong
    )
    return Tree(root, hanoi, hoang_mai, bdv_hm, dinh_cong, mttq_dc, dai_kim, tay_ho, buoi)


@dataclass
class Cast:
    admin: Any
    board: Any
    leader: Any
    reporter: Any
    viewer: Any
    editor: Any
    moderator: Any
    stranger: Any


@pytest.fixture
def cast(tree: Tree) -> Cast:
    people = Cast(*(UserFactory(username=name) for name in Cast.__dataclass_fields__))
    grant(people.admin, Role.SYSTEM_ADMIN, tree.root)
    grant(people.board, Role.BOARD_STAFF, tree.hoang_mai)
    grant(people.leader, Role.UNIT_LEADER, tree.dinh_cong)
    grant(people.reporter, Role.UNIT_REPORTER, tree.dinh_cong)
    grant(people.viewer, Role.VIEWER, tree.hoang_mai)
    grant(people.editor, Role.PORTAL_EDITOR, tree.hanoi)
    grant(people.moderator, Role.PORTAL_MODERATOR, tree.hanoi)
    return people


@pytest.fixture
def officials(tree: Tree) -> dict[str, Any]:
    return {
        "hung": make_person(
            tree.bdv_hoang_mai, "Khương Quốc Hưng", "UVTV, Trưởng Ban Dân vận Quận ủy"
        ),
        "ward": make_person(tree.mttq_dinh_cong, "Nguyễn Thị Đào", "Chủ tịch Ủy ban MTTQ phường"),
        "tay_ho": make_person(tree.buoi, "Trần Quang Đạo", "UVBTV, Chủ tịch UB MTTQ quận"),
    }


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user, backend="danvan.accounts.backends.DemoAwareBackend")
    return client


@pytest.fixture
def as_user() -> Any:
    return client_for


def _transactional(item: Any) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ()))
    )


@pytest.fixture(autouse=True)
def _catalogues_back(request: Any) -> None:
    """A transactional test empties every table when it ends, the migrations' catalogues
    (document types, meeting kinds…) included: the next transactional test gets them back
    (danvan/core/catalogues.py), whatever the order the suite runs in."""
    if _transactional(request.node):
        request.getfixturevalue("transactional_db")
        if "demo_committed" not in request.fixturenames:
            empty_if_loaded()
        from danvan.core.catalogues import reseed

        reseed()


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[Any]) -> None:
    """The shared demo (tests/demo_db.py) is loaded before any transactional test empties
    the tables: it needs what Wagtail's own migrations wrote (the editors' groups and page
    permissions), which ``reseed`` does not put back. So: plain tests, the tests over the
    demo, those over it committed, then the other transactional tests."""
    items.sort(key=lambda item: demo_rank(item, _transactional(item)))
