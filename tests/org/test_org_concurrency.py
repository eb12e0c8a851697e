"""Two officers editing one unit: the second save made from an older version is refused,
shows what the first changed and keeps the second's input; nothing is lost."""

from __future__ import annotations

from typing import Any

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError

from danvan.core.concurrency import StaleEdit
from danvan.org.models import OrgUnit
from danvan.org.services import org_unit_move, org_unit_update
from tests.conftest import client_for
from tests.helpers import unit_form
from tests.stale import REFUSAL, stale_save


def test_second_save_from_the_same_page_is_refused_with_the_first_change_shown(tree, cast):
    unit = tree.dai_kim
    url = f"/quan-ly/don-vi/{unit.pk}/sua/"
    page = stale_save(
        client_for(cast.board),
        client_for(cast.admin),
        url,
        b_form=unit_form(unit, name="Phường Đại Kim (mới)"),
        a_form=unit_form(unit, note="Ghi chú của cán bộ Ban"),
    )
    assert f"Bản ghi đã được {cast.admin.full_name} sửa lúc" in page
    assert REFUSAL in page
    assert "Tên đơn vị" in page and "Phường Đại Kim (mới)" in page  # B's change, shown
    assert "Ghi chú của cán bộ Ban" in page  # A's input, still on the form
    stored = OrgUnit.objects.get(pk=unit.pk)
    assert (stored.name, stored.note) == ("Phường Đại Kim (mới)", unit.note)


def test_saving_again_after_reading_the_refusal_goes_through(tree, cast):
    unit = tree.dai_kim
    url = f"/quan-ly/don-vi/{unit.pk}/sua/"
    a = client_for(cast.board)
    page = stale_save(
        a,
        client_for(cast.admin),
        url,
        b_form=unit_form(unit, name="Phường Đại Kim (mới)"),
        a_form=unit_form(unit, note="Ghi chú A"),
    )
    # The refused form now carries the stored version: «Lưu» again is a choice.
    assert 'name="version" value="2"' in page
    answer = a.post(
        url, {**unit_form(unit, name="Phường Đại Kim (mới)", note="Ghi chú A"), "version": 2}
    )
    assert answer.status_code == 302
    stored = OrgUnit.objects.get(pk=unit.pk)
    assert (stored.name, stored.note, stored.version) == ("Phường Đại Kim (mới)", "Ghi chú A", 3)


def test_service_refuses_a_stale_version_and_names_who(tree, cast):
    org_unit_update(actor=cast.admin, unit=tree.dai_kim, version=1, note="Lần 1")
    with pytest.raises(StaleEdit) as refused:
        org_unit_update(
            actor=cast.board, unit=OrgUnit.objects.get(pk=tree.dai_kim.pk), version=1, name="X"
        )
    assert refused.value.who == cast.admin.full_name
    assert [(c.label, c.value) for c in refused.value.changes] == [("Ghi chú", "Lần 1")]
    assert isinstance(refused.value, ValidationError)  # pages show it like any refusal
    assert OrgUnit.objects.get(pk=tree.dai_kim.pk).name == "Phường Đại Kim"


def test_an_edit_from_a_stale_object_keeps_the_other_field(tree, cast):
    """Two services holding the same old object, each changing one field: both stay."""
    first = OrgUnit.objects.get(pk=tree.dai_kim.pk)
    second = OrgUnit.objects.get(pk=tree.dai_kim.pk)
    org_unit_update(actor=cast.admin, unit=first, note="Ghi chú mới")
    org_unit_update(actor=cast.board, unit=second, name="Phường Đại Kim mới")
    stored = OrgUnit.objects.get(pk=tree.dai_kim.pk)
    assert (stored.name, stored.note, stored.version) == ("Phường Đại Kim mới", "Ghi chú mới", 3)


def test_a_save_that_changes_nothing_keeps_the_version(tree, cast):
    org_unit_update(actor=cast.board, unit=tree.dai_kim, version=1, name=tree.dai_kim.name)
    assert OrgUnit.objects.get(pk=tree.dai_kim.pk).version == 1


def test_move_form_refuses_a_stale_version(tree, cast):
    unit = tree.mttq_dinh_cong
    org_unit_update(actor=cast.admin, unit=unit, note="Đã sửa")
    answer = client_for(cast.board).post(
        f"/quan-ly/don-vi/{unit.pk}/chuyen/", {"new_parent": tree.dai_kim.pk, "version": 1}
    )
    assert answer.status_code == 200
    assert REFUSAL in answer.content.decode()
    assert OrgUnit.objects.get(pk=unit.pk).parent_id == tree.dinh_cong.pk


def _path_entries(unit: Any) -> list[list[str]]:
    entries = LogEntry.objects.get_for_object(unit).order_by("timestamp", "pk")
    return [e.changes_dict["path"] for e in entries if "path" in e.changes_dict]


def test_moving_a_unit_audits_the_path_of_every_descendant(tree, cast):
    subtree = (tree.hoang_mai, tree.dinh_cong, tree.mttq_dinh_cong, tree.dai_kim)
    old = {node.pk: node.path for node in subtree}
    org_unit_move(actor=cast.admin, unit=tree.hoang_mai, new_parent=tree.root)
    for node in subtree:
        fresh = OrgUnit.objects.get(pk=node.pk)
        assert fresh.path != old[node.pk]
        assert _path_entries(node) == [[old[node.pk], fresh.path]], node.name
        entry = LogEntry.objects.get_for_object(node).latest("timestamp")
        assert entry.actor_id == cast.admin.pk
    assert _path_entries(tree.buoi) == []  # outside the moved subtree


def test_moved_paths_appear_on_the_audit_page(tree, cast):
    org_unit_move(actor=cast.admin, unit=tree.hoang_mai, new_parent=tree.root)
    new_path = OrgUnit.objects.get(pk=tree.mttq_dinh_cong.pk).path
    page = client_for(cast.admin).get("/quan-ly/nhat-ky/").content.decode()
    # Shown as the units above, not as the raw path (audit/display.py).
    assert "Việt Nam › Quận Hoàng Mai › Phường Định Công" in page
    assert new_path not in page
