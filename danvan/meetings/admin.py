"""Meeting kinds are a list administrators extend here (a new kind appears in every
meeting form). Meetings are kept through the app's services (scope, numbering, audit);
the admin only lists them for look-ups."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from danvan.core.admin import ReadOnlyAdmin
from danvan.meetings.models import Meeting, MeetingKind, MeetingSeries


@admin.register(MeetingKind)
class MeetingKindAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "sort_order", "is_active"]
    list_editable = ["sort_order", "is_active"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"code": ["name"]}

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        # Kinds in use are PROTECTed; retiring one is "đang dùng" off, not a deletion.
        return False


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "org_unit", "starts_at", "status", "period_code"]
    list_filter = ["kind", "status"]
    search_fields = ["title", "title_folded"]
    date_hierarchy = "starts_at"
    list_select_related = ["kind", "org_unit"]


@admin.register(MeetingSeries)
class MeetingSeriesAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "org_unit", "recurrence", "day_of_month", "is_active"]
    list_filter = ["recurrence", "is_active"]
    search_fields = ["name"]
