"""One demo for the whole run: ``load_demo`` takes a minute or two, and a dozen acceptance
tests read what it wrote. Loading it once per test made CI time out, so the first test that
asks for ``demo`` loads it (committed, with the clock frozen on ``DEMO_DAY``) and every
such test then runs inside its own transaction over it, rolled back after, as pytest-django
does for ``db``: what one test writes, the next never sees.

A committed demo would be seen by every other test too, so ``pytest_collection_modifyitems``
(``tests/conftest.py``) runs the tests that ask for it after the other plain tests, then those
that need it committed (``demo_committed``: a live server reads it from another thread),
whose transactional teardown empties the database, then the other transactional tests; one
of those that finds the demo still there (a ``-k`` run) empties it first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from danvan.core import clock

# The day the shared demo is loaded on, and the day its tests read it on.
DEMO_DAY = dt.date(2026, 12, 2)


def freeze(monkeypatch: Any, day: dt.date) -> None:
    """Every reader of today's date (``clock.today()``, ``timezone.localdate()``)."""
    real = timezone.localdate

    def localdate(value: Any = None, timezone: Any = None) -> dt.date:
        return day if value is None else real(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)
    monkeypatch.setattr(clock, "today", lambda: day)


def load(**options: Any) -> str:
    """``load_demo`` as ``make run`` calls it; what it printed."""
    out = StringIO()
    call_command("load_demo", stdout=out, **options)
    return out.getvalue()


@dataclass(frozen=True)
class Demo:
    day: dt.date
    summary: str  # what the shared load printed


@pytest.fixture(scope="session")
def _demo_loaded(django_db_setup: Any, django_db_blocker: Any) -> str:
    # The demo users' passwords hashed as every test's (tests/conftest.py): PBKDF2 would
    # cost seconds here, and a test's login could not check them.
    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), pytest.MonkeyPatch.context() as patch, fast:
        freeze(patch, DEMO_DAY)
        return load()


def _demo_present() -> bool:
    """Whether the shared demo's rows are in the database (a transactional test's end
    empties it): its first demo account is there."""
    from danvan.accounts.models import User
    from danvan.demo.current_data import DEMO_USERS

    return User.objects.filter(username=DEMO_USERS[0][0]).exists()


def empty_if_loaded() -> None:
    """Before a transactional test: the shared demo must not be seen (nor left) by it."""
    if _demo_present():
        call_command("flush", interactive=False, verbosity=0)


def _on_demo_day(summary: str, monkeypatch: Any, settings: Any) -> Demo:
    if not _demo_present():
        pytest.fail(
            "the shared demo was emptied by a transactional test before this one: test order"
        )
    settings.DEBUG = True
    freeze(monkeypatch, DEMO_DAY)
    return Demo(day=DEMO_DAY, summary=summary)


@pytest.fixture
def demo(_demo_loaded: str, db: Any, monkeypatch: Any, settings: Any) -> Demo:
    """The shared demo, in a transaction of this test's, on ``DEMO_DAY``, with DEBUG on as
    on ``make run`` (demo accounts log in only then)."""
    return _on_demo_day(_demo_loaded, monkeypatch, settings)


@pytest.fixture
def demo_committed(
    _demo_loaded: str, transactional_db: Any, monkeypatch: Any, settings: Any
) -> Demo:
    """The shared demo as committed rows (for a live server's thread), as ``demo``; the
    test's teardown empties the database, so these tests run after every ``demo`` test."""
    return _on_demo_day(_demo_loaded, monkeypatch, settings)


def demo_rank(item: Any, transactional: bool) -> int:
    """Plain tests, then those over the shared demo, then those over it committed, then the
    other transactional tests (each empties the database when it ends)."""
    names = getattr(item, "fixturenames", ())
    if "demo_committed" in names:
        return 2
    if "demo" in names:
        return 1
    return 3 if transactional else 0


def snapshot() -> dict[str, Any]:
    """What a second load must leave as it found: the rows of every table (by count), the
    reports' and figures' states and values, the meetings' and tasks' states, the portal's
    revisions and the issuers' numbering."""
    from django.apps import apps

    from danvan.documents.models import IssuerNumbering
    from danvan.meetings.models import Meeting
    from danvan.reporting.models import DataValue, Report
    from danvan.tasks.models import Task

    counts = {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }
    return {
        "counts": counts,
        "reports": sorted(
            Report.objects.values_list("org_unit_id", "period", "status", "submitted_at")
        ),
        "figures": sorted(
            DataValue.objects.values_list(
                "indicator_id", "org_unit_id", "period", "value", "status"
            )
        ),
        "meetings": sorted(Meeting.objects.values_list("id", "status")),
        "tasks": sorted(Task.objects.values_list("id", "status", "progress")),
        "numbering": sorted(
            IssuerNumbering.objects.values_list(
                "org_unit__code", "style", "issuer_code", "place_name"
            )
        ),
    }
