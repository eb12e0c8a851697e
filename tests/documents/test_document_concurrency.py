"""Two officers editing one register entry: no silent overwrite."""

from __future__ import annotations

import pytest

from danvan.core.concurrency import StaleEdit
from danvan.documents.models import Document
from danvan.documents.services import document_update
from tests.conftest import client_for
from tests.stale import REFUSAL, page_flow


def test_document_page_refuses_the_stale_save_and_shows_the_other_change(cast, register):
    plan = register["ke_hoach_138"]
    page = page_flow(
        client_for(cast.board),
        client_for(cast.admin),
        f"/quan-ly/van-ban/{plan.pk}/sua/",
        b_changes={"title": "Triển khai công tác dân vận năm 2023 (bổ sung)"},
        a_changes={"note": "Ghi chú của Nguyễn Văn A"},
    )
    assert REFUSAL in page and "(bổ sung)" in page and "Nguyễn Văn A" in page
    stored = Document.objects.get(pk=plan.pk)
    assert stored.title.endswith("(bổ sung)") and stored.note == ""


def test_document_service_refuses_stale(cast, register):
    plan = register["ke_hoach_138"]
    document_update(actor=cast.admin, document=plan, version=1, title="Mới")
    with pytest.raises(StaleEdit):
        document_update(actor=cast.board, document=plan, version=1, title="Khác")
    assert Document.objects.get(pk=plan.pk).title == "Mới"
