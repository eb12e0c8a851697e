"""Reads of «Nhập báo cáo đơn vị»: which imports a user sees (those of the units where
they enter reports: the one scoping function), and which form fits a unit's report."""

from __future__ import annotations

import re
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from danvan.access.roles import Cap
from danvan.access.scope import scoped
from danvan.lib.text import fold
from danvan.org import selectors as org_selectors
from danvan.org.models import OrgUnit
from danvan.reporting.models import ReportForm
from danvan.textimport.models import ReportImport

CAP = Cap.REPORT_ENTER


def report_imports_visible(user: Any) -> QuerySet[ReportImport]:
    return scoped(ReportImport.objects.all(), user, CAP)


def report_import_search(user: Any, *, status: str = "") -> QuerySet[ReportImport]:
    found = report_imports_visible(user).select_related("org_unit", "form", "report")
    if status in ReportImport.Status.values:
        found = found.filter(status=status)
    return found.order_by("-created_at", "-pk")


def report_import_get(user: Any, pk: int) -> ReportImport:
    item = (
        report_imports_visible(user)
        .select_related("org_unit", "form", "report", "created_by")
        .filter(pk=pk)
        .first()
    )
    if item is None:
        raise Http404("Không tìm thấy báo cáo nhập.")
    return item


def units_for(user: Any) -> QuerySet[OrgUnit]:
    """The units whose reports ``user`` may enter (the upload and review pages offer)."""
    return org_selectors.org_unit_list(user=user, cap=CAP, status="active").order_by("path")


def _fit(form: ReportForm, unit: OrgUnit) -> int:
    """How well ``form`` fits ``unit``: each of its restrictions the unit meets counts,
    one it fails rules the form out (-1); a form without restrictions fits anyone (0)."""
    score = 0
    for related, value, weight in (
        (form.unit_kinds, unit.kind_id, 2),
        (form.organisation_kinds, unit.organisation_kind_id, 2),
        (form.levels, unit.level_id, 1),
    ):
        wanted = {pk for pk in related.values_list("pk", flat=True)}
        if not wanted:
            continue
        if value not in wanted:
            return -1
        score += weight
    return score


def form_for(unit: OrgUnit, period_kind: str | None) -> ReportForm | None:
    """The active form that fits ``unit`` and the period's kind best (the month's when the
    period is unknown); ties go to the lowest code."""
    forms = ReportForm.objects.filter(is_active=True).order_by("code")
    if period_kind:
        forms = forms.filter(period_type=period_kind)
    ranked = [(f, _fit(f, unit)) for f in forms]
    ranked = [(f, score) for f, score in ranked if score >= 0]
    if not ranked:
        return None
    if not period_kind:
        ranked.sort(key=lambda fs: fs[0].period_type != "month")
    return max(ranked, key=lambda fs: fs[1])[0]


_PLACE = re.compile(r"\b(?:phuong|xa|thi tran|thi xa|thanh pho|quan|huyen|tinh|dac khu)\s+(.+)$")


def header_mismatch(header: str | None, unit: OrgUnit) -> str:
    """A warning when the report's header names a place and it is not ``unit``'s: the file
    of phường Hoàng Liệt chosen as Định Công's. Nothing when the header or the unit's
    place cannot be read (a unit without a place word in its name)."""
    if not header or not header.strip():
        return ""
    place = _PLACE.search(fold(unit.name))
    if place is None:
        return ""
    wanted = place.group(1).strip()
    if wanted in " ".join(fold(header).split()):
        return ""
    shown = " ".join(header.split())
    return (
        f"Tiêu đề văn bản ghi «{shown}», không nhắc «{unit.name}»: "
        "kiểm tra lại đơn vị trước khi chấp nhận."
    )
