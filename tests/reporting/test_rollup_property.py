"""The rollup gives the live SQL's number at every level, whatever was written (issue 19).

Random edit sequences on the conftest tree, seeded so a failure can be replayed: figures
saved at months, quarters, halves and the year; statuses moved into and out of what
counts; figures corrected while counted and deleted; a ward moved to the other district
and back; an organisation given another kind; the deltas compacted. After each sequence
every unit's figure for every period of the year, the organisation-kind cuts at the root,
and ``by_child`` are compared with ``danvan.reporting.live``. Then ``rebuild`` (whole and
scoped) must leave the same numbers. The last test runs sibling submissions and the
issue-7 race on PostgreSQL.
"""

from __future__ import annotations

import random
import threading
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection, connections
from django.db.models import F

from danvan.access.system import SYSTEM
from danvan.lib import periods
from danvan.org.models import OrganisationKind, OrgUnit
from danvan.org.services import org_unit_move, org_unit_update
from danvan.reporting import analytics, live, rollup
from danvan.reporting.models import DataValue, Indicator, Status
from danvan.reporting.services import data_values_save
from danvan.reporting.status_log import values_status_set

YEAR = 2024
PERIODS = [
    p for kind in periods.KINDS for p in periods.Period(YEAR, 1, periods.YEAR).sub_periods(kind)
]
STATUSES = [Status.DRAFT, Status.SUBMITTED, Status.APPROVED, Status.RETURNED]


@pytest.fixture
def indicators(catalog: Any) -> list[Indicator]:
    score = Indicator.objects.create(
        code="DIEM_TB",
        name="Điểm trung bình",
        value_type="decimal",
        aggregation=Indicator.Aggregation.AVERAGE,
    )
    chosen = list(Indicator.objects.filter(code__in=["TIEP_CONG_DAN", "HOI_VIEN", "DON_NHAN"]))
    assert {i.aggregation for i in chosen} >= {"sum", "last"}
    return [*chosen, score]


def _units() -> list[OrgUnit]:
    return list(OrgUnit.all_objects.order_by("path"))


def _close(got: Decimal | None, value: Decimal | None) -> bool:
    """Equal, to the column's four places (live ``by_child`` keeps a mean unrounded)."""
    if got is None or value is None:
        return got is None and value is None
    return abs(got - value) <= Decimal("1e-4")


def _assert_same(indicators: list[Indicator], label: str) -> int:
    compared = 0
    units = _units()
    kinds = [None, *OrganisationKind.objects.values_list("code", flat=True)]
    for period in PERIODS:
        for unit in units:
            for kind in kinds if unit.depth == 0 else [None]:
                fast = analytics.aggregate(indicators, unit, period, organisation_kind=kind)
                slow = live.aggregate(indicators, unit, period, organisation_kind=kind)
                for code, value in slow.items():
                    got = fast[code]
                    same = (got is None and value is None) or (
                        got is not None
                        and value is not None
                        and abs(got - value) <= Decimal("1e-4")
                    )
                    assert same, (
                        f"{label}: {unit.name} {period.code} {kind} {code}: {got} ≠ {value}"
                    )
                    compared += 1
            children = [u for u in units if u.parent_id == unit.pk]
            if children:
                fast_c = analytics.by_child(indicators, unit, children, period)
                slow_c = live.by_child(indicators, unit, children, period)
                for child in children:
                    for code, value in slow_c[child.pk].items():
                        got = fast_c[child.pk][code]
                        assert _close(got, value), f"{label}: by_child {child.name} {period} {code}"
    return compared


def _random_sequence(
    rng: random.Random, tree: Any, indicators: list[Indicator], steps: int
) -> None:
    reporting = [tree.bdv_hoang_mai, tree.dinh_cong, tree.mttq_dinh_cong, tree.dai_kim, tree.buoi]
    stored = [i for i in indicators if not i.is_computed]
    kinds = list(OrganisationKind.objects.all())
    moved = False
    for _ in range(steps):
        action = rng.choices(
            ["save", "status", "delete", "move", "kind", "compact"], [8, 6, 2, 1, 1, 1]
        )[0]
        unit = rng.choice(reporting)
        period = rng.choice(PERIODS)
        if action == "save":
            chosen = rng.sample(stored, rng.randint(1, len(stored)))
            values = {i.code: (None if rng.random() < 0.1 else rng.randint(0, 60)) for i in chosen}
            # A counted figure corrected in place goes through save() (the signal path).
            data_values_save(actor=SYSTEM, org_unit=unit, period=period.code, values=values)
        elif action == "status":
            # A unit and period that hold figures (chosen by the seed, in a stable order).
            held = sorted(set(DataValue.objects.values_list("org_unit_id", "period")))
            if held:
                unit_id, code = rng.choice(held)
                values_status_set(
                    DataValue.objects.filter(org_unit_id=unit_id, period=code),
                    rng.choice(STATUSES),
                )
        elif action == "delete":
            row = DataValue.objects.filter(org_unit=unit).order_by("?").first()
            if row is not None:
                row.delete()
        elif action == "move":
            ward = OrgUnit.objects.get(pk=tree.dai_kim.pk)
            target = tree.hoang_mai if moved else tree.tay_ho
            org_unit_move(actor=SYSTEM, unit=ward, new_parent=OrgUnit.objects.get(pk=target.pk))
            moved = not moved
        elif action == "kind":
            body = OrgUnit.objects.get(pk=rng.choice([tree.bdv_hoang_mai, tree.mttq_dinh_cong]).pk)
            org_unit_update(actor=SYSTEM, unit=body, organisation_kind=rng.choice(kinds))
        else:
            rollup.compact()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_rollup_equals_the_live_sql_after_random_edits(seed, open_tree, indicators):
    rng = random.Random(seed)
    _random_sequence(rng, open_tree, indicators, steps=60)
    assert DataValue.objects.filter(status__in=[Status.SUBMITTED, Status.APPROVED]).exists()
    compared = _assert_same(indicators, f"seed {seed}")
    assert compared > 500
    folded = rollup.compact()
    _assert_same(indicators, f"seed {seed}, compacted ({folded} rows folded)")


def test_rebuild_whole_and_scoped_gives_the_same_numbers(open_tree, indicators):
    _random_sequence(random.Random(7), open_tree, indicators, steps=50)
    # Figures of one district changed past the services (a bulk load, a repair in SQL):
    # the rollup no longer knows; a rebuild of the district brings every level back.
    hoang_mai = OrgUnit.objects.get(pk=open_tree.hoang_mai.pk)
    past = DataValue.objects.filter(
        org_unit__path__startswith=hoang_mai.path, value__isnull=False
    ).update(value=F("value") + 1)
    assert past
    rollup.rebuild(org_unit=hoang_mai)
    _assert_same(indicators, "after a scoped rebuild")
    rollup.rebuild(period=periods.parse(f"{YEAR}Q2"))
    _assert_same(indicators, "after a year's rebuild")
    rollup.rebuild()
    _assert_same(indicators, "after a whole rebuild")


def test_a_returned_report_leaves_every_ancestor_at_once(open_tree, indicators):
    month = f"{YEAR}-03"
    data_values_save(
        actor=SYSTEM, org_unit=open_tree.dinh_cong, period=month, values={"TIEP_CONG_DAN": 7}
    )
    rows = DataValue.objects.filter(org_unit=open_tree.dinh_cong, period=month)
    values_status_set(rows, Status.SUBMITTED)
    tiep = [i for i in indicators if i.code == "TIEP_CONG_DAN"]
    for unit in (open_tree.hoang_mai, open_tree.hanoi, open_tree.root):
        assert analytics.aggregate(tiep, unit, periods.parse(f"{YEAR}"))["TIEP_CONG_DAN"] == 7
    values_status_set(rows, Status.RETURNED)
    for unit in (open_tree.hoang_mai, open_tree.hanoi, open_tree.root):
        assert analytics.aggregate(tiep, unit, periods.parse(f"{YEAR}"))["TIEP_CONG_DAN"] is None


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite serialises writers")
@pytest.mark.django_db(transaction=True)
def test_sibling_submissions_race_and_the_national_figure_stays_exact(open_tree, indicators):
    """Five reporting units submit at the same instant, twenty rounds: each inserts its own
    delta rows (no shared row to wait on), and every level equals the live SQL."""
    units = [
        open_tree.bdv_hoang_mai,
        open_tree.dinh_cong,
        open_tree.mttq_dinh_cong,
        open_tree.dai_kim,
        open_tree.buoi,
    ]
    tiep = [i for i in indicators if i.code == "TIEP_CONG_DAN"]
    for round_ in range(20):
        month = f"{YEAR}-{round_ % 12 + 1:02d}"
        for n, unit in enumerate(units):
            data_values_save(
                actor=SYSTEM,
                org_unit=unit,
                period=month,
                values={"TIEP_CONG_DAN": round_ + n},
            )
        start = threading.Barrier(len(units))
        errors: list[BaseException] = []

        def submit(
            unit: OrgUnit,
            start: threading.Barrier = start,
            month: str = month,
            status: str = Status.SUBMITTED if round_ % 3 else Status.RETURNED,
            errors: list[BaseException] = errors,
        ) -> None:
            try:
                start.wait()
                values_status_set(DataValue.objects.filter(org_unit=unit, period=month), status)
            except BaseException as error:
                errors.append(error)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=submit, args=(u,)) for u in units]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        for root in (open_tree.root, open_tree.hanoi, open_tree.hoang_mai):
            for period in (periods.parse(month), periods.parse(f"{YEAR}")):
                assert analytics.aggregate(tiep, root, period) == live.aggregate(
                    tiep, root, period
                ), (round_, root.name, period.code)
