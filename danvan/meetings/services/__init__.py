"""Writes to meetings (hội nghị), split by sub-domain; import them from here.

Every service is atomic and audited (``@service``), takes ``actor`` and checks
``Cap.MEETING_MANAGE`` on the meeting's organising unit; refusals are Vietnamese
``ValidationError``s naming the field, or ``PermissionDenied``.
"""

from danvan.meetings.services.agenda import (
    agenda_item_add,
    agenda_item_move,
    agenda_item_remove,
    agenda_item_update,
)
from danvan.meetings.services.meetings import (
    meeting_create,
    meeting_delete,
    meeting_restore,
    meeting_save_minutes,
    meeting_update,
    normalize_period_code,
)
from danvan.meetings.services.parts import (
    attendance_add,
    attendance_remove,
    attendance_update,
    bridge_point_add,
    bridge_point_remove,
    bridge_point_update,
    conclusion_add,
    conclusion_remove,
    conclusion_update,
    opinion_add,
    opinion_remove,
    opinion_update,
)
from danvan.meetings.services.series import (
    series_create,
    series_delete,
    series_restore,
    series_schedule_next,
    series_update,
)

__all__ = [
    "agenda_item_add",
    "agenda_item_move",
    "agenda_item_remove",
    "agenda_item_update",
    "attendance_add",
    "attendance_remove",
    "attendance_update",
    "bridge_point_add",
    "bridge_point_remove",
    "bridge_point_update",
    "conclusion_add",
    "conclusion_remove",
    "conclusion_update",
    "meeting_create",
    "meeting_delete",
    "meeting_restore",
    "meeting_save_minutes",
    "meeting_update",
    "normalize_period_code",
    "opinion_add",
    "opinion_remove",
    "opinion_update",
    "series_create",
    "series_delete",
    "series_restore",
    "series_schedule_next",
    "series_update",
]
