"""The meeting pages stay light whatever the size of the tree (issue 12 §4: 2,7 s with 799
units and every person listed): the create, edit and detail pages hold only the rows
chosen, and the pickers ask for the rest."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from django.urls import reverse

from danvan.lib.text import fold
from danvan.org.models import OrgUnit
from danvan.people.models import Person
from tests.factories import OrgUnitFactory

UNITS, PEOPLE = 120, 1500


@pytest.fixture
def big_tree(tree: Any) -> Any:
    for n in range(UNITS):
        OrgUnitFactory(
            name=f"Tổ dân phố {n}",
            code=f"HN-HM-DINHCONG-T{n}",
            parent=tree.dinh_cong,
            level=tree.dinh_cong.level,
            kind=tree.dinh_cong.kind,
        )
    units = list(OrgUnit.objects.filter(parent=tree.dinh_cong))
    Person.objects.bulk_create(
        Person(
            full_name=f"Nguyễn Văn Thứ {n}",
            name_folded=fold(f"Nguyễn Văn Thứ {n}"),
            org_unit=units[n % len(units)],
        )
        for n in range(PEOPLE)
    )
    return tree


def _timed(client: Any, url: str) -> tuple[str, float]:
    start = time.perf_counter()
    response = client.get(url)
    elapsed = time.perf_counter() - start
    assert response.status_code == 200
    return response.content.decode(), elapsed


def test_meeting_pages_hold_only_what_is_chosen(big_tree, seed_meeting, cast, as_user):
    client = as_user(cast.board)
    timings = {}
    for name, url in {
        "create": reverse("meetings:create"),
        "edit": reverse("meetings:edit", args=[seed_meeting.pk]),
        "detail": reverse("meetings:detail", args=[seed_meeting.pk]),
    }.items():
        client.get(url)  # warm caches (templates, scope)
        page, timings[name] = _timed(client, url)
        options = len(re.findall(r"<option", page))
        print(name, options, len(page))
        assert "Tổ dân phố 77" not in page and "Nguyễn Văn Thứ 777" not in page, name
        assert options < 400, (name, options)  # periods (≈ 70 per picker) and short lists
    print("meeting pages, seconds:", {k: round(v, 3) for k, v in timings.items()})
