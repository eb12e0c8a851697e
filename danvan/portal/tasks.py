"""Background work of the portal (django-tasks): the weather box's fetch.

Pages enqueue it (``weather.weather_box``) and the database backend's worker
(``manage.py db_worker``) runs it; under tests the immediate backend runs it at once.
Arguments stay JSON: the site's id.
"""

from __future__ import annotations

from django_tasks import task
from wagtail.models import Site


@task()
def fetch_weather_task(site_id: int) -> str:
    """Fetch the weather of one site: "ok", "failed", "skipped" (no provider) or "missing"."""
    from danvan.portal.weather import weather_refresh

    site = Site.objects.filter(pk=site_id).first()
    if site is None:
        return "missing"
    snapshot = weather_refresh(site=site)
    if snapshot is None:
        return "skipped"
    return "ok" if snapshot.ok else "failed"
