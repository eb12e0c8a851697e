"""A campaign of Hà Nội, models of Phường Định Công's Front and of Phường Bưởi, a clock.

The conftest tree is district-era (Quận Hoàng Mai is a huyện): a model of the ward's Front
is recognised at cơ sở level by Phường Định Công, at huyện level by Quận Hoàng Mai, at
tỉnh level by Thành phố Hà Nội. ``city_board`` holds board staff at Hà Nội.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from danvan.access.roles import Role
from danvan.access.system import SYSTEM
from danvan.core import clock
from danvan.emulation import campaigns, services
from danvan.emulation.models import (
    RECOGNISED_STATES,
    Campaign,
    EmulationModel,
    Field,
    RecognitionLevel,
    State,
)
from tests.factories import UserFactory, grant

TODAY = dt.date(2026, 6, 15)
CRITERIA = [("Có địa chỉ cụ thể", 10), ("Nhân dân hưởng ứng", 20), ("Nhân rộng được", 10)]


@pytest.fixture
def today(monkeypatch: Any) -> Any:
    """Freeze ``clock.today()`` on 15/06/2026; call the fixture's value to move the day."""

    def set_day(day: dt.date) -> dt.date:
        monkeypatch.setattr(clock, "today", lambda: day)
        return day

    set_day(TODAY)
    return set_day


@pytest.fixture
def media(settings: Any, tmp_path: Any) -> Any:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def city_board(tree: Any) -> Any:
    user = UserFactory(username="city_board", full_name="Cán bộ Ban Thành ủy")
    grant(user, Role.BOARD_STAFF, tree.hanoi)
    return user


def level(code: str) -> RecognitionLevel:
    return RecognitionLevel.objects.get(code=code)


def field(code: str = "kinh-te") -> Field:
    return Field.objects.get(code=code)


def make_campaign(
    unit: Any, year: int = 2026, levels: tuple[str, ...] = ("co-so", "tinh")
) -> Campaign:
    return campaigns.campaign_create(
        actor=SYSTEM,
        name=f"Phong trào thi đua «Dân vận khéo» năm {year}",
        year=year,
        launching_unit=unit,
        starts_on=dt.date(year, 1, 1),
        ends_on=dt.date(year, 12, 31),
        registration_deadline=dt.date(year, 3, 31),
        levels=RecognitionLevel.objects.filter(code__in=levels),
        criteria=CRITERIA,
    )


@pytest.fixture
def campaign(tree: Any, today: Any) -> Campaign:
    return make_campaign(tree.hanoi)


def register(
    campaign: Campaign, unit: Any, name: str = "Camera an ninh tổ dân phố số 1", **kw: Any
) -> EmulationModel:
    kw.setdefault("registered_on", dt.date(campaign.year, 2, 10))
    kw.setdefault("field", field())
    kw.setdefault("address", "Tổ dân phố số 1")
    return services.model_register(
        actor=kw.pop("actor", SYSTEM), campaign=campaign, unit=unit, name=name, **kw
    )


def put_in(model: EmulationModel, state: str, *, by: Any = None) -> EmulationModel:
    """The model in ``state`` directly (the tests of one move start there)."""
    values: dict[str, Any] = {
        "state": state,
        "state_changed_on": dt.date(model.campaign.year, 3, 1),
    }
    if state in RECOGNISED_STATES:
        values.update(
            recognised_level=level("co-so"),
            recognised_by=by or model.unit.parent,
            recognised_on=dt.date(model.campaign.year, 3, 1),
        )
    if state == State.STOPPED:
        values["stop_reason"] = "Dừng để thử"
    EmulationModel.objects.filter(pk=model.pk).update(**values)
    model.refresh_from_db()
    return model


def full_scores(model: EmulationModel, share: str = "0.8") -> dict[int, Decimal]:
    return {c.pk: c.max_score * Decimal(share) for c in model.campaign.criteria.all()}
