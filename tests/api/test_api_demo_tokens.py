"""A demo account's API key works only while DEBUG is on, like its password."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from danvan.access.system import SYSTEM
from danvan.accounts.services import api_token_create
from tests.factories import UserFactory


@pytest.mark.parametrize("debug", [True, False])
def test_demo_api_key_works_only_in_debug(db, debug):
    demo = UserFactory(username="demo_board", is_demo=True)
    raw = api_token_create(actor=SYSTEM, user=demo, name="thử")[1]

    with override_settings(DEBUG=debug):
        response = Client().get("/api/v1/org-units", headers={"Authorization": f"Bearer {raw}"})

    assert (response.status_code == 200) is debug
    if not debug:
        assert response.status_code == 401


def test_a_real_account_key_works_without_debug(db):
    officer = UserFactory(username="can_bo_that")
    raw = api_token_create(actor=SYSTEM, user=officer, name="thử")[1]

    with override_settings(DEBUG=False):
        response = Client().get("/api/v1/org-units", headers={"Authorization": f"Bearer {raw}"})

    assert response.status_code == 200
