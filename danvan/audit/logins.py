"""Logins, logouts and failed logins in the audit log.

Django announces them with ``user_logged_in``, ``user_logged_out`` and
``user_login_failed`` (the management login, the CMS, the Django admin and a test
client's ``force_login`` alike). Each becomes one auditlog ``LogEntry`` with the action
``ACCESS`` on the user record, the address it came from and, in ``additional_data``,
which event it was: the audit page lists them beside every write and filters them the
same way. Recording the row is all these receivers do.

A failed login names a user who may not exist: the entry then points at no record and
keeps the name as typed. django-axes counts the failures and locks on its own; when it
refused an attempt because of a lock, the entry says so.
"""

from __future__ import annotations

from typing import Any

from auditlog.models import LogEntry
from django.contrib.auth import get_user_model, user_logged_in, user_logged_out, user_login_failed
from django.contrib.contenttypes.models import ContentType
from django.core.validators import validate_ipv46_address
from django.forms import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

LOGIN, LOGOUT, LOGIN_FAILED = "login", "logout", "login_failed"
EVENTS = {LOGIN: _("Đăng nhập"), LOGOUT: _("Đăng xuất"), LOGIN_FAILED: _("Đăng nhập thất bại")}
_NAME_MAX = 150  # the user name column's length: a pasted essay is cut, not stored whole


def _address(request: HttpRequest | None) -> str | None:
    """``REMOTE_ADDR`` (behind a proxy the deployment makes it the client's, see README)."""
    value = str(request.META.get("REMOTE_ADDR") or "") if request is not None else ""
    try:
        validate_ipv46_address(value)
    except ValidationError:
        return None
    return value


def record(
    *, event: str, request: HttpRequest | None, user: Any = None, username: str = "", **extra: Any
) -> LogEntry:
    """One audit entry for a login ``event`` of ``user`` (or of the typed ``username``)."""
    model = get_user_model()
    known = user if getattr(user, "pk", None) else None
    name = known.get_username() if known is not None else str(username or "")[:_NAME_MAX]
    return LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(model),
        object_pk=str(known.pk) if known is not None else "",
        object_id=known.pk if known is not None else None,
        object_repr=name,
        action=LogEntry.Action.ACCESS,
        actor=known if event != LOGIN_FAILED else None,
        actor_email=(getattr(known, "email", "") or None) if event != LOGIN_FAILED else None,
        remote_addr=_address(request),
        additional_data={"event": event, **extra},
    )


def _logged_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    record(event=LOGIN, request=request, user=user)


def _logged_out(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if user is not None:  # a logout without a session announces no one
        record(event=LOGOUT, request=request, user=user)


def _login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    model = get_user_model()
    username = str(credentials.get(model.USERNAME_FIELD) or credentials.get("username") or "")
    user = model._default_manager.filter(**{model.USERNAME_FIELD: username}).first()
    extra = {"locked": True} if getattr(request, "axes_locked_out", False) else {}
    record(event=LOGIN_FAILED, request=request, user=user, username=username, **extra)


def connect() -> None:
    user_logged_in.connect(_logged_in, dispatch_uid="danvan_audit_login")
    user_logged_out.connect(_logged_out, dispatch_uid="danvan_audit_logout")
    user_login_failed.connect(_login_failed, dispatch_uid="danvan_audit_login_failed")
