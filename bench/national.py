"""The national benchmark (issue 19 §3): dashboard queries on a synthetic country.

    make bench-national                                  # 12 then 24 months ≈ 25M figures
    .venv/bin/python bench/national.py --sizes 120       # the full ≈130M

On PostgreSQL from DATABASE_URL (default postgres://postgres@127.0.0.1:5432/bench_national,
created if missing, migrated), the country of ``synthetic_country`` is generated (COPY,
values/s printed) for the first size of ``--sizes``, timed, extended to the next size
(earlier months added: the queries read the same recent months) and timed again. At each
size and for four roots (the country, a big province, a commune, an organisation):

- the six dashboard queries of bench/run.py and the 40-indicator yearly dashboard, three
  ways, interleaved (A, B, C, A, B, C… so load noise hits all alike): (a) the product's
  ``analytics`` (reads the rollup), (b) ``live`` (the live SQL over the values, the
  reference), (c) a hand-written GROUP BY floor (plain SUM of the subtree's month values
  joined on the path, no coverage rule: the cheapest live query). p50/p95 each, and (a)
  checked against (b) for every figure: «khớp» or «LỆCH» (exit code 1 on a mismatch);
- submit-to-visible at the national total: an organisation's report is returned, sent
  again with ``report_submit`` and the national figure polled until it is counted again;
- the submit's own cost with the rollup and without (``rollup.refresh_units`` replaced by
  a no-op for the call; the skipped refresh is done afterwards, untimed);
- rows and size on disk of ``reporting_datavalue`` and of the rollup tables.

Then the same figures side by side for each size, and the targets met or not. No
assertion on timings: this prints, the reader judges.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
# bench/ itself off the path: bench/docx.py would shadow python-docx.
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]

from bench.run import percentile  # noqa: E402
from danvan.lib.numbers import format_number  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/bench_national"
OUT = ROOT / "bench" / "out"
TARGET_QUERY_MS = 100.0
TARGET_YEAR_MS = 200.0
TARGET_FRESH_MS = 1000.0
TARGET_SUBMIT_MS = 100.0
YEAR_QUERY = "year40"


def _n(value: float, places: int | None = 0) -> str:
    return format_number(value, places)


def _ensure_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    server = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
            print(f"Đã tạo cơ sở dữ liệu PostgreSQL {name}.", flush=True)


# --- the three ways -------------------------------------------------------------------


def _live_module() -> tuple[Any, bool]:
    """danvan.reporting.live once the rollup has landed; until then analytics itself."""
    try:
        return importlib.import_module("danvan.reporting.live"), True
    except ModuleNotFoundError:
        return importlib.import_module("danvan.reporting.analytics"), False


def _rollup_module() -> Any | None:
    try:
        return importlib.import_module("danvan.reporting.rollup")
    except ModuleNotFoundError:
        return None


def _floor_totals(ids: list[int], root: Any, months: list[Any]) -> dict[int, Any]:
    """indicator id → plain SUM of the subtree's month values (no rule of any kind)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT dv.indicator_id, SUM(dv.value)
            FROM reporting_datavalue dv JOIN org_orgunit u ON u.id = dv.org_unit_id
            WHERE dv.indicator_id = ANY(%s) AND dv.period = ANY(%s) AND u.path LIKE %s
            GROUP BY dv.indicator_id
            """,
            [ids, [m.code for m in months], root.path + "%"],
        )
        return dict(cursor.fetchall())


def _floor_by_period(ids: list[int], root: Any, months: list[Any]) -> dict[str, Any]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT dv.period, SUM(dv.value)
            FROM reporting_datavalue dv JOIN org_orgunit u ON u.id = dv.org_unit_id
            WHERE dv.indicator_id = ANY(%s) AND dv.period = ANY(%s) AND u.path LIKE %s
            GROUP BY dv.period
            """,
            [ids, [m.code for m in months], root.path + "%"],
        )
        return dict(cursor.fetchall())


def _floor_by_child(ids: list[int], root: Any, months: list[Any]) -> dict[str, Any]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT split_part(substr(u.path, %s), '/', 1), dv.indicator_id, SUM(dv.value)
            FROM reporting_datavalue dv JOIN org_orgunit u ON u.id = dv.org_unit_id
            WHERE dv.indicator_id = ANY(%s) AND dv.period = ANY(%s) AND u.path LIKE %s
              AND u.path <> %s
            GROUP BY 1, 2
            """,
            [len(root.path) + 1, ids, [m.code for m in months], root.path + "%", root.path],
        )
        return {(child, ind): total for child, ind, total in cursor.fetchall()}


# --- one size -------------------------------------------------------------------------


class Bench:
    def __init__(self, args: argparse.Namespace) -> None:
        from danvan.lib import periods
        from danvan.org.models import OrgUnit
        from danvan.reporting import analytics
        from danvan.reporting import synthetic as syn
        from danvan.reporting import synthetic_country as country
        from danvan.reporting.models import Indicator

        self.args = args
        self.analytics = analytics
        self.live, self.live_is_separate = _live_module()
        self.nation = OrgUnit.objects.get(code=country.COUNTRY_CODE)
        province = OrgUnit.objects.get(code=country.province_code(2))  # TP.HCM, 168 xã
        # A commune whose organisations also send six-month reports (coverage rule).
        commune = OrgUnit.objects.get(code=country.commune_code(2, 10 - 126 % 10))
        organisation = OrgUnit.objects.get(code=f"{commune.code}-MTTQ")
        self.roots = [
            ("quốc gia", self.nation),
            ("tỉnh", province),
            ("xã", commune),
            ("tổ chức", organisation),
        ]
        indicators = list(
            Indicator.objects.filter(code__startswith=syn.INDICATOR_PREFIX)
            .select_related("numerator", "denominator")
            .order_by("code")
        )
        self.stored = [i for i in indicators if not i.is_computed]
        self.all = indicators
        self.flow = next(i for i in indicators if i.code == syn.indicator_code(1))
        self.stock = next(i for i in indicators if i.code == syn.indicator_code(syn.LAST_EVERY))
        self.share = next(i for i in indicators if i.code == syn.RATIO_CODE)
        self.form = syn.ReportForm.objects.get(code=syn.FORM_CODE)
        plan = country.Plan(months=1)
        self.end = plan.end
        self.year = periods.Period(self.end.year, 1, periods.YEAR)
        self.quarter = periods.period_of(periods.QUARTER, self.end.start)
        # The latest complete half: the six-month reports of every tenth commune in it.
        half = periods.period_of(periods.HALF, self.end.start)
        self.half = half if half.end <= self.end.end else half.shifted(-1)
        self.trend = [self.end.shifted(-i) for i in range(11, -1, -1)]
        self.leaf = organisation

    def queries(self, root: Any) -> list[tuple[str, str, Callable[[Any], Any], Callable[[], Any]]]:
        """(key, label, way(module) → figures, floor) for one root."""
        from danvan.org.models import OrgUnit

        children = list(OrgUnit.objects.filter(parent=root).order_by("path"))
        flow, stock, share, stored = self.flow, self.stock, self.share, self.stored
        year, quarter, half, end, trend = self.year, self.quarter, self.half, self.end, self.trend
        ids = [i.pk for i in stored]
        ratio_ids = [share.numerator_id, share.denominator_id]
        return [
            (
                "sum_year",
                f"1 chỉ tiêu SUM, năm {year.code}",
                lambda m: m.aggregate([flow], root, year),
                lambda: _floor_totals([flow.pk], root, year.sub_periods()),
            ),
            (
                "month40",
                f"{len(stored)} chỉ tiêu, tháng {end.code}",
                lambda m: m.aggregate(stored, root, end),
                lambda: _floor_totals(ids, root, [end]),
            ),
            (
                "by_child",
                f"by_child {len(children)} đơn vị con, 1 chỉ tiêu, {quarter.code}",
                lambda m: m.by_child([flow], root, children, quarter),
                lambda: _floor_by_child([flow.pk], root, quarter.sub_periods()),
            ),
            (
                "last_half",
                f"chỉ tiêu LAST ({stock.code}), {half.code}",
                lambda m: m.aggregate([stock], root, half),
                lambda: _floor_totals([stock.pk], root, half.sub_periods()),
            ),
            (
                "ratio_year",
                f"tỷ lệ ({share.code}), năm {year.code}",
                lambda m: m.aggregate([share], root, year),
                lambda: _floor_totals(ratio_ids, root, year.sub_periods()),
            ),
            (
                "trend12",
                f"xu hướng 12 tháng đến {end.code}, 1 chỉ tiêu",
                lambda m: [m.aggregate([flow], root, p) for p in trend],
                lambda: _floor_by_period([flow.pk], root, trend),
            ),
            (
                YEAR_QUERY,
                f"bảng {len(self.all)} chỉ tiêu cả năm {year.code}",
                lambda m: m.aggregate(self.all, root, year),
                lambda: _floor_totals(ids, root, year.sub_periods()),
            ),
        ]

    def time_queries(self) -> tuple[list[dict[str, Any]], bool]:
        rows, all_same = [], True
        for root_label, root in self.roots:
            print(f"  gốc {root_label}: {root.name}", flush=True)
            for key, label, way, floor in self.queries(root):
                row = self._interleaved(way, floor)
                row.update(root=root_label, key=key, name=label)
                all_same &= row["same"]
                rows.append(row)
                print(
                    f"    {label:<46} rollup p95 {_n(row['a_p95'], 2):>8} ms | live p50 "
                    f"{_n(row['b_p50'], 1):>9} ms | sàn p50 {_n(row['c_p50'], 1):>9} ms | "
                    f"{'khớp' if row['same'] else 'LỆCH'}",
                    flush=True,
                )
        return rows, all_same

    def _interleaved(self, way: Callable[[Any], Any], floor: Callable[[], Any]) -> dict[str, Any]:
        """A, B, C, A, B, C…: the rollup every round, live and floor the first rounds."""
        times: dict[str, list[float]] = {"a": [], "b": [], "c": []}
        results: dict[str, Any] = {}
        runs = self.args.runs
        if self.live_is_separate:
            way(self.analytics)  # warm the caches once (the live way warms in its first run)
        else:
            runs = self.args.live_runs  # (a) is the live SQL too: as many runs as (b)
        steps = {
            "a": lambda: way(self.analytics),
            "b": lambda: way(self.live),
            "c": floor,
        }
        for round_ in range(runs):
            for name, fn in steps.items():
                if name != "a" and round_ >= self.args.live_runs:
                    continue
                tick = time.perf_counter()
                results[name] = fn()
                times[name].append((time.perf_counter() - tick) * 1000)
        row: dict[str, Any] = {"same": results["a"] == results["b"]}
        for name, values in times.items():
            row[f"{name}_p50"] = statistics.median(values)
            row[f"{name}_p95"] = percentile(values, 95)
        return row

    def visible(self) -> dict[str, Any]:
        """Submit → visible at the national total; submit's cost with and without rollup."""
        from danvan.access.system import SYSTEM
        from danvan.reporting.services import report_approve, report_return, report_submit

        flow, nation, end, unit, form = self.flow, self.nation, self.end, self.leaf, self.form
        read = lambda: self.analytics.aggregate([flow], nation, end)[flow.code]  # noqa: E731
        full = read()

        def send_back() -> None:
            report_return(
                actor=SYSTEM, form=form, org_unit=unit, period=end.code, reason="Đo gửi → thấy"
            )
            if read() == full:
                raise RuntimeError("Trả lại báo cáo mà tổng quốc gia không đổi.")

        delays, submits, polls = [], [], []
        for _ in range(self.args.visible_runs):
            send_back()
            tick = time.perf_counter()
            report_submit(actor=SYSTEM, form=form, org_unit=unit, period=end.code)
            sent = time.perf_counter()
            tries = 1
            while read() != full:
                tries += 1
                if tries > 1000:
                    raise RuntimeError("Số liệu đã gửi không xuất hiện ở tổng quốc gia.")
            delays.append((time.perf_counter() - tick) * 1000)
            submits.append((sent - tick) * 1000)
            polls.append(tries)
            report_approve(actor=SYSTEM, form=form, org_unit=unit, period=end.code)
        bare = self._submit_without_rollup(send_back)
        return {
            "delay_p50": statistics.median(delays),
            "delay_p95": percentile(delays, 95),
            "submit_p50": statistics.median(submits),
            "submit_p95": percentile(submits, 95),
            "bare_p50": statistics.median(bare) if bare else None,
            "bare_p95": percentile(bare, 95) if bare else None,
            "polls": max(polls),
            "skipped_refreshes": getattr(self, "skipped_refreshes", 0),
            "unit": unit.name,
            "period": end.code,
        }

    def _submit_without_rollup(self, send_back: Callable[[], None]) -> list[float]:
        """report_submit with ``rollup.refresh_units`` replaced by a recorder wherever a
        danvan module holds it (services, status_log…); the recorded refreshes are run
        afterwards, untimed, so the rollup stays right."""
        from danvan.access.system import SYSTEM
        from danvan.reporting.services import report_approve, report_submit

        rollup = _rollup_module()
        if rollup is None or not hasattr(rollup, "refresh_units"):
            return []
        real = rollup.refresh_units
        holders = [
            module
            for name, module in list(sys.modules.items())
            if name.startswith("danvan.") and getattr(module, "refresh_units", None) is real
        ]
        skipped: list[tuple[Any, Any]] = []

        def skip(*args: Any, **kwargs: Any) -> None:
            skipped.append((args, kwargs))

        times = []
        self.skipped_refreshes = 0
        for _ in range(self.args.visible_runs):
            send_back()
            for module in holders:
                module.refresh_units = skip
            try:
                tick = time.perf_counter()
                report_submit(
                    actor=SYSTEM, form=self.form, org_unit=self.leaf, period=self.end.code
                )
                times.append((time.perf_counter() - tick) * 1000)
            finally:
                for module in holders:
                    module.refresh_units = real
            self.skipped_refreshes += len(skipped)
            for args, kwargs in skipped:  # the rollup put right again, untimed
                real(*args, **kwargs)
            skipped.clear()
            report_approve(actor=SYSTEM, form=self.form, org_unit=self.leaf, period=self.end.code)
        return times


def table_sizes() -> list[dict[str, Any]]:
    from django.apps import apps
    from django.db import connection

    rollup = sorted(m._meta.db_table for m in apps.get_models() if "rollup" in m.__module__)
    tables = ["reporting_datavalue", *rollup]
    out = []
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT COUNT(*), pg_total_relation_size('{table}') FROM {table}")
            rows, size = cursor.fetchone()
            out.append({"table": table, "rows": rows, "bytes": size})
    return out


def _mb(size: float) -> str:
    return f"{_n(size / 1024 / 1024)} MB"


# --- the run --------------------------------------------------------------------------


def run_size(months: int, args: argparse.Namespace) -> dict[str, Any]:
    from danvan.reporting import synthetic_country as country

    plan = country.Plan(months=months)
    print(f"\n### {months} tháng ({_n(plan.expected_values)} số liệu của quốc gia)", flush=True)
    result = country.generate(plan, lambda message: print(message, flush=True))
    held = country.counts()
    if held["values"] != plan.expected_values:
        raise SystemExit(f"!! số liệu quốc gia: {held['values']} thay vì {plan.expected_values}")
    bench = Bench(args)
    if not bench.live_is_separate:
        print("  (chưa có danvan.reporting.live: (a) và (b) cùng là analytics)")
    rows, same = bench.time_queries()
    visible = bench.visible()
    return {
        "months": months,
        "values": held["values"],
        "units": held["units"],
        "generated": {
            "values": result.values,
            "copy_seconds": result.copy_seconds,
            "index_seconds": result.index_seconds,
            "rollup_seconds": result.rollup_seconds,
            "seconds": result.seconds,
        },
        "queries": rows,
        "same": same,
        "visible": visible,
        "tables": table_sizes(),
        "live_separate": bench.live_is_separate,
    }


def print_size(r: dict[str, Any], args: argparse.Namespace) -> None:
    g = r["generated"]
    print(
        f"\n== {r['months']} tháng: {_n(r['values'])} số liệu, {_n(r['units'])} đơn vị; "
        f"rollup {args.runs} lần, live và sàn {args.live_runs} lần mỗi truy vấn (ms) =="
    )
    if g["values"]:
        rollup = "—" if g["rollup_seconds"] is None else f"{_n(g['rollup_seconds'], 1)} s"
        print(
            f"   sinh lần này {_n(g['values'])} số liệu: COPY {_n(g['copy_seconds'], 1)} s "
            f"({_n(g['values'] / max(g['copy_seconds'], 1e-9))} số liệu/s), chỉ mục "
            f"{_n(g['index_seconds'], 1)} s, dựng rollup {rollup}, tổng {_n(g['seconds'], 1)} s"
        )
    header = (
        f"{'gốc':<8} | {'truy vấn':<46} | {'rollup p50':>10} | {'p95':>8} | {'live p50':>9} | "
        f"{'p95':>9} | {'sàn p50':>9} | {'p95':>9} | khớp live"
    )
    print(header)
    print("-" * len(header))
    for q in r["queries"]:
        print(
            f"{q['root']:<8} | {q['name']:<46} | {_n(q['a_p50'], 2):>10} | "
            f"{_n(q['a_p95'], 2):>8} | {_n(q['b_p50'], 1):>9} | {_n(q['b_p95'], 1):>9} | "
            f"{_n(q['c_p50'], 1):>9} | {_n(q['c_p95'], 1):>9} | "
            f"{'khớp' if q['same'] else 'LỆCH'}"
        )
    v = r["visible"]
    print(
        f"gửi báo cáo → thấy ở tổng quốc gia ({v['unit']}, {v['period']}): p50 "
        f"{_n(v['delay_p50'], 1)} ms, p95 {_n(v['delay_p95'], 1)} ms (thấy ngay ở lần đọc đầu: "
        f"{'có' if v['polls'] == 1 else 'không'})"
    )
    bare = (
        f"p50 {_n(v['bare_p50'], 1)} ms, p95 {_n(v['bare_p95'], 1)} ms "
        f"({v['skipped_refreshes']} lần refresh_units bỏ qua)"
        if v["bare_p50"] is not None
        else "— (chưa có rollup.refresh_units)"
    )
    print(
        f"riêng report_submit: có rollup p50 {_n(v['submit_p50'], 1)} ms, p95 "
        f"{_n(v['submit_p95'], 1)} ms; không cập nhật rollup {bare}"
    )
    for t in r["tables"]:
        print(f"bảng {t['table']}: {_n(t['rows'])} dòng, {_mb(t['bytes'])}")


def print_growth(results: list[dict[str, Any]]) -> None:
    if len(results) < 2:
        return
    first, last = results[0], results[-1]
    print(
        f"\n## Theo cỡ bảng: {first['months']} → {last['months']} tháng "
        f"({_n(first['values'])} → {_n(last['values'])} số liệu); p95 ms"
    )
    header = (
        f"{'gốc':<8} | {'truy vấn':<46} | {'rollup':>8} | {'rollup':>8} | {'×':>5} | "
        f"{'live':>9} | {'live':>9} | {'×':>5}"
    )
    print(header)
    print("-" * len(header))
    for a, b in zip(first["queries"], last["queries"], strict=True):
        print(
            f"{a['root']:<8} | {a['name']:<46} | {_n(a['a_p95'], 2):>8} | {_n(b['a_p95'], 2):>8} | "
            f"{_n(b['a_p95'] / max(a['a_p95'], 1e-9), 2):>5} | {_n(a['b_p95'], 1):>9} | "
            f"{_n(b['b_p95'], 1):>9} | {_n(b['b_p95'] / max(a['b_p95'], 1e-9), 2):>5}"
        )


def print_targets(r: dict[str, Any]) -> None:
    dashboard = [q for q in r["queries"] if q["key"] != YEAR_QUERY]
    worst = max(dashboard, key=lambda q: q["a_p95"])
    year = next(q for q in r["queries"] if q["key"] == YEAR_QUERY and q["root"] == "quốc gia")
    v = r["visible"]
    mismatches = sum(not q["same"] for q in r["queries"])
    targets = [
        (
            "mọi truy vấn dashboard p95 ≤ 100 ms, mọi gốc",
            f"lớn nhất {_n(worst['a_p95'], 1)} ms ({worst['root']}: {worst['name']})",
            worst["a_p95"] <= TARGET_QUERY_MS,
        ),
        (
            "bảng 40 chỉ tiêu cả năm, quốc gia ≤ 200 ms",
            f"p95 {_n(year['a_p95'], 1)} ms",
            year["a_p95"] <= TARGET_YEAR_MS,
        ),
        ("gửi → thấy ở quốc gia ≤ 1 s", f"p95 {_n(v['delay_p95'], 1)} ms", v["delay_p95"] <= 1000),
        (
            "report_submit p95 ≤ 100 ms",
            f"p95 {_n(v['submit_p95'], 1)} ms",
            v["submit_p95"] <= TARGET_SUBMIT_MS,
        ),
        ("rollup = live mọi số", f"{mismatches} lệch", mismatches == 0),
    ]
    print(f"\n## Mục tiêu ({r['months']} tháng, {_n(r['values'])} số liệu)")
    for name, figure, met in targets:
        print(f"  {'ĐẠT     ' if met else 'KHÔNG ĐẠT'} {name}: {figure}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--months", type=int, default=24, help="số tháng (mặc định 24)")
    parser.add_argument(
        "--sizes",
        help="các cỡ bảng tính bằng tháng, tăng dần, ví dụ 12,24 (mặc định chỉ --months)",
    )
    parser.add_argument("--runs", type=int, default=20, help="số lần đo rollup mỗi truy vấn")
    parser.add_argument(
        "--live-runs", type=int, default=3, help="số lần đo live và sàn mỗi truy vấn"
    )
    parser.add_argument("--visible-runs", type=int, default=7)
    parser.add_argument("--json", help="ghi kết quả ra tệp JSON")
    args = parser.parse_args()
    sizes = sorted({int(s) for s in args.sizes.split(",")}) if args.sizes else [args.months]
    args.live_runs = min(args.live_runs, args.runs)

    url = os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
    if not url.startswith("postgres"):
        raise SystemExit("bench/national.py chỉ chạy trên PostgreSQL (DATABASE_URL=postgres://…).")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    os.environ.setdefault("DEBUG", "1")  # the development secret key; query log off below
    os.environ.pop("DANVAN_TESTING", None)
    _ensure_database(url)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.DEBUG = False
    started = time.monotonic()
    print(f"Bench quốc gia trên {urlsplit(url).path.lstrip('/')}: cỡ {sizes} tháng", flush=True)
    call_command("migrate", verbosity=0)
    results = [run_size(months, args) for months in sizes]
    for r in results:
        print_size(r, args)
    print_growth(results)
    print_targets(results[-1])
    print(f"\nTổng thời gian bench: {_n(time.monotonic() - started, 1)} s")
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=1, default=str))
    if not all(r["same"] for r in results):
        print("!! rollup LỆCH với live SQL", flush=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
