"""The audit page and the "Lịch sử thay đổi" panels read in Vietnamese: field labels from
the models, "Có"/"Không", choice labels, related names, dd/mm/yyyy, a draft summarised by
section, never ``True``, a raw id or a JSON dump."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from danvan.core.audit import acting_as
from danvan.drafting.models import ReportDraft
from danvan.meetings.models import Attendance, Meeting, MeetingKind
from danvan.org.services import org_unit_move
from danvan.tasks.models import Task, TaskStatus
from tests.factories import make_person
from tests.helpers import unit_form

pytestmark = pytest.mark.django_db


def login(user: Any) -> Client:
    client = Client()
    client.force_login(user, backend="danvan.accounts.backends.DemoAwareBackend")
    return client


def panel(client: Client, url: str) -> str:
    """The history panel of a detail page."""
    response = client.get(url)
    assert response.status_code == 200
    content = response.content.decode()
    start = content.index('<details class="card history"')
    return content[start : content.index("</details>\n", start)]


def audit_page(client: Client, **filters: Any) -> str:
    response = client.get("/quan-ly/nhat-ky/", filters)
    assert response.status_code == 200
    content = response.content.decode()
    return content[content.index("<table>") :]


def raw_free(html: str) -> None:
    for raw in ("True", "False", "None", '"blocks"', '{"'):
        assert raw not in html, raw


@pytest.fixture
def meeting(tree: Any) -> Meeting:
    kind, _ = MeetingKind.objects.get_or_create(code="giao-ban", defaults={"name": "Giao ban"})
    return Meeting.objects.create(
        title="Giao ban tháng 3",
        kind=kind,
        org_unit=tree.bdv_hoang_mai,
        starts_at=timezone.make_aware(dt.datetime(2026, 3, 5, 8, 0)),
    )


@pytest.fixture
def task(tree: Any) -> Task:
    return Task.objects.create(
        title="Tổ chức Ngày hội Đại đoàn kết",
        owner_unit=tree.bdv_hoang_mai,
        lead_unit=tree.mttq_dinh_cong,
        deadline=dt.date(2026, 3, 1),
    )


def test_a_boolean_reads_co_khong_on_the_page_and_the_meeting_panel(tree, cast, meeting):
    person = make_person(tree.dinh_cong, "Nguyễn Văn An")
    attendance = Attendance.objects.create(meeting=meeting, person=person, present=True)
    with acting_as(cast.board):
        attendance.present = False
        attendance.save()
    shown = panel(login(cast.board), reverse("meetings:detail", args=[meeting.pk]))
    assert (
        '<td>Có mặt</td><td data-label="Trước"><del>Có</del></td>'
        '<td data-label="Sau"><ins>Không</ins></td>' in shown
    )
    raw_free(shown)
    page = audit_page(login(cast.admin), q="Nguyễn Văn An")
    assert "<b>Có mặt</b>: <del>Có</del> → <ins>Không</ins>" in page
    raw_free(page)


def test_a_choice_a_foreign_key_and_a_date_read_as_people_say_them(tree, cast, task):
    with acting_as(cast.board):
        task.status = TaskStatus.IN_PROGRESS
        task.lead_unit = tree.dai_kim
        task.deadline = dt.date(2026, 3, 15)
        task.save()
    shown = panel(login(cast.board), reverse("tasks:detail", args=[task.pk]))
    page = audit_page(login(cast.admin), q="Ngày hội")
    for html, row in (
        (
            shown,
            '<td>{label}</td><td data-label="Trước"><del>{before}</del></td>'
            '<td data-label="Sau"><ins>{after}</ins></td>',
        ),
        (page, "<b>{label}</b>: <del>{before}</del> → <ins>{after}</ins>"),
    ):
        assert row.format(label="Tình trạng", before="Mới", after="Đang thực hiện") in html
        assert row.format(label="Thời hạn", before="01/03/2026", after="15/03/2026") in html
        label = str(Task._meta.get_field("lead_unit").verbose_name).capitalize()
        assert (
            row.format(label=label, before=tree.mttq_dinh_cong.name, after="Phường Đại Kim") in html
        )
        assert TaskStatus.IN_PROGRESS.value not in html  # the code, never the label
        assert f"<ins>{tree.dai_kim.pk}</ins>" not in html
        raw_free(html)


def _content(*blocks: tuple[int, str]) -> dict[str, Any]:
    return {
        "kind": "report",
        "heading": {
            "style": "party",
            "superior": "",
            "issuer": "BAN DÂN VẬN",
            "number_line": "",
            "place_date": "",
        },
        "type_name": "BÁO CÁO",
        "subject": "kết quả công tác dân vận tháng 2/2026",
        "blocks": [{"text": t, "level": lvl, "source": "", "table": None} for lvl, t in blocks],
        "tables": [],
        "recipients": ["- Thường trực Thành ủy,"],
        "signature": {"authority": "T/M BAN THƯỜNG VỤ", "title": "TRƯỞNG BAN", "name": ""},
    }


BEFORE = (
    (1, "I. TÌNH HÌNH NHÂN DÂN"),
    (0, "Nhân dân phấn khởi."),
    (1, "II. KẾT QUẢ CÔNG TÁC DÂN VẬN"),
    (2, "1. Công tác tham mưu"),
    (0, "Tham mưu kế hoạch."),
    (2, "2. Dân vận chính quyền"),
    (0, "Tiếp dân định kỳ."),
)


def test_a_draft_change_is_summarised_by_section_not_dumped(tree, cast):
    draft = ReportDraft.objects.create(
        org_unit=tree.hoang_mai,
        issuer=tree.bdv_hoang_mai,
        period="2026-02",
        content=_content(*BEFORE),
    )
    edited = [*BEFORE]
    edited[4] = (0, "Tham mưu kế hoạch năm 2026 và chương trình phối hợp.")
    edited.append((1, "III. PHƯƠNG HƯỚNG THÁNG TỚI"))
    edited.append((0, "Tiếp tục triển khai."))
    with acting_as(cast.board):
        draft.content = _content(*edited)
        draft.save()
    shown = panel(login(cast.board), reverse("drafting:draft", args=[draft.pk]))
    page = audit_page(login(cast.admin), q="2026-02")
    for html in (shown, page):
        assert "Nội dung" in html
        assert "<li>Mục II.1: sửa nội dung</li>" in html
        assert "<li>Thêm mục III «III. PHƯƠNG HƯỚNG THÁNG TỚI»</li>" in html
        assert "Mục I:" not in html and "Mục II.2" not in html  # untouched sections stay out
        assert "Tham mưu kế hoạch năm 2026" not in html  # the summary, not the text
        raw_free(html)


def test_a_move_shows_the_units_above_and_the_version_stays_small(tree, cast):
    client = login(cast.board)
    client.post(
        f"/quan-ly/don-vi/{tree.dai_kim.pk}/sua/", unit_form(tree.dai_kim, name="Phường Đại Kim 2")
    )
    shown = panel(client, f"/quan-ly/don-vi/{tree.dai_kim.pk}/")
    assert "<td>Phiên bản</td>" not in shown
    assert 'class="muted version">phiên bản 2</small>' in shown
    with acting_as(cast.admin):
        org_unit_move(actor=cast.admin, unit=tree.dinh_cong, new_parent=tree.tay_ho)
    page = audit_page(login(cast.admin), q=tree.mttq_dinh_cong.name)
    above = f"{tree.root.name} › {tree.hanoi.name}"
    assert (
        f"<b>Thuộc đơn vị</b>: <del>{above} › {tree.hoang_mai.name} › Phường Định Công</del>"
        in page
    )
    assert f"<ins>{above} › {tree.tay_ho.name} › Phường Định Công</ins>" in page
    assert f"/{tree.dinh_cong.pk}/" not in page


def test_a_long_text_is_cut_with_the_whole_behind_details(tree, cast, task):
    text = "Phối hợp tổ chức. " * 30
    with acting_as(cast.board):
        task.description = text
        task.save()
    shown = panel(login(cast.board), reverse("tasks:detail", args=[task.pk]))
    assert '<details class="long-value"><summary>Phối hợp tổ chức.' in shown
    assert "…</summary>" in shown
    assert text.strip() in shown


def test_queries_do_not_grow_with_the_entries(tree, cast, task):
    client = login(cast.admin)
    units = [tree.dai_kim, tree.dinh_cong, tree.mttq_dinh_cong, tree.buoi, tree.tay_ho]

    def change(times: int) -> int:
        with acting_as(cast.board):
            for i in range(times):
                task.lead_unit = units[i % len(units)]
                task.status = TaskStatus.IN_PROGRESS if i % 2 else TaskStatus.NEW
                task.save()
        with CaptureQueriesContext(connection) as page_queries:
            audit_page(client, q="Ngày hội")
        with CaptureQueriesContext(connection) as panel_queries:
            panel(client, reverse("tasks:detail", args=[task.pk]))
        return len(page_queries) + len(panel_queries)

    few = change(2)
    many = change(12)
    assert LogEntry.objects.get_for_object(task).count() >= 14
    assert many == few
