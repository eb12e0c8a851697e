"""Two people writing the same report's narrative (issue 11 §2): each section is guarded
by the token of the text its writer started from, so a section someone changed meanwhile
is refused with their text shown, and saves of different sections both survive."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.urls import reverse

from danvan.core.concurrency import StaleText, text_token
from danvan.reporting.models import Report, ReportForm
from danvan.reporting.services import report_save_narrative

PERIOD = "2024-03"


@pytest.fixture
def form(catalog):
    return ReportForm.objects.get(code="BC_THANG")


def _save(cast_user, form, unit, tokens=None, **narrative):
    return report_save_narrative(
        actor=cast_user,
        form=form,
        org_unit=unit,
        period=PERIOD,
        narrative=narrative,
        tokens=tokens,
    )


def _stored(unit):
    return Report.objects.get(org_unit=unit, period=PERIOD).narrative


# --- the service -------------------------------------------------------------------------


def test_the_second_writer_of_one_section_is_refused_with_the_first_ones_text(
    cast, open_tree, form
):
    unit = open_tree.dinh_cong
    _save(cast.reporter, form, unit, ket_qua="Bản đầu.")
    opened = text_token("Bản đầu.")
    _save(cast.leader, form, unit, tokens={"ket_qua": opened}, ket_qua="Bản của lãnh đạo.")
    version = Report.objects.get().version
    with pytest.raises(StaleText) as refused:
        _save(cast.reporter, form, unit, tokens={"ket_qua": opened}, ket_qua="Bản của tôi.")
    error = refused.value
    assert [c.key for c in error.clashes] == ["ket_qua"]
    assert error.clashes[0].text == "Bản của lãnh đạo."
    assert error.who == str(cast.leader) and error.when is not None
    assert "sau khi bạn mở trang" in error.messages[0]
    assert _stored(unit) == {"ket_qua": "Bản của lãnh đạo."}
    assert Report.objects.get().version == version  # nothing written


def test_saves_of_different_sections_from_the_same_page_both_survive(cast, open_tree, form):
    unit = open_tree.dinh_cong
    _save(cast.reporter, form, unit, ket_qua="Kết quả.", tinh_hinh="Tình hình.")
    tokens = {"ket_qua": text_token("Kết quả."), "tinh_hinh": text_token("Tình hình.")}
    before = Report.objects.get().version
    _save(cast.leader, form, unit, tokens=tokens, ket_qua="Kết quả của lãnh đạo.")
    _save(cast.reporter, form, unit, tokens=tokens, tinh_hinh="Tình hình mới.")
    assert _stored(unit) == {"ket_qua": "Kết quả của lãnh đạo.", "tinh_hinh": "Tình hình mới."}
    assert Report.objects.get().version == before + 2


def test_writing_what_is_already_stored_or_from_the_new_token_passes(cast, open_tree, form):
    unit = open_tree.dinh_cong
    _save(cast.reporter, form, unit, ket_qua="A")
    _save(cast.leader, form, unit, tokens={"ket_qua": text_token("A")}, ket_qua="B")
    # Same text as stored: no clash, whatever the token.
    _save(cast.reporter, form, unit, tokens={"ket_qua": text_token("A")}, ket_qua="B")
    # From the token of what is stored now (the deliberate second save): passes.
    _save(cast.reporter, form, unit, tokens={"ket_qua": text_token("B")}, ket_qua="C")
    assert _stored(unit) == {"ket_qua": "C"}


# --- the entry page (htmx autosave and the whole sheet) ------------------------------------


def _page(client, unit):
    return client.get(reverse("reporting:entry", args=[unit.pk, PERIOD, "BC_THANG"]))


def _token_on(page, key):
    found = re.search(rf'name="t-{key}" id="t-{key}" value="([0-9a-f]+)"', page)
    assert found, f"the section {key} carries no token"
    return found.group(1)


def test_autosave_refuses_a_stale_section_and_shows_the_other_text(cast, open_tree, form, as_user):
    unit = open_tree.dinh_cong
    save = reverse("reporting:entry_save", args=[unit.pk, PERIOD, "BC_THANG"])
    reporter, leader = as_user(cast.reporter), as_user(cast.leader)
    token_r = _token_on(_page(reporter, unit).content.decode(), "n-ket_qua")
    token_l = _token_on(_page(leader, unit).content.decode(), "n-ket_qua")
    token_other = _token_on(_page(reporter, unit).content.decode(), "n-tinh_hinh")

    first = leader.post(save, {"n-ket_qua": "Lãnh đạo viết.", "t-n-ket_qua": token_l})
    answer = first.content.decode()
    assert "Đã lưu" in answer
    # The page's token follows the stored text (out of band), for the next autosave.
    assert f'id="t-n-ket_qua" value="{text_token("Lãnh đạo viết.")}" hx-swap-oob="true"' in answer
    second = leader.post(
        save, {"n-ket_qua": "Lãnh đạo viết thêm.", "t-n-ket_qua": text_token("Lãnh đạo viết.")}
    )
    assert "Đã lưu" in second.content.decode()

    refused = reporter.post(save, {"n-ket_qua": "Cán bộ viết.", "t-n-ket_qua": token_r})
    text = unescape(refused.content.decode())
    assert refused.status_code == 200  # htmx swaps it in next to the section
    assert "sau khi bạn mở trang" in text and str(cast.leader) in text
    assert "Lãnh đạo viết thêm." in text and "Đã lưu" not in text
    assert "Vẫn lưu nội dung của tôi" in text
    assert _stored(unit) == {"ket_qua": "Lãnh đạo viết thêm."}

    # Another section from the same (old) page still saves.
    other = reporter.post(save, {"n-tinh_hinh": "Ổn định.", "t-n-tinh_hinh": token_other})
    assert "Đã lưu" in other.content.decode()

    # «Vẫn lưu nội dung của tôi» sends the token of the text now stored: deliberate.
    forced_token = re.search(
        r'data-keep-mine="n-ket_qua" data-token="([0-9a-f]+)"', refused.content.decode()
    ).group(1)
    forced = reporter.post(save, {"n-ket_qua": "Cán bộ viết.", "t-n-ket_qua": forced_token})
    assert "Đã lưu" in forced.content.decode()
    assert _stored(unit) == {"ket_qua": "Cán bộ viết.", "tinh_hinh": "Ổn định."}


def test_the_whole_sheet_keeps_the_users_text_and_shows_the_other_one(
    cast, open_tree, form, as_user
):
    unit = open_tree.dinh_cong
    _save(cast.reporter, form, unit, ket_qua="Bản đầu.")
    url = reverse("reporting:entry", args=[unit.pk, PERIOD, "BC_THANG"])
    reporter = as_user(cast.reporter)
    page = _page(reporter, unit).content.decode()
    sheet = {
        "n-ket_qua": "Bản của cán bộ.",
        "o-n-ket_qua": "Bản đầu.",
        "t-n-ket_qua": _token_on(page, "n-ket_qua"),
    }
    _save(
        cast.leader, form, unit, tokens={"ket_qua": text_token("Bản đầu.")}, ket_qua="Bản lãnh đạo."
    )
    refused = reporter.post(url, sheet)
    text = unescape(refused.content.decode())
    assert refused.status_code == 400
    assert "sau khi bạn mở trang" in text and "Bản lãnh đạo." in text
    assert re.search(r'name="n-ket_qua"[^>]*>Bản của cán bộ\.</textarea>', text)
    assert _stored(unit) == {"ket_qua": "Bản lãnh đạo."}
    # The refused page carries the stored text's token: saving again is a deliberate choice.
    again = {**sheet, "t-n-ket_qua": _token_on(text, "n-ket_qua")}
    assert again["t-n-ket_qua"] == text_token("Bản lãnh đạo.")
    assert reporter.post(url, again).status_code == 302
    assert _stored(unit) == {"ket_qua": "Bản của cán bộ."}
