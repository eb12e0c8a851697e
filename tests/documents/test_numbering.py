"""Numbering: how each style writes a number, which sequence it comes from, and that two
allocations never share one."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.db.models import QuerySet

from danvan.access.system import SYSTEM
from danvan.documents import services
from danvan.documents.models import Document, NumberSequence
from danvan.lib.numbering import compose, format_reference, guess_style

FORMATS = [
    (("party", 15, "NQ", "TU"), ("15-NQ/TU", "Số 15-NQ/TU")),
    (("party", 3, "CTr", "BDVTW-BCSĐCP"), ("03-CTr/BDVTW-BCSĐCP", "Số 03-CTr/BDVTW-BCSĐCP")),
    (("party", 138, "KH", "QU"), ("138-KH/QU", "Số 138-KH/QU")),
    (("state", 12, "QĐ", "UBND"), ("12/QĐ-UBND", "Số: 12/QĐ-UBND")),
    (("state", 7, "", "UBND"), ("07/UBND", "Số: 07/UBND")),
    (("front", 249, "", "MTTQ-BTT"), ("249/MTTQ-BTT", "Số: 249/MTTQ-BTT")),
    (("front", 3, "HD", "MTTW-BTT"), ("03/HD-MTTW-BTT", "Số: 03/HD-MTTW-BTT")),
    (("party", 1, "QĐi", "TW"), ("01-QĐi/TW", "Số 01-QĐi/TW")),
    (("state", 9, "QyĐ", "UBND"), ("09/QyĐ-UBND", "Số: 09/QyĐ-UBND")),
    (("party", 10, "TB", "QU"), ("10-TB/QU", "Số 10-TB/QU")),
]


@pytest.mark.parametrize(("args", "expected"), FORMATS, ids=[f[1][0] for f in FORMATS])
def test_format_reference(args, expected):
    assert format_reference(*args) == expected


@pytest.mark.parametrize(
    "args", [("party", 1, "", "TU"), ("party", 0, "NQ", "TU"), ("xyz", 1, "NQ", "TU")]
)
def test_format_reference_refuses_what_cannot_be_written(args):
    with pytest.raises(ValueError):
        format_reference(*args)


def test_a_received_reference_keeps_its_number_as_written():
    assert compose(guess_style("CT", "TW"), "18", "CT", "TW") == "18-CT/TW"
    assert compose(guess_style("QĐ", "UBND"), "12", "QĐ", "UBND") == "12/QĐ-UBND"
    assert compose(guess_style("", "MTTQ-BTT"), "249", "", "MTTQ-BTT") == "249/MTTQ-BTT"


def allocate(issuer, doc_type, day):
    return services.number_allocate(actor=SYSTEM, issuer=issuer, doc_type=doc_type, on=day)


def test_party_numbers_run_per_type_through_the_term(tree, types, numberings):
    bdv = tree.bdv_hoang_mai
    given = [
        allocate(bdv, types["Kế hoạch"], dt.date(2022, 12, 30)).reference,
        allocate(bdv, types["Kế hoạch"], dt.date(2023, 1, 2)).reference,
        allocate(bdv, types["Báo cáo"], dt.date(2023, 1, 3)).reference,
        allocate(bdv, types["Kế hoạch"], dt.date(2024, 5, 1)).reference,
    ]
    # A new year does not restart a Party sequence; another type has its own.
    assert given == ["01-KH/BDVQU", "02-KH/BDVQU", "01-BC/BDVQU", "03-KH/BDVQU"]


def test_a_new_term_restarts_party_numbers(tree, types, numberings):
    bdv = tree.bdv_hoang_mai
    assert allocate(bdv, types["Nghị quyết"], dt.date(2024, 3, 1)).number == 1
    assert allocate(bdv, types["Nghị quyết"], dt.date(2024, 4, 1)).number == 2
    services.numbering_configure(
        actor=SYSTEM,
        org_unit=bdv,
        style="party",
        issuer_code="BDVQU",
        term_label="2025-2030",
        term_started_on=dt.date(2025, 10, 1),
    )
    issued = allocate(bdv, types["Nghị quyết"], dt.date(2025, 10, 2))
    assert (issued.reference, issued.line, issued.key) == (
        "01-NQ/BDVQU",
        "Số 01-NQ/BDVQU",
        "2025-2030",
    )
    with pytest.raises(ValidationError) as refused:
        allocate(bdv, types["Nghị quyết"], dt.date(2025, 9, 30))
    assert "trước ngày bắt đầu nhiệm kỳ 2025-2030" in str(refused.value)


def test_state_numbers_restart_on_the_first_of_january(tree, types, numberings):
    ward = tree.dinh_cong
    december = [
        allocate(ward, types["Quyết định"], dt.date(2023, 12, d)).reference for d in (30, 31)
    ]
    january = allocate(ward, types["Quyết định"], dt.date(2024, 1, 1))
    assert december == ["01/QĐ-UBND", "02/QĐ-UBND"]
    assert (january.reference, january.line, january.key) == (
        "01/QĐ-UBND",
        "Số: 01/QĐ-UBND",
        "2024",
    )


def test_front_cong_van_has_no_type_symbol(tree, types, numberings):
    issued = allocate(tree.mttq_dinh_cong, types["Công văn"], dt.date(2024, 3, 5))
    assert (issued.reference, issued.line) == ("01/MTTQ-BTT", "Số: 01/MTTQ-BTT")
    hd = allocate(tree.mttq_dinh_cong, types["Hướng dẫn"], dt.date(2024, 3, 5))
    assert hd.reference == "01/HD-MTTQ-BTT"


def test_refusals_name_the_issuer_and_the_type(tree, types, numberings, cast):
    with pytest.raises(ValidationError) as no_setting:
        allocate(tree.dai_kim, types["Kế hoạch"], dt.date(2024, 1, 5))
    assert "«Phường Đại Kim» chưa thiết lập cách đánh số" in str(no_setting.value)
    # Nghị định has no Party symbol; Kết luận has no State symbol and is not a Công văn.
    with pytest.raises(ValidationError) as party:
        allocate(tree.bdv_hoang_mai, types["Nghị định"], dt.date(2024, 1, 5))
    assert "Loại «Nghị định» chưa có ký hiệu cho văn bản Đảng" in str(party.value)
    with pytest.raises(ValidationError) as state:
        allocate(tree.dinh_cong, types["Kết luận"], dt.date(2024, 1, 5))
    assert "Loại «Kết luận» chưa có ký hiệu cho văn bản Nhà nước" in str(state.value)
    with pytest.raises(PermissionDenied):
        services.number_allocate(
            actor=cast.reporter,
            issuer=tree.dinh_cong,
            doc_type=types["Quyết định"],
            on=dt.date(2024, 1, 5),
        )
    assert not NumberSequence.objects.filter(last_number__gt=0).exists()


def test_party_numbering_needs_a_term(tree, types):
    with pytest.raises(ValidationError) as refused:
        services.numbering_configure(
            actor=SYSTEM, org_unit=tree.hoang_mai, style="party", issuer_code="QU"
        )
    assert "term_label" in refused.value.message_dict
    with pytest.raises(ValidationError) as bad_code:
        services.numbering_configure(
            actor=SYSTEM, org_unit=tree.hoang_mai, style="state", issuer_code="UB ND"
        )
    assert "Ký hiệu «UB ND» không được chứa dấu cách" in str(bad_code.value)


def test_preview_gives_nothing_out(tree, types, numberings):
    party = numberings["party"]
    day = dt.date(2024, 6, 1)
    allocate(tree.bdv_hoang_mai, types["Kế hoạch"], day)
    preview = services.number_preview(numbering=party, doc_type=types["Kế hoạch"], on=day)
    assert preview == "02-KH/BDVQU"
    assert services.number_preview(numbering=party, doc_type=types["Kế hoạch"], on=day) == preview
    assert allocate(tree.bdv_hoang_mai, types["Kế hoạch"], day).reference == preview


def test_issuing_enters_the_outgoing_register(tree, types, numberings):
    first = services.document_issue(
        actor=SYSTEM,
        holder=tree.bdv_hoang_mai,
        doc_type=types["Thông báo"],
        title="Kết luận giao ban tháng 2/2023",
        issued_on=dt.date(2023, 2, 24),
    )
    second = services.document_issue(
        actor=SYSTEM,
        holder=tree.bdv_hoang_mai,
        doc_type=types["Thông báo"],
        title="Kết luận giao ban tháng 3/2023",
        issued_on=dt.date(2023, 3, 24),
    )
    assert (first.reference, second.reference) == ("01-TB/BDVQU", "02-TB/BDVQU")
    assert (first.number, first.symbol, first.issuer_code) == ("01", "TB", "BDVQU")
    assert (
        first.direction == Document.Direction.OUTGOING and first.issuer_unit == tree.bdv_hoang_mai
    )


def test_a_refused_issue_does_not_use_up_the_number(tree, types, numberings):
    with pytest.raises(ValidationError):
        services.document_issue(
            actor=SYSTEM,
            holder=tree.bdv_hoang_mai,
            doc_type=types["Thông báo"],
            title="Thông báo",
            issued_on=dt.date(2023, 2, 24),
            upload=_not_a_document(),
        )
    issued = allocate(tree.bdv_hoang_mai, types["Thông báo"], dt.date(2023, 2, 24))
    assert issued.number == 1


def _not_a_document():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("bao-cao.pdf", b"MZ\x90\x00 not a pdf")


def test_the_sequence_row_is_locked_while_a_number_is_given(tree, types, numberings, monkeypatch):
    locked = []
    original = QuerySet.select_for_update

    def spy(self, *args, **kwargs):
        locked.append(self.model)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(QuerySet, "select_for_update", spy)
    numbers = [
        allocate(tree.dinh_cong, types["Kế hoạch"], dt.date(2024, 2, 1)).number for _ in range(3)
    ]
    assert numbers == [1, 2, 3]
    assert locked == [NumberSequence] * 3


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite serialises writers anyway")
@pytest.mark.django_db(transaction=True)
def test_two_officers_issuing_at_once_never_share_a_number(tree, types, numberings):
    from django.db import connections

    workers = 8
    per_worker = 5
    start = threading.Barrier(workers)
    given: list[int] = []
    errors: list[BaseException] = []

    def work():
        try:
            start.wait()
            for _ in range(per_worker):
                issued = allocate(tree.dinh_cong, types["Quyết định"], dt.date(2024, 2, 1))
                given.append(issued.number)
        except BaseException as error:  # reported below, a thread cannot fail the test
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(given) == list(range(1, workers * per_worker + 1))
