"""Evidence files on a progress report: judged by content and size, named in every
refusal, all or nothing; downloaded only within scope."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.access.roles import Role
from danvan.tasks.models import TaskEvidence, TaskStatus, TaskUpdate
from tests.documents.files import make_docx
from tests.factories import UserFactory, grant
from tests.hostile import MB, docx_bomb, peak_memory, with_macros
from tests.tasks.conftest import new_task

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def task(tree, today):
    return new_task(tree.dinh_cong, owner_unit=tree.hoang_mai, deadline=dt.date(2023, 3, 31))


def post_progress(client, task, *files, progress=60, note="Đã tổ chức 3 buổi đối thoại."):
    return client.post(
        reverse("tasks:progress", args=[task.pk]),
        {"progress": progress, "note": note, "evidence": list(files)},
    )


def test_good_files_are_kept_and_downloadable_within_scope(task, tree, cast, as_user, media):
    reporter = as_user(cast.reporter)
    response = post_progress(
        reporter,
        task,
        SimpleUploadedFile("bien-ban.pdf", PDF),
        SimpleUploadedFile("anh-hoi-nghi.png", PNG),
    )
    assert response.status_code == 302
    saved = {e.original_name: e.kind for e in TaskEvidence.objects.all()}
    assert saved == {"bien-ban.pdf": "pdf", "anh-hoi-nghi.png": "png"}
    task.refresh_from_db()
    assert (task.status, task.progress) == (TaskStatus.IN_PROGRESS, 60)

    page = reporter.get(reverse("tasks:detail", args=[task.pk])).content.decode()
    assert "bien-ban.pdf" in page and "Đã tổ chức 3 buổi đối thoại." in page

    evidence = TaskEvidence.objects.get(original_name="bien-ban.pdf")
    url = reverse("tasks:evidence", args=[evidence.pk])
    download = as_user(cast.viewer).get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert "attachment" in download["Content-Disposition"]
    # A leader of Quận Tây Hồ cannot reach it.
    tay_ho = UserFactory(username="tayho")
    grant(tay_ho, Role.UNIT_LEADER, tree.tay_ho)
    assert as_user(tay_ho).get(url).status_code == 404


def test_a_renamed_file_is_refused_by_content_and_nothing_is_saved(task, cast, as_user, media):
    response = post_progress(
        as_user(cast.reporter),
        task,
        SimpleUploadedFile("bien-ban.pdf", PDF),
        SimpleUploadedFile("bao-cao.pdf", b"MZ\x90\x00 not really a pdf"),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Tệp «bao-cao.pdf» không phải định dạng được nhận" in page
    assert "Tệp «bien-ban.pdf»" not in page
    assert not TaskUpdate.objects.exists() and not TaskEvidence.objects.exists()
    assert list(media.rglob("*.*")) == []
    task.refresh_from_db()
    assert (task.status, task.progress) == (TaskStatus.NEW, 0)


def test_a_file_over_the_size_limit_is_refused_naming_it(task, cast, as_user, media, settings):
    settings.UPLOAD_MAX_MB = 1
    big = SimpleUploadedFile("ho-so-lon.pdf", PDF + b"0" * (1024 * 1024))
    response = post_progress(as_user(cast.reporter), task, big)
    page = response.content.decode()
    assert "Tệp «ho-so-lon.pdf» nặng 1 MB" in page and "vượt giới hạn 1 MB" in page
    assert not TaskUpdate.objects.exists()
    assert list(media.rglob("*.*")) == []


def test_a_zip_bomb_or_a_macro_document_is_refused_without_being_inflated(
    task, cast, as_user, media
):
    with peak_memory() as peak:
        response = post_progress(
            as_user(cast.reporter),
            task,
            SimpleUploadedFile("bien-ban.docx", docx_bomb()),
            SimpleUploadedFile("ke-hoach.docx", with_macros(make_docx(["Kế hoạch"]))),
        )
    page = response.content.decode()
    assert "Tệp «bien-ban.docx» bị từ chối: dung lượng giải nén 360,6 MB" in page
    assert "Tệp «ke-hoach.docx» bị từ chối: tệp có chứa macro" in page
    assert not TaskUpdate.objects.exists() and not TaskEvidence.objects.exists()
    assert peak[0] < 64 * MB


def test_each_bad_file_is_named(task, cast, as_user, media):
    response = post_progress(
        as_user(cast.reporter),
        task,
        SimpleUploadedFile("mot.docx", b"plain text"),
        SimpleUploadedFile("hai.jpg", b"GIF89a..."),
    )
    page = response.content.decode()
    assert "Tệp «mot.docx»" in page and "Tệp «hai.jpg»" in page
    assert not TaskEvidence.objects.exists()
