"""Separation of duties: who sent a report up, or entered its figures, does not approve it.

With ``REPORT_APPROVER_MUST_DIFFER`` on (the default) the approval must come from another
officer who holds the right to approve at the unit above. "Entered" reads both the
figure's last writer and the audit log, so a figure entered and later overwritten by a
colleague still counts. The System actor (demo loading, commands) is nobody and is
never refused.
"""

from __future__ import annotations

from typing import Any

from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from danvan.access.models import RoleAssignment
from danvan.access.roles import Cap, roles_with
from danvan.org.models import OrgUnit
from danvan.reporting.models import DataValue, Indicator, Report

# How many other approvers the refusal names.
_NAMED = 3


class ApproverMustDiffer(PermissionDenied):
    """The approver sent the report or entered one of its figures (HTTP 403)."""


def _values(report: Report) -> QuerySet[DataValue]:
    return DataValue.objects.filter(
        org_unit_id=report.org_unit_id,
        period=report.period,
        indicator__in=Indicator.objects.filter(sections__form=report.form_id),
    )


def _entered(actor: Any, values: QuerySet[DataValue]) -> Indicator | None:
    """An indicator of ``values`` whose figure ``actor`` wrote, if any (two queries)."""
    last = values.filter(updated_by=actor).select_related("indicator").first()
    if last is not None:
        return last.indicator
    written = (
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(DataValue),
            actor=actor,
            object_id__in=values.values("pk"),
        )
        # A status carried by the workflow is not entering a figure.
        .filter(
            Q(action=LogEntry.Action.CREATE)
            | Q(changes__has_key="value")
            | Q(changes__has_key="text_value")
        )
        .values_list("object_id", flat=True)
        .first()
    )
    if written is None:
        return None
    return Indicator.objects.filter(datavalue__pk=written).first()


def _other_approvers(unit: OrgUnit, excluded: set[int]) -> list[str]:
    """Names of a few active users whose approval right reaches ``unit``."""
    parts = unit.path.strip("/").split("/")
    paths = ["/" + "/".join(parts[:depth]) + "/" for depth in range(1, len(parts) + 1)]
    grants = (
        RoleAssignment.objects.filter(
            role__in=roles_with(Cap.REPORT_APPROVE),
            org_unit__path__in=paths,
            user__is_active=True,
        )
        .exclude(user_id__in=excluded)
        .select_related("user")
        .order_by("-org_unit__path", "user__username")
    )
    names: list[str] = []
    for grant in grants:
        name = str(grant.user)
        if name not in names:
            names.append(name)
        if len(names) == _NAMED:
            break
    return names


def refuse_own_report(actor: Any, report: Report) -> None:
    """Refuse ``actor`` approving ``report`` they sent or filled in (the report is
    already locked by the caller)."""
    if not settings.REPORT_APPROVER_MUST_DIFFER or not getattr(actor, "pk", None):
        return
    values = _values(report)
    if report.submitted_by_id == actor.pk:
        why = "Bạn đã gửi báo cáo này"
    else:
        indicator = _entered(actor, values)
        if indicator is None:
            return
        why = f"Bạn đã nhập số liệu «{indicator.name}» của báo cáo này"
    unit = report.org_unit
    approver_unit = unit.parent or unit
    excluded = {actor.pk, report.submitted_by_id or 0}
    excluded |= {pk for pk in values.values_list("updated_by_id", flat=True) if pk}
    others = _other_approvers(approver_unit, excluded)
    who = f" (ví dụ: {', '.join(others)})" if others else ""
    raise ApproverMustDiffer(
        f"{why}. Người đã gửi hoặc nhập số liệu báo cáo này không được tự duyệt; cần một "
        f"cán bộ khác có quyền duyệt báo cáo của «{unit.name}» tại «{approver_unit.name}»"
        f"{who} duyệt."
    )
