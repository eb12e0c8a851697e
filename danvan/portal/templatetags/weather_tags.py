"""The weather box's template tag: ``{% weather_box as weather %}``.

It reads what the background fetch kept (``portal.weather``) and never calls the
provider; the box depends on the site only, so cached pages may share it.
"""

from __future__ import annotations

from django import template
from wagtail.models import Site

from danvan.portal import weather
from danvan.portal.weather import WeatherBox

register = template.Library()


@register.simple_tag(takes_context=True)
def weather_box(context: template.Context) -> WeatherBox | None:
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    return weather.weather_box(site)
