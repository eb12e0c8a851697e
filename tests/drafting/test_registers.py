"""A register's sub-section of the compiled report (danvan.drafting.registers): numbered
after the report's own, each paragraph traceable to the register's list in the editor,
kept through an edit; a link that is not a path of this site is never kept."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from danvan.drafting import registers, services
from danvan.drafting.context import document_from_dict
from tests.conftest import client_for

LIST = "/quan-ly/so-thu/?don_vi=1&tu=2023-02-01"


@pytest.fixture
def welfare_like(monkeypatch: Any) -> None:
    def build(user: Any, root: Any, period: Any) -> list[registers.Paragraph]:
        return [registers.Paragraph(f"Trong {period.label}, đã trao 12 suất quà.", "Sổ thử", LIST)]

    found = dict(registers._CONTRIBUTIONS)
    found["thu"] = registers.Contribution("thu", "ket_qua", "Công tác an sinh xã hội", 90, build)
    monkeypatch.setattr(registers, "_CONTRIBUTIONS", found)


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def test_the_register_paragraph_links_to_its_list_and_survives_an_edit(
    welfare_like: None, district: Any, cast: Any
) -> None:
    draft = services.draft_create(actor=cast.board, org_unit=district.hoang_mai, period="2023-02")
    document = document_from_dict(draft.content)
    texts = [b.text for b in document.blocks]
    heading = next(t for t in texts if t.endswith(". Công tác an sinh xã hội"))
    # After the report's own sub-sections (figures, the units' results).
    assert heading.startswith("3. ")
    index = next(i for i, b in enumerate(document.blocks) if b.source == "Sổ thử")
    assert document.blocks[index].link == LIST

    page = client_for(cast.board).get(reverse("drafting:draft", args=[draft.pk]))
    body = page.content.decode()
    assert f'<a href="{LIST.replace("&", "&amp;")}">Sổ thử</a>' in body

    response = client_for(cast.board).post(
        reverse("drafting:draft_save", args=[draft.pk]),
        {
            f"text-{index}": "Trong tháng 2/2023, đã trao 12 suất quà cho hộ nghèo.",
            "subject": document.subject,
            "recipients": "- Thường trực Quận ủy,\n- Lưu VP.",
            "authority": "K/T TRƯỞNG BAN",
            "title": "PHÓ TRƯỞNG BAN",
            "name": "Khương Quốc Hưng",
        },
        follow=True,
    )
    assert "Đã lưu các chỉnh sửa của dự thảo." in response.content.decode()
    draft.refresh_from_db()
    saved = document_from_dict(draft.content).blocks[index]
    assert saved.text.endswith("cho hộ nghèo.") and saved.link == LIST


@pytest.mark.parametrize("link", ["javascript:alert(1)", "//evil.example/x", "https://x.vn/"])
def test_a_link_elsewhere_is_dropped(link: str) -> None:
    cleaned = services._clean_blocks([{"text": "Đoạn.", "source": "Sổ", "link": link}], 0)
    assert cleaned[0]["link"] == ""
    kept = services._clean_blocks([{"text": "Đoạn.", "source": "Sổ", "link": LIST}], 0)
    assert kept[0]["link"] == LIST
