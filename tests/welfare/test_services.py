"""The register's writes: a campaign's states by role, gifts by role and state, the
duplicates across organisations (flagged, never refused; kept or removed by a person),
stale edits refused, bad input refused naming the field."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from danvan.core.concurrency import StaleEdit
from danvan.welfare import selectors, services
from danvan.welfare.models import Campaign, CampaignState, DuplicateState, Gift
from tests.welfare.conftest import DAY, END, START, give, household

pytestmark = pytest.mark.django_db


def test_campaign_moves_by_role(officers, tree, units, cast, day):
    with pytest.raises(PermissionDenied):
        services.campaign_create(
            actor=cast.board,
            org_unit=tree.mttq_dinh_cong,
            name="Đợt của Ban",
            kind="tet",
            starts_on=START,
            ends_on=END,
        )
    made = services.campaign_create(
        actor=officers.front,
        org_unit=tree.mttq_dinh_cong,
        name="Tết Nguyên đán Bính Ngọ 2026",
        kind="tet",
        starts_on=START,
        ends_on=END,
        participants=[units.women],
    )
    assert made.state == CampaignState.PLANNED
    # The women's union takes part but does not run the campaign.
    with pytest.raises(PermissionDenied):
        services.campaign_move(actor=officers.women, campaign=made, to="dang_trien_khai")
    with pytest.raises(ValidationError, match="không chuyển"):
        services.campaign_move(actor=officers.front, campaign=made, to="da_cong_khai")
    for state in ("dang_trien_khai", "da_ket_thuc", "da_cong_khai"):
        services.campaign_move(actor=officers.front, campaign=made, to=state)
    made.refresh_from_db()
    assert made.state == CampaignState.PUBLISHED and made.published_on == DAY
    # Another ward's Front does not even see it.
    with pytest.raises(Http404):
        selectors.campaign_get(user=officers.other, pk=made.pk)
    assert selectors.campaign_get(user=officers.women, pk=made.pk) == made
    assert selectors.campaign_get(user=cast.board, pk=made.pk) == made


def test_a_stale_edit_is_refused(campaign, officers):
    version = campaign.version
    values = {
        "name": "Tết Bính Ngọ 2026",
        "kind": "tet",
        "starts_on": START,
        "ends_on": END,
        "note": "",
    }
    services.campaign_update(actor=officers.front, campaign=campaign, version=version, **values)
    stale = Campaign.objects.get(pk=campaign.pk)
    with pytest.raises(StaleEdit):
        services.campaign_update(
            actor=officers.front, campaign=stale, version=version, **{**values, "name": "Khác"}
        )
    assert Campaign.objects.get(pk=campaign.pk).name == "Tết Bính Ngọ 2026"


def test_gifts_by_role_and_state(campaign, officers, tree, units, cast):
    person = household(officers.front, tree, units)
    gift = give(officers.women, campaign, person, units.women)
    assert gift.category == "ho_ngheo" and gift.duplicate_state == ""
    with pytest.raises(PermissionDenied):
        give(cast.board, campaign, person, tree.mttq_dinh_cong)
    with pytest.raises(PermissionDenied):
        give(officers.women, campaign, person, units.red_cross)  # not her organisation
    with pytest.raises(ValidationError, match="không tham gia"):
        give(officers.other, campaign, person, units.other_front)
    services.campaign_move(actor=officers.front, campaign=campaign, to="da_ket_thuc")
    with pytest.raises(ValidationError, match="đang triển khai"):
        give(officers.front, campaign, person, tree.mttq_dinh_cong)


def test_bad_input_names_the_field(campaign, officers, tree, units):
    person = household(officers.front, tree, units)
    cases = [
        ({"value": Decimal(-1)}, "value"),
        ({"value": Decimal("100.5")}, "value"),
        ({"portions": 0}, "portions"),
        ({"given_on": dt.date(2025, 12, 1)}, "given_on"),
        ({"given_on": DAY + dt.timedelta(days=1)}, "given_on"),
        ({"form": "x"}, "form"),
    ]
    for change, field in cases:
        with pytest.raises(ValidationError) as refused:
            give(officers.front, campaign, person, tree.mttq_dinh_cong, **change)
        assert field in refused.value.message_dict, change
    with pytest.raises(ValidationError) as refused:
        household(officers.front, tree, units, id_number="12ab")
    assert "id_number" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        household(officers.front, tree, units, area=tree.dai_kim)
    assert "area" in refused.value.message_dict
    assert not Gift.objects.exists()


def test_the_same_household_from_two_organisations_is_flagged(campaign, officers, tree, units):
    person = household(officers.front, tree, units)
    first = give(officers.front, campaign, person, tree.mttq_dinh_cong)
    # The Front again: its own second suất is not a duplicate across organisations.
    again = give(officers.front, campaign, person, tree.mttq_dinh_cong, value=Decimal(200_000))
    assert first.duplicate_state == again.duplicate_state == ""
    # The Red Cross gives to the same record: flagged, not refused.
    second = give(officers.red_cross, campaign, person, units.red_cross)
    assert second.duplicate_state == DuplicateState.FLAGGED and second.duplicate_of == first
    # The women's union enters the household anew, typed without marks: the same household.
    twin = household(
        officers.women,
        tree,
        units,
        head_name="nguyen van an",
        address="so 8 ngo 12 phuong dinh cong",
    )
    assert twin.pk != person.pk
    third = give(officers.women, campaign, twin, units.women)
    assert third.duplicate_state == DuplicateState.FLAGGED and third.duplicate_of == first
    # Another household is not flagged.
    other = household(officers.women, tree, units, head_name="Trần Thị Bình", address="Số 9")
    assert give(officers.women, campaign, other, units.women).duplicate_state == ""
    assert set(selectors.flagged(user=officers.front, campaign=campaign)) == {second, third}


def test_a_flag_is_kept_with_a_note_or_the_gift_removed(campaign, officers, tree, units):
    person = household(officers.front, tree, units)
    give(officers.front, campaign, person, tree.mttq_dinh_cong)
    second = give(officers.red_cross, campaign, person, units.red_cross)
    third = give(officers.women, campaign, person, units.women)
    with pytest.raises(ValidationError):
        services.gift_duplicate_decide(actor=officers.red_cross, gift=second, keep=True, note="")
    with pytest.raises(PermissionDenied):
        services.gift_duplicate_decide(actor=officers.women, gift=second, keep=True, note="x")
    services.gift_duplicate_decide(
        actor=officers.red_cross, gift=second, keep=True, note="Hộ có người ốm nặng: hỗ trợ thêm."
    )
    second.refresh_from_db()
    assert second.duplicate_state == DuplicateState.KEPT
    # The Front, which runs the campaign, removes the women's union's duplicate.
    services.gift_duplicate_decide(
        actor=officers.front, gift=third, keep=False, note="Trùng, đã thu hồi."
    )
    assert not Gift.objects.filter(pk=third.pk).exists()
    removed = Gift.all_objects.get(pk=third.pk)
    assert removed.duplicate_state == DuplicateState.REMOVED and removed.deleted_at is not None
    with pytest.raises(ValidationError):
        services.gift_duplicate_decide(actor=officers.front, gift=second, keep=False, note="")


def test_a_stale_gift_edit_is_refused(campaign, officers, tree, units):
    person = household(officers.front, tree, units, area=None)
    gift = give(officers.front, campaign, person, tree.mttq_dinh_cong)
    version = gift.version
    values = {"given_on": DAY, "value": Decimal(600_000), "form": "tien_mat", "portions": 1}
    services.gift_update(actor=officers.front, gift=gift, version=version, **values)
    stale = Gift.objects.get(pk=gift.pk)
    with pytest.raises(StaleEdit):
        services.gift_update(
            actor=officers.front, gift=stale, version=version, **{**values, "portions": 2}
        )
    assert Gift.objects.get(pk=gift.pk).value == Decimal(600_000)


def test_contributions(campaign, officers, tree, units, cast, day):
    added = services.contribution_add(
        actor=officers.women,
        campaign=campaign,
        received_by=units.women,
        donor_name="Hội viên phụ nữ",
        received_on=DAY,
        cash=Decimal(2_000_000),
        in_kind="Gạo",
        in_kind_value=Decimal(500_000),
    )
    assert added.total == Decimal(2_500_000)
    with pytest.raises(ValidationError) as refused:
        services.contribution_add(
            actor=officers.women,
            campaign=campaign,
            received_by=units.women,
            donor_name="X",
            received_on=DAY,
        )
    assert "cash" in refused.value.message_dict
    with pytest.raises(PermissionDenied):
        services.contribution_add(
            actor=cast.board,
            campaign=campaign,
            received_by=units.women,
            donor_name="X",
            received_on=DAY,
            cash=1,
        )
