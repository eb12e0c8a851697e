"""Schemathesis over /api/v1 (issue 11, point 5): every operation of the OpenAPI schema,
called with a few generated examples as a board officer and as a ward reporter, never
answers a server error and answers only status codes the schema documents.

Bounded so that the suite stays fast on both databases: few examples per operation,
derandomized (the same examples on every run), no shrinking, the in-process WSGI app.
"""

from __future__ import annotations

from typing import Any

import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import status_code_conformance

from danvan.access.system import SYSTEM
from danvan.accounts.services import api_token_create

EXAMPLES = 4


# Loaded at collection from the app itself (the schema view reads no table).
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


def _bearer(cast: Any, role: str) -> dict[str, str]:
    raw = api_token_create(actor=SYSTEM, user=getattr(cast, role), name="thử")[1]
    return {"Authorization": f"Bearer {raw}"}


BOUNDED = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
    database=None,
)
CHECKS = [not_a_server_error, status_code_conformance]


@schema.parametrize()
@BOUNDED
def test_as_a_board_officer(case: Any, cast: Any, tree: Any) -> None:
    response = case.call(headers=_bearer(cast, "board"))
    case.validate_response(response, checks=CHECKS)


@schema.parametrize()
@BOUNDED
def test_as_a_ward_reporter(case: Any, cast: Any, tree: Any) -> None:
    response = case.call(headers=_bearer(cast, "reporter"))
    case.validate_response(response, checks=CHECKS)
