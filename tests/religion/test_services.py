"""The workflows by role: who may register, hold and cancel an event, keep places and
figures, follow a situation; illegal moves, required fields and stale versions refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from danvan.core.concurrency import StaleEdit
from danvan.religion import services
from danvan.religion.models import EventState, PlaceState, SituationState
from tests.religion.conftest import event, place, religion

pytestmark = pytest.mark.django_db


def test_event_held_by_a_manager_with_its_attendance(register, cast):
    coming = register.coming
    with pytest.raises(PermissionDenied):
        services.event_cancel(actor=cast.reporter, event=coming, note="x")
    with pytest.raises(PermissionDenied):
        services.event_cancel(actor=register.other_leader, event=coming, note="x")
    with pytest.raises(ValidationError, match="chưa diễn ra"):
        services.event_held(actor=cast.board, event=coming, actual_attendance=10)
    past = event(register.pagoda, "Khóa tu", dt.date(2026, 3, 9))
    with pytest.raises(ValidationError, match="số người thực tế"):
        services.event_held(actor=cast.board, event=past, actual_attendance=None)
    services.event_held(actor=cast.leader, event=past, actual_attendance=80)
    past.refresh_from_db()
    assert past.state == EventState.HELD and past.actual_attendance == 80
    with pytest.raises(ValidationError, match="không chuyển sang «Hủy»"):
        services.event_cancel(actor=cast.board, event=past, note="nhầm")


def test_event_cancel_needs_a_reason_and_a_stale_version_is_refused(register, cast):
    coming = register.coming
    with pytest.raises(ValidationError, match="lý do"):
        services.event_cancel(actor=cast.board, event=coming, note="  ")
    opened_at = coming.version
    services.event_update(actor=cast.leader, event=coming, version=opened_at, expected_attendance=9)
    with pytest.raises(StaleEdit):
        services.event_cancel(actor=cast.board, event=coming, note="Mưa bão", version=opened_at)
    coming.refresh_from_db()
    assert coming.state == EventState.PLANNED
    services.event_cancel(actor=cast.board, event=coming, note="Mưa bão", version=coming.version)
    coming.refresh_from_db()
    assert coming.state == EventState.CANCELLED


def test_places_by_role_and_group_points_need_their_decision(register, cast, tree):
    with pytest.raises(PermissionDenied):
        services.place_create(
            actor=cast.reporter,
            org_unit=tree.dinh_cong,
            name="Chùa mới",
            kind="co_so",
            religion=religion("phat-giao"),
            address="x",
        )
    with pytest.raises(ValidationError) as refused:
        place(tree.dinh_cong, "Điểm nhóm mới", kind="diem_nhom", religion=religion("tin-lanh"))
    assert set(refused.value.message_dict) == {"decision_ref", "decision_on"}
    created = services.place_create(
        actor=cast.board,
        org_unit=tree.dinh_cong,
        name="Chùa mới",
        kind="co_so",
        religion=religion("phat-giao"),
        address="ngõ 5",
    )
    assert created.version == 1
    with pytest.raises(StaleEdit):
        services.place_update(actor=cast.leader, place=created, version=0, name="Chùa khác")


def test_place_suspended_and_resumed(register, cast):
    pagoda = register.pagoda
    with pytest.raises(PermissionDenied):
        services.place_set_state(actor=cast.viewer, place=pagoda, state=PlaceState.SUSPENDED)
    services.place_set_state(
        actor=cast.board, place=pagoda, state=PlaceState.SUSPENDED, on=dt.date(2026, 3, 6)
    )
    pagoda.refresh_from_db()
    assert pagoda.suspended_on == dt.date(2026, 3, 6)
    with pytest.raises(ValidationError, match="tạm ngừng hoạt động"):
        event(pagoda, "Lễ", dt.date(2026, 3, 25))
    services.place_set_state(actor=cast.board, place=pagoda, state=PlaceState.ACTIVE)
    pagoda.refresh_from_db()
    assert pagoda.suspended_on is None


def test_situations_only_for_the_sensitive_capability(register, cast, tree):
    with pytest.raises(PermissionDenied):
        services.situation_create(
            actor=cast.board, org_unit=tree.dinh_cong, summary="x", noted_on=dt.date(2026, 3, 9)
        )
    situation = register.situation
    with pytest.raises(PermissionDenied):
        services.situation_close(actor=cast.board, situation=situation, to="on_dinh", outcome="x")
    with pytest.raises(ValidationError, match="cơ quan chức năng"):
        services.situation_close(
            actor=cast.leader, situation=situation, to=SituationState.HANDED_OVER, outcome="x"
        )
    services.situation_close(
        actor=cast.leader,
        situation=situation,
        to=SituationState.HANDED_OVER,
        outcome="Chuyển xác minh",
        handed_to="Công an phường",
    )
    situation.refresh_from_db()
    assert situation.state == SituationState.HANDED_OVER and situation.closed_on is not None
    with pytest.raises(ValidationError, match="không chuyển sang"):
        services.situation_close(
            actor=cast.leader, situation=situation, to=SituationState.SETTLED, outcome="x"
        )


def test_a_figure_place_must_be_in_its_unit(register, cast, tree):
    with pytest.raises(ValidationError, match="không thuộc địa bàn"):
        services.figure_create(
            actor=cast.board,
            org_unit=tree.dinh_cong,
            full_name="A",
            role="cot_can",
            place=register.far,
        )
