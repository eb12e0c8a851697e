"""The org tree services: what they build, and what they refuse with nothing saved."""

from __future__ import annotations

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError

from danvan.org.models import OrgUnit, OrgUnitSuccession
from danvan.org.services import (
    org_unit_create,
    org_unit_delete,
    org_unit_merge,
    org_unit_move,
    org_unit_restore,
    org_unit_update,
)


def _new_ward(tree, cast, **overrides):
    fields = dict(
        actor=cast.board,
        parent=tree.hoang_mai,
        name="Phường Giáp Bát",
        code="HN-HM-GIAPBAT",
        level=tree.dai_kim.level,
        kind=tree.dai_kim.kind,
    )
    fields.update(overrides)
    return org_unit_create(**fields)


def test_create_places_the_unit_in_the_tree(tree, cast):
    unit = _new_ward(tree, cast)
    assert unit.path == f"{tree.hoang_mai.path}{unit.pk}/"
    assert unit.depth == tree.hoang_mai.depth + 1
    assert unit.name_folded == "phuong giap bat"


def test_duplicate_code_is_refused_and_nothing_saved(tree, cast):
    before = OrgUnit.objects.count()
    with pytest.raises(ValidationError) as info:
        _new_ward(tree, cast, code="hn-hm-dinhcong")  # same code, other case
    assert "Mã đơn vị «hn-hm-dinhcong» đã được dùng cho «Phường Định Công»" in str(
        info.value.message_dict["code"]
    )
    assert OrgUnit.objects.count() == before


def test_end_before_start_is_refused(tree, cast):
    with pytest.raises(ValidationError) as info:
        _new_ward(tree, cast, valid_from=dt.date(2024, 5, 1), valid_to=dt.date(2024, 4, 30))
    message = info.value.message_dict["valid_to"][0]
    assert "30/04/2024" in message and "01/05/2024" in message
    assert not OrgUnit.objects.filter(code="HN-HM-GIAPBAT").exists()


def test_organisation_needs_an_organisation_kind(tree, cast):
    with pytest.raises(ValidationError) as info:
        _new_ward(tree, cast, kind=tree.mttq_dinh_cong.kind, code="X1", name="Hội mới")
    assert "loại tổ chức" in info.value.message_dict["organisation_kind"][0]


def test_child_cannot_sit_above_its_parent_level(tree, cast):
    with pytest.raises(ValidationError) as info:
        _new_ward(tree, cast, parent=tree.dinh_cong, level=tree.hoang_mai.level, code="X2")
    assert "cao hơn cấp" in info.value.message_dict["level"][0]


def test_board_cannot_create_outside_its_subtree(tree, cast):
    with pytest.raises(PermissionDenied):
        _new_ward(tree, cast, parent=tree.tay_ho, code="HN-TH-X")


def test_move_carries_the_subtree(tree, cast):
    org_unit_move(actor=cast.admin, unit=tree.dinh_cong, new_parent=tree.tay_ho)
    tree.mttq_dinh_cong.refresh_from_db()
    tree.dinh_cong.refresh_from_db()
    assert tree.dinh_cong.parent_id == tree.tay_ho.pk
    assert tree.mttq_dinh_cong.path.startswith(tree.tay_ho.path)
    assert tree.mttq_dinh_cong.depth == tree.tay_ho.depth + 2
    assert not OrgUnit.objects.subtree_of(tree.hoang_mai).filter(pk=tree.mttq_dinh_cong.pk)


@pytest.mark.parametrize("target", ["self", "child"])
def test_move_under_itself_or_its_descendant_is_refused(tree, cast, target):
    new_parent = tree.dinh_cong if target == "self" else tree.mttq_dinh_cong
    with pytest.raises(ValidationError) as info:
        org_unit_move(actor=cast.admin, unit=tree.dinh_cong, new_parent=new_parent)
    assert "Không thể chuyển «Phường Định Công»" in info.value.message_dict["parent"][0]
    tree.dinh_cong.refresh_from_db()
    assert tree.dinh_cong.parent_id == tree.hoang_mai.pk


def test_merge_closes_old_units_and_links_successor(tree, cast):
    new_ward = _new_ward(
        tree,
        cast,
        name="Phường Định Công (mới)",
        code="HN-DINHCONG-2025",
        valid_from=dt.date(2025, 7, 1),
    )
    org_unit_merge(
        actor=cast.board,
        sources=[tree.dinh_cong, tree.dai_kim],
        target=new_ward,
        effective_date=dt.date(2025, 7, 1),
        decision="Nghị quyết 1656/NQ-UBTVQH15",
    )
    for unit in (tree.dinh_cong, tree.dai_kim, tree.mttq_dinh_cong):
        unit.refresh_from_db()
        assert unit.valid_to == dt.date(2025, 6, 30)
        assert unit.is_historical
    assert set(
        OrgUnitSuccession.objects.filter(successor=new_ward).values_list(
            "predecessor__code", flat=True
        )
    ) == {"HN-HM-DINHCONG", "HN-HM-DAIKIM"}
    # Old units keep their data and are read-only from now on.
    with pytest.raises(ValidationError) as info:
        org_unit_update(actor=cast.board, unit=tree.dinh_cong, name="Đổi tên")
    assert "chỉ được xem" in str(info.value)


def test_merge_into_own_descendant_is_refused(tree, cast):
    with pytest.raises(ValidationError):
        org_unit_merge(
            actor=cast.admin,
            sources=[tree.dinh_cong],
            target=tree.mttq_dinh_cong,
            effective_date=dt.date(2025, 7, 1),
        )
    tree.dinh_cong.refresh_from_db()
    assert tree.dinh_cong.valid_to is None
    assert not OrgUnitSuccession.objects.exists()


def test_merge_is_atomic_when_a_later_source_is_refused(tree, cast):
    target = _new_ward(tree, cast, code="NEW", name="Phường mới")
    with pytest.raises(PermissionDenied):
        # Bưởi (Tây Hồ) is outside the board's scope: Định Công must stay open too.
        org_unit_merge(
            actor=cast.board,
            sources=[tree.dinh_cong, tree.buoi],
            target=target,
            effective_date=dt.date(2025, 7, 1),
        )
    tree.dinh_cong.refresh_from_db()
    assert tree.dinh_cong.valid_to is None
    assert not OrgUnitSuccession.objects.exists()


def test_delete_is_soft_and_refused_with_children(tree, cast):
    with pytest.raises(ValidationError) as info:
        org_unit_delete(actor=cast.board, unit=tree.dinh_cong)
    assert "còn 1 đơn vị trực thuộc" in str(info.value)
    org_unit_delete(actor=cast.board, unit=tree.dai_kim)
    assert not OrgUnit.objects.filter(pk=tree.dai_kim.pk).exists()
    assert OrgUnit.all_objects.get(pk=tree.dai_kim.pk).deleted_at is not None
    # The code is free again while deleted, so a restore must check it.
    clash = _new_ward(tree, cast, code="HN-HM-DAIKIM", name="Phường Đại Kim (nhập lại)")
    deleted = OrgUnit.all_objects.get(pk=tree.dai_kim.pk)
    with pytest.raises(ValidationError):
        org_unit_restore(actor=cast.board, unit=deleted)
    org_unit_delete(actor=cast.board, unit=clash)
    org_unit_restore(actor=cast.board, unit=deleted)
    assert OrgUnit.objects.filter(pk=tree.dai_kim.pk).exists()


def test_every_service_write_is_audited_with_its_actor(tree, cast):
    unit = _new_ward(tree, cast)
    org_unit_update(actor=cast.board, unit=unit, name="Phường Giáp Bát mới")
    entries = LogEntry.objects.get_for_object(unit).order_by("timestamp", "id")
    assert [e.action for e in entries] == [LogEntry.Action.CREATE, LogEntry.Action.UPDATE]
    assert {e.actor_id for e in entries} == {cast.board.pk}
    assert entries[1].changes_dict["name"] == ["Phường Giáp Bát", "Phường Giáp Bát mới"]


def test_delete_is_refused_while_people_hold_positions_there(tree, cast, officials):
    with pytest.raises(ValidationError) as info:
        org_unit_delete(actor=cast.board, unit=tree.bdv_hoang_mai)
    assert "hồ sơ cán bộ hoặc chức vụ" in str(info.value)
    assert OrgUnit.objects.filter(pk=tree.bdv_hoang_mai.pk).exists()
