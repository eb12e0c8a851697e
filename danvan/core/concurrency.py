"""Optimistic concurrency: nobody silently overwrites a colleague's edit.

Every editable record carries a ``version`` (``Versioned``). An edit page and an API
client send back the version they read; the service locks the row
(``lock``), refuses a save made from an older version (``check_version`` raises
``StaleEdit``) and writes only the fields that really changed, bumping the version
(``save_changed``). Two edits of *different* fields made without a version (an API
``PATCH``) therefore both survive; two edits from the same version do not both pass.

``StaleEdit`` says who saved in between and when, and lists what they changed — the
field's Vietnamese label and the value now stored — read from the audit log, whose
entries record the ``version`` step of every save. Long free texts (report narrative,
draft paragraphs) are guarded per field by a short token of the text the user started
from (``text_token``) instead, so an autosave of one section never refuses because
another section moved.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils import timezone

from danvan.lib.dates import format_date

EMPTY = "(để trống)"
TEXT_LIMIT = 4000
AUDIT_LOOKBACK = 100


class Versioned(models.Model):
    """A row that counts its saves: the version an edit started from is checked."""

    version = models.PositiveIntegerField("phiên bản", default=1, editable=False)

    class Meta:
        abstract = True


@dataclass(frozen=True)
class OtherChange:
    """One field another person changed: its label and the value stored now."""

    label: str
    value: str


class StaleEdit(ValidationError):
    """A save made from a version that is no longer the stored one. Nothing was saved."""

    def __init__(
        self,
        *,
        current: int | None,
        sent: int | None,
        who: str,
        when: dt.datetime | None,
        changes: Sequence[OtherChange] = (),
    ) -> None:
        self.current = current
        self.sent = sent
        self.who = who
        self.when = when
        self.changes = list(changes)
        moment = f" lúc {format_moment(when)}" if when else ""
        super().__init__(
            f"Bản ghi đã được {who} sửa{moment} sau khi bạn mở trang, nên thay đổi của bạn "
            "chưa được lưu. Những gì người đó đã sửa được liệt kê bên dưới; nội dung bạn "
            "nhập vẫn còn trên trang: xem lại rồi bấm «Lưu» lần nữa nếu vẫn muốn lưu.",
            code="stale",
        )

    @property
    def api_detail(self) -> str:
        moment = f" lúc {format_moment(self.when)}" if self.when else ""
        changed = ", ".join(c.label for c in self.changes)
        what = f" (đã sửa: {changed})" if changed else ""
        return (
            f"version: bản ghi đã được {self.who} sửa{moment}{what}; phiên bản hiện tại là "
            f"{self.current}, bạn gửi phiên bản {self.sent}. Hãy đọc lại bản ghi rồi gửi lại "
            "với version mới (hoặc tiêu đề If-Match)."
        )


def format_moment(when: dt.datetime) -> str:
    local = timezone.localtime(when) if timezone.is_aware(when) else when
    return f"{local:%H:%M} ngày {format_date(local.date())}"


# --- the service side --------------------------------------------------------------------


def lock(instance: models.Model) -> None:
    """Re-read ``instance`` in place under the row lock (inside the service's transaction),
    so what is checked and written is what is stored, not what a view read earlier."""
    manager = type(instance)._base_manager
    instance.refresh_from_db(from_queryset=manager.select_for_update())


def posted_version(raw: str | None) -> int | None:
    """The ``version`` a plain form posted (a button form with no Django form behind it):
    None when missing or not a number, which ``check_version`` treats as "unknown"."""
    raw = raw or ""
    return int(raw) if raw.isdigit() and len(raw) < 10 else None


def check_version(instance: models.Model, sent: int | None) -> None:
    """Refuse a save made from another version than the stored one. ``None`` (an API
    client that sent none) means "write the fields I send over whatever is there"."""
    if sent is None:
        return
    current = getattr(instance, "version", None)
    if current != sent:
        raise stale_edit(instance, sent)


def snapshot(instance: models.Model) -> dict[str, Any]:
    """The stored columns, to tell later which ones a service changed."""
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def save_changed(
    instance: models.Model,
    before: dict[str, Any],
    *,
    always: Iterable[str] = (),
    force: bool = False,
) -> list[str]:
    """Save only the columns that differ from ``before`` (plus ``always``), bumping the
    version; nothing is written when nothing changed, unless ``force`` (a many-to-many
    change is a change of the record too). Returns the field names saved."""
    meta = instance._meta
    changed = [
        f.name
        for f in meta.concrete_fields
        if not f.primary_key
        and f.name not in ("version", "updated_at")
        and getattr(instance, f.attname) != before.get(f.attname)
    ]
    changed += [name for name in always if name not in changed]
    if not changed and not force:
        return []
    fields = [*changed]
    if any(f.name == "version" for f in meta.concrete_fields):
        instance.version = int(before.get("version") or 0) + 1  # type: ignore[attr-defined]
        fields.append("version")
    if any(f.name == "updated_at" for f in meta.concrete_fields):
        fields.append("updated_at")
    instance.save(update_fields=fields)
    return changed


def bump(instance: models.Model, *fields: str) -> None:
    """Save ``fields`` of a row already locked and count the save."""
    instance.version += 1  # type: ignore[attr-defined]
    extra = ["updated_at"] if any(f.name == "updated_at" for f in instance._meta.fields) else []
    instance.save(update_fields=[*fields, "version", *extra])


# --- what the other person changed ------------------------------------------------------


def _label(model: type[models.Model], name: str) -> str:
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return name
    return str(getattr(field, "verbose_name", name)).capitalize()


def display(instance: models.Model, name: str) -> str:
    """A stored value as the pages show it."""
    try:
        field = instance._meta.get_field(name)
    except FieldDoesNotExist:
        return EMPTY
    if field.many_to_many:
        values = [str(v) for v in getattr(instance, name).all()]
        return ", ".join(values) or EMPTY
    value = getattr(instance, name, None)
    if getattr(field, "choices", None) and value not in (None, ""):
        value = dict(field.flatchoices).get(value, value)  # type: ignore[union-attr]
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, dt.datetime):
        return format_moment(value)
    if isinstance(value, dt.date):
        return format_date(value)
    text = str(value)
    return text if len(text) <= TEXT_LIMIT else text[:TEXT_LIMIT] + "…"


def _who(entry: Any) -> str:
    actor = getattr(entry, "actor", None) if entry is not None else None
    return str(actor) if actor is not None else "một người khác"


def _after(entry: Any) -> int | None:
    step = (entry.changes_dict or {}).get("version")
    try:
        return int(step[1]) if isinstance(step, list) and len(step) > 1 else None
    except (TypeError, ValueError):
        return None


def stale_edit(instance: models.Model, sent: int) -> StaleEdit:
    """The refusal for a save made from version ``sent``: the fields saved since then
    (from the audit entries that stepped the version past it), their stored values, and
    who saved last and when."""
    from auditlog.models import LogEntry

    entries = (
        LogEntry.objects.get_for_object(instance)
        .select_related("actor")
        .order_by("-timestamp", "-pk")[:AUDIT_LOOKBACK]
    )
    names: list[str] = []
    latest = None
    for entry in entries:
        after = _after(entry)
        if after is None:
            continue
        if after <= sent:
            break
        latest = latest or entry
        names += [n for n in entry.changes_dict if n != "version" and n not in names]
    model = type(instance)
    changes = [OtherChange(_label(model, n), display(instance, n)) for n in reversed(names)]
    when = latest.timestamp if latest is not None else getattr(instance, "updated_at", None)
    return StaleEdit(
        current=getattr(instance, "version", None),
        sent=sent,
        who=_who(latest),
        when=when,
        changes=changes,
    )


def last_edit(instance: models.Model) -> tuple[str, dt.datetime | None]:
    """Who saved ``instance`` last and when (for refusals guarded by text tokens)."""
    from auditlog.models import LogEntry

    entry = (
        LogEntry.objects.get_for_object(instance)
        .select_related("actor")
        .order_by("-timestamp", "-pk")
        .first()
    )
    when = entry.timestamp if entry is not None else getattr(instance, "updated_at", None)
    return _who(entry), when


def text_token(text: str | None) -> str:
    """A short fingerprint of a text as the user started editing it."""
    normalised = (text or "").replace("\r\n", "\n").strip()
    return hashlib.sha256(normalised.encode()).hexdigest()[:16]


def _plain(text: str | None) -> str:
    return (text or "").replace("\r\n", "\n").strip()


def text_moved(stored: str | None, opened: str | None, mine: str | None) -> bool:
    """Would writing ``mine`` overwrite a text someone changed since it was opened with
    token ``opened``? No token (an old client, a script) trusts the writer; a text that
    already says what the writer sends is no clash either."""
    if not opened:
        return False
    return text_token(stored) != opened and _plain(stored) != _plain(mine)


@dataclass(frozen=True)
class TextClash:
    """One free text another person changed since the user opened it."""

    key: str
    label: str
    text: str

    @property
    def token(self) -> str:
        return text_token(self.text)


class StaleText(ValidationError):
    """Saves of long texts refused because another person changed those very texts since
    the user opened them (other texts are not concerned). Nothing of the call was saved."""

    def __init__(self, *, clashes: Sequence[TextClash], who: str, when: dt.datetime | None):
        self.clashes = list(clashes)
        self.who = who
        self.when = when
        moment = f" lúc {format_moment(when)}" if when else ""
        labels = ", ".join(f"«{c.label}»" for c in self.clashes)
        super().__init__(
            f"{labels} đã được {who} sửa{moment} sau khi bạn mở trang, nên nội dung bạn nhập "
            "ở đó chưa được lưu. Nội dung người đó đã lưu hiện bên dưới; nội dung bạn nhập vẫn "
            "còn trên trang: xem lại rồi lưu lần nữa nếu vẫn muốn thay bằng nội dung của bạn.",
            code="stale",
        )

    def by_key(self) -> dict[str, TextClash]:
        return {c.key: c for c in self.clashes}


# --- forms and the API --------------------------------------------------------------------


def track(form: forms.Form, instance: models.Model) -> None:
    """Give an edit form the hidden version it was opened at."""
    form.fields["version"] = forms.IntegerField(
        widget=forms.HiddenInput,
        required=False,
        min_value=0,
        initial=getattr(instance, "version", None),
    )


def show_stale(form: forms.Form, error: StaleEdit) -> None:
    """Refuse on the bound form (the user's input stays), list the other person's changes
    (``form.stale``, shown by includes/form.html) and carry the stored version, so a
    second «Lưu» after reading them is a deliberate choice."""
    form.add_error(None, error.messages)
    form.stale = error.changes  # type: ignore[attr-defined]
    if "version" in form.fields and error.current is not None:
        data = form.data.copy()  # type: ignore[attr-defined]
        data[form.add_prefix("version")] = str(error.current)
        form.data = data


def parse_if_match(header: str | None) -> int | None:
    """``If-Match: "3"`` (or ``W/"3"``) → 3; absent or ``*`` → None."""
    if not header:
        return None
    value = header.strip()
    if value == "*":
        return None
    value = value.removeprefix("W/").strip().strip('"')
    if not value.isdigit() or len(value) > 9:
        raise ValidationError({"version": 'Tiêu đề If-Match phải là phiên bản dạng "3".'})
    return int(value)


def etag(version: int) -> str:
    return f'"{version}"'
