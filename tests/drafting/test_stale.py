"""Two officers editing one draft (issue 11 §2): each paragraph and each head field is
guarded by the token of the text its editor opened, so a paragraph someone changed
meanwhile is refused with their text shown and the user's text kept; edits of different
paragraphs both survive; a draft compiled again meanwhile refuses the save."""

from __future__ import annotations

import html
from functools import partial
from typing import Any

import pytest
from django.db import connection
from django.urls import reverse

from danvan.access.roles import Role
from danvan.core.concurrency import StaleText, text_token
from danvan.drafting import services
from danvan.drafting.models import ReportDraft
from tests.conftest import client_for
from tests.factories import UserFactory, grant
from tests.stale import REFUSAL, _FormReader


@pytest.fixture
def draft(district: Any, cast: Any) -> ReportDraft:
    return services.draft_create(actor=cast.board, org_unit=district.hoang_mai, period="2023-02")


@pytest.fixture
def colleague(district: Any) -> Any:
    user = UserFactory(username="board_b", full_name="Trần Văn Biên")
    grant(user, Role.BOARD_STAFF, district.hoang_mai)
    return user


def _paragraphs(draft: ReportDraft) -> list[int]:
    return [i for i, b in enumerate(draft.content["blocks"]) if b["level"] == 0 and b["text"]]


def _text(draft: ReportDraft, index: int) -> str:
    draft.refresh_from_db()
    return draft.content["blocks"][index]["text"]


def _opened(client: Any, draft: ReportDraft, body: str | None = None) -> dict[str, Any]:
    """The draft's edit form as a browser would send it unchanged."""
    reader = _FormReader()
    reader.feed(body or client.get(reverse("drafting:draft", args=[draft.pk])).content.decode())
    for data in reader.forms:
        if "layout" in data:
            data.pop("csrfmiddlewaretoken", None)
            return {k: v[0] if len(v) == 1 else v for k, v in data.items()}
    raise AssertionError("the draft page has no edit form")


def _blocks(draft: ReportDraft, **texts: str) -> list[dict[str, Any]]:
    blocks = [dict(b) for b in draft.content["blocks"]]
    for key, text in texts.items():
        blocks[int(key[1:])]["text"] = text
    return blocks


# --- the service -------------------------------------------------------------------------


def test_the_second_editor_of_one_paragraph_is_refused(draft, cast, colleague):
    index = _paragraphs(draft)[0]
    opened = {f"text-{index}": text_token(draft.content["blocks"][index]["text"])}
    layout = services.layout_token(draft.content)
    services.draft_update(
        actor=colleague,
        draft=ReportDraft.objects.get(pk=draft.pk),
        blocks=_blocks(draft, **{f"b{index}": "Bản của anh Biên."}),
        tokens=opened,
        layout=layout,
    )
    version = ReportDraft.objects.get(pk=draft.pk).version
    with pytest.raises(StaleText) as refused:
        services.draft_update(
            actor=cast.board,
            draft=ReportDraft.objects.get(pk=draft.pk),
            blocks=_blocks(draft, **{f"b{index}": "Bản của tôi."}),
            tokens=opened,
            layout=layout,
        )
    assert [c.text for c in refused.value.clashes] == ["Bản của anh Biên."]
    assert refused.value.who == str(colleague)
    assert _text(draft, index) == "Bản của anh Biên."
    assert draft.version == version


def test_edits_of_different_paragraphs_from_the_same_opening_both_survive(draft, cast, colleague):
    first, second = _paragraphs(draft)[:2]
    blocks = draft.content["blocks"]
    opened = {f"text-{i}": text_token(b["text"]) for i, b in enumerate(blocks)}
    layout = services.layout_token(draft.content)
    for who, index, text in ((colleague, first, "Đoạn một mới."), (cast.board, second, "Hai.")):
        services.draft_update(
            actor=who,
            draft=ReportDraft.objects.get(pk=draft.pk),
            blocks=_blocks(draft, **{f"b{index}": text}),  # the rest as it was opened
            tokens=opened,
            layout=layout,
        )
    assert (_text(draft, first), _text(draft, second)) == ("Đoạn một mới.", "Hai.")


# --- the page ----------------------------------------------------------------------------


def test_the_page_refuses_a_stale_paragraph_and_keeps_the_users_text(draft, cast, colleague):
    url = reverse("drafting:draft", args=[draft.pk])
    save = reverse("drafting:draft_save", args=[draft.pk])
    a, b = client_for(cast.board), client_for(colleague)
    form_a, form_b = _opened(a, draft), _opened(b, draft)
    first, second = _paragraphs(draft)[:2]

    saved = b.post(save, {**form_b, f"text-{first}": "Anh Biên sửa đoạn này."})
    assert saved.status_code == 302
    refused = a.post(
        save,
        {**form_a, f"text-{first}": "Tôi cũng sửa đoạn này.", f"text-{second}": "Và đoạn sau."},
    )
    body = html.unescape(refused.content.decode())
    assert refused.status_code == 400
    assert REFUSAL in body and str(colleague) in body
    assert "Anh Biên sửa đoạn này." in body  # the other person's text, shown
    assert "Tôi cũng sửa đoạn này." in body and "Và đoạn sau." in body  # mine, kept
    assert _text(draft, first) == "Anh Biên sửa đoạn này."
    assert _text(draft, second) != "Và đoạn sau."  # nothing of the refused save

    # Saving the refused page again (after reading the other text) is deliberate: it passes.
    again = a.post(save, _opened(a, draft, refused.content.decode()))
    assert again.status_code == 302
    assert _text(draft, first) == "Tôi cũng sửa đoạn này."
    assert _text(draft, second) == "Và đoạn sau."
    assert client_for(cast.board).get(url).status_code == 200


def test_the_page_keeps_both_edits_of_different_paragraphs_and_head_fields(draft, cast, colleague):
    save = reverse("drafting:draft_save", args=[draft.pk])
    a, b = client_for(cast.board), client_for(colleague)
    form_a, form_b = _opened(a, draft), _opened(b, draft)
    first, second = _paragraphs(draft)[:2]
    assert (
        b.post(save, {**form_b, f"text-{first}": "Của B.", "name": "Trần Văn Biên"}).status_code
        == 302
    )
    assert (
        a.post(save, {**form_a, f"text-{second}": "Của A.", "title": "TRƯỞNG BAN"}).status_code
        == 302
    )
    draft.refresh_from_db()
    assert (_text(draft, first), _text(draft, second)) == ("Của B.", "Của A.")
    assert draft.content["signature"]["name"] == "Trần Văn Biên"
    assert draft.content["signature"]["title"] == "TRƯỞNG BAN"


def test_a_stale_head_field_is_listed_with_the_form(draft, cast, colleague):
    save = reverse("drafting:draft_save", args=[draft.pk])
    a, b = client_for(cast.board), client_for(colleague)
    form_a, form_b = _opened(a, draft), _opened(b, draft)
    assert b.post(save, {**form_b, "subject": "Trích yếu của B"}).status_code == 302
    refused = a.post(save, {**form_a, "subject": "Trích yếu của A"})
    body = html.unescape(refused.content.decode())
    assert refused.status_code == 400 and REFUSAL in body
    # The other person's text, listed with the form; mine stays in the field.
    assert '<th scope="row">Trích yếu</th><td class="stale-value">Trích yếu của B</td>' in body
    assert "Trích yếu của A" in body
    draft.refresh_from_db()
    assert draft.content["subject"] == "Trích yếu của B"


def test_a_draft_compiled_again_meanwhile_refuses_the_save(draft, cast, colleague):
    save = reverse("drafting:draft_save", args=[draft.pk])
    a = client_for(cast.board)
    form_a = _opened(a, draft)
    index = _paragraphs(draft)[0]
    content = dict(draft.content)
    content["blocks"] = [
        *content["blocks"],
        {"text": "Thêm.", "level": 0, "source": "", "table": None},
    ]
    ReportDraft.objects.filter(pk=draft.pk).update(content=content)
    refused = a.post(save, {**form_a, f"text-{index}": "Sửa trên bản cũ."})
    assert refused.status_code == 400
    assert "tổng hợp lại" in html.unescape(refused.content.decode())
    assert _text(draft, index) != "Sửa trên bản cũ."


# --- the race, on PostgreSQL --------------------------------------------------------------


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite serialises writers")
@pytest.mark.django_db(transaction=True)
def test_two_editors_of_one_paragraph_at_once_keep_one_and_refuse_the_other(
    district, cast, colleague
):
    from tests.reporting.test_concurrency import _race

    def attempt(call):
        try:
            call()
        except StaleText as error:
            return error
        return "saved"

    for round_ in range(10):
        draft = services.draft_create(
            actor=cast.board, org_unit=district.hoang_mai, period="2023-02"
        )
        index = _paragraphs(draft)[0]
        opened = {f"text-{index}": text_token(draft.content["blocks"][index]["text"])}
        layout = services.layout_token(draft.content)

        def write(user, text, pk=draft.pk, index=index, opened=opened, layout=layout):
            fresh = ReportDraft.objects.get(pk=pk)
            services.draft_update(
                actor=user,
                draft=fresh,
                blocks=_blocks(fresh, **{f"b{index}": text}),
                tokens=opened,
                layout=layout,
            )

        outcomes = _race(
            partial(attempt, partial(write, cast.board, "Của A.")),
            partial(attempt, partial(write, colleague, "Của B.")),
        )
        assert sorted(o == "saved" for o in outcomes) == [False, True], round_
        stored = _text(draft, index)
        assert stored in ("Của A.", "Của B.")
        assert next(o for o in outcomes if o != "saved").clashes[0].text == stored
