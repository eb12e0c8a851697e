"""The portal's «Dân vận khéo» section: recognised models their unit made public, with
name, unit, field, year, summary and photo; searchable without marks; publishing and
withdrawing empty the page cache at once."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from danvan.access.system import SYSTEM
from danvan.emulation import services
from danvan.emulation.models import State
from danvan.portal.setup import ensure_tree, section
from tests.emulation.conftest import put_in, register


@pytest.fixture(autouse=True)
def _page_cache(settings: Any) -> Any:
    cache.clear()
    settings.PORTAL_CACHE_SECONDS = 60
    yield
    cache.clear()


@pytest.fixture
def page_url(db: Any) -> str:
    ensure_tree()
    return str(section("dan-van-kheo").url)


def _public(campaign: Any, unit: Any, name: str, summary: str, media: Any = None) -> Any:
    model = put_in(register(campaign, unit, name=name), State.RECOGNISED)
    services.model_update(actor=SYSTEM, model=model, summary=summary)
    if media is not None:
        out = io.BytesIO()
        Image.new("RGB", (8, 8), (20, 90, 160)).save(out, format="PNG")
        upload = SimpleUploadedFile("anh.png", out.getvalue())
        services.note_add(actor=SYSTEM, model=model, text="Ảnh", files=[upload], illustration=True)
    services.model_publish(actor=SYSTEM, model=model, public=True)
    return model


def test_public_models_in_the_section_with_their_photo(client, tree, campaign, page_url, media):
    model = _public(
        campaign, tree.mttq_dinh_cong, "Camera an ninh «Mắt thần»", "16 camera ở các ngõ.", media
    )
    put_in(register(campaign, tree.dai_kim, name="Vườn rau chưa công khai"), State.RECOGNISED)
    register(campaign, tree.buoi, name="Mới đăng ký")
    page = client.get(page_url).content.decode()
    assert "Camera an ninh «Mắt thần»" in page and "16 camera ở các ngõ." in page
    assert "Ủy ban MTTQ phường Định Công" in page and "Kinh tế" in page and "2026" in page
    assert "Ảnh minh họa" in page
    assert "Vườn rau chưa công khai" not in page and "Mới đăng ký" not in page
    photo = model.evidence.get()
    assert client.get(reverse("emulation_public_photo", args=[photo.pk])).status_code == 200


def test_search_without_marks(client, tree, campaign, page_url):
    _public(campaign, tree.mttq_dinh_cong, "Camera an ninh «Mắt thần»", "Ngõ an toàn.")
    _public(campaign, tree.dai_kim, "Vườn rau sạch", "Rau sạch cho bếp ăn.")
    page = client.get(page_url, {"q": "vuon rau"}).content.decode()
    assert "Vườn rau sạch" in page and "Camera an ninh" not in page
    page = client.get(page_url, {"q": "dinh cong"}).content.decode()
    assert "Camera an ninh" in page and "Vườn rau sạch" not in page


def test_publishing_and_withdrawing_empty_the_cache(client, tree, campaign, page_url, media):
    model = _public(campaign, tree.mttq_dinh_cong, "Camera an ninh", "16 camera.", media)
    client.get(page_url)
    assert client.get(page_url)["X-Portal-Cache"] == "HIT"
    services.model_publish(actor=SYSTEM, model=model, public=False)
    response = client.get(page_url)
    assert (
        response["X-Portal-Cache"] == "MISS" and "Camera an ninh" not in response.content.decode()
    )
    photo = model.evidence.get()
    assert client.get(reverse("emulation_public_photo", args=[photo.pk])).status_code == 404
    services.model_publish(actor=SYSTEM, model=model, public=True)
    client.get(page_url)
    # A public model that stops leaves the portal at once.
    services.model_move(actor=SYSTEM, model=model, move="dung_sau_cong_nhan", note="Không duy trì")
    assert "Camera an ninh" not in client.get(page_url).content.decode()
