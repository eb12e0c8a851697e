"""Administrators maintain the document types (with their symbols in each style) and each
issuer's numbering here. Register entries are kept in the app (/quan-ly/van-ban/), whose
services check scope and fold search text; the admin only lists them."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from danvan.core.admin import ReadOnlyAdmin
from danvan.documents.models import Document, DocumentType, IssuerNumbering, NumberSequence


@admin.register(DocumentType)
class DocumentTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "party_symbol", "state_symbol", "sort_order"]
    list_editable = ["party_symbol", "state_symbol", "sort_order"]
    search_fields = ["name", "party_symbol", "state_symbol"]


class NumberSequenceInline(admin.TabularInline):
    model = NumberSequence
    extra = 0
    fields = ["doc_type", "key", "last_number"]
    readonly_fields = ["doc_type", "key", "last_number"]
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(IssuerNumbering)
class IssuerNumberingAdmin(admin.ModelAdmin):
    list_display = ["org_unit", "style", "issuer_code", "term_label", "term_started_on"]
    list_filter = ["style"]
    search_fields = ["org_unit__name", "issuer_code"]
    autocomplete_fields = ["org_unit"]
    inlines = [NumberSequenceInline]


@admin.register(Document)
class DocumentAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "issued_on", "direction", "org_unit", "is_stub", "is_public"]
    list_filter = ["direction", "is_stub", "is_public", "doc_type"]
    search_fields = ["reference", "title", "search_folded"]
    list_select_related = ["doc_type", "org_unit"]
    date_hierarchy = "issued_on"
