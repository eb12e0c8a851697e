"""Citations: the documents a meeting's minutes or a report's narrative cite are linked
to the register; unknown ones become stubs; saving again changes nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from danvan.access.system import SYSTEM
from danvan.documents.models import Citation, Document
from danvan.documents.services import citations_link
from danvan.meetings.models import Meeting, MeetingKind
from danvan.reporting.catalog import ensure_catalog
from danvan.reporting.models import Report, ReportForm
from tests.documents.conftest import enter

SEEDS = Path(__file__).resolve().parent / "seeds"


def seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text()


@pytest.fixture
def meeting(tree):
    kind, _ = MeetingKind.objects.get_or_create(
        code="giao-ban-thang", defaults={"name": "Giao ban tháng"}
    )
    return Meeting.objects.create(
        title="Giao ban công tác dân vận tháng 2/2023",
        kind=kind,
        org_unit=tree.bdv_hoang_mai,
        starts_at=timezone.make_aware(dt.datetime(2023, 2, 23, 8, 0)),
    )


def link(meeting, text, actor=SYSTEM):
    return citations_link(actor=actor, text=text, holder=meeting.org_unit, meeting=meeting)


def cited(meeting):
    return {c.document.reference: c for c in Citation.objects.filter(meeting=meeting)}


def test_known_documents_are_reused_and_unknown_ones_become_stubs(tree, register, meeting):
    links = link(meeting, seed("000"))
    assert len(links) == 4
    by_reference = cited(meeting)
    assert set(by_reference) == {"507-CV/QU", "138-KH/QU", "18-CT/TW", "187-TB/QU"}
    # The district plan and the city's directive were in the register already.
    assert by_reference["138-KH/QU"].document == register["ke_hoach_138"]
    assert by_reference["18-CT/TW"].document == register["chi_thi_18"]
    # Tây Hồ's 187-TB/QU is another district's notice: a stub is made instead.
    notice = by_reference["187-TB/QU"].document
    assert notice != register["tay_ho"] and notice.is_stub
    cong_van = by_reference["507-CV/QU"].document
    assert cong_van.is_stub and cong_van.org_unit == tree.bdv_hoang_mai
    assert (cong_van.doc_type.name, cong_van.number, cong_van.symbol, cong_van.issuer_code) == (
        "Công văn",
        "507",
        "CV",
        "QU",
    )
    assert cong_van.issued_on == dt.date(2023, 2, 10) and cong_van.issuer_name == "Quận uỷ"
    assert "Giao ban công tác dân vận tháng 2/2023" in cong_van.note
    assert "cong van 507-cv/qu" in cong_van.search_folded
    assert by_reference["507-CV/QU"].raw.startswith("Công văn số 507-CV/QU ngày 10/02/2023")


def test_saving_the_same_minutes_twice_changes_nothing(tree, register, meeting):
    first = link(meeting, seed("000"))
    documents = Document.objects.count()
    second = link(meeting, seed("000"))
    assert [c.pk for c in second] == [c.pk for c in first]
    assert Document.objects.count() == documents


def test_a_citation_removed_from_the_text_goes_but_the_document_stays(tree, register, meeting):
    link(meeting, seed("000"))
    stub = cited(meeting)["507-CV/QU"].document
    link(meeting, "Thực hiện Kế hoạch số 138-KH/QU ngày 31/01/2023 của Quận uỷ.")
    assert set(cited(meeting)) == {"138-KH/QU"}
    assert Document.objects.filter(pk=stub.pk, is_stub=True).exists()
    link(meeting, "")
    assert not Citation.objects.filter(meeting=meeting).exists()


def test_the_same_document_cited_many_ways_is_one_citation(tree, types, meeting):
    links = link(meeting, seed("003"))
    documents = [c.document for c in links]
    assert len(documents) == len({d.pk for d in documents}) == 7
    # "Kết luận 66-KL/TW" and "Kết luận số 66, ngày 04/03/2010 của Ban Bí thư" are one.
    (kl66,) = [d for d in documents if d.doc_type.name == "Kết luận" and d.number == "66"]
    kl66.refresh_from_db()
    assert (kl66.symbol, kl66.issuer_code, kl66.issued_on) == ("KL", "TW", dt.date(2010, 3, 4))
    assert {f"{d.doc_type.name} {d.number}" for d in documents} == {
        "Quyết định 290",
        "Kết luận 66",
        "Chỉ thị 43",
        "Quyết định 209",
        "Nghị quyết 09",
        "Kết luận 114",
        "Đề án 212",
    }


def test_named_references_find_entries_by_type_number_and_issuer(tree, types, meeting):
    qd217 = enter(tree.hanoi, types["Quyết định"], "217", symbol="QĐ", issuer_name="Bộ Chính trị")
    links = link(meeting, seed("001"))
    assert links[0].document == qd217
    (qd218,) = [c.document for c in links if c.document.number == "218"]
    assert qd218.is_stub and qd218.issuer_name == "Bộ Chính trị" and qd218.issuer_code == "TW"
    assert len(links) == 2


def test_a_central_document_held_by_a_neighbour_is_reused(tree, types, meeting):
    shared = enter(tree.tay_ho, types["Quyết định"], "290", symbol="QĐ", issuer_code="TW")
    (citation,) = link(meeting, "Quyết định số 290-QĐ/TW của Bộ Chính trị")
    assert citation.document == shared


def test_a_report_narrative_links_its_citations_too(tree, register, cast):
    ensure_catalog()
    report = Report.objects.create(
        form=ReportForm.objects.get(code="BC_THANG"), org_unit=tree.dinh_cong, period="2024-03"
    )
    text = "Triển khai Chỉ thị số 18-CT/TW và Hướng dẫn số 03/HD-MTTW-BTT của Mặt trận."
    links = citations_link(actor=cast.reporter, text=text, holder=tree.dinh_cong, report=report)
    assert [c.document.reference for c in links] == ["18-CT/TW", "03/HD-MTTW-BTT"]
    assert links[0].document == register["chi_thi_18"]
    assert links[1].document.org_unit == tree.dinh_cong and links[1].document.is_stub
    with pytest.raises(PermissionDenied):
        citations_link(actor=cast.viewer, text=text, holder=tree.dinh_cong, report=report)


def test_a_citation_belongs_to_one_source(tree, meeting):
    with pytest.raises(ValidationError):
        citations_link(actor=SYSTEM, text="", holder=tree.bdv_hoang_mai)
