"""Lookup tables are data an administrator maintains here: levels, unit kinds and
organisation kinds. Org units themselves are edited in the app (/quan-ly/don-vi/), whose
services keep paths, scope and read-only rules; the admin only lists them for look-ups."""

from __future__ import annotations

from django.contrib import admin

from danvan.core.admin import ReadOnlyAdmin
from danvan.org.models import OrganisationKind, OrgLevel, OrgUnit, UnitKind


@admin.register(OrgLevel)
class OrgLevelAdmin(admin.ModelAdmin):
    list_display = ["rank", "code", "name", "valid_from", "valid_to"]
    ordering = ["rank"]


@admin.register(UnitKind)
class UnitKindAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "is_place", "sort_order"]
    list_editable = ["sort_order"]


@admin.register(OrganisationKind)
class OrganisationKindAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "code", "is_coordinating_board", "sort_order"]
    list_editable = ["sort_order"]


@admin.register(OrgUnit)
class OrgUnitAdmin(ReadOnlyAdmin):
    list_display = ["name", "code", "level", "kind", "organisation_kind", "valid_to"]
    list_filter = ["level", "kind", "organisation_kind"]
    search_fields = ["name", "name_folded", "code"]
