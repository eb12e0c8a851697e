"""Administrators keep the forms of award and their dated authorities here (the rows of
Luật Thi đua, khen thưởng; the district level's ended 30/6/2025). Decisions and awards are
kept in the app (/quan-ly/khen-thuong/), whose services check authority and scope."""

from __future__ import annotations

from django.contrib import admin

from danvan.awards.models import Award, AwardAuthority, AwardDecision, AwardForm
from danvan.core.admin import ReadOnlyAdmin


class AwardAuthorityInline(admin.TabularInline):
    model = AwardAuthority
    extra = 0
    fields = ["level", "organisation_kind", "authority_title", "valid_from", "valid_to", "basis"]


@admin.register(AwardForm)
class AwardFormAdmin(admin.ModelAdmin):
    list_display = ["name", "category", "for_collective", "for_individual", "for_household"]
    list_editable = ["for_collective", "for_individual", "for_household"]
    inlines = [AwardAuthorityInline]


@admin.register(AwardDecision)
class AwardDecisionAdmin(ReadOnlyAdmin):
    list_display = ["decided_on", "issuer", "form", "document"]
    list_select_related = ["issuer", "form", "document"]


@admin.register(Award)
class AwardAdmin(ReadOnlyAdmin):
    list_display = ["recipient_name", "recipient_kind", "decision", "revoked_on"]
    list_select_related = ["decision__form", "decision__issuer", "decision__document"]
