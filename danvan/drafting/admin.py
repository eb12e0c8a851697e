"""Official documents out, listed for look-ups only: templates are replaced, drafts edited
and files generated through the app's pages and services (scope, numbering, audit)."""

from __future__ import annotations

from django.contrib import admin

from danvan.core.admin import ReadOnlyAdmin
from danvan.drafting.models import DocxTemplate, GeneratedFile, ReportDraft


@admin.register(DocxTemplate)
class DocxTemplateAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "kind", "style", "issuer", "is_active", "uploaded_by", "uploaded_at"]
    list_filter = ["kind", "style", "is_active"]
    search_fields = ["issuer__name", "original_name", "note"]
    list_select_related = ["issuer", "uploaded_by"]


@admin.register(ReportDraft)
class ReportDraftAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "period", "issuer", "status", "document", "created_at"]
    list_filter = ["status"]
    search_fields = ["org_unit__name", "period"]
    list_select_related = ["org_unit", "issuer", "document"]
    exclude = ["content"]


@admin.register(GeneratedFile)
class GeneratedFileAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "org_unit", "status", "progress", "created_at", "finished_at"]
    list_filter = ["kind", "status", "want_pdf"]
    search_fields = ["title", "org_unit__name"]
    list_select_related = ["org_unit"]
