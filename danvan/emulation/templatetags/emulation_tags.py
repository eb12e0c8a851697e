from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag
def state_badge(model: Any) -> SafeString:
    return format_html(
        '<span class="badge dvk-{}">{}</span>', model.state, model.get_state_display()
    )


@register.filter
def cell(grid: dict[str, dict[int, int]], key: str) -> dict[int, int]:
    return grid.get(key, {})


@register.filter
def of(row: dict[int, int], field_id: int) -> int:
    return row.get(field_id, 0)
