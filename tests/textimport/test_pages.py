"""«Nhập từ bài viết» driven through its pages: bring a text in, review, accept; the same
text twice; who may; bad files; a stale accept."""

from __future__ import annotations

import html
import io
import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.documents.models import Citation
from danvan.meetings.models import Attendance, Meeting
from danvan.people.models import Person
from danvan.textimport.models import ArticleImport
from tests.conftest import client_for
from tests.stale import form_data

ARTICLE = """Ban Dân vận Quận ủy Hoàng Mai giao ban công tác dân vận tháng 3

Ngày đăng 05/04/2024 | 09:00

Chiều 2/4, Ban Dân vận Quận ủy Hoàng Mai tổ chức hội nghị giao ban công tác dân vận tháng 3, triển khai nhiệm vụ tháng 4 năm 2024. Đồng chí Khương Quốc Hưng - UVTV, Trưởng Ban Dân vận Quận ủy chủ trì hội nghị. Dự hội nghị có đồng chí Lưu Thị Bình - Phó Chủ tịch Ủy ban MTTQ quận.

Hội nghị đã quán triệt Chỉ thị 18-CT/TW của Ban Bí thư. Trong tháng, các đơn vị đã tiếp 45 lượt công dân và trao 120 suất quà cho hộ nghèo.
"""  # noqa: E501


def errors(answer: Any) -> list[str]:
    return re.findall(
        r"(?:errorlist|form-errors)[^>]*>(?:<li>|<p>)?([^<]+)",
        html.unescape(answer.content.decode()),
    )


@pytest.fixture
def board(cast: Any) -> Any:
    return client_for(cast.board)


def _bring(client: Any, text: str = ARTICLE) -> Any:
    return client.post("/quan-ly/nhap-bai-viet/moi/", {"text": text})


def test_bring_review_accept(board: Any, cast: Any, tree: Any, officials: Any) -> None:
    answer = _bring(board)
    assert answer.status_code == 302
    item = ArticleImport.objects.get()
    url = f"/quan-ly/nhap-bai-viet/{item.pk}/"
    assert answer["Location"] == url
    page = html.unescape(board.get(url).content.decode())
    # Each proposal beside the words it came from.
    assert '<mark data-field="chair_names" title="Chủ trì">Khương Quốc Hưng</mark>' in page
    assert '<mark data-field="meeting_date" title="Ngày họp">Chiều 2/4</mark>' in page
    assert "18-CT/TW" in page

    data = form_data(board, url)
    assert data["held_on"] == "2024-04-02"
    assert data["period_code"] == "2024-03"
    assert data["org_unit"] == str(tree.bdv_hoang_mai.pk)
    # Hưng is matched to his record; Bình, unknown, is proposed as new.
    rows = {data[f"nguoi-{i}-name"]: i for i in range(int(data["nguoi-TOTAL_FORMS"]))}
    assert data[f"nguoi-{rows['Khương Quốc Hưng']}-match"] == str(officials["hung"].pk)
    assert data[f"nguoi-{rows['Khương Quốc Hưng']}-role"] == "chu_tri"
    assert data[f"nguoi-{rows['Lưu Thị Bình']}-match"] == "moi"
    assert not Meeting.objects.exists()  # nothing is written before accepting

    accepted = board.post(f"{url}chap-nhan/", data)
    assert accepted.status_code == 302, errors(accepted)
    meeting = Meeting.objects.get()
    assert accepted["Location"] == f"/quan-ly/hoi-nghi/{meeting.pk}/"
    assert (meeting.org_unit, meeting.kind.code, meeting.period_code) == (
        tree.bdv_hoang_mai,
        "giao-ban-thang",
        "2024-03",
    )
    assert meeting.starts_at.date().isoformat() == "2024-04-02"
    chair = meeting.attendances.get(role=Attendance.Role.CHAIR)
    assert chair.person == officials["hung"]
    binh = Person.objects.get(full_name="Lưu Thị Bình")
    assert binh.positions.get().title == "Phó Chủ tịch Ủy ban MTTQ quận"
    assert f"#{item.pk}" in binh.positions.get().source
    assert meeting.attendances.filter(person=binh).exists()
    cited = Citation.objects.filter(meeting=meeting).select_related("document")
    assert any(c.document.number == "18" for c in cited)
    item.refresh_from_db()
    assert (item.status, item.meeting) == (ArticleImport.Status.ACCEPTED, meeting)
    # The meeting shows where it came from.
    assert (
        f"/quan-ly/nhap-bai-viet/{item.pk}/"
        in board.get(f"/quan-ly/hoi-nghi/{meeting.pk}/").content.decode()
    )
    # The accepted import says what was read in the product's words, not as codes.
    read = html.unescape(board.get(url).content.decode())
    assert "<dd>02/04/2024</dd>" in read and "<dd>tháng 3/2024</dd>" in read
    assert "2024-03" not in read.split("Đề xuất đã đọc")[1]

    # The same text again proposes nothing new.
    again = _bring(board, ARTICLE.replace("\n\n", "\n \n"))
    assert again["Location"] == url
    assert ArticleImport.objects.count() == 1
    # Accepting twice is refused.
    refused = board.post(f"{url}chap-nhan/", {**data, "version": str(item.version)})
    assert refused.status_code == 400
    assert Meeting.objects.count() == 1


def test_a_stale_accept_is_refused_and_writes_nothing(board: Any, cast: Any, tree: Any) -> None:
    _bring(board)
    item = ArticleImport.objects.get()
    url = f"/quan-ly/nhap-bai-viet/{item.pk}/"
    data = form_data(board, url)
    other = client_for(cast.admin)
    assert (
        other.post(f"{url}bo-qua/", {"version": str(item.version), "note": "trùng"}).status_code
        == 302
    )
    other.post(f"{url}bo-qua/", {"version": str(item.version + 1), "reopen": "1"})
    answer = board.post(f"{url}chap-nhan/", data)
    assert answer.status_code == 400
    assert "Admin" in " ".join(errors(answer)), errors(answer)
    assert not Meeting.objects.exists()
    assert not Person.objects.filter(full_name="Lưu Thị Bình").exists()


def test_who_may_import(cast: Any, tree: Any) -> None:
    for user in (cast.viewer, cast.stranger, cast.reporter):
        client = client_for(user)
        listed = client.get("/quan-ly/nhap-bai-viet/")
        if user is cast.reporter:
            # A unit reporter sees the page for its units' Word reports, not the articles.
            assert listed.status_code == 200
            assert "/quan-ly/nhap-bai-viet/moi/" not in listed.content.decode()
        else:
            assert listed.status_code == 404
        assert _bring(client).status_code == 404
    _bring(client_for(cast.board))
    item = ArticleImport.objects.get()
    # Another unit's leader does not see a draft that is not theirs.
    assert client_for(cast.leader).get(f"/quan-ly/nhap-bai-viet/{item.pk}/").status_code == 404


def test_discard_then_the_same_text_shows_it_and_it_can_be_reopened(board: Any, cast: Any) -> None:
    _bring(board)
    item = ArticleImport.objects.get()
    url = f"/quan-ly/nhap-bai-viet/{item.pk}/"
    board.post(f"{url}bo-qua/", {"version": str(item.version), "note": "Bài trùng"})
    item.refresh_from_db()
    assert (item.status, item.note) == (ArticleImport.Status.DISCARDED, "Bài trùng")
    assert "Xem xét lại" in board.get(url).content.decode()
    board.post(f"{url}bo-qua/", {"version": str(item.version), "reopen": "1"})
    item.refresh_from_db()
    assert item.status == ArticleImport.Status.PROPOSED


def _docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_files_word_html_and_refusals(board: Any, cast: Any) -> None:
    word = SimpleUploadedFile("bao-cao.docx", _docx(ARTICLE))
    answer = board.post("/quan-ly/nhap-bai-viet/moi/", {"file": word})
    assert answer.status_code == 302, errors(answer)
    item = ArticleImport.objects.get()
    assert item.source_kind == "docx" and item.proposal["meeting_date"] == "2024-04-02"
    page = (
        "<html><head><script>var x=1</script></head><body><nav>Trang chủ | Tin tức</nav>"
        "<article><h1>Giao ban tháng 5</h1><p>Sáng 3/6/2024, Ban Dân vận Quận ủy tổ chức hội"
        " nghị giao ban công tác dân vận tháng 5 với nhiều nội dung quan trọng đã được bàn.</p>"
        "</article><footer>Bản quyền</footer></body></html>"
    )
    saved = SimpleUploadedFile("tin.html", page.encode())
    assert board.post("/quan-ly/nhap-bai-viet/moi/", {"file": saved}).status_code == 302
    web = ArticleImport.objects.get(source_kind="html")
    assert "var x" not in web.text and "Bản quyền" not in web.text
    assert web.proposal["meeting_date"] == "2024-06-03"

    png = SimpleUploadedFile("anh.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    refused = board.post("/quan-ly/nhap-bai-viet/moi/", {"file": png})
    assert refused.status_code == 400
    assert "«anh.txt» là" in html.unescape(refused.content.decode())
    latin = SimpleUploadedFile(
        "cu.txt", "Hội nghị".encode("cp1258", errors="replace") + b"\xff\xfe"
    )
    refused = board.post("/quan-ly/nhap-bai-viet/moi/", {"file": latin})
    assert refused.status_code == 400
    assert "không phải văn bản UTF-8" in html.unescape(refused.content.decode())
    nul = board.post("/quan-ly/nhap-bai-viet/moi/", {"text": "Chiều 2/4\x00 họp"})
    assert nul.status_code == 400
    empty = board.post("/quan-ly/nhap-bai-viet/moi/", {"text": "  "})
    assert empty.status_code == 400
    assert ArticleImport.objects.count() == 2


def test_bad_review_input_is_a_400_naming_the_field(board: Any, tree: Any) -> None:
    _bring(board)
    item = ArticleImport.objects.get()
    url = f"/quan-ly/nhap-bai-viet/{item.pk}/"
    data = form_data(board, url)
    for field, value in (
        ("held_on", "2024-13-45"),
        ("period_code", "quý 9"),
        ("so_lieu-0-value", "1" + "0" * 30),
        ("nguoi-0-match", "99999999"),
        ("version", "abc"),
    ):
        answer = board.post(f"{url}chap-nhan/", {**data, field: value})
        assert answer.status_code == 400, field
    assert not Meeting.objects.exists()


def test_command_commit_accepts_as_offered_and_twice_changes_nothing(
    tmp_path: Any, cast: Any, tree: Any, officials: Any
) -> None:
    from django.core.management import CommandError, call_command

    path = tmp_path / "bai.txt"
    path.write_text(ARTICLE, "utf-8")
    out = io.StringIO()
    call_command("import_article", str(path), "--commit", "--as", "board", stdout=out)
    assert "Đã tạo hội nghị" in out.getvalue()
    meeting = Meeting.objects.get()
    assert meeting.attendances.get(role=Attendance.Role.CHAIR).person == officials["hung"]
    out = io.StringIO()
    call_command("import_article", str(path), "--commit", "--as", "board", stdout=out)
    assert "đã nhập trước đó" in out.getvalue()
    assert Meeting.objects.count() == 1
    with pytest.raises(CommandError, match="--as"):
        call_command("import_article", str(path), "--commit", stdout=io.StringIO())
    with pytest.raises(CommandError, match="quyền"):
        other = tmp_path / "khac.txt"
        other.write_text(ARTICLE.replace("Chiều 2/4", "Sáng 9/4"), "utf-8")
        call_command(
            "import_article", str(other), "--commit", "--as", "viewer", stdout=io.StringIO()
        )


def test_a_draft_report_from_the_chosen_figures(
    board: Any, cast: Any, tree: Any, reporting_clock: Any
) -> None:
    from danvan.reporting.catalog import ensure_catalog
    from danvan.reporting.models import DataValue

    ensure_catalog()
    _bring(board)
    item = ArticleImport.objects.get()
    url = f"/quan-ly/nhap-bai-viet/{item.pk}/"
    data = form_data(board, url)
    figures = {data[f"so_lieu-{i}-indicator"]: i for i in range(int(data["so_lieu-TOTAL_FORMS"]))}
    assert {"TIEP_CONG_DAN", "QUA_SUAT"} <= set(figures)
    answer = board.post(f"{url}chap-nhan/", {**data, "make_report": "on"})
    assert answer.status_code == 302, errors(answer)
    item.refresh_from_db()
    assert item.report is not None and item.report.period == "2024-03"
    values = dict(
        DataValue.objects.filter(org_unit=tree.bdv_hoang_mai, period="2024-03").values_list(
            "indicator__code", "value"
        )
    )
    assert (values["TIEP_CONG_DAN"], values["QUA_SUAT"]) == (45, 120)


def test_batch_import_accepts_the_sure_ones_and_leaves_the_rest(
    tmp_path: Any, cast: Any, tree: Any, officials: Any
) -> None:
    from django.core.management import call_command

    folder = tmp_path / "cong-thong-tin"
    (folder / "2024").mkdir(parents=True)
    (folder / "2024" / "giao-ban.txt").write_text(ARTICLE, "utf-8")
    (folder / "2024" / "ban-sao.txt").write_text(ARTICLE.replace("\n\n", "\n"), "utf-8")
    (folder / "vague.txt").write_text(
        "Tin hoạt động\n\nBan Dân vận Quận ủy Hoàng Mai vừa tổ chức buổi gặp mặt các cán bộ"
        " dân vận tiêu biểu của quận với nhiều nội dung trao đổi thiết thực.\n",
        "utf-8",
    )
    (folder / "hong.pdf").write_bytes(b"%PDF-1.4 not really")
    (folder / "anh.png").write_bytes(b"\x89PNG")  # not an article: skipped
    out = io.StringIO()
    call_command("import_articles", str(folder), "--as", "board", "--auto", "0.85", stdout=out)
    text = out.getvalue()
    assert "[4/4]" in text
    # Sorted: the copy comes first and is accepted; the original is then the same text.
    assert "2024/ban-sao.txt: tự chấp nhận" in text
    assert "2024/giao-ban.txt: đã nhập trước đó" in text
    assert "vague.txt: chờ xem xét" in text
    assert "hong.pdf: không nhập được" in text
    assert (
        "Tổng kết: đề xuất 2; tự chấp nhận 1; chờ xem xét 1; đã nhập trước đó 1; không nhập được 1"
        in text
    )
    assert Meeting.objects.count() == 1
    assert ArticleImport.objects.filter(status=ArticleImport.Status.PROPOSED).count() == 1
