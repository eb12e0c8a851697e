"""Vietnamese number formatting: 2.811,7 and 99,95% (dot groups, comma decimals)."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation


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


_GROUPED = re.compile(r"^-?\d{1,3}(\.\d{3})+$")


def parse_number(raw: object) -> Decimal:
    """Read a figure as people type it: ``2.811,7``, ``9.081``, ``1 200``, ``12.5``.

    Dots group thousands when a comma marks the decimals or every group has three digits
    (Vietnamese style); otherwise a lone dot is the decimal point. Raises ValueError.

    >>> parse_number("2.811,7"), parse_number("9.081"), parse_number("12.5")
    (Decimal('2811.7'), Decimal('9081'), Decimal('12.5'))
    """
    if isinstance(raw, bool):
        raise ValueError(raw)
    if isinstance(raw, int | Decimal):
        return Decimal(raw)
    if isinstance(raw, float):
        return Decimal(repr(raw))  # the shortest decimal that reads back as this float
    text = str(raw).strip().replace("\u00a0", "").replace(" ", "")
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif _GROUPED.match(text):
        text = text.replace(".", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(raw) from None
    if not number.is_finite():
        raise ValueError(raw)
    return number
