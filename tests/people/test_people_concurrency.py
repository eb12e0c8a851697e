"""Two officers editing one person's record (or one position): no silent overwrite."""

from __future__ import annotations

import pytest

from danvan.core.concurrency import StaleEdit
from danvan.people.models import Person, Position
from danvan.people.services import person_update, position_update
from tests.conftest import client_for
from tests.stale import REFUSAL, page_flow


def test_person_page_refuses_the_stale_save_and_shows_the_other_change(tree, cast, officials):
    hung = officials["hung"]
    page = page_flow(
        client_for(cast.board),
        client_for(cast.admin),
        f"/quan-ly/can-bo/{hung.pk}/sua/",
        b_changes={"phone": "0243 111 222"},
        a_changes={"email": "hung@hoangmai.vn"},
    )
    assert REFUSAL in page and cast.admin.full_name in page
    assert "Điện thoại" in page and "0243 111 222" in page
    assert 'value="hung@hoangmai.vn"' in page
    stored = Person.objects.get(pk=hung.pk)
    assert (stored.phone, stored.email) == ("0243 111 222", "")


def test_position_page_refuses_the_stale_save(tree, cast, officials):
    position = Position.objects.filter(person=officials["hung"]).get()
    page = page_flow(
        client_for(cast.board),
        client_for(cast.admin),
        f"/quan-ly/can-bo/chuc-vu/{position.pk}/sua/",
        b_changes={"term": "2020-2025"},
        a_changes={"source": "Quyết định 12"},
    )
    assert REFUSAL in page and "2020-2025" in page and 'value="Quyết định 12"' in page
    assert Position.objects.get(pk=position.pk).source != "Quyết định 12"


def test_person_service_keeps_both_fields_and_refuses_stale(tree, cast, officials):
    hung = officials["hung"]
    old = Person.objects.get(pk=hung.pk)
    person_update(actor=cast.admin, person=hung, phone="0243 1")
    person_update(actor=cast.board, person=old, email="a@b.vn")
    stored = Person.objects.get(pk=hung.pk)
    assert (stored.phone, stored.email, stored.version) == ("0243 1", "a@b.vn", 3)
    with pytest.raises(StaleEdit):
        person_update(actor=cast.board, person=stored, version=1, note="x")
    position = Position.objects.filter(person=hung).get()
    position_update(actor=cast.admin, position=position, version=1, term="2020-2025")
    with pytest.raises(StaleEdit):
        position_update(actor=cast.board, position=position, version=1, term="2025-2030")
