"""Schemathesis over /api/v1 (issue 11, point 5): every operation of the OpenAPI schema,
called as a board officer and as a ward reporter, never answers a server error, answers
only status codes the schema documents, and explains every refusal in Vietnamese.

Bounded so that the suite stays fast on both databases:

- the board officer gets Schemathesis' *coverage* phase (boundary values, missing and
  wrong-typed fields, DELETE where the address has none: ~65 calls an operation; it is
  what finds 500s from input) plus 3 generated examples; the reporter, whose calls
  mostly stop at scope, gets the schema's examples and 5 generated ones;
- derandomized (the same examples on every run), no shrinking, no example database;
- the in-process WSGI app, each call inside a savepoint rolled back afterwards, so that a
  write (a unit created, a report submitted) never changes what the next example meets.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import status_code_conformance

from danvan.access.system import SYSTEM
from danvan.accounts.services import api_token_create

SCHEMA_URL = "/api/v1/openapi.json"


def _schema(*, coverage: bool, examples: int) -> Any:
    config = SchemathesisConfig.from_dict(
        {
            "phases": {
                # One unsupported method an address (DELETE, answered 405) rather than
                # eight: the same router answers them all.
                "coverage": {"enabled": coverage, "unexpected-methods": ["delete"]},
                "stateful": {"enabled": False},
                "fuzzing": {"generation": {"max-examples": examples}},
            }
        }
    )
    # Loaded at collection from the app itself (the schema view reads no table).
    return schemathesis.openapi.from_wsgi(SCHEMA_URL, get_wsgi_application(), config=config)


board_schema = _schema(coverage=True, examples=3)
reporter_schema = _schema(coverage=False, examples=5)

BOUNDED = settings(
    derandomize=True,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    # The data is built by pytest fixtures, once per operation, not per example; the
    # generated bodies are small. Hypothesis' speed and size checks would only be noise.
    suppress_health_check=list(HealthCheck),
    database=None,
)

# A Vietnamese sentence has marked letters; pydantic's and Django's English ones do not.
_VIETNAMESE = re.compile(r"[À-ỹĐđ]")


def refusals_in_vietnamese(response: Any, case: Any) -> None:
    """Every 4xx answer carries a ``detail`` a Vietnamese user can read."""
    if not 400 <= response.status_code < 500 or response.status_code == 405:
        return  # 405 (a method the address lacks) has no body to read
    try:
        body = response.json()
    except ValueError:
        raise AssertionError(
            f"{response.status_code} không phải JSON: {response.text[:200]!r}\n"
            + case.as_curl_command()
        ) from None
    messages = [body.get("detail", ""), *(m for ms in body.get("errors", {}).values() for m in ms)]
    english = [m for m in messages if not _VIETNAMESE.search(m)]
    assert not english, f"Thông báo không phải tiếng Việt: {english!r}\n" + case.as_curl_command()


CHECKS = [not_a_server_error, status_code_conformance]


@pytest.fixture(autouse=True)
def _keep_the_test_connection() -> Iterator[None]:
    """Django closes "old" connections at each request's start and end; the test's own
    connection is inside a transaction, and closing it (PostgreSQL) would lose the data.
    Django's test client disconnects the same handlers."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _bearer(user: Any) -> dict[str, str]:
    raw = api_token_create(actor=SYSTEM, user=user, name="schemathesis")[1]
    return {"Authorization": f"Bearer {raw}"}


def _call_and_check(case: Any, headers: dict[str, str]) -> None:
    with transaction.atomic():
        response = case.call(headers=headers)
        transaction.set_rollback(True)
    case.validate_response(response, checks=CHECKS)
    refusals_in_vietnamese(response, case)


@pytest.fixture
def board_headers(cast: Any) -> dict[str, str]:
    return _bearer(cast.board)


@pytest.fixture
def reporter_headers(cast: Any) -> dict[str, str]:
    return _bearer(cast.reporter)


@board_schema.parametrize()
@BOUNDED
def test_as_a_board_officer(case: Any, board_headers: dict[str, str]) -> None:
    _call_and_check(case, board_headers)


@reporter_schema.parametrize()
@BOUNDED
def test_as_a_ward_reporter(case: Any, reporter_headers: dict[str, str]) -> None:
    _call_and_check(case, reporter_headers)
