"""The Quyết định khen thưởng as a văn thư checks it: Times New Roman throughout, the
Party heading (HD 36) for a party committee and the State one (NĐ 30) for a People's
Committee, the number, the date line, QUYẾT ĐỊNH, Điều 1–3, the signature, and the danh
sách appendix with its collective and individual tables; then issued into the register."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from danvan.access.system import SYSTEM
from danvan.awards import decision_docs, issuing, services
from danvan.awards.models import Award, RecipientKind
from danvan.documents.issuing import numbering_configure
from danvan.documents.models import Document
from tests.awards.conftest import DAY_2019
from tests.drafting.test_layout import assert_all_times_new_roman, find, open_docx, texts


def _fill(decision: Any, tree: Any, officials: Any) -> None:
    for unit in (tree.dinh_cong, tree.dai_kim):
        services.award_add(actor=SYSTEM, decision=decision, recipient_unit=unit)
    services.award_add(
        actor=SYSTEM,
        decision=decision,
        recipient_person=officials["hung"],
        recipient_detail="UVTV, Trưởng Ban Dân vận Quận ủy",
    )


@pytest.fixture
def party_decision(quan_uy: Any, catalogue: Any, tree: Any, officials: Any) -> Any:
    decision = services.decision_create(
        actor=SYSTEM,
        issuer=quan_uy,
        form=catalogue["giay-khen"],
        decided_on=DAY_2019,
        reason="Đã có thành tích xuất sắc trong công tác dân vận năm 2019",
        signer_name="Nguyễn Văn Khen",
        signer_title="Phó Bí thư",
        proposed_by=tree.bdv_hoang_mai,
        proposed_on=dt.date(2019, 12, 10),
    )
    _fill(decision, tree, officials)
    return decision


def _docx(decision: Any) -> Any:
    awards = list(Award.objects.filter(decision=decision))
    return open_docx(decision_docs.decision_docx(user=SYSTEM, decision=decision, awards=awards))


def test_party_decision_heading_body_and_danh_sach(party_decision: Any) -> None:
    document = _docx(party_decision)
    assert assert_all_times_new_roman(document) > 20
    lines = [t.strip() for t in texts(document) if t.strip()]
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in lines
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in lines
    assert "QUẬN ỦY HOÀNG MAI" in lines
    assert any(t.startswith("Số") and "-QĐ/" in t for t in lines)
    assert "Hoàng Mai, ngày 20 tháng 12 năm 2019" in lines  # the seat of Quận ủy Hoàng Mai
    assert "QUYẾT ĐỊNH" in lines and "QUYẾT ĐỊNH:" in lines
    assert "Về việc tặng Giấy khen cho các tập thể, cá nhân" in lines
    first = next(t for t in lines if t.startswith("Điều 1."))
    assert "2 tập thể, 1 cá nhân" in first and "thành tích xuất sắc" in first
    assert any(t.startswith("Điều 3.") for t in lines)
    assert "PHÓ BÍ THƯ" in lines and "Nguyễn Văn Khen" in lines
    # A decision of 2019 cites the law of its day (2003, amended 2013), not the 2022 one.
    basis = next(t for t in lines if t.startswith("Căn cứ các quy định của Đảng"))
    assert "26 tháng 11 năm 2003" in basis and "2022" not in basis
    assert find(document, "DANH SÁCH").runs[0].bold
    assert any(t.startswith("(Kèm theo Quyết định số") for t in lines)
    collective, individual = document.tables[-2], document.tables[-1]
    # Every line has the decision's achievement (Điều 1 says it): no achievement column.
    assert [c.text for c in collective.rows[0].cells] == ["TT", "Tên tập thể"]
    assert [r.cells[1].text for r in collective.rows[1:]] == ["Phường Định Công", "Phường Đại Kim"]
    assert individual.rows[0].cells[1].text == "Họ và tên"
    assert individual.rows[1].cells[1].text == "Khương Quốc Hưng"
    assert individual.rows[1].cells[2].text == "UVTV, Trưởng Ban Dân vận Quận ủy"


def test_state_decision_has_the_national_heading(tree: Any, catalogue: Any, officials: Any) -> None:
    decision = services.decision_create(
        actor=SYSTEM,
        issuer=tree.dinh_cong,
        form=catalogue["giay-khen"],
        decided_on=dt.date(2026, 3, 2),
        reason="Đã có thành tích trong phong trào thi đua “Dân vận khéo” năm 2025",
    )
    services.award_add(actor=SYSTEM, decision=decision, recipient_unit=tree.mttq_dinh_cong)
    services.award_add(
        actor=SYSTEM,
        decision=decision,
        recipient_kind=RecipientKind.HOUSEHOLD,
        recipient_name="Gia đình ông Nguyễn Văn Hiến",
        recipient_detail="Tổ dân phố số 3",
        achievement="Tích cực hiến đất mở rộng ngõ 12 tổ dân phố số 3",
    )
    document = _docx(decision)
    assert_all_times_new_roman(document)
    lines = [t.strip() for t in texts(document) if t.strip()]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in lines
    assert "Độc lập - Tự do - Hạnh phúc" in lines
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" not in lines
    assert any(t.startswith("Số:") and "/QĐ-" in t for t in lines)
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG ĐỊNH CÔNG" in lines
    assert "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;" in lines
    assert any(t.startswith("Căn cứ Nghị định số 98/2023/NĐ-CP") for t in lines)
    assert any("HỘ GIA ĐÌNH (1)" in t for t in lines)
    households = document.tables[-1]
    assert [c.text for c in households.rows[0].cells] == [
        "TT",
        "Hộ gia đình",
        "Địa chỉ",
        "Thành tích",
    ]
    assert households.rows[1].cells[3].text.startswith("Tích cực hiến đất")


def test_issue_gives_a_number_and_files_the_docx(party_decision: Any, quan_uy: Any) -> None:
    numbering_configure(
        actor=SYSTEM, org_unit=quan_uy, style="party", issuer_code="QU", term_label="2015-2020"
    )
    document = issuing.decision_issue(actor=SYSTEM, decision=party_decision)
    party_decision.refresh_from_db()
    assert party_decision.document == document
    assert document.reference == "01-QĐ/QU"
    assert document.direction == Document.Direction.OUTGOING
    assert document.issued_on == DAY_2019
    assert document.file.name.endswith(".docx")
    with document.file.open("rb") as handle:
        filed = open_docx(handle.read())
    assert "Số 01-QĐ/QU" in [t.strip() for t in texts(filed)]
    with pytest.raises(Exception, match="đã vào sổ"):
        issuing.decision_issue(actor=SYSTEM, decision=party_decision)


def test_issue_without_recipients_is_refused(tree: Any, catalogue: Any) -> None:
    from django.core.exceptions import ValidationError

    decision = services.decision_create(
        actor=SYSTEM,
        issuer=tree.dinh_cong,
        form=catalogue["giay-khen"],
        decided_on=dt.date(2026, 3, 2),
        reason="Thành tích",
    )
    with pytest.raises(ValidationError, match="chưa có tập thể"):
        issuing.decision_issue(actor=SYSTEM, decision=decision)


def test_a_line_is_not_removed_after_issuing(party_decision: Any, quan_uy: Any) -> None:
    from django.core.exceptions import PermissionDenied

    numbering_configure(
        actor=SYSTEM, org_unit=quan_uy, style="party", issuer_code="QU", term_label="2015-2020"
    )
    issuing.decision_issue(actor=SYSTEM, decision=party_decision)
    award = Award.objects.filter(decision=party_decision).first()
    with pytest.raises(PermissionDenied):
        services.award_remove(actor=SYSTEM, award=award)
