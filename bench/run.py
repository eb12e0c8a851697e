"""Dashboard queries at scale, on SQLite and PostgreSQL.

    make bench-small   # 15 communes × 24 months × 12 indicators (≈35 thousand figures)
    make bench         # 130 communes × 120 months × 40 indicators (≈5 million figures)

Without ``--db`` this script is the driver: for each database it runs itself again in a
child process with the database's environment (a separate SQLite file under bench/out/
through DANVAN_VAR_DIR; DATABASE_URL for PostgreSQL, the database created if missing),
then prints the tables side by side. With DATABASE_URL set, only that database is
measured (under its own name, created if missing on PostgreSQL). The child migrates,
generates the synthetic province if it is missing (``generate_synthetic``, idempotent), and times:

- each dashboard query through ``danvan.reporting.analytics`` (one SQL query per
  aggregate): p50 and p95 over N runs;
- the same figure computed by a naive ORM loop (for each unit of the subtree, for each
  month, one ``DataValue.objects.filter(...)`` and a Python sum), with the speed-up and a
  check that both give the same number;
- the submit-to-visible delay: a unit's report is returned, then ``report_submit`` is
  called and the province ``aggregate`` polled until the unit's figure is counted again
  (the report is approved again afterwards, so the dataset is left as it was).

No assertion on timings: this prints, the reader judges.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
# bench/ itself off the path: bench/docx.py would shadow python-docx in the child.
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]

from danvan.lib.numbers import format_number  # noqa: E402  (no Django needed)

OUT = ROOT / "bench" / "out"
PG_SERVER = os.environ.get("BENCH_PG_SERVER", "postgres://postgres@127.0.0.1:5432")
DATABASES = {  # name: label
    "sqlite": "SQLite",
    "postgres": "PostgreSQL",
}


def _pg_name(small: bool) -> str:
    return "danvan_bench_small" if small else "danvan_bench"


# DATABASE_URL set: only that database is measured, under its own name.
GIVEN_URL = os.environ.get("DATABASE_URL", "")


def _given_db() -> str | None:
    if not GIVEN_URL:
        return None
    return "postgres" if GIVEN_URL.startswith("postgres") else "sqlite"


def _child_env(db: str, small: bool) -> dict[str, str]:
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="danvan.settings", DEBUG="1")
    env.pop("DANVAN_TESTING", None)
    if GIVEN_URL:
        env["DATABASE_URL"] = GIVEN_URL
        env["DANVAN_VAR_DIR"] = str(OUT / f"var-{db}")
    elif db == "sqlite":
        env.pop("DATABASE_URL", None)
        env["DANVAN_VAR_DIR"] = str(OUT / ("sqlite-small" if small else "sqlite"))
    else:
        env["DATABASE_URL"] = f"{PG_SERVER}/{_pg_name(small)}"
        env["DANVAN_VAR_DIR"] = str(OUT / "var-postgres")
    return env


def _ensure_pg_database(name: str) -> None:
    import psycopg

    server = PG_SERVER
    if GIVEN_URL.startswith("postgres"):
        parts = urlsplit(GIVEN_URL)
        server, name = urlunsplit(parts._replace(path="")), parts.path.lstrip("/")
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
            print(f"Đã tạo cơ sở dữ liệu PostgreSQL {name}.", flush=True)


# --- driver --------------------------------------------------------------------------


def drive(args: argparse.Namespace) -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    scale = "small" if args.small else "full"
    results: dict[str, dict[str, Any]] = {}
    started = time.monotonic()
    for db in args.databases:
        if db == "postgres":
            _ensure_pg_database(_pg_name(args.small))
        out_file = OUT / f"result-{db}-{scale}.json"
        command = [sys.executable, __file__, "--db", db, "--json", str(out_file)]
        command += ["--small"] if args.small else []
        command += ["--runs", str(args.runs), "--naive-runs", str(args.naive_runs)]
        print(f"\n### {DATABASES[db]} ({scale})", flush=True)
        done = subprocess.run(command, env=_child_env(db, args.small), cwd=ROOT, check=False)
        if done.returncode != 0:
            print(f"!! {DATABASES[db]}: lỗi (mã {done.returncode})", flush=True)
            return done.returncode
        results[db] = json.loads(out_file.read_text())
    if len(results) > 1:
        print_comparison(results)
    print(f"\nTổng thời gian bench: {_n(time.monotonic() - started, 1)} s")
    return 0


def print_comparison(results: dict[str, dict[str, Any]]) -> None:
    names = list(results)
    print("\n## So sánh (p50 ms; analytics / vòng lặp ORM)")
    header = f"{'truy vấn':<44}" + "".join(
        f" | {DATABASES[n] + ' analytics':>20} | {DATABASES[n] + ' ORM':>15}" for n in names
    )
    print(header)
    print("-" * len(header))
    first = results[names[0]]["queries"]
    for index, query in enumerate(first):
        line = f"{query['name']:<44}"
        for name in names:
            row = results[name]["queries"][index]
            line += f" | {_n(row['fast_p50'], 2):>20} | {_n(row['naive_p50'], 1):>15}"
        print(line)
    line = f"{'gửi báo cáo → thấy ở tỉnh (p50)':<44}"
    for name in names:
        line += f" | {_n(results[name]['visible']['delay_p50'], 2):>20} | {'':>15}"
    print(line)


# --- child: one database ---------------------------------------------------------------


def _n(value: float, places: int | None = 0) -> str:
    """Vietnamese style, as the product prints figures: 1.633 and 4,29."""
    return format_number(value, places)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def timed(fn: Callable[[], Any], runs: int) -> tuple[list[float], Any]:
    times, result = [], None
    for _ in range(runs):
        tick = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - tick) * 1000)
    return times, result


def child(args: argparse.Namespace) -> int:
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    # DEBUG=1 only lets the settings start with the development secret key; the query
    # log it turns on would cost the naive loop ~20 µs a query and hold thousands of SQL
    # strings, so it is switched off for the measurements.
    settings.DEBUG = False

    from danvan.access.system import SYSTEM
    from danvan.lib import periods
    from danvan.org.models import OrgUnit
    from danvan.reporting import synthetic
    from danvan.reporting.analytics import aggregate, by_child
    from danvan.reporting.models import COUNTED, DataValue, Indicator, ReportForm
    from danvan.reporting.services import report_approve, report_return, report_submit

    label = DATABASES[args.db]
    where = (
        settings.DATABASES["default"]["NAME"]
        if args.db == "postgres" or GIVEN_URL
        else os.path.relpath(settings.DATABASES["default"]["NAME"], ROOT)
    )
    tick = time.monotonic()
    call_command("migrate", verbosity=0)
    migrate_s = time.monotonic() - tick
    plan = synthetic.Plan(**(synthetic.SMALL if args.small else synthetic.FULL))
    result = synthetic.generate(plan, lambda message: print(message, flush=True))
    held = synthetic.counts()
    if held["values"] != plan.expected_values:
        print(f"!! số liệu tỉnh SYN: {held['values']} thay vì {plan.expected_values}")
        return 1

    province = OrgUnit.objects.get(code=synthetic.PROVINCE_CODE)
    units = list(OrgUnit.objects.filter(path__startswith=province.path).order_by("path"))
    communes = [u for u in units if u.parent_id == province.pk]
    indicators = {
        i.code: i
        for i in Indicator.objects.filter(code__startswith=synthetic.INDICATOR_PREFIX)
        .select_related("numerator", "denominator")
        .order_by("code")
    }
    stored = [i for i in indicators.values() if not i.is_computed]
    flow = indicators["SYN_01"]
    stock = indicators[synthetic.indicator_code(synthetic.LAST_EVERY)]
    share = indicators[synthetic.RATIO_CODE]
    end = synthetic.END_MONTH
    year = periods.Period(end.year, 1, periods.YEAR)
    quarter = periods.period_of(periods.QUARTER, end.start)
    half = periods.period_of(periods.HALF, end.start)
    months_of_year = year.sub_periods()

    # --- the naive ORM loop: one query per (unit, month) ---------------------------
    query_count = [0]

    def naive_unit_month(ids: list[int], unit: OrgUnit, month: periods.Period) -> dict[int, Any]:
        query_count[0] += 1
        return dict(
            DataValue.objects.filter(
                indicator_id__in=ids, org_unit=unit, period=month.code, status__in=COUNTED
            ).values_list("indicator_id", "value")
        )

    def naive(chosen: list[Indicator], root: OrgUnit, period: periods.Period) -> dict[str, Any]:
        parts: dict[int, Indicator] = {}
        for indicator in chosen:
            for part in (
                (indicator.numerator, indicator.denominator)
                if indicator.is_computed
                else (indicator,)
            ):
                assert part is not None
                parts[part.pk] = part
        ids = list(parts)
        sums = {pk: Decimal(0) for pk in ids}
        seen = set()
        query_count[0] += 1
        for unit in OrgUnit.objects.filter(path__startswith=root.path):
            last: dict[int, Any] = {}
            for month in period.sub_periods():
                for pk, value in naive_unit_month(ids, unit, month).items():
                    if value is None:
                        continue
                    seen.add(pk)
                    if parts[pk].aggregation == Indicator.Aggregation.LAST:
                        last[pk] = value
                    else:
                        sums[pk] += value
            for pk, value in last.items():
                sums[pk] += value
        totals = {pk: (sums[pk] if pk in seen else None) for pk in ids}
        out: dict[str, Any] = {}
        for indicator in chosen:
            if indicator.is_computed:
                assert indicator.numerator_id and indicator.denominator_id
                top, bottom = totals[indicator.numerator_id], totals[indicator.denominator_id]
                out[indicator.code] = (
                    top / bottom * indicator.factor if top is not None and bottom else None
                )
            else:
                out[indicator.code] = totals[indicator.pk]
        return out

    # --- the fixed set of dashboard queries --------------------------------------
    queries: list[tuple[str, Callable[[], Any], Callable[[], Any]]] = [
        (
            f"1 chỉ tiêu SUM, cả tỉnh, năm {year.code}",
            lambda: aggregate([flow], province, year),
            lambda: naive([flow], province, year),
        ),
        (
            f"{len(stored)} chỉ tiêu, cả tỉnh, tháng {end.code}",
            lambda: aggregate(stored, province, end),
            lambda: naive(stored, province, end),
        ),
        (
            f"by_child {len(communes)} xã, 1 chỉ tiêu, {quarter.code}",
            lambda: by_child([flow], province, communes, quarter),
            lambda: {c.pk: naive([flow], c, quarter) for c in communes},
        ),
        (
            f"chỉ tiêu LAST ({stock.code}), cả tỉnh, {half.code}",
            lambda: aggregate([stock], province, half),
            lambda: naive([stock], province, half),
        ),
        (
            f"tỷ lệ tính ({share.code}), cả tỉnh, {year.code}",
            lambda: aggregate([share], province, year),
            lambda: naive([share], province, year),
        ),
        (
            f"xu hướng 12 tháng, 1 chỉ tiêu, {year.code}",
            lambda: [aggregate([flow], province, m) for m in months_of_year],
            lambda: [naive([flow], province, m) for m in months_of_year],
        ),
    ]
    rows = []
    for name, fast, slow in queries:
        fast()  # warm the caches once
        fast_times, fast_result = timed(fast, args.runs)
        query_count[0] = 0
        slow_times, slow_result = timed(slow, args.naive_runs)
        per_run = query_count[0] // args.naive_runs
        rows.append(
            {
                "name": name,
                "fast_p50": statistics.median(fast_times),
                "fast_p95": percentile(fast_times, 95),
                "naive_p50": statistics.median(slow_times),
                "naive_p95": percentile(slow_times, 95),
                "naive_queries": per_run,
                "same": fast_result == slow_result,
            }
        )
        print(f"  {name}: xong", flush=True)

    # --- submit → visible ----------------------------------------------------------
    form = ReportForm.objects.get(code=synthetic.FORM_CODE)
    unit = next(u for u in units if u.code.endswith("-MTTQ"))
    full_value = aggregate([flow], province, end)[flow.code]
    delays, submits, polls = [], [], []
    for _ in range(args.visible_runs):
        report_return(
            actor=SYSTEM,
            form=form,
            org_unit=unit,
            period=end.code,
            reason="Đo thời gian gửi → thấy (bench)",
        )
        assert aggregate([flow], province, end)[flow.code] != full_value
        tick = time.perf_counter()
        report_submit(actor=SYSTEM, form=form, org_unit=unit, period=end.code)
        submitted = time.perf_counter()
        tries = 0
        while aggregate([flow], province, end)[flow.code] != full_value:
            tries += 1
            if tries > 1000:
                raise RuntimeError("Số liệu đã gửi không xuất hiện ở tỉnh.")
        seen = time.perf_counter()
        delays.append((seen - tick) * 1000)
        submits.append((submitted - tick) * 1000)
        polls.append(tries + 1)
        report_approve(actor=SYSTEM, form=form, org_unit=unit, period=end.code)
    visible = {
        "delay_p50": statistics.median(delays),
        "delay_p95": percentile(delays, 95),
        "submit_p50": statistics.median(submits),
        "polls": max(polls),
        "unit": unit.name,
        "period": end.code,
    }

    report = {
        "db": args.db,
        "label": label,
        "where": str(where),
        "scale": "small" if args.small else "full",
        "plan": vars(plan),
        "counts": held,
        "total_values": DataValue.objects.count(),
        "generated": {
            "values": result.values,
            "reports": result.reports,
            "units": result.units,
            "seconds": result.seconds,
        },
        "migrate_seconds": migrate_s,
        "runs": args.runs,
        "naive_runs": args.naive_runs,
        "queries": rows,
        "visible": visible,
        "vendor": connection.vendor,
    }
    print_table(report)
    if args.json:
        Path(args.json).write_text(json.dumps(report, ensure_ascii=False, indent=1))
    return 0


def print_table(r: dict[str, Any]) -> None:
    plan, counts, generated = r["plan"], r["counts"], r["generated"]
    print(
        f"\n== {r['label']} ({r['where']}): tỉnh SYN {plan['communes']} xã × 8 tổ chức × "
        f"{plan['indicators']} chỉ tiêu × {plan['months']} tháng = {_n(counts['values'])} "
        f"số liệu, {_n(counts['reports'])} báo cáo, {_n(counts['units'])} đơn vị =="
    )
    if generated["values"] or generated["reports"]:
        rate = generated["values"] / max(generated["seconds"], 1e-9)
        print(
            f"   sinh dữ liệu lần này: {_n(generated['values'])} số liệu, "
            f"{_n(generated['reports'])} báo cáo trong {_n(generated['seconds'], 1)} s "
            f"({_n(rate)} số liệu/s)"
        )
    else:
        print(f"   dữ liệu đã có sẵn (kiểm tra trong {_n(generated['seconds'], 1)} s)")
    print(
        f"   analytics: {r['runs']} lần mỗi truy vấn; vòng lặp ORM: {r['naive_runs']} lần; "
        "thời gian tính bằng ms"
    )
    header = (
        f"{'truy vấn':<44} | {'p50':>8} | {'p95':>8} | {'ORM p50':>10} | {'ORM p95':>10} | "
        f"{'nhanh hơn':>9} | {'truy vấn ORM':>12} | khớp"
    )
    print(header)
    print("-" * len(header))
    for q in r["queries"]:
        speedup = q["naive_p50"] / q["fast_p50"] if q["fast_p50"] else float("inf")
        print(
            f"{q['name']:<44} | {_n(q['fast_p50'], 2):>8} | {_n(q['fast_p95'], 2):>8} | "
            f"{_n(q['naive_p50'], 1):>10} | {_n(q['naive_p95'], 1):>10} | {_n(speedup):>8}× | "
            f"{_n(q['naive_queries']):>12} | {'có' if q['same'] else 'KHÔNG'}"
        )
    v = r["visible"]
    print(
        f"gửi báo cáo → thấy ở tổng tỉnh ({v['unit']}, {v['period']}): "
        f"p50 {_n(v['delay_p50'], 2)} ms, p95 {_n(v['delay_p95'], 2)} ms (riêng report_submit "
        f"p50 {_n(v['submit_p50'], 2)} ms; thấy ngay ở lần đọc đầu tiên: "
        f"{'có' if v['polls'] == 1 else 'không'})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="bộ nhỏ (15 xã × 24 tháng × 12)")
    parser.add_argument(
        "--db", choices=sorted(DATABASES), help="chỉ đo một cơ sở dữ liệu (tiến trình con)"
    )
    parser.add_argument(
        "--databases",
        nargs="+",
        choices=sorted(DATABASES),
        default=["sqlite", "postgres"],
        help="các cơ sở dữ liệu cần đo (mặc định cả hai)",
    )
    parser.add_argument("--runs", type=int, default=0, help="số lần chạy mỗi truy vấn")
    parser.add_argument("--naive-runs", type=int, default=0, help="số lần chạy vòng lặp ORM")
    parser.add_argument("--visible-runs", type=int, default=5)
    parser.add_argument("--json", help="ghi kết quả ra tệp JSON")
    args = parser.parse_args()
    if _given_db() and not args.db:
        args.databases = [_given_db()]
    args.runs = args.runs or (30 if args.small else 20)
    args.naive_runs = args.naive_runs or (5 if args.small else 3)
    return child(args) if args.db else drive(args)


if __name__ == "__main__":
    sys.exit(main())
