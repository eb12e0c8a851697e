"""The register's writes: entering, completing a stub, deleting and restoring, relations
between documents and review milestones, each with its refusals."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from danvan.access.system import SYSTEM
from danvan.core import clock
from danvan.documents import selectors, services
from danvan.documents.models import Document, DocumentRelation
from tests.documents.conftest import enter


def test_reference_and_search_text_are_built_from_the_parts(tree, types, cast):
    doc = enter(
        tree.dinh_cong,
        types["Quyết định"],
        "12",
        symbol="QĐ",
        issuer_code="UBND",
        issuer_name="Ủy ban nhân dân phường Định Công",
        title="Thành lập Tổ công tác dân vận",
    )
    assert doc.reference == "12/QĐ-UBND"
    assert doc.search_folded.startswith("quyet dinh 12/qd-ubnd")
    assert "uy ban nhan dan phuong dinh cong thanh lap to cong tac dan van" in doc.search_folded
    written = enter(tree.dinh_cong, types["Kế hoạch"], "7", reference="07-KH/ĐU")
    assert written.reference == "07-KH/ĐU"
    # A corrected number carries its built reference along; a typed one stays as typed.
    services.document_update(actor=SYSTEM, document=doc, number="13")
    services.document_update(actor=SYSTEM, document=written, number="8")
    assert (doc.reference, written.reference) == ("13/QĐ-UBND", "07-KH/ĐU")


def test_the_same_number_twice_in_one_register_is_refused(tree, types, register):
    with pytest.raises(ValidationError) as refused:
        enter(tree.bdv_hoang_mai, types["Kế hoạch"], "138", issuer_code="QU")
    assert "Sổ của «Ban Dân vận Quận ủy Hoàng Mai» đã có «Kế hoạch 138-KH/QU»" in str(refused.value)
    # Another unit may register its own copy.
    assert enter(tree.dinh_cong, types["Kế hoạch"], "138", issuer_code="QU").pk


def test_type_and_title_are_required(tree, types):
    with pytest.raises(ValidationError) as refused:
        enter(tree.dinh_cong, None, "1", symbol="", title="  ")
    assert set(refused.value.message_dict) == {"doc_type", "title"}


def test_only_those_who_keep_the_register_write_to_it(tree, types, cast, register):
    with pytest.raises(PermissionDenied):
        services.document_create(
            actor=cast.reporter,
            org_unit=tree.dinh_cong,
            direction="den",
            doc_type=types["Kế hoạch"],
            number="1",
            symbol="KH",
            issuer_code="ĐU",
            issuer_name="",
            issued_on=None,
            title="Kế hoạch",
        )
    # The ward leader keeps the ward's register, not the city's.
    with pytest.raises(PermissionDenied):
        services.document_update(actor=cast.leader, document=register["chi_thi_18"], title="x")


def test_completing_a_stub_makes_it_a_full_entry(tree, types):
    stub = Document.objects.create(
        org_unit=tree.dinh_cong, reference="217", number="", is_stub=True, note="tự động"
    )
    services.document_update(actor=SYSTEM, document=stub, title="Quy định về giám sát")
    assert stub.is_stub
    services.document_update(
        actor=SYSTEM,
        document=stub,
        doc_type=types["Quyết định"],
        number="217",
        symbol="QĐ",
        issuer_code="TW",
        reference="",
        issued_on=dt.date(2013, 12, 12),
    )
    stub.refresh_from_db()
    assert not stub.is_stub and stub.reference == "217-QĐ/TW"
    assert "quy dinh ve giam sat" in stub.search_folded


def test_delete_is_soft_and_restorable(tree, types, register, cast):
    plan = register["ke_hoach_138"]
    services.document_delete(actor=cast.board, document=plan)
    assert not selectors.document_search(user=cast.board, q="138").exists()
    assert Document.all_objects.filter(pk=plan.pk).exists()
    assert list(selectors.document_deleted(user=cast.board)) == [plan]
    services.document_restore(actor=cast.board, document=plan)
    assert list(selectors.document_search(user=cast.board, q="138")) == [plan]
    with pytest.raises(ValidationError):
        services.document_restore(actor=cast.board, document=plan)


def test_relations_read_both_ways_and_refuse_self_and_twice(tree, register, cast):
    plan, directive = register["ke_hoach_138"], register["chi_thi_18"]
    kind = DocumentRelation.Kind.IMPLEMENTS
    services.document_relation_add(actor=cast.board, source=plan, target=directive, kind=kind)
    with pytest.raises(ValidationError) as twice:
        services.document_relation_add(actor=cast.board, source=plan, target=directive, kind=kind)
    assert "đã ghi nhận" in str(twice.value).lower()
    with pytest.raises(ValidationError) as itself:
        services.document_relation_add(actor=cast.board, source=plan, target=plan, kind=kind)
    assert "Không thể liên kết «Kế hoạch 138-KH/QU» với chính nó." in str(itself.value)
    # Tây Hồ's notice is outside the board's scope.
    with pytest.raises(ValidationError):
        services.document_relation_add(
            actor=cast.board, source=plan, target=register["tay_ho"], kind=kind
        )
    (seen_from_directive,) = selectors.document_relations(user=cast.board, document=directive)
    assert (seen_from_directive.label, seen_from_directive.other) == (
        "Được triển khai thực hiện bởi",
        plan,
    )


def test_milestones_are_added_and_marked_done(tree, register, cast, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: dt.date(2025, 1, 10))
    directive = register["chi_thi_18"]
    milestone = services.milestone_add(
        actor=SYSTEM, document=directive, title="Sơ kết 5 năm", due_on=dt.date(2027, 10, 26)
    )
    with pytest.raises(ValidationError) as early:
        services.milestone_add(
            actor=SYSTEM, document=directive, title="Sơ kết", due_on=dt.date(2020, 1, 1)
        )
    assert "trước ngày ban hành văn bản (26/10/2022)" in str(early.value)
    with pytest.raises(ValidationError):
        services.milestone_mark_done(
            actor=SYSTEM, milestone=milestone, done_on=dt.date(2025, 1, 11)
        )
    services.milestone_mark_done(actor=SYSTEM, milestone=milestone)
    milestone.refresh_from_db()
    assert milestone.done_on == dt.date(2025, 1, 10)


def test_public_documents_are_complete_and_marked(tree, types, register):
    services.document_update(actor=SYSTEM, document=register["chi_thi_18"], is_public=True)
    Document.objects.create(org_unit=tree.hanoi, is_stub=True, reference="9")
    assert list(selectors.public_documents()) == [register["chi_thi_18"]]


def test_the_register_of_a_closed_unit_is_read_only(tree, types, register):
    from danvan.org.models import OrgUnit

    OrgUnit.objects.filter(pk=tree.tay_ho.pk).update(valid_to=dt.date(2025, 6, 30))
    tree.tay_ho.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        enter(tree.tay_ho, types["Kế hoạch"], "1")
    assert "«Quận Tây Hồ» đã ngừng hoạt động" in str(refused.value)
    notice = Document.objects.select_related("org_unit").get(pk=register["tay_ho"].pk)
    with pytest.raises(ValidationError):
        services.document_update(actor=SYSTEM, document=notice, title="Sửa")
