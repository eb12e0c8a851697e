"""PATCH /api/v1/org-units/{id} with versions: a stale version answers 409 naming it,
two PATCHes of different fields sent at the same moment both survive."""

from __future__ import annotations

import json
import threading
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from danvan.access.system import SYSTEM
from danvan.accounts.services import api_token_create
from danvan.org.models import OrgUnit


def bearer(user: Any) -> dict[str, str]:
    raw = api_token_create(actor=SYSTEM, user=user, name="thử")[1]
    return {"Authorization": f"Bearer {raw}"}


def patch(headers: dict[str, str], unit: OrgUnit, body: Any, **extra: str) -> Any:
    return Client().patch(
        f"/api/v1/org-units/{unit.pk}",
        data=json.dumps(body),
        content_type="application/json",
        headers={**headers, **extra},
    )


def test_get_gives_the_version_and_etag(tree, cast):
    answer = Client().get(f"/api/v1/org-units/{tree.dai_kim.pk}", headers=bearer(cast.board))
    assert answer.json()["version"] == 1
    assert answer["ETag"] == '"1"'


def test_patch_returns_the_new_version(tree, cast):
    answer = patch(bearer(cast.board), tree.dai_kim, {"note": "Mới", "version": 1})
    assert answer.status_code == 200
    assert answer.json()["version"] == 2
    assert answer["ETag"] == '"2"'


def test_stale_version_answers_409_naming_version_and_writes_nothing(tree, cast):
    headers = bearer(cast.board)
    assert (
        patch(bearer(cast.admin), tree.dai_kim, {"name": "Đại Kim mới", "version": 1}).status_code
        == 200
    )
    answer = patch(headers, tree.dai_kim, {"note": "Của Ban", "version": 1})
    assert answer.status_code == 409
    body = answer.json()
    assert body["detail"].startswith("version:")
    assert cast.admin.full_name in body["detail"]
    assert body["version"] == 2
    assert {"field": "Tên đơn vị", "value": "Đại Kim mới"} in body["changed"]
    assert answer["ETag"] == '"2"'
    assert OrgUnit.objects.get(pk=tree.dai_kim.pk).note == ""


def test_if_match_header_is_checked_like_the_body(tree, cast):
    headers = bearer(cast.board)
    assert patch(headers, tree.dai_kim, {"note": "1"}, **{"If-Match": '"1"'}).status_code == 200
    assert patch(headers, tree.dai_kim, {"note": "2"}, **{"If-Match": '"1"'}).status_code == 409
    assert patch(headers, tree.dai_kim, {"note": "3"}, **{"If-Match": 'W/"2"'}).status_code == 200
    bad = patch(headers, tree.dai_kim, {"note": "4"}, **{"If-Match": "abc"})
    assert bad.status_code == 400 and "version" in bad.json()["errors"]


def test_a_stale_move_is_refused_too(tree, cast):
    headers = bearer(cast.board)
    patch(headers, tree.mttq_dinh_cong, {"note": "Sửa"})
    answer = patch(headers, tree.mttq_dinh_cong, {"parent_id": tree.dai_kim.pk, "version": 1})
    assert answer.status_code == 409
    assert OrgUnit.objects.get(pk=tree.mttq_dinh_cong.pk).parent_id == tree.dinh_cong.pk


def test_patch_without_version_writes_only_the_fields_sent(tree, cast):
    headers = bearer(cast.board)
    stale_reader = OrgUnit.objects.get(pk=tree.dai_kim.pk)
    assert patch(headers, tree.dai_kim, {"note": "Ghi chú"}).status_code == 200
    assert patch(headers, tree.dai_kim, {"name": "Tên mới"}).status_code == 200
    stored = OrgUnit.objects.get(pk=stale_reader.pk)
    assert (stored.name, stored.note, stored.version) == ("Tên mới", "Ghi chú", 3)


def test_the_409_is_documented(tree, cast):
    schema = Client().get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/org-units/{unit_id}"]["patch"]
    assert "409" in operation["responses"]


def race(headers: dict[str, str], unit: OrgUnit, bodies: list[dict[str, Any]]) -> list[int]:
    """Send ``bodies`` as PATCHes released at the same moment; their status codes."""
    from django.db import connections

    start = threading.Barrier(len(bodies))
    answers: list[int] = []
    errors: list[BaseException] = []

    def send(body: dict[str, Any]) -> None:
        try:
            start.wait()
            answers.append(patch(headers, unit, body).status_code)
        except BaseException as error:  # reported below, a thread cannot fail the test
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=(body,)) for body in bodies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return answers


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite serialises writers anyway")
@pytest.mark.django_db(transaction=True)
def test_two_patches_of_different_fields_at_once_both_survive(tree, cast):
    headers = bearer(cast.board)
    unit = tree.dai_kim
    for run in range(20):
        bodies = [{"name": f"Phường Đại Kim {run}"}, {"note": f"Ghi chú {run}"}]
        assert race(headers, unit, bodies) == [200, 200]
        stored = OrgUnit.objects.get(pk=unit.pk)
        assert (stored.name, stored.note) == (f"Phường Đại Kim {run}", f"Ghi chú {run}"), run


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite serialises writers anyway")
@pytest.mark.django_db(transaction=True)
def test_two_patches_from_the_same_version_at_once_one_gets_409(tree, cast):
    headers = bearer(cast.board)
    unit = tree.dai_kim
    for run in range(20):
        version = OrgUnit.objects.get(pk=unit.pk).version
        bodies = [
            {"name": f"Tên {run}", "version": version},
            {"note": f"Ghi {run}", "version": version},
        ]
        assert sorted(race(headers, unit, bodies)) == [200, 409], run
        assert OrgUnit.objects.get(pk=unit.pk).version == version + 1
