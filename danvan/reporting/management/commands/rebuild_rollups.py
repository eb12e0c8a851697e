from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from danvan.lib import periods
from danvan.org.models import OrganisationKind, OrgUnit
from danvan.reporting import analytics, live, rollup
from danvan.reporting.models import DataValue, Indicator


class Command(BaseCommand):
    help = (
        "Dựng lại bảng cộng dồn (rollup) từ số liệu đã lưu, rồi tự đối chiếu với truy vấn "
        "trực tiếp (live SQL) trên một mẫu đơn vị và kỳ. Không tham số: dựng lại tất cả; "
        "--org-unit: chỉ cây đơn vị đó (phần chênh lệch được cộng lên các cấp trên); "
        "--period: chỉ năm chứa kỳ đó. --compact: chỉ gộp các dòng cộng dồn."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--org-unit", help="mã hoặc tên đơn vị (mặc định: tất cả)")
        parser.add_argument("--period", help="kỳ (2025, 2025H1, 2025Q2, 2025-04): dựng lại cả năm")
        parser.add_argument(
            "--check-limit", type=int, default=200, help="số đơn vị đối chiếu (0: không đối chiếu)"
        )
        parser.add_argument("--compact", action="store_true", help="chỉ gộp các dòng cộng dồn")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["compact"]:
            folded = rollup.compact()
            self.stdout.write(f"Đã gộp {folded} dòng cộng dồn.")
            return
        unit = self._unit(options["org_unit"])
        period = None
        if options["period"]:
            try:
                period = periods.parse(options["period"])
            except periods.PeriodError as error:
                raise CommandError(str(error)) from error
        bar = tqdm(total=9, desc="Dựng lại", unit="bước", disable=options["verbosity"] == 0)

        def step(label: str) -> None:
            bar.set_postfix_str(label)
            bar.update(1)

        written = rollup.rebuild(org_unit=unit, period=period, progress=step)
        bar.close()
        self.stdout.write(
            f"Đã dựng lại: {written['contributions']} phần đóng góp, "
            f"{written['deltas']} dòng cộng dồn."
        )
        if options["check_limit"]:
            checked, wrong = self._check(unit, period, options["check_limit"], options["verbosity"])
            if wrong:
                raise CommandError(
                    f"Bảng cộng dồn lệch với truy vấn trực tiếp ở {len(wrong)}/{checked} con số, "
                    f"ví dụ: {'; '.join(wrong[:3])}."
                )
            self.stdout.write(f"Đối chiếu với truy vấn trực tiếp: {checked} con số khớp.")

    def _unit(self, name: str | None) -> OrgUnit | None:
        if not name:
            return None
        found = list(OrgUnit.all_objects.filter(code=name)[:2]) or list(
            OrgUnit.all_objects.filter(name=name)[:2]
        )
        if len(found) != 1:
            raise CommandError(
                f"Không tìm thấy đơn vị «{name}»."
                if not found
                else f"Có nhiều đơn vị tên «{name}»: dùng mã."
            )
        return found[0]

    def _check(
        self, unit: OrgUnit | None, period: periods.Period | None, limit: int, verbosity: int
    ) -> tuple[int, list[str]]:
        """Rollup against live SQL: the scope's root(s) and a sample of units below, for
        every kind of period of the years present, all stored indicators, and one
        organisation kind's cut at the root."""
        units = list(
            OrgUnit.all_objects.filter(path__startswith=unit.path if unit else "/").order_by(
                "depth", "pk"
            )
        )
        top = [u for u in units if u.depth == units[0].depth] if units else []
        rest = [u for u in units if u not in top]
        sample = top + random.Random(19).sample(rest, min(len(rest), max(0, limit - len(top))))
        indicators = list(Indicator.objects.exclude(aggregation=Indicator.Aggregation.NONE))
        if period is not None:
            years = [period.year]
        else:
            years = sorted(
                {int(p[:4]) for p in DataValue.objects.values_list("period", flat=True).distinct()}
            )
        wanted: list[periods.Period] = []
        for year in years:
            whole = periods.Period(year, 1, periods.YEAR)
            for kind in periods.KINDS:
                wanted += whole.sub_periods(kind)
        kinds = list(OrganisationKind.objects.values_list("code", flat=True)[:1])
        checked, wrong = 0, []
        pairs: list[tuple[OrgUnit, periods.Period, str | None]] = [
            (u, p, None) for u in sample for p in wanted
        ]
        pairs += [(u, p, kinds[0]) for u in top for p in wanted if kinds]
        for root, when, kind in tqdm(pairs, desc="Đối chiếu", disable=verbosity == 0):
            fast = analytics.aggregate(indicators, root, when, organisation_kind=kind)
            slow = live.aggregate(indicators, root, when, organisation_kind=kind)
            for code, value in slow.items():
                checked += 1
                if not _same(fast.get(code), value):
                    wrong.append(f"{root.name} {when.code} {code}: {fast.get(code)} ≠ {value}")
        return checked, wrong


def _same(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return bool(abs(a - b) <= Decimal("0.0001"))
