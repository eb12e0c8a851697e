"""How a document's number and symbol are written, by issuer style (no Django).

DOMAIN.md §1: the Party writes ``Số 15-NQ/TU`` (no colon, hyphen before the type symbol,
slash before the issuer); the State writes ``Số: 12/QĐ-UBND`` (colon, slash, hyphens);
the Front writes the State way, and a State or Front Công văn has no type symbol
(``249/MTTQ-BTT``). Numbers below 10 are zero-padded ("01").
"""

from __future__ import annotations

PARTY = "party"
STATE = "state"
FRONT = "front"
STYLES = (PARTY, STATE, FRONT)

# First group of an issuer code that marks a State or Front issuer ("UBND", "MTTQ-BTT").
_STATE_ISSUERS = ("UBND", "HĐND", "MTTQ", "MTTW", "UBMTTQ", "UBTVQH", "QH", "CP", "TTG")


def pad(number: int) -> str:
    """1 → "01", 249 → "249"."""
    if number < 1:
        raise ValueError(f"Số văn bản phải từ 1 trở lên (nhận {number}).")
    return f"{number:02d}"


def compose(style: str, number: str, symbol: str, issuer_code: str) -> str:
    """The reference as written, with ``number`` kept as given ("138-KH/QU")."""
    number, symbol, issuer_code = number.strip(), symbol.strip(), issuer_code.strip()
    if style == PARTY:
        if not symbol:
            raise ValueError("Văn bản Đảng phải có ký hiệu loại (NQ, KH, CV...).")
        return f"{number}-{symbol}/{issuer_code}"
    if style in (STATE, FRONT):
        return f"{number}/{symbol}-{issuer_code}" if symbol else f"{number}/{issuer_code}"
    raise ValueError(f"Không có thể thức đánh số «{style}».")


def line_for(style: str, reference: str) -> str:
    """The line printed under the issuer: "Số 15-NQ/TU" (Party) or "Số: 12/QĐ-UBND"."""
    return f"Số {reference}" if style == PARTY else f"Số: {reference}"


def format_reference(style: str, number: int, symbol: str, issuer_code: str) -> tuple[str, str]:
    """(reference, line) for a number just given.

    >>> format_reference("party", 15, "NQ", "TU")
    ('15-NQ/TU', 'Số 15-NQ/TU')
    >>> format_reference("state", 12, "QĐ", "UBND")
    ('12/QĐ-UBND', 'Số: 12/QĐ-UBND')
    >>> format_reference("front", 249, "", "MTTQ-BTT")
    ('249/MTTQ-BTT', 'Số: 249/MTTQ-BTT')
    """
    reference = compose(style, pad(number), symbol, issuer_code)
    return reference, line_for(style, reference)


def guess_style(symbol: str, issuer_code: str) -> str:
    """The likely style of a received document whose issuer has no numbering setting.

    No symbol: a State or Front Công văn (a Party one carries CV). An issuer code starting
    with a State or Front body (UBND, MTTQ...): State. Anything else: Party.
    """
    if not symbol.strip():
        return STATE
    head = issuer_code.strip().split("-", 1)[0].upper()
    return STATE if head in _STATE_ISSUERS else PARTY
