"""One autocomplete for unit pickers (issue 12 §4): a form field renders only the units
already chosen, and the browser asks ``unit_suggest`` for the rest as the user types.

The field's own queryset decides what may be chosen, exactly as before: the widget carries
that queryset, pickled and signed (``signing`` with SECRET_KEY: a page can only send back
what the server gave it), and the endpoint searches inside it without marks, intersected
with the units the asking user may see (a token shown to one user reveals nothing to
another). Submitting still validates against the queryset, so nothing can be chosen that
the list would not have offered.

A short list (``INLINE_LIMIT`` units or fewer) is rendered whole as well, so the picker
also works without JavaScript where it is small.
"""

from __future__ import annotations

import base64
import pickle
import zlib
from typing import Any

from django import forms
from django.core import signing
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.urls import reverse

from danvan.core import clock
from danvan.lib.text import fold
from danvan.org.models import OrgUnit

INLINE_LIMIT = 60
RESULTS = 20
_SALT = "danvan.org.autocomplete"


def unit_label(unit: OrgUnit) -> str:
    """ "Phường Định Công — Thành phố Hà Nội", closed units marked."""
    parent = f" — {unit.parent.name}" if unit.parent_id and unit.parent is not None else ""
    closed = " (đã ngừng hoạt động)" if unit.is_historical else ""
    return f"{unit.name}{parent}{closed}"


def sign_queryset(queryset: QuerySet[OrgUnit]) -> str:
    raw = zlib.compress(pickle.dumps(queryset.query))
    return signing.Signer(salt=_SALT).sign(base64.urlsafe_b64encode(raw).decode())


def queryset_from(token: str) -> QuerySet[OrgUnit]:
    """The queryset a page was given, or ``signing.BadSignature`` if it was altered."""
    data = signing.Signer(salt=_SALT).unsign(token)
    units = OrgUnit.objects.all()
    units.query = pickle.loads(zlib.decompress(base64.urlsafe_b64decode(data)))
    return units


def suggest(queryset: QuerySet[OrgUnit], q: str, limit: int = RESULTS) -> list[dict[str, Any]]:
    """Units of ``queryset`` whose name contains ``q`` without marks (or whose code is
    ``q``), units open today first, then by name."""
    today = clock.today()
    units = queryset.select_related("parent")
    folded = fold(q).strip()
    if folded:
        units = units.filter(Q(name_folded__contains=folded) | Q(code__iexact=q.strip()))
    units = units.annotate(
        closed=Case(
            When(valid_to__isnull=False, valid_to__lt=today, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    ).order_by("closed", "name_folded", "pk")
    return [{"id": u.pk, "label": unit_label(u), "closed": bool(u.closed)} for u in units[:limit]]


class UnitAutocomplete(forms.Select):
    """A select that holds the chosen unit(s); ``static/js/autocomplete.js`` adds the
    search box. ``field`` is bound by :class:`AutocompleteMixin`."""

    allow_multiple_selected = False

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.field: Any = None

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        queryset = self.field.queryset if self.field is not None else OrgUnit.objects.none()
        chosen = [str(v) for v in (value if isinstance(value, list | tuple) else [value]) if v]
        small = queryset.count() <= INLINE_LIMIT
        shown = queryset if small else queryset.filter(pk__in=[v for v in chosen if v.isdigit()])
        self.choices = [("", "— Chọn —")] if not self.allow_multiple_selected else []
        self.choices += [(u.pk, unit_label(u)) for u in shown.select_related("parent")]
        attrs = dict(attrs or {})
        attrs.update(
            {
                "data-autocomplete": reverse("org:suggest"),
                "data-token": sign_queryset(queryset),
                "data-placeholder": "Gõ tên đơn vị (không cần dấu)…",
            }
        )
        if small:
            # Every choice is on the page: a single pick stays a plain select (the
            # script only turns several picks into chips).
            attrs["data-complete"] = "1"
        return super().get_context(name, value, attrs)


class UnitAutocompleteMultiple(UnitAutocomplete, forms.SelectMultiple):
    allow_multiple_selected = True
