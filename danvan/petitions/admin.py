"""The calendar of days off and the legal periods are data administrators keep here
(Django admin, audited); petitions and sessions are written through the app's services
(scope, row locks, the stages), so the admin only lists them — without petitioners'
data, which is read on the app's pages where every read is logged."""

from __future__ import annotations

from django.contrib import admin

from danvan.core.admin import ReadOnlyAdmin
from danvan.petitions.models import (
    CalendarDay,
    DeadlineRule,
    Petition,
    ReadLog,
    ReceptionSession,
)


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["day", "kind", "name", "verified", "basis"]
    list_filter = ["kind", "verified"]
    search_fields = ["name", "basis"]
    date_hierarchy = "day"


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = [
        "kind",
        "stage",
        "days",
        "complex_days",
        "counting",
        "counted_from",
        "valid_from",
        "valid_to",
        "verified",
    ]
    list_filter = ["kind", "stage", "verified"]


@admin.register(Petition)
class PetitionAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "org_unit", "kind", "stage", "received_on", "due_on"]
    list_filter = ["kind", "stage", "channel"]
    fields = readonly_fields = (
        "org_unit",
        "year",
        "number",
        "received_on",
        "channel",
        "kind",
        "stage",
        "due_on",
        "resolved_on",
        "duplicate_state",
    )


@admin.register(ReceptionSession)
class ReceptionSessionAdmin(ReadOnlyAdmin):
    list_display = ["held_on", "org_unit", "kind", "host"]


@admin.register(ReadLog)
class ReadLogAdmin(ReadOnlyAdmin):
    list_display = ["at", "user", "action", "what", "identity_shown"]
    list_filter = ["action"]
