"""A synthetic country for the national benchmark (issue 19 §3): 34 provinces, 3,321
communes × 8 organisations × 40 indicators, monthly, ≈25 million figures for 24 months.

"Việt Nam (dữ liệu thử)" (code QGT) has the 34 provinces of the 2025 reorganisation with
their commune counts (QGT-01 Hà Nội 126 … 3,321 in all), the communes QGT-01-001…, and in
each commune the eight organisations of ``synthetic.ORGANISATIONS``. They report the
catalogue of ``synthetic`` (SYN_01…SYN_40, every fifth a stock, the ratio SYN_TY_LE) on
its monthly form SYN_THANG, for the months ending at the last full month before today.
The organisations of every tenth commune also send a six-month report (form
SYN_SAU_THANG) for each half-year whose six months are all in the data: a coarser value
that covers the months inside it, so the coverage rule of the aggregates is exercised at
every level. Its figures are deliberately not the sum of the months (a revised total),
so a query that forgets the rule gets a different number.

The fast path of ``synthetic`` is reused (catalogue, ``bulk_create`` of the units with
their path set as ``org_unit_create`` sets it, COPY of the figures) and made faster for
25 million rows on PostgreSQL, all in one transaction so an interrupted load leaves
nothing behind:

- the non-unique indexes of ``reporting_datavalue`` are dropped before the COPYs and
  built again after (same definitions, read from ``pg_indexes``);
- ``session_replication_role = replica`` during the COPYs skips the foreign-key
  triggers; the rows loaded are then checked for orphans in one query;
- one COPY per month, reports with ``bulk_create``; ANALYZE at the end, then the
  rollup (``rollup.rebuild``) when it exists.

Every figure is a function of (indicator, unit number, month), so a second run adds
nothing, and a plan with more months adds only the missing (earlier) months: the bench
times the same queries on a small table, extends it, and times them again. A month is
complete when all its monthly reports are there (they are written with its figures).
"""

from __future__ import annotations

import datetime as dt
import importlib
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone

from danvan.access.system import SYSTEM
from danvan.core.audit import acting_as
from danvan.core.db import refresh_statistics
from danvan.lib import periods
from danvan.lib.text import fold
from danvan.org.models import OrganisationKind, OrgLevel, OrgUnit, UnitKind
from danvan.org.services import org_unit_create
from danvan.reporting import synthetic
from danvan.reporting.models import (
    DataValue,
    FormIndicator,
    FormSection,
    Indicator,
    Report,
    ReportForm,
    Status,
)

COUNTRY_CODE = "QGT"
COUNTRY_NAME = "Việt Nam (dữ liệu thử)"
HALF_FORM_CODE = "SYN_SAU_THANG"
HALF_EVERY = 10  # the organisations of every tenth commune also send a six-month report

# (name, unit kind, communes after the 2025 reorganisation): 34 provinces, 3,321 communes.
PROVINCES = [
    ("Thành phố Hà Nội", "thanh-pho-tw", 126),
    ("Thành phố Hồ Chí Minh", "thanh-pho-tw", 168),
    ("Thành phố Hải Phòng", "thanh-pho-tw", 114),
    ("Thành phố Đà Nẵng", "thanh-pho-tw", 94),
    ("Thành phố Huế", "thanh-pho-tw", 40),
    ("Thành phố Cần Thơ", "thanh-pho-tw", 103),
    ("Tỉnh Cao Bằng", "tinh", 56),
    ("Tỉnh Điện Biên", "tinh", 45),
    ("Tỉnh Hà Tĩnh", "tinh", 69),
    ("Tỉnh Lai Châu", "tinh", 38),
    ("Tỉnh Lạng Sơn", "tinh", 65),
    ("Tỉnh Nghệ An", "tinh", 130),
    ("Tỉnh Quảng Ninh", "tinh", 54),
    ("Tỉnh Thanh Hóa", "tinh", 166),
    ("Tỉnh Sơn La", "tinh", 75),
    ("Tỉnh Tuyên Quang", "tinh", 124),
    ("Tỉnh Lào Cai", "tinh", 99),
    ("Tỉnh Thái Nguyên", "tinh", 92),
    ("Tỉnh Phú Thọ", "tinh", 148),
    ("Tỉnh Bắc Ninh", "tinh", 99),
    ("Tỉnh Hưng Yên", "tinh", 104),
    ("Tỉnh Ninh Bình", "tinh", 129),
    ("Tỉnh Quảng Trị", "tinh", 78),
    ("Tỉnh Quảng Ngãi", "tinh", 96),
    ("Tỉnh Gia Lai", "tinh", 135),
    ("Tỉnh Khánh Hòa", "tinh", 65),
    ("Tỉnh Lâm Đồng", "tinh", 124),
    ("Tỉnh Đắk Lắk", "tinh", 102),
    ("Tỉnh Đồng Nai", "tinh", 95),
    ("Tỉnh Tây Ninh", "tinh", 96),
    ("Tỉnh Vĩnh Long", "tinh", 124),
    ("Tỉnh Đồng Tháp", "tinh", 102),
    ("Tỉnh Cà Mau", "tinh", 64),
    ("Tỉnh An Giang", "tinh", 102),
]
assert len(PROVINCES) == 34 and sum(n for _, _, n in PROVINCES) == 3321

Progress = synthetic.Progress


def last_full_month(today: dt.date | None = None) -> periods.Period:
    day = today or timezone.localdate()
    return periods.Period(day.year, day.month, periods.MONTH).shifted(-1)


@dataclass(frozen=True)
class Plan:
    """``provinces`` takes the first N of PROVINCES; ``communes`` (if set) caps each
    province's communes, for small datasets; ``end`` defaults to the last full month."""

    months: int = 24
    provinces: int = len(PROVINCES)
    communes: int | None = None
    indicators: int = 40
    end: periods.Period = field(default_factory=last_full_month)

    def __post_init__(self) -> None:
        if not 1 <= self.provinces <= len(PROVINCES):
            raise ValueError(f"Số tỉnh phải từ 1 đến {len(PROVINCES)}.")
        if self.months < 1 or self.indicators < 1 or (self.communes or 1) < 1:
            raise ValueError("Số tháng, số chỉ tiêu và số xã phải lớn hơn 0.")
        if self.indicators > 99:
            raise ValueError("Tối đa 99 chỉ tiêu.")

    def commune_counts(self) -> list[int]:
        return [min(n, self.communes or n) for _, _, n in PROVINCES[: self.provinces]]

    @property
    def month_list(self) -> list[periods.Period]:
        return [self.end.shifted(-i) for i in range(self.months - 1, -1, -1)]

    @property
    def half_list(self) -> list[periods.Period]:
        """The half-years whose six months are all in the plan."""
        months = set(self.month_list)
        halves = {periods.period_of(periods.HALF, m.start) for m in months}
        return sorted(h for h in halves if set(h.sub_periods()) <= months)

    @property
    def reporting_units(self) -> int:
        return sum(self.commune_counts()) * len(synthetic.ORGANISATIONS)

    @property
    def half_units(self) -> int:
        return self._half_communes() * len(synthetic.ORGANISATIONS)

    def _half_communes(self) -> int:
        numbers = range(1, sum(self.commune_counts()) + 1)
        return sum(1 for number in numbers if number % HALF_EVERY == 0)

    @property
    def expected_values(self) -> int:
        monthly = self.reporting_units * self.months
        return (monthly + self.half_units * len(self.half_list)) * self.indicators

    @property
    def expected_reports(self) -> int:
        return self.reporting_units * self.months + self.half_units * len(self.half_list)


@dataclass
class Result:
    units: int = 0
    values: int = 0
    reports: int = 0
    months: int = 0
    seconds: float = 0.0
    copy_seconds: float = 0.0  # the COPYs alone (values/s is measured on these)
    index_seconds: float = 0.0
    rollup_seconds: float | None = None


@dataclass(frozen=True)
class Reporter:
    """One organisation that reports: its unit, its number in ``figure`` and whether it
    also sends the six-month report."""

    unit_id: int
    number: int
    sends_half: bool


# --- names ----------------------------------------------------------------------------


def province_code(number: int) -> str:
    return f"{COUNTRY_CODE}-{number:02d}"


def commune_code(province: int, number: int) -> str:
    return f"{province_code(province)}-{number:03d}"


def commune_name(province: int, number: int) -> str:
    kind = "Phường" if number % 3 == 0 else "Xã"
    return f"{kind} Thử {province:02d}-{number:03d}"


# --- catalogue and tree -----------------------------------------------------------------


def ensure_catalog(plan: Plan) -> tuple[list[Indicator], ReportForm, ReportForm]:
    """synthetic's indicators and monthly form, and a six-month form of the same figures."""
    indicators, monthly = synthetic.ensure_catalog(
        synthetic.Plan(communes=1, months=1, indicators=plan.indicators)
    )
    half, _ = ReportForm.objects.get_or_create(
        code=HALF_FORM_CODE,
        defaults={"name": "Báo cáo 6 tháng tổng hợp (dữ liệu thử)", "period_type": periods.HALF},
    )
    section, _ = FormSection.objects.get_or_create(
        form=half, code="so_lieu", defaults={"title": "Số liệu tổng hợp", "order": 1}
    )
    present = set(section.indicators.values_list("pk", flat=True))
    FormIndicator.objects.bulk_create(
        [
            FormIndicator(section=section, indicator=indicator, order=number)
            for number, indicator in enumerate(indicators, start=1)
            if indicator.pk not in present
        ]
    )
    return indicators, monthly, half


def _country() -> OrgUnit:
    existing = OrgUnit.objects.filter(code=COUNTRY_CODE).first()
    if existing is not None:
        return existing
    levels, kinds, _ = synthetic._lookups()
    return org_unit_create(
        actor=SYSTEM,
        parent=None,
        name=COUNTRY_NAME,
        code=COUNTRY_CODE,
        level=levels["trung-uong"],
        kind=kinds["quoc-gia"],
        note="Dữ liệu thử sinh bằng lệnh generate_country để đo hiệu năng; không có thật.",
    )


def _missing_children(
    parents: dict[str, OrgUnit], specs: Sequence[tuple[str, str, str, str, str | None]]
) -> int:
    """Create the units of ``specs`` (parent code, code, name, unit kind, organisation
    kind) that do not exist yet; return how many were created."""
    levels = {row.code: row for row in OrgLevel.objects.all()}
    kinds = {row.code: row for row in UnitKind.objects.all()}
    organisation_kinds = {row.code: row for row in OrganisationKind.objects.all()}
    have = set(
        OrgUnit.objects.filter(code__in=[code for _, code, _, _, _ in specs]).values_list(
            "code", flat=True
        )
    )
    rows = [
        OrgUnit(
            parent=parents[parent],
            name=name,
            name_folded=fold(name),
            code=code,
            level=levels["tinh" if parents[parent].depth == 0 else "xa"],
            kind=kinds[kind],
            organisation_kind=organisation_kinds[organisation] if organisation else None,
            path="",
        )
        for parent, code, name, kind, organisation in specs
        if code not in have
    ]
    return len(synthetic._bulk_units(rows))


def ensure_tree(plan: Plan) -> tuple[OrgUnit, list[Reporter], int]:
    """The country, its provinces, communes and organisations; returns the country, every
    reporting organisation (in a stable order) and how many units were created."""
    synthetic._lookups()
    before = OrgUnit.objects.filter(code__startswith=COUNTRY_CODE).count()
    country = _country()
    provinces = [
        (country.code, province_code(p), name, kind, None)
        for p, (name, kind, _) in enumerate(PROVINCES[: plan.provinces], start=1)
    ]
    _missing_children({country.code: country}, provinces)
    by_code = {u.code: u for u in OrgUnit.objects.filter(path__startswith=country.path, depth=1)}
    communes = [
        (province_code(p), commune_code(p, c), commune_name(p, c), _commune_kind(c), None)
        for p, count in enumerate(plan.commune_counts(), start=1)
        for c in range(1, count + 1)
    ]
    _missing_children(by_code, communes)
    by_code = {u.code: u for u in OrgUnit.objects.filter(path__startswith=country.path, depth=2)}
    organisations = []
    for _, code, name, _, _ in communes:
        place = name[0].lower() + name[1:]
        for suffix, organisation_kind, template in synthetic.ORGANISATIONS:
            organisations.append(
                (
                    code,
                    f"{code}-{suffix}",
                    template.format(place=place),
                    "co-quan",
                    organisation_kind,
                )
            )
    _missing_children(by_code, organisations)
    ids = dict(
        OrgUnit.objects.filter(path__startswith=country.path, depth=3).values_list("code", "pk")
    )
    reporters = []
    per_commune = len(synthetic.ORGANISATIONS)
    for number, (_, code, _, _, _) in enumerate(communes, start=1):
        for index, (suffix, _, _) in enumerate(synthetic.ORGANISATIONS):
            reporters.append(
                Reporter(
                    ids[f"{code}-{suffix}"], number * per_commune + index, number % HALF_EVERY == 0
                )
            )
    created = OrgUnit.objects.filter(code__startswith=COUNTRY_CODE).count() - before
    return country, reporters, created


def _commune_kind(number: int) -> str:
    return "phuong" if number % 3 == 0 else "xa"


# --- figures ----------------------------------------------------------------------------


def half_figure(indicator: int, unit: int, half: periods.Period) -> int:
    """The six-month figure: the months' total (a stock: the last month) plus a revision,
    so that counting it beside its months, or instead of nothing, shows."""
    months = half.sub_periods()
    if synthetic.is_stock(indicator):
        return synthetic.figure(indicator, unit, months[-1]) + 1
    return sum(synthetic.figure(indicator, unit, m) for m in months) + indicator % 3 + 1


def _value_lines(
    period: periods.Period,
    reporters: list[Reporter],
    indicators: list[Indicator],
    stamp: str,
) -> Iterator[str]:
    """Tab-separated rows of reporting_datavalue for one period (COPY text format)."""
    head = f"\t{period.code}\t{period.start}\t{period.end}\t{period.months}\t"
    tail = f"\t\t{Status.APPROVED}\t{stamp}\n"
    numbered = [(n, f"{i.pk}\t") for n, i in enumerate(indicators, start=1)]
    half = period.kind == periods.HALF
    value = half_figure if half else synthetic.figure
    for reporter in reporters:
        if half and not reporter.sends_half:
            continue
        unit = f"{reporter.unit_id}{head}"
        for number, indicator in numbered:
            yield f"{indicator}{unit}{value(number, reporter.number, period)}{tail}"


def _write_sqlite(
    period: periods.Period, reporters: list[Reporter], indicators: list[Indicator], now: dt.datetime
) -> int:
    """Elsewhere (the tests' SQLite): one prepared INSERT with executemany."""
    ops = connection.ops
    columns = synthetic._VALUE_COLUMNS
    sql = (
        f"INSERT INTO reporting_datavalue ({', '.join(columns)}) "
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    rows = [
        line.rstrip("\n").split("\t")
        for line in _value_lines(
            period, reporters, indicators, str(ops.adapt_datetimefield_value(now))
        )
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
    return len(rows)


def _write_values(
    period: periods.Period, reporters: list[Reporter], indicators: list[Indicator], now: dt.datetime
) -> int:
    if not synthetic._on_postgres():
        return _write_sqlite(period, reporters, indicators, now)
    count = 0

    def counted() -> Iterator[str]:
        nonlocal count
        for line in _value_lines(period, reporters, indicators, now.isoformat()):
            count += 1
            yield line

    synthetic._copy("reporting_datavalue", synthetic._VALUE_COLUMNS, counted())
    return count


def _write_reports(form: ReportForm, period: periods.Period, unit_ids: list[int]) -> int:
    # Sent two days after the period ends, approved the day after (as synthetic does).
    end = dt.datetime.combine(period.end, dt.time(9), tzinfo=dt.UTC)
    sent, decided = end + dt.timedelta(days=2), end + dt.timedelta(days=3)
    Report.objects.bulk_create(
        [
            Report(
                form=form,
                org_unit_id=unit_id,
                period=period.code,
                status=Status.APPROVED,
                submitted_at=sent,
                decided_at=decided,
                created_at=sent,
            )
            for unit_id in unit_ids
        ],
        batch_size=synthetic.BATCH,
    )
    return len(unit_ids)


# --- the load -----------------------------------------------------------------------------


def _secondary_indexes() -> list[tuple[str, str]]:
    """(name, definition) of reporting_datavalue's indexes that enforce nothing."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT i.relname, pg_get_indexdef(x.indexrelid)
            FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
            WHERE x.indrelid = 'reporting_datavalue'::regclass
              AND NOT x.indisunique AND NOT x.indisprimary
            ORDER BY i.relname
            """
        )
        return [(name, sql) for name, sql in cursor.fetchall()]


def _orphans(codes: list[str]) -> int:
    """Values of these periods whose indicator or unit does not exist (checked once, as
    the foreign-key triggers were off during the COPY)."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT COUNT(*) FROM reporting_datavalue dv
            WHERE dv.period = ANY(%s)
              AND (NOT EXISTS (SELECT 1 FROM org_orgunit u WHERE u.id = dv.org_unit_id)
                   OR NOT EXISTS (SELECT 1 FROM reporting_indicator i
                                  WHERE i.id = dv.indicator_id))
            """,
            [codes],
        )
        return int(cursor.fetchone()[0])


def _done(form: ReportForm, country: OrgUnit) -> dict[str, int]:
    """period code → reports of ``form`` held in the country."""
    rows = (
        Report.objects.filter(form=form, org_unit__path__startswith=country.path)
        .values("period")
        .annotate(n=Count("id"))
    )
    return {row["period"]: row["n"] for row in rows}


def _clear_period(form: ReportForm, country: OrgUnit, code: str) -> None:
    """A period left half-written by an older, per-month run: start it over."""
    units = OrgUnit.objects.filter(path__startswith=country.path).values("pk")
    DataValue.objects.filter(period=code, org_unit__in=units)._raw_delete(DataValue.objects.db)
    Report.objects.filter(form=form, period=code, org_unit__in=units).delete()


def _rollup_empty() -> bool:
    """True when the rollup's tables exist and hold nothing."""
    from django.apps import apps

    tables = [m for m in apps.get_models() if m.__module__.startswith("danvan.reporting.rollup")]
    return bool(tables) and not any(m._default_manager.exists() for m in tables)


def _rollup_rebuild(progress: Progress) -> float | None:
    """Rebuild the country's rollup from its values (bulk SQL), as synthetic does."""
    try:
        rollup = importlib.import_module("danvan.reporting.rollup")
    except ModuleNotFoundError:
        progress("  (chưa có danvan.reporting.rollup: bỏ qua bước dựng bảng cộng dồn)")
        return None
    tick = time.monotonic()
    country = OrgUnit.objects.get(code=COUNTRY_CODE)
    rollup.rebuild(org_unit=country, progress=lambda step: progress(f"  rollup: {step}"))
    seconds = time.monotonic() - tick
    progress(f"  dựng lại bảng cộng dồn (rollup.rebuild) trong {synthetic._n(seconds, 1)} giây")
    return seconds


def generate(plan: Plan, progress: Progress = lambda _: None) -> Result:
    """Create what is missing of ``plan``; return what was added and how long it took."""
    with synthetic._no_query_log():
        return _generate(plan, progress)


def _generate(plan: Plan, progress: Progress) -> Result:
    started = time.monotonic()
    result = Result()
    with acting_as(SYSTEM), transaction.atomic():
        indicators, monthly, half = ensure_catalog(plan)
        country, reporters, result.units = ensure_tree(plan)
    on_pg = synthetic._on_postgres()
    progress(
        f"{COUNTRY_NAME}: {plan.provinces} tỉnh, {sum(plan.commune_counts())} xã × "
        f"{len(synthetic.ORGANISATIONS)} tổ chức × {plan.indicators} chỉ tiêu × {plan.months} "
        f"tháng (đến {plan.end.code}) + báo cáo 6 tháng của 1/{HALF_EVERY} số xã = "
        f"{synthetic._n(plan.expected_values)} số liệu ({'COPY' if on_pg else 'INSERT'})"
    )
    jobs = _jobs(plan, monthly, half, country, reporters)
    if not jobs:
        if _rollup_empty():  # values loaded before the rollup's tables existed
            result.rollup_seconds = _rollup_rebuild(progress)
        result.seconds = time.monotonic() - started
        return result
    now = timezone.now()
    with transaction.atomic():
        indexes = _secondary_indexes() if on_pg else []
        with connection.cursor() as cursor:
            if on_pg:
                cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
                cursor.execute("SET LOCAL synchronous_commit = off")
                for name, _ in indexes:
                    cursor.execute(f'DROP INDEX "{name}"')
                cursor.execute("SET LOCAL session_replication_role = replica")
        for done, (form, period, unit_ids) in enumerate(jobs, start=1):
            tick = time.monotonic()
            result.values += _write_values(period, reporters, indicators, now)
            result.copy_seconds += time.monotonic() - tick
            result.reports += _write_reports(form, period, unit_ids)
            result.months += period.kind == periods.MONTH
            elapsed = time.monotonic() - started
            progress(
                f"  {period.code} ({done}/{len(jobs)}): {synthetic._n(result.values)} số liệu, "
                f"{synthetic._n(result.reports)} báo cáo; {synthetic._n(elapsed, 1)} giây "
                f"(COPY {synthetic._n(result.values / max(result.copy_seconds, 1e-9), 0)} "
                "số liệu/giây)"
            )
        if on_pg:
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL session_replication_role = origin")
                orphans = _orphans([period.code for _, period, _ in jobs])
                if orphans:
                    raise RuntimeError(f"{orphans} số liệu không có chỉ tiêu hoặc đơn vị.")
                tick = time.monotonic()
                for _, sql in indexes:
                    cursor.execute(sql)
                result.index_seconds = time.monotonic() - tick
            progress(
                f"  không có số liệu mồ côi; dựng lại {len(indexes)} chỉ mục trong "
                f"{synthetic._n(result.index_seconds, 1)} giây"
            )
    refresh_statistics()
    result.rollup_seconds = _rollup_rebuild(progress)
    result.seconds = time.monotonic() - started
    return result


def _jobs(
    plan: Plan, monthly: ReportForm, half: ReportForm, country: OrgUnit, reporters: list[Reporter]
) -> list[tuple[ReportForm, periods.Period, list[int]]]:
    """(form, period, reporting unit ids) of each period still to write."""
    jobs = []
    for form, wanted, ids in (
        (monthly, plan.month_list, [r.unit_id for r in reporters]),
        (half, plan.half_list, [r.unit_id for r in reporters if r.sends_half]),
    ):
        held = _done(form, country)
        for period in wanted:
            if held.get(period.code, 0) == len(ids):
                continue
            if held.get(period.code):
                _clear_period(form, country, period.code)
            jobs.append((form, period, ids))
    return jobs


def reset(progress: Progress = lambda _: None) -> int:
    """Delete the synthetic country, its figures and reports; return the units deleted."""
    country = OrgUnit.all_objects.filter(code=COUNTRY_CODE).first()
    if country is None:
        return 0
    with transaction.atomic():
        units = OrgUnit.all_objects.filter(path__startswith=country.path)
        ids = units.values("pk")
        DataValue.objects.filter(org_unit__in=ids)._raw_delete(DataValue.objects.db)
        Report.objects.filter(org_unit__in=ids).delete()
        count = units.count()
        for depth in sorted(set(units.values_list("depth", flat=True)), reverse=True):
            OrgUnit.all_objects.filter(path__startswith=country.path, depth=depth).delete()
    progress(f"Đã xóa {COUNTRY_NAME}: {synthetic._n(count)} đơn vị.")
    return count


def counts() -> dict[str, int]:
    """What the database holds of the synthetic country (for tests and the bench)."""
    country = OrgUnit.objects.filter(code=COUNTRY_CODE).first()
    if country is None:
        return {"units": 0, "values": 0, "reports": 0}
    subtree = OrgUnit.objects.filter(path__startswith=country.path)
    return {
        "units": subtree.count(),
        "values": DataValue.objects.filter(org_unit__in=subtree.values("pk")).count(),
        "reports": Report.objects.filter(org_unit__in=subtree.values("pk")).count(),
    }
