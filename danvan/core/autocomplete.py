"""One autocomplete for every picker that can grow (issue 12 §4): units, people, documents,
reports. A form field renders only what is already chosen, and the browser asks
``suggest`` (``core/views_suggest.py``) for the rest as the user types.

A *source* says how one kind of row is searched (without marks), labelled (with its
context: a person's position and unit, a document's number, date and issuer...) and
scoped. The field's own queryset decides what may be chosen, exactly as a plain select
would: the widget carries that queryset, pickled and signed (``signing`` with SECRET_KEY:
a page can only send back what the server gave it) together with the source's name, and
the endpoint searches inside it, intersected with what the asking user may see through
the one scoping function (a token shown to one user reveals nothing to another).
Submitting still validates against the queryset.

A short list (``INLINE_LIMIT`` rows or fewer) is rendered whole as well, so the picker also
works without JavaScript where it is small.
"""

from __future__ import annotations

import base64
import pickle
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core import signing
from django.db.models import Model, QuerySet
from django.urls import reverse
from django.utils.module_loading import import_string

from danvan.access.roles import Cap

INLINE_LIMIT = 60
RESULTS = 20
_SALT = "danvan.core.autocomplete"

# Where each source lives; imported on first use so that core depends on no app at import.
_SOURCE_PATHS = {
    "unit": "danvan.org.autocomplete.UNITS",
    "person": "danvan.people.autocomplete.PEOPLE",
    "document": "danvan.documents.autocomplete.DOCUMENTS",
    "report": "danvan.reporting.autocomplete.REPORTS",
}


@dataclass(frozen=True)
class Source:
    """How one kind of row is offered. ``search(rows, q)`` filters and orders (``q`` may be
    empty: the first rows in order); ``label`` is what a chip and the select show,
    ``context`` the grey line under it in the list; ``cap`` scopes the endpoint."""

    name: str
    model: type[Model]
    cap: Cap
    search: Callable[[QuerySet[Any], str], QuerySet[Any]]
    label: Callable[[Any], str]
    context: Callable[[Any], str]
    prepare: Callable[[QuerySet[Any]], QuerySet[Any]]
    placeholder: str
    empty: str
    closed: Callable[[Any], bool] = lambda row: False


def source(name: str) -> Source:
    """The source called ``name``; ``KeyError`` for an unknown one."""
    found: Source = import_string(_SOURCE_PATHS[name])
    return found


def sign_queryset(name: str, queryset: QuerySet[Any]) -> str:
    raw = zlib.compress(pickle.dumps(queryset.query))
    return signing.Signer(salt=_SALT).sign(f"{name}:{base64.urlsafe_b64encode(raw).decode()}")


def queryset_from(token: str) -> tuple[Source, QuerySet[Any]]:
    """The source and queryset a page was given; ``signing.BadSignature`` if altered."""
    name, data = signing.Signer(salt=_SALT).unsign(token).split(":", 1)
    found = source(name)
    rows = found.model._default_manager.all()
    rows.query = pickle.loads(zlib.decompress(base64.urlsafe_b64decode(data)))
    return found, rows


def suggest(found: Source, queryset: QuerySet[Any], q: str, limit: int = RESULTS) -> list[dict]:
    rows = found.search(found.prepare(queryset), q.strip())[:limit]
    return [
        {
            "id": row.pk,
            "label": found.label(row),
            "context": found.context(row),
            "closed": found.closed(row),
        }
        for row in rows
    ]


class AutocompleteSelect(forms.Select):
    """A select that holds the chosen row(s); ``static/js/autocomplete.js`` adds the search
    box. ``field`` is bound by the field (:class:`AutocompleteChoiceField`)."""

    allow_multiple_selected = False

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.field: Any = None

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        found = source(self.field.source_name)
        queryset = self.field.queryset
        chosen = [str(v) for v in (value if isinstance(value, list | tuple) else [value]) if v]
        small = queryset.count() <= INLINE_LIMIT
        shown = queryset if small else queryset.filter(pk__in=[v for v in chosen if v.isdigit()])
        self.choices = [] if self.allow_multiple_selected else [("", self.field.empty_label or "")]
        self.choices += [(row.pk, found.label(row)) for row in found.prepare(shown)]
        attrs = dict(attrs or {})
        attrs.update(
            {
                "data-autocomplete": reverse("suggest"),
                "data-token": sign_queryset(found.name, queryset),
                "data-placeholder": found.placeholder,
                "data-empty": found.empty,
            }
        )
        if small:
            # Every choice is on the page: a single pick stays a plain select (the
            # script only turns several picks into chips).
            attrs["data-complete"] = "1"
        return super().get_context(name, value, attrs)


class AutocompleteSelectMultiple(AutocompleteSelect, forms.SelectMultiple):
    allow_multiple_selected = True


class _Bound:
    """Binds the widget to its field (and again on the copy each form makes)."""

    source_name = ""

    def _bind(self) -> None:
        self.widget.field = self  # type: ignore[attr-defined]

    def __deepcopy__(self, memo: dict[int, Any]) -> Any:
        result = super().__deepcopy__(memo)  # type: ignore[misc]
        result.widget.field = result
        return result

    def label_from_instance(self, obj: Any) -> str:
        return source(self.source_name).label(obj)


class AutocompleteChoiceField(_Bound, forms.ModelChoiceField):
    """One row of a source, picked by typing (subclasses set ``source_name``)."""

    widget = AutocompleteSelect

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("empty_label", "— Chọn —")
        super().__init__(*args, **kwargs)
        self._bind()


class AutocompleteMultipleChoiceField(_Bound, forms.ModelMultipleChoiceField):
    """Several rows of a source, shown as removable chips (never "hold Ctrl")."""

    widget = AutocompleteSelectMultiple

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._bind()
