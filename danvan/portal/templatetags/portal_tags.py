"""Template helpers of the public portal: the menu, the date line, the site's home."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from django import template
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.models import Page, Site

from danvan.lib.dates import format_date
from danvan.lib.numbers import format_number

register = template.Library()


@register.simple_tag(takes_context=True)
def portal_home(context: template.Context) -> Page | None:
    """The site's root page (the portal's home), once per render."""
    if "_portal_home" not in context.render_context:
        request = context.get("request")
        site = Site.find_for_request(request) if request is not None else None
        root = site.root_page if site is not None else None
        context.render_context["_portal_home"] = root
    return context.render_context["_portal_home"]


@register.simple_tag(takes_context=True)
def portal_menu(context: template.Context) -> list[Page]:
    """The home page's children shown in menus (the sections), in tree order."""
    home = portal_home(context)
    if home is None:
        return []
    from danvan.portal.models import (
        AlbumIndexPage,
        DocumentListPage,
        NoticeIndexPage,
        SectionPage,
    )

    # Through the content-type index: the path range of the home's children also covers
    # every article below them (19 ms instead of 1,5 ms at 50k articles, bench/).
    kinds = (SectionPage, NoticeIndexPage, AlbumIndexPage, DocumentListPage)
    menu = Page.objects.type(*kinds).child_of(home).live().public().in_menu()
    return list(menu.order_by("path"))


@register.filter
def ngay_dang(value: dt.datetime | None) -> str:
    """ "02/03/2023 | 11:15", the seeds' date line, in the site's time zone."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    return f"{format_date(local)} | {local:%H:%M}"


@register.filter
def ngay(value: dt.datetime | dt.date | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value)
    return format_date(value)


@register.filter
def so(value: Any) -> str:
    """A whole number with Vietnamese thousands dots: 12345 → "12.345"."""
    try:
        return format_number(int(value))
    except (TypeError, ValueError):
        return ""


@register.inclusion_tag("portal/includes/notices_box.html", takes_context=True)
def notices_box(context: template.Context) -> dict[str, Any]:
    from danvan.portal import selectors

    return {
        "latest_notices": list(selectors.notices()[:5]),
        "notice_index": selectors.notice_index(),
        "request": context.get("request"),
    }


@register.filter
def plain(value: Any) -> str:
    """Rich text as readable text: no tags, no entities ("&amp;" → "&"), one line."""
    return " ".join(html.unescape(strip_tags(str(value or ""))).split())
