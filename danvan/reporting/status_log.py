"""A report's state carried to its figures, in the audit log.

Submitting, approving, returning and unapproving change the ``status`` of every figure
of the report with one ``UPDATE``, which django-auditlog's signals never see. This
writes the entries auditlog would have written, one per figure whose status changes,
with a single ``bulk_create``: three queries per report whatever its size.
"""

from __future__ import annotations

from typing import Any

from auditlog.cid import get_cid
from auditlog.context import auditlog_value
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from danvan.core.audit import current_actor
from danvan.reporting import rollup
from danvan.reporting.models import COUNTED, DataValue


def _who() -> dict[str, Any]:
    """Actor and address as ``acting_as`` and auditlog's middleware would fill them in
    (``bulk_create`` skips the ``pre_save`` receivers that normally do it). auditlog
    never clears its context, so its address is taken only for the same actor."""
    actor = current_actor()
    if actor is None:
        return {}
    context: dict[str, Any] = auditlog_value.get({})
    same = getattr(context.get("actor"), "pk", None) == actor.pk
    return {
        "actor": actor,
        "actor_email": getattr(actor, "email", None) or None,
        "remote_addr": context.get("remote_addr") if same else None,
        "remote_port": context.get("remote_port") if same else None,
    }


def values_status_set(values: QuerySet[DataValue], status: str) -> int:
    """Set ``status`` on ``values`` (already under the report's lock) and audit each
    figure that changes. Returns how many changed."""
    changing = list(values.exclude(status=status).select_related("indicator", "org_unit"))
    if not changing:
        return 0
    DataValue.objects.filter(pk__in=[v.pk for v in changing]).update(status=status)
    # Into or out of what counts: the rollup follows in this transaction.
    moving = [v for v in changing if (v.status in COUNTED) != (status in COUNTED)]
    for unit_id in sorted({v.org_unit_id for v in moving}):
        mine = [v for v in moving if v.org_unit_id == unit_id]
        rollup.refresh_units([unit_id], {v.period for v in mine}, {v.indicator_id for v in mine})
    content_type = ContentType.objects.get_for_model(DataValue)
    who = _who()
    cid = get_cid()
    LogEntry.objects.bulk_create(
        [
            LogEntry(
                content_type=content_type,
                object_pk=str(value.pk),
                object_id=value.pk,
                object_repr=str(value),
                action=LogEntry.Action.UPDATE,
                changes={"status": [value.status, status]},
                cid=cid,
                **who,
            )
            for value in changing
        ]
    )
    return len(changing)
