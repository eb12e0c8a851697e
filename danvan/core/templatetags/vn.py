"""Figures in the Vietnamese style: {{ value|vn_number }} → 2.811,7; {{ r|vn_percent }} → 99,95%.

Thousand separators are not switched on globally (USE_THOUSAND_SEPARATOR) because ids
printed into URLs and form values would then read "1.234".
"""

from __future__ import annotations

from typing import Any

from django import template

from danvan.lib.numbers import format_number, format_percent

register = template.Library()


@register.filter
def vn_number(value: Any, places: int | None = None) -> str:
    try:
        return format_number(value, None if places in (None, "") else int(places))
    except (ValueError, ArithmeticError, TypeError):
        return "" if value is None else str(value)


@register.filter
def vn_percent(value: Any, places: int = 2) -> str:
    try:
        return format_percent(value, int(places))
    except (ValueError, ArithmeticError, TypeError):
        return "" if value is None else str(value)
