"""Money as the welfare pages write it: «300.000 đ», «2.811,7 triệu đồng»."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from danvan.lib.numbers import format_number

register = template.Library()


@register.filter
def dong(value: Any) -> str:
    """300000 → «300.000»."""
    if value in (None, ""):
        return ""
    return format_number(Decimal(value), 0)


@register.filter
def trieu(value: Any) -> str:
    """2811700000 (đồng) → «2.811,7» (triệu đồng, one decimal)."""
    if value in (None, ""):
        return ""
    return format_number(Decimal(value) / Decimal(1_000_000), 1)
