"""An award rewards a "Dân vận khéo" model or campaign (danvan.emulation): the same model
rewarded twice for the same recipient is refused, whatever the achievement's words; a
stopped model is not rewarded; the model sets the award's campaign."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from danvan.access.system import SYSTEM
from danvan.awards import services
from danvan.emulation.campaigns import campaign_create
from danvan.emulation.models import EmulationModel, Field, State
from danvan.emulation.services import model_register


@pytest.fixture
def model(tree: Any) -> EmulationModel:
    campaign = campaign_create(
        actor=SYSTEM,
        name="Phong trào thi đua “Dân vận khéo” năm 2025",
        year=2025,
        launching_unit=tree.dinh_cong,
        starts_on=dt.date(2025, 7, 1),
        ends_on=dt.date(2025, 12, 31),
    )
    return model_register(
        actor=SYSTEM,
        campaign=campaign,
        unit=tree.dinh_cong,
        name="Ngõ phố văn minh, sạch đẹp",
        field=Field.objects.order_by("sort_order").first(),
        address="Tổ dân phố số 3, phường Định Công",
        registered_on=dt.date(2025, 8, 1),
    )


def test_same_model_twice_is_refused(ward_decision: Any, tree: Any, model: Any) -> None:
    first = services.award_add(
        actor=SYSTEM,
        decision=ward_decision,
        recipient_unit=tree.mttq_dinh_cong,
        emulation_model=model,
        achievement="Xây dựng mô hình ngõ phố văn minh",
    )
    assert first.campaign_id == model.campaign_id
    with pytest.raises(ValidationError) as refused:
        services.award_add(
            actor=SYSTEM,
            decision=ward_decision,
            recipient_unit=tree.mttq_dinh_cong,
            emulation_model=model,
            achievement="Thành tích khác câu chữ",
        )
    assert "đã được khen thưởng về thành tích này" in str(refused.value)


def test_a_stopped_model_is_not_rewarded(ward_decision: Any, tree: Any, model: Any) -> None:
    # (the workflow's moves are the emulation app's; the state is set as they leave it)
    EmulationModel.objects.filter(pk=model.pk).update(
        state=State.STOPPED, stop_reason="Không còn kinh phí"
    )
    model.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        services.award_add(
            actor=SYSTEM,
            decision=ward_decision,
            recipient_unit=tree.mttq_dinh_cong,
            emulation_model=model,
        )
    assert "đã dừng" in " ".join(refused.value.message_dict["emulation_model"])
