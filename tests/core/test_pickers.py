"""The pickers of people, documents and reports (issue 12 §4): one endpoint, searched
without marks, each row with its context, bounded, and never beyond the asker's scope
(a ward reporter of Định Công never sees Tây Hồ's people, documents or reports)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.urls import reverse

from danvan.access.system import SYSTEM
from danvan.core.autocomplete import RESULTS, sign_queryset
from danvan.documents import services as document_services
from danvan.documents.models import Document, DocumentType
from danvan.people.models import Person
from danvan.reporting.catalog import ensure_catalog
from danvan.reporting.models import Report, ReportForm
from tests.conftest import client_for
from tests.factories import make_person


def ask(user: Any, token: str, q: str) -> Any:
    return client_for(user).post(reverse("suggest"), {"token": token, "q": q})


def labels(user: Any, token: str, q: str) -> list[str]:
    answer = ask(user, token, q)
    assert answer.status_code == 200, answer.content
    return [f"{r['label']} | {r['context']}" for r in answer.json()["results"]]


@pytest.fixture
def documents(tree: Any) -> dict[str, Document]:
    plan, _ = DocumentType.objects.get_or_create(
        name="Kế hoạch", defaults={"party_symbol": "KH", "state_symbol": "KH"}
    )

    def enter(unit: Any, number: str, issuer: str, title: str) -> Document:
        return document_services.document_create(
            actor=SYSTEM,
            org_unit=unit,
            direction=Document.Direction.INCOMING,
            doc_type=plan,
            number=number,
            symbol="KH",
            issuer_code="QU",
            issuer_name=issuer,
            reference=f"{number}-KH/QU",
            issued_on=dt.date(2023, 3, 12),
            title=title,
        )

    return {
        "dinh_cong": enter(tree.dinh_cong, "138", "Quận ủy Hoàng Mai", "Triển khai dân vận khéo"),
        "tay_ho": enter(tree.buoi, "139", "Quận ủy Tây Hồ", "Triển khai dân vận khéo ở Bưởi"),
    }


@pytest.fixture
def reports(tree: Any) -> dict[str, Report]:
    ensure_catalog()
    form = ReportForm.objects.get(code="BC_THANG")
    return {
        "dinh_cong": Report.objects.create(form=form, org_unit=tree.dinh_cong, period="2024-03"),
        "buoi": Report.objects.create(form=form, org_unit=tree.buoi, period="2024-03"),
    }


def test_people_are_found_without_marks_with_position_and_unit(cast, tree, officials):
    token = sign_queryset("person", Person.objects.all())
    found = labels(cast.board, token, "khuong quoc hung")
    assert found == [
        "Khương Quốc Hưng | UVTV, Trưởng Ban Dân vận Quận ủy — Ban Dân vận Quận ủy Hoàng Mai"
    ]
    assert labels(cast.board, token, "truong ban dan van")[0].startswith("Khương Quốc Hưng")


def test_a_reporter_never_sees_another_wards_people_documents_or_reports(
    cast, tree, officials, documents, reports
):
    people = sign_queryset("person", Person.objects.all())
    assert [x.split(" |")[0] for x in labels(cast.reporter, people, "")] == ["Nguyễn Thị Đào"]
    assert labels(cast.admin, people, "tran quang dao")  # Bưởi's: there, for the admin

    docs = sign_queryset("document", Document.objects.all())
    assert labels(cast.reporter, docs, "trien khai dan van kheo") == [
        "Kế hoạch 138-KH/QU, ngày 12/03/2023 | Quận ủy Hoàng Mai — Triển khai dân vận khéo"
    ]
    assert len(labels(cast.admin, docs, "trien khai")) == 2

    rows = sign_queryset("report", Report.objects.all())
    assert labels(cast.reporter, rows, "bao cao thang") == [
        "Báo cáo công tác dân vận tháng — Phường Định Công — tháng 3/2024 | Trạng thái: Nháp"
    ]
    assert len(labels(cast.admin, rows, "2024-03")) == 2
    assert labels(cast.admin, rows, "buoi")[0].startswith(
        "Báo cáo công tác dân vận tháng — Phường Bưởi"
    )


def test_answers_are_bounded(cast, tree):
    for n in range(RESULTS + 5):
        make_person(tree.dinh_cong, f"Lê Văn Số {n}")
    token = sign_queryset("person", Person.objects.all())
    assert len(labels(cast.board, token, "le van so")) == RESULTS


def test_an_altered_token_or_unknown_source_is_a_vietnamese_400(cast, tree):
    token = sign_queryset("person", Person.objects.all())
    assert ask(cast.board, token[:-3] + "abc", "a").status_code == 400
    assert "tải lại trang" in ask(cast.board, "khong-phai", "a").json()["detail"]
    assert ask(cast.board, token, "x" * 101).status_code == 400


def test_the_attendance_form_renders_only_the_chosen_person(cast, tree, officials):
    from danvan.meetings.forms import AttendanceForm
    from danvan.meetings.models import Meeting, MeetingKind
    from danvan.meetings.services import meeting_create

    for n in range(70):
        make_person(tree.dinh_cong, f"Cán bộ thứ {n}")
    meeting = meeting_create(
        actor=SYSTEM,
        title="Giao ban",
        kind=MeetingKind.objects.get(code="giao-ban-thang"),
        org_unit=tree.bdv_hoang_mai,
        starts_at=dt.datetime(2023, 2, 23, 1, tzinfo=dt.UTC),
    )
    assert isinstance(meeting, Meeting)
    form = AttendanceForm(
        meeting=meeting, user=cast.board, initial={"person": officials["hung"].pk}
    )
    select = re.search(r'<select name="person".*?</select>', str(form["person"]), re.S).group(0)
    assert "Khương Quốc Hưng" in select and "Cán bộ thứ 7" not in select
    assert select.count("<option") == 2  # the blank and the chosen
