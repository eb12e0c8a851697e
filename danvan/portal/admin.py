from django.contrib import admin

from danvan.core.admin import ReadOnlyAdmin
from danvan.portal.models import WeatherSnapshot


@admin.register(WeatherSnapshot)
class WeatherSnapshotAdmin(ReadOnlyAdmin):
    """The weather box's last fetch, and why it failed (the box hides itself then)."""

    list_display = ("site", "ok", "fetched_at", "error")
