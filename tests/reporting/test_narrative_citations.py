"""A report's narrative that cites a document links it in the register: an existing entry
is reused, an unknown one becomes a stub marked so; editing the text follows."""

from __future__ import annotations

from danvan.documents.models import Citation, Document
from danvan.reporting.models import ReportForm
from danvan.reporting.services import report_save_narrative


def test_narrative_citations_follow_the_text(cast, open_tree, catalog):
    tree = open_tree
    form = ReportForm.objects.get(code="BC_THANG")

    def save(text: str):
        return report_save_narrative(
            actor=cast.reporter,
            form=form,
            org_unit=tree.dinh_cong,
            period="2024-03",
            narrative={"ket_qua": text},
        )

    report = save(
        "Triển khai Kế hoạch số 138-KH/QU ngày 31/01/2023 của Quận uỷ về thực hiện Chỉ thị số "
        "18-CT/TW ngày 26/10/2022 của Ban Bí thư Trung ương Đảng."
    )
    cited = Citation.objects.filter(report=report).select_related("document")
    assert sorted(c.document.reference for c in cited) == ["138-KH/QU", "18-CT/TW"]
    assert all(c.document.is_stub for c in cited)
    stub = Document.objects.get(reference="18-CT/TW")
    assert stub.issued_on.isoformat() == "2022-10-26"

    report = save("Tiếp tục thực hiện Chỉ thị 18-CT/TW.")
    assert [c.document_id for c in Citation.objects.filter(report=report)] == [stub.pk]
    assert Document.objects.filter(reference="138-KH/QU").exists()  # the entry stays
