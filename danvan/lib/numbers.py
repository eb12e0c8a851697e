"""Vietnamese number formatting: 2.811,7 and 99,95% (dot groups, comma decimals)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def format_number(value: int | float | Decimal | None, places: int | None = None) -> str:
    """Format with '.' thousands and ',' decimals.

    ``places=None`` keeps the value's own decimals (trailing zeros dropped).

    >>> format_number(2811.7)
    '2.811,7'
    >>> format_number(9081)
    '9.081'
    >>> format_number(Decimal("99.95"), 2)
    '99,95'
    """
    if value is None:
        return ""
    number = Decimal(str(value))
    if places is not None:
        number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        text = f"{number:,.{places}f}"
    else:
        text = f"{number.normalize():,f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def format_percent(value: int | float | Decimal | None, places: int = 2) -> str:
    """Format a percentage.

    >>> format_percent(99.95)
    '99,95%'
    """
    if value is None:
        return ""
    return format_number(value, places) + "%"
