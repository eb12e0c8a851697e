"""Tasks and programmes are kept through the app (/quan-ly/nhiem-vu/), whose services
check scope and the rules of progress; the admin only lists them for look-ups."""

from __future__ import annotations

from django.contrib import admin

from danvan.core.admin import ReadOnlyAdmin, ReadOnlyMixin
from danvan.tasks.models import ProgrammeItem, Task, TaskEvidence, TaskUpdate, WorkProgramme


class TaskUpdateInline(ReadOnlyMixin, admin.TabularInline):
    model = TaskUpdate
    extra = 0
    fields = readonly_fields = ("created_at", "created_by", "progress", "status", "note")


@admin.register(Task)
class TaskAdmin(ReadOnlyAdmin):
    list_display = ["title", "lead_unit", "owner_unit", "deadline", "status", "progress"]
    list_filter = ["status"]
    search_fields = ["title", "title_folded"]
    date_hierarchy = "deadline"
    inlines = [TaskUpdateInline]


@admin.register(TaskEvidence)
class TaskEvidenceAdmin(ReadOnlyAdmin):
    list_display = ["original_name", "kind", "size", "update"]
    search_fields = ["original_name"]


class ProgrammeItemInline(ReadOnlyMixin, admin.TabularInline):
    model = ProgrammeItem
    extra = 0
    fields = readonly_fields = ("month", "kind", "title", "lead_unit", "meeting_kind", "meeting")


@admin.register(WorkProgramme)
class WorkProgrammeAdmin(ReadOnlyAdmin):
    list_display = ["title", "org_unit", "year"]
    list_filter = ["year"]
    search_fields = ["title"]
    inlines = [ProgrammeItemInline]
