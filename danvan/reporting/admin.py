from django.contrib import admin

from danvan.reporting.models import RegisterUse


@admin.register(RegisterUse)
class RegisterUseAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Which units keep which register since when (their figures then come from it)."""

    list_display = ["register", "org_unit", "since", "until", "note"]
    list_filter = ["register"]
    raw_id_fields = ["org_unit"]
