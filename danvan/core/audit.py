"""Who did it: the actor of every audited write.

django-auditlog learns the actor only in its middleware, from the session user. API
calls authenticate later (Bearer token) and management commands have no request, so
every service runs inside ``acting_as(actor)`` and this receiver fills the actor in
when auditlog left it empty. A ContextVar with a reset token keeps nested calls and
threads apart.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal, InvalidOperation
from typing import Any, ParamSpec, TypeVar

from django.db import models, transaction
from django.db.models.signals import pre_save

_actor: ContextVar[Any] = ContextVar("danvan_actor", default=None)

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def acting_as(actor: Any) -> Iterator[None]:
    token = _actor.set(actor if getattr(actor, "pk", None) else None)
    try:
        yield
    finally:
        _actor.reset(token)


def current_actor() -> Any:
    return _actor.get()


def _fill_actor(sender: type, instance: Any, **kwargs: Any) -> None:
    actor = _actor.get()
    if actor is not None and instance.actor_id is None:
        instance.actor = actor
        instance.actor_email = getattr(actor, "email", None) or None


def connect() -> None:
    from auditlog.models import LogEntry

    pre_save.connect(_fill_actor, sender=LogEntry, dispatch_uid="danvan_fill_actor")


def _decimals_as_stored(sender: type, instance: Any, **kwargs: Any) -> None:
    """A decimal as the column holds it (``Decimal(100)`` → ``100.0000`` for four places),
    before auditlog compares it as text with the stored one: the same number is no change."""
    for field in sender._meta.concrete_fields:  # type: ignore[attr-defined]
        if not isinstance(field, models.DecimalField):
            continue
        value = getattr(instance, field.attname)
        if isinstance(value, int | Decimal) and not isinstance(value, bool):
            # too many digits: the column's own validation says so
            with contextlib.suppress(InvalidOperation):
                setattr(
                    instance,
                    field.attname,
                    Decimal(value).quantize(Decimal(1).scaleb(-field.decimal_places)),
                )


def register(model: type, exclude: tuple[str, ...] = ()) -> None:
    """Audit ``model``'s own columns. Naming them keeps auditlog from also listing reverse
    relations ("people.Person.None") in every entry; ``exclude`` drops derived columns.
    Decimals are brought to their column's scale first (connected before auditlog's own
    receiver, so it runs first)."""
    from auditlog.registry import auditlog

    if any(isinstance(f, models.DecimalField) for f in model._meta.concrete_fields):  # type: ignore[attr-defined]
        pre_save.connect(
            _decimals_as_stored,
            sender=model,
            dispatch_uid=f"danvan_decimals_{model._meta.label}",  # type: ignore[attr-defined]
        )
    own = [f.name for f in model._meta.concrete_fields if f.name not in exclude]  # type: ignore[attr-defined]
    auditlog.register(model, include_fields=own)


def service(fn: Callable[P, R]) -> Callable[P, R]:
    """Mark a write service: atomic, and audited under the ``actor`` keyword argument."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with acting_as(kwargs.get("actor")), transaction.atomic():
            return fn(*args, **kwargs)

    return wrapper
