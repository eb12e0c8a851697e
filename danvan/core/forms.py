from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


def add_service_errors(
    form: forms.Form, error: ValidationError, renamed: dict[str, str] | None = None
) -> None:
    """Show a service's refusal on the form: on its field when the form has that field
    (``renamed`` maps service field names to form field names), at the top otherwise.
    Nothing was saved: services are atomic. A stale edit lists the other person's
    changes and keeps the user's input (``concurrency.show_stale``)."""
    from danvan.core.concurrency import StaleEdit, show_stale

    if isinstance(error, StaleEdit):
        show_stale(form, error)
        return
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, messages in error.message_dict.items():
        name = (renamed or {}).get(field, field)
        form.add_error(name if name in form.fields else None, messages)
