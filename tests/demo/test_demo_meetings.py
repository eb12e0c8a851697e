"""The demo records the five seed meetings in full, and the issue's acceptance holds:
``/api/v1/meetings?q=giao ban`` as demo_board finds the Hoàng Mai meeting of 23/02/2023
with Khương Quốc Hưng as chair, its conclusions have tasks, and ``/api/v1/tasks?overdue=true``
lists the overdue ones. Over the run's shared demo (tests/demo_db.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from danvan.accounts.models import User
from danvan.accounts.services import api_token_create
from danvan.core import clock
from danvan.documents.models import Citation, Document
from danvan.lib.references import find_references
from danvan.meetings.models import Attendance, Conclusion, Meeting
from danvan.tasks.models import Task, TaskUpdate
from tests.demo_db import Demo

SEEDS = Path(__file__).parent.parent / "documents" / "seeds"


def _counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (Meeting, Attendance, Conclusion, Task, TaskUpdate, Document, Citation)
    )


def _api(username: str) -> Client:
    _, raw = api_token_create(actor=None, user=User.objects.get(username=username))
    return Client(headers={"Authorization": f"Bearer {raw}"})


@pytest.mark.slow
def test_demo_meetings_acceptance(demo: Demo, monkeypatch: Any) -> None:
    # demo: DEBUG is on, as on `make run` (demo accounts' API keys work only then).
    monkeypatch.setattr(clock, "today", lambda: dt.date(2026, 11, 22))
    board = _api("demo_board")

    found = board.get("/api/v1/meetings", {"q": "giao ban"}).json()
    hoang_mai = [m for m in found["items"] if m["starts_at"].startswith("2023-02-23")]
    assert len(hoang_mai) == 1
    assert [c["name"] for c in hoang_mai[0]["chairs"]] == ["Khương Quốc Hưng"]
    detail = board.get(f"/api/v1/meetings/{hoang_mai[0]['id']}").json()
    assert detail["chairs"][0]["position"] == "UVTV, Trưởng Ban Dân vận Quận ủy"
    assert all(conclusion["tasks"] for conclusion in detail["conclusions"])
    assert {d["reference"] for d in detail["cited_documents"]} >= {
        "138-KH/QU",
        "18-CT/TW",
        "507-CV/QU",
        "187-TB/QU",
    }
    overdue = board.get("/api/v1/tasks", {"overdue": "true", "limit": 100}).json()
    assert overdue["count"] >= 1
    assert all(task["status"] == "qua_han" for task in overdue["items"])
    # The March giao ban the series scheduled reviews those of Hoàng Mai still open
    # (demo_board works at the city now: its overdue list also has today's wards').
    march = [m for m in found["items"] if m["starts_at"].startswith("2023-03-23")]
    review = board.get(f"/api/v1/meetings/{march[0]['id']}").json()["review_tasks"]
    in_hoang_mai = set(
        Task.objects.filter(lead_unit__code__startswith="HN-HM-").values_list("id", flat=True)
    )
    assert {t["id"] for t in review} == {
        t["id"] for t in overdue["items"] if t["id"] in in_hoang_mai
    }

    # The five seed meetings, each with a chair (or a directing guest) and conclusions
    # that raised tasks, some done and some overdue.
    for day in ("2023-02-23", "2022-10-06", "2021-07-02", "2020-07-02", "2020-01-13"):
        meeting = Meeting.objects.get(starts_at__date=dt.date.fromisoformat(day))
        assert meeting.attendances.filter(role=Attendance.Role.CHAIR).exists(), day
        assert Task.objects.filter(conclusion__meeting=meeting).exists(), day
    today = clock.today()
    statuses = {task.display_status(today)[0] for task in Task.objects.all()}
    assert {"hoan_thanh", "qua_han"} <= statuses

    # Every document the seeds cite is in the register (a stub at worst).
    for seed in sorted(SEEDS.glob("*.txt")):
        for ref in find_references(seed.read_text()):
            assert Document.objects.filter(number__in={ref.number, ref.number.zfill(2)}).exists(), (
                seed.name,
                ref.raw,
            )
