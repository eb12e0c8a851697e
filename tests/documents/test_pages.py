"""The register's pages as the cast sees them: list with search, filters and pagination,
an entry with everything hanging on it, the forms, numbering and issuing, and scope."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from danvan.access.roles import Role
from danvan.access.system import SYSTEM
from danvan.core import clock
from danvan.documents import services
from danvan.documents.models import Document, DocumentRelation
from danvan.meetings.models import Meeting, MeetingKind
from danvan.tasks.models import Task
from tests.documents.conftest import enter
from tests.documents.files import make_docx
from tests.factories import UserFactory, grant

LIST = reverse("documents:list")


def html(response):
    return response.content.decode()


@pytest.fixture
def tay_ho_officer(tree):
    user = UserFactory(username="tayho")
    grant(user, Role.UNIT_LEADER, tree.tay_ho)
    return user


def test_each_role_sees_its_part_of_the_register(cast, register, as_user):
    board = html(as_user(cast.board).get(LIST))
    assert "18-CT/TW" in board and "138-KH/QU" in board and "Kết luận giao ban" not in board
    # The ward reads what the city holds, not what the district board holds.
    ward = html(as_user(cast.reporter).get(LIST))
    assert "18-CT/TW" in ward and "138-KH/QU" not in ward
    assert "+ Vào sổ văn bản" not in ward
    assert "+ Vào sổ văn bản" in board
    assert as_user(cast.stranger).get(LIST).status_code == 403


def test_search_ignores_marks_and_matches_every_word(cast, register, as_user):
    client = as_user(cast.board)
    for query in ("chi thi 18", "Chỉ thị 18", "dang", "xay dung dang"):
        page = html(client.get(LIST, {"q": query}))
        assert "18-CT/TW" in page and "138-KH/QU" not in page, query
    none = html(client.get(LIST, {"q": "chi thi 999"}))
    assert "Không có văn bản nào khớp" in none


def test_filters_by_type_year_direction_issuer_and_stub(cast, register, types, tree, as_user):
    client = as_user(cast.board)
    page = html(client.get(LIST, {"doc_type": types["Chỉ thị"].pk}))
    assert "18-CT/TW" in page and "138-KH/QU" not in page
    page = html(client.get(LIST, {"year": "2022"}))
    assert "18-CT/TW" in page and "138-KH/QU" not in page
    page = html(client.get(LIST, {"issuer": "ban bi thu"}))
    assert "18-CT/TW" in page and "138-KH/QU" not in page
    Document.objects.create(
        org_unit=tree.bdv_hoang_mai, reference="507-CV/QU", number="507", is_stub=True
    )
    page = html(client.get(LIST, {"stub": "1"}))
    assert "507-CV/QU" in page and "Chưa đủ thông tin" in page and "18-CT/TW" not in page
    enter(tree.bdv_hoang_mai, types["Báo cáo"], "12", issuer_code="BDVQU", direction="di")
    outgoing = html(client.get(LIST, {"direction": "di"}))
    assert "12-BC/BDVQU" in outgoing and "18-CT/TW" not in outgoing


def test_the_list_pages_and_answers_htmx_with_results_only(cast, tree, types, as_user):
    for number in range(1, 31):
        enter(
            tree.dinh_cong, types["Thông báo"], f"{number:02d}", issued_on=dt.date(2023, 1, number)
        )
    client = as_user(cast.leader)
    first = html(client.get(LIST))
    assert "30 văn bản" in first and "Trang 1/2" in first and "30-TB/TW" in first
    second = html(client.get(LIST, {"page": 2}))
    assert "01-TB/TW" in second and "30-TB/TW" not in second
    partial = html(client.get(LIST, {"q": "thong bao"}, headers={"HX-Request": "true"}))
    assert "<html" not in partial and "30 văn bản" in partial


def test_an_empty_register_says_so(cast, tree, types, as_user):
    page = html(as_user(cast.board).get(LIST))
    assert "chưa có văn bản nào" in page


def test_ward_reads_the_city_directive_but_cannot_change_it(cast, register, as_user):
    directive = register["chi_thi_18"]
    client = as_user(cast.leader)
    page = client.get(reverse("documents:detail", args=[directive.pk]))
    assert page.status_code == 200
    assert "bạn chỉ được xem" in html(page) and reverse(
        "documents:edit", args=[directive.pk]
    ) not in html(page)
    assert client.get(reverse("documents:edit", args=[directive.pk])).status_code == 403
    assert client.post(reverse("documents:delete", args=[directive.pk])).status_code == 403
    assert Document.objects.filter(pk=directive.pk).exists()


def test_another_district_is_not_found(register, tay_ho_officer, as_user):
    plan = register["ke_hoach_138"]
    client = as_user(tay_ho_officer)
    for name in ("detail", "edit", "file", "relation_add"):
        assert client.get(reverse(f"documents:{name}", args=[plan.pk])).status_code == 404, name
    assert client.post(reverse("documents:delete", args=[plan.pk])).status_code == 404
    assert "138-KH/QU" not in html(client.get(LIST))


def test_entering_a_document_with_its_file(cast, tree, types, as_user):
    client = as_user(cast.board)
    assert client.get(reverse("documents:create")).status_code == 200
    upload = SimpleUploadedFile("ke-hoach.docx", make_docx(["Tổ chức Ngày hội Đại đoàn kết"]))
    response = client.post(
        reverse("documents:create"),
        {
            "org_unit": tree.bdv_hoang_mai.pk,
            "direction": "den",
            "doc_type": types["Kế hoạch"].pk,
            "number": "45",
            "symbol": "KH",
            "issuer_code": "QU",
            "issuer_name": "Quận ủy Hoàng Mai",
            "reference": "",
            "issued_on": "2023-09-05",
            "title": "Tổ chức Ngày hội Đại đoàn kết toàn dân tộc",
            "file": upload,
            "note": "",
        },
    )
    doc = Document.objects.get(number="45")
    assert response.status_code == 302 and response.url == reverse(
        "documents:detail", args=[doc.pk]
    )
    page = html(client.get(response.url))
    assert "45-KH/QU" in page and "ke-hoach.docx" in page and "05/09/2023" in page
    download = client.get(reverse("documents:file", args=[doc.pk]))
    assert download.status_code == 200
    assert 'attachment; filename="ke-hoach.docx"' in download["Content-Disposition"]
    assert "45-KH/QU" in html(client.get(LIST, {"q": "ngay hoi dai doan ket"}))


def test_a_refused_file_is_explained_on_the_form(cast, tree, types, as_user):
    response = as_user(cast.board).post(
        reverse("documents:create"),
        {
            "org_unit": tree.bdv_hoang_mai.pk,
            "direction": "den",
            "doc_type": types["Kế hoạch"].pk,
            "title": "Kế hoạch",
            "file": SimpleUploadedFile("ke-hoach.pdf", b"MZ\x90\x00program"),
        },
    )
    assert response.status_code == 200
    assert "Tệp «ke-hoach.pdf» không phải PDF, DOCX, DOC hoặc ODT" in html(response)
    assert not Document.objects.exists()


def test_completing_a_stub_from_its_page(cast, tree, types, as_user):
    stub = Document.objects.create(
        org_unit=tree.bdv_hoang_mai, reference="507-CV/QU", number="507", is_stub=True
    )
    client = as_user(cast.board)
    detail = html(client.get(reverse("documents:detail", args=[stub.pk])))
    assert "Chưa đủ thông tin" in detail and "Bổ sung thông tin" in detail
    response = client.post(
        reverse("documents:edit", args=[stub.pk]),
        {
            "org_unit": tree.bdv_hoang_mai.pk,
            "direction": "den",
            "doc_type": types["Công văn"].pk,
            "number": "507",
            "symbol": "CV",
            "issuer_code": "QU",
            "reference": "507-CV/QU",
            "issued_on": "2023-02-10",
            "title": "Về việc tổ chức giao ban",
        },
    )
    assert response.status_code == 302
    stub.refresh_from_db()
    assert not stub.is_stub and stub.title == "Về việc tổ chức giao ban"


def test_the_detail_page_shows_what_hangs_on_a_document(cast, tree, register, as_user, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: dt.date(2025, 1, 10))
    directive, plan = register["chi_thi_18"], register["ke_hoach_138"]
    services.document_relation_add(
        actor=SYSTEM, source=plan, target=directive, kind=DocumentRelation.Kind.IMPLEMENTS
    )
    services.milestone_add(
        actor=SYSTEM, document=directive, title="Sơ kết 2 năm", due_on=dt.date(2024, 10, 26)
    )
    kind, _ = MeetingKind.objects.get_or_create(code="so-ket", defaults={"name": "Sơ kết"})
    meeting = Meeting.objects.create(
        title="Sơ kết Chỉ thị 18 của Quận",
        kind=kind,
        org_unit=tree.bdv_hoang_mai,
        starts_at=timezone.now(),
    )
    services.citations_link(
        actor=SYSTEM, text="Chỉ thị số 18-CT/TW", holder=tree.bdv_hoang_mai, meeting=meeting
    )
    Task.objects.create(
        title="Rà soát việc thực hiện Chỉ thị 18",
        owner_unit=tree.bdv_hoang_mai,
        lead_unit=tree.dinh_cong,
        deadline=dt.date(2025, 6, 30),
        document=directive,
    )
    page = html(as_user(cast.board).get(reverse("documents:detail", args=[directive.pk])))
    assert "Được triển khai thực hiện bởi" in page and "Kế hoạch 138-KH/QU" in page
    assert "Sơ kết 2 năm" in page and "Quá hạn" in page
    assert "Được trích dẫn tại" in page and "Sơ kết Chỉ thị 18 của Quận" in page
    assert "Rà soát việc thực hiện Chỉ thị 18" in page and page.count("Quá hạn") == 1
    assert "Lịch sử thay đổi" in page
    plan_page = html(as_user(cast.board).get(reverse("documents:detail", args=[plan.pk])))
    assert "Triển khai thực hiện" in plan_page and "Chỉ thị 18-CT/TW" in plan_page
    # Tây Hồ sees neither the meeting nor the task of Hoàng Mai under the city's directive.
    other = UserFactory(username="tayho-viewer")
    grant(other, Role.VIEWER, tree.tay_ho)
    outside = html(as_user(other).get(reverse("documents:detail", args=[directive.pk])))
    assert "Sơ kết Chỉ thị 18 của Quận" not in outside and "Rà soát" not in outside


def test_relations_and_milestones_from_the_page(cast, register, as_user, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: dt.date(2025, 1, 10))
    directive, plan = register["chi_thi_18"], register["ke_hoach_138"]
    client = as_user(cast.board)
    url = reverse("documents:relation_add", args=[plan.pk])
    picker = html(client.get(url, {"q": "chi thi"}))
    assert f'value="{directive.pk}"' in picker and f'value="{plan.pk}"' not in picker
    response = client.post(url, {"kind": "implements", "target": directive.pk})
    assert response.status_code == 302
    again = html(client.post(url, {"kind": "implements", "target": directive.pk}))
    assert "rồi" in again
    relation = DocumentRelation.objects.get()
    client.post(reverse("documents:relation_remove", args=[plan.pk, relation.pk]))
    assert not DocumentRelation.objects.exists()

    client.post(
        reverse("documents:milestone_add", args=[plan.pk]),
        {"title": "Tổng kết năm", "due_on": "2024-12-31"},
    )
    milestone = plan.milestones.get()
    assert "Quá hạn" in html(client.get(reverse("documents:detail", args=[plan.pk])))
    client.post(reverse("documents:milestone_done", args=[plan.pk, milestone.pk]))
    milestone.refresh_from_db()
    assert milestone.done_on == dt.date(2025, 1, 10)
    # The viewer may read but not add.
    viewer = as_user(cast.viewer)
    assert (
        viewer.post(
            reverse("documents:milestone_add", args=[plan.pk]),
            {"title": "X", "due_on": "2025-12-31"},
        ).status_code
        == 403
    )


def test_numbering_page_configures_and_previews(cast, tree, types, as_user):
    client = as_user(cast.board)
    url = f"{reverse('documents:numbering')}?unit={tree.bdv_hoang_mai.pk}"
    assert "chưa thiết lập cách đánh số" in html(client.get(url))
    refused = client.post(url, {"style": "party", "issuer_code": "BDVQU", "term_label": ""})
    assert "phải nhập nhiệm kỳ hiện tại" in html(refused)
    saved = client.post(url, {"style": "party", "issuer_code": "BDVQU", "term_label": "2020-2025"})
    assert saved.status_code == 302
    page = html(client.get(url))
    assert "01-KH/BDVQU" in page and "01-NQ/BDVQU" in page and "Nghị định" not in page
    viewer = as_user(cast.viewer)
    assert "01-KH/BDVQU" in html(viewer.get(url))
    assert viewer.post(url, {"style": "state", "issuer_code": "X"}).status_code == 403


def test_issuing_a_number_from_the_page(cast, tree, types, numberings, as_user, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: dt.date(2024, 3, 20))
    client = as_user(cast.board)
    form = html(client.get(reverse("documents:issue")))
    assert "Ban Dân vận Quận ủy Hoàng Mai (BDVQU)" in form and "2024-03-20" in form
    response = client.post(
        reverse("documents:issue"),
        {
            "holder": numberings["party"].pk,
            "doc_type": types["Thông báo"].pk,
            "issued_on": "2024-03-20",
            "title": "Kết luận giao ban tháng 3/2024",
        },
        follow=True,
    )
    page = html(response)
    assert "Đã cấp số: Số 01-TB/BDVQU" in page and "Văn bản đi" in page
    assert Document.objects.get().reference == "01-TB/BDVQU"
    refused = client.post(
        reverse("documents:issue"),
        {
            "holder": numberings["party"].pk,
            "doc_type": types["Nghị định"].pk,
            "issued_on": "2024-03-20",
            "title": "x",
        },
    )
    assert "chưa có ký hiệu cho văn bản Đảng" in html(refused)
    assert as_user(cast.reporter).get(reverse("documents:issue")).status_code == 403


def test_deleted_documents_can_be_restored(cast, register, as_user):
    client = as_user(cast.board)
    plan = register["ke_hoach_138"]
    response = client.post(reverse("documents:delete", args=[plan.pk]), follow=True)
    assert "Đã xóa «Kế hoạch 138-KH/QU»" in html(response)
    assert "138-KH/QU" not in html(client.get(LIST))
    trash = html(client.get(reverse("documents:trash")))
    assert "138-KH/QU" in trash
    client.post(reverse("documents:restore", args=[plan.pk]))
    assert "138-KH/QU" in html(client.get(LIST))
