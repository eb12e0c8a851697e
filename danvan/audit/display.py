"""What an audit entry's changes read like on a page: the one formatter of the audit page
and of every "Lịch sử thay đổi" panel.

django-auditlog stores every value as text: ``"True"``, ``"None"``, a choice's code, a
foreign key's id, a date in ISO form, a JSON column as its dump. ``rows`` turns a page of
entries into Vietnamese: each field under its model field's ``verbose_name``, booleans as
"Có"/"Không", choices by their label, foreign keys by the related record's name (looked
up in one query per related model for the whole page, never per row), dates as
dd/mm/yyyy, empty as "—". A draft's JSON content and a report's narrative are summarised
section by section ("Mục II.1: sửa nội dung") instead of dumped. The ``version`` counter
is not a change anyone made: it is taken out of the list and shown small beside the
entry; an org unit's ``path`` reads as the names of the units above it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from auditlog.models import LogEntry
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone

from danvan.audit import logins
from danvan.lib.dates import format_date

EMPTY = "—"
SHORT = 160  # a value longer than this is shown cut, with the whole text behind <details>
SUMMARY_LIMIT = 12  # section lines of one draft change; the rest are counted
HIDDEN = {"version"}  # shown beside the entry, not as a change
PATH_LABEL = "Thuộc đơn vị"


@dataclass(frozen=True)
class Change:
    """One changed field: its label and the values before and after, as people read them.
    ``summary`` replaces before/after for a JSON column (the sections that changed)."""

    field: str
    before: str
    after: str
    summary: tuple[str, ...] = ()

    @property
    def long(self) -> bool:
        return len(self.before) > SHORT or len(self.after) > SHORT

    @property
    def before_short(self) -> str:
        return _cut(self.before)

    @property
    def after_short(self) -> str:
        return _cut(self.after)


def _cut(text: str) -> str:
    return text if len(text) <= SHORT else text[:SHORT].rstrip() + "…"


@dataclass(frozen=True)
class AuditRow:
    entry: LogEntry
    record_type: str
    changes: list[Change]
    login_event: Any = ""  # "Đăng nhập"… for a login entry, else empty
    locked: bool = False  # a failed login refused because django-axes had locked it
    version: str = ""  # the version the save stepped the record to, if it counts them
    notes: list[str] = field(default_factory=list)


# --- raw values ------------------------------------------------------------------------


def _raw_changes(entry: LogEntry) -> dict[str, Any]:
    try:
        changes = entry.changes_dict
    except Exception:
        return {}
    return changes if isinstance(changes, dict) else {}


def _pair(values: Any) -> tuple[Any, Any]:
    if isinstance(values, list | tuple):
        padded = [*values, None, None]
        return padded[0], padded[1]
    return None, values


def _is_empty(value: Any) -> bool:
    return value is None or value in ("None", "", "null", "[]", "{}")


def _model_field(model: type[models.Model] | None, name: str) -> models.Field[Any, Any] | None:
    if model is None:
        return None
    try:
        found = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return found if isinstance(found, models.Field) else None


def _label(model_field: models.Field[Any, Any] | None, name: str) -> str:
    if model_field is None:
        return name.replace("_", " ").capitalize()
    if model_field.name == "path" and model_field.model._meta.label == "org.OrgUnit":
        return PATH_LABEL
    return str(model_field.verbose_name).capitalize()


def _path_ids(value: Any) -> list[str]:
    """``"/1/5/23/"`` → the units above 23: ``["1", "5"]``."""
    parts = [p for p in str(value or "").split("/") if p.isdigit()]
    return parts[:-1]


# --- the page of entries, in bulk ------------------------------------------------------


class _Names:
    """Names of related records, fetched once per related model for a whole page."""

    def __init__(self) -> None:
        self.wanted: dict[type[models.Model], set[str]] = defaultdict(set)
        self.found: dict[type[models.Model], dict[str, str]] = {}

    def want(self, model: type[models.Model], pk: Any) -> None:
        if not _is_empty(pk):
            self.wanted[model].add(str(pk))

    def fetch(self) -> None:
        for model, pks in self.wanted.items():
            pk_field = model._meta.pk
            keys = []
            for pk in pks:
                try:
                    keys.append(pk_field.to_python(pk))  # type: ignore[union-attr]
                except Exception:
                    continue
            manager = model._base_manager  # soft-deleted records keep their name
            self.found[model] = {str(obj.pk): str(obj) for obj in manager.filter(pk__in=keys)}

    def name(self, model: type[models.Model], pk: Any) -> str:
        if _is_empty(pk):
            return EMPTY
        found = self.found.get(model, {}).get(str(pk))
        if found is not None:
            return found
        return f"(đã xóa, {model._meta.verbose_name} mã {pk})"


def rows(entries: Iterable[LogEntry]) -> list[AuditRow]:
    """``entries`` (with ``actor`` and ``content_type`` selected) as rows to show."""
    entries = list(entries)
    names = _Names()
    from danvan.org.models import OrgUnit

    prepared: list[tuple[LogEntry, type[models.Model] | None, dict[str, Any]]] = []
    sections: set[str] = set()
    for entry in entries:
        model = entry.content_type.model_class() if entry.content_type_id else None
        raw = _raw_changes(entry)
        prepared.append((entry, model, raw))
        for name, values in raw.items():
            model_field = _model_field(model, name)
            if model_field is None:
                continue
            before, after = _pair(values)
            if model_field.is_relation and model_field.related_model is not None:
                related = model_field.related_model
                if isinstance(related, type):
                    names.want(related, before)
                    names.want(related, after)
            elif name == "path" and model is OrgUnit:
                for value in (before, after):
                    for pk in _path_ids(value):
                        names.want(OrgUnit, pk)
            elif (model._meta.label, name) == ("reporting.Report", "narrative"):  # type: ignore[union-attr]
                for value in (before, after):
                    sections.update(_json(value) or {})
    names.fetch()
    titles = _section_titles(sections)
    return [_row(entry, model, raw, names, titles) for entry, model, raw in prepared]


def _row(
    entry: LogEntry,
    model: type[models.Model] | None,
    raw: dict[str, Any],
    names: _Names,
    titles: dict[str, str],
) -> AuditRow:
    changes: list[Change] = []
    version = ""
    for name, values in raw.items():
        before, after = _pair(values)
        if name in HIDDEN:
            version = "" if _is_empty(after) else str(after)
            continue
        if isinstance(values, dict):  # an m2m change: {"type": "m2m", "objects": […]}
            objects = ", ".join(str(o) for o in values.get("objects") or []) or EMPTY
            operation = "thêm" if values.get("operation") == "add" else "bỏ"
            changes.append(
                Change(
                    _label(_model_field(model, name), name), "", "", (f"{operation}: {objects}",)
                )
            )
            continue
        change = _change(model, name, before, after, names, titles)
        if change is not None:
            changes.append(change)
    data = entry.additional_data if isinstance(entry.additional_data, dict) else {}
    login_event = (
        logins.EVENTS.get(str(data.get("event")), "")
        if entry.action == LogEntry.Action.ACCESS
        else ""
    )
    return AuditRow(
        entry=entry,
        record_type=record_type(entry),
        changes=changes,
        login_event=login_event,
        locked=bool(data.get("locked")),
        version=version,
    )


def record_type(entry: LogEntry) -> str:
    model = entry.content_type.model_class()
    return str(model._meta.verbose_name).capitalize() if model else entry.content_type.model


def _change(
    model: type[models.Model] | None,
    name: str,
    before: Any,
    after: Any,
    names: _Names,
    titles: dict[str, str],
) -> Change | None:
    model_field = _model_field(model, name)
    if model_field is not None and model_field.primary_key:
        return None  # the row's own number says nothing to a reader
    label = _label(model_field, name)
    if model is not None and model_field is not None:
        key = (model._meta.label, name)
        if key == ("drafting.ReportDraft", "content"):
            return Change(label, "", "", tuple(draft_summary(_json(before), _json(after))))
        if key == ("reporting.Report", "narrative"):
            summary = narrative_summary(_json(before), _json(after), titles)
            return Change(label, "", "", tuple(summary)) if summary else None
    shown_before = value(model_field, before, names)
    shown_after = value(model_field, after, names)
    if shown_before == shown_after:
        return None  # "None" → "" and the like: nothing a person would call a change
    return Change(label, shown_before, shown_after)


def value(model_field: models.Field[Any, Any] | None, raw: Any, names: _Names) -> str:
    """One stored value as the pages show it."""
    if _is_empty(raw):
        return EMPTY
    text = str(raw)
    if model_field is None:
        return text
    choices = getattr(model_field, "flatchoices", None)
    if model_field.choices and choices:
        return str({str(k): v for k, v in choices}.get(text, text))
    if model_field.is_relation and isinstance(model_field.related_model, type):
        return names.name(model_field.related_model, text)
    if model_field.name == "path" and model_field.model._meta.label == "org.OrgUnit":
        from danvan.org.models import OrgUnit

        above = [names.name(OrgUnit, pk) for pk in _path_ids(text)]
        return " › ".join(above) or "(cấp cao nhất)"
    if isinstance(model_field, models.BooleanField):
        return {"True": "Có", "False": "Không", "1": "Có", "0": "Không"}.get(text, text)
    if isinstance(model_field, models.DateTimeField):
        return _moment(text)
    if isinstance(model_field, models.DateField):
        try:
            return format_date(dt.date.fromisoformat(text[:10]))
        except ValueError:
            return text
    if isinstance(model_field, models.TimeField):
        return text[:5] if re.match(r"^\d\d:\d\d", text) else text
    if isinstance(model_field, models.DecimalField | models.FloatField):
        return _number(text)
    if isinstance(model_field, models.FileField):
        return text.rsplit("/", 1)[-1]
    if isinstance(model_field, models.JSONField):
        return _json_text(_json(text), text)
    return text


def _moment(text: str) -> str:
    """auditlog keeps a datetime as naive UTC text: shown in local time."""
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return text
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=dt.UTC)
    local = timezone.localtime(moment)
    return f"{format_date(local.date())} {local:%H:%M}"


def _number(text: str) -> str:
    """``"1234.5000"`` → ``"1.234,5"``."""
    try:
        number = Decimal(text)
    except InvalidOperation:
        return text
    if number == number.to_integral_value():
        whole, fraction = f"{int(number):,}", ""
    else:
        whole, _, fraction = f"{number.normalize():,f}".partition(".")
    whole = whole.replace(",", ".")
    return f"{whole},{fraction}" if fraction else whole


def _json(raw: Any) -> Any:
    if isinstance(raw, dict | list):
        return raw
    if _is_empty(raw):
        return None
    try:
        return json.loads(str(raw))
    except (TypeError, ValueError):
        return None


def _json_text(data: Any, fallback: str) -> str:
    if data is None:
        return fallback
    if isinstance(data, dict):
        parts = [f"{k}: {_json_text(v, str(v))}" for k, v in data.items() if not _is_empty(v)]
        return "; ".join(parts) or EMPTY
    if isinstance(data, list):
        return ", ".join(_json_text(v, str(v)) for v in data) or EMPTY
    if isinstance(data, bool):
        return "Có" if data else "Không"
    return str(data)


# --- a draft's content, section by section ---------------------------------------------

_ROMAN = re.compile(r"^\s*([IVXLC]+)\s*[\.\-–:]")
_ARABIC = re.compile(r"^\s*(\d+(?:\.\d+)*)\s*[\.\)\-–:]")


@dataclass
class _Section:
    key: str  # "Mục II.1", or the heading itself when it carries no number
    heading: str
    body: list[str] = field(default_factory=list)


def _title(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= 60 else text[:60].rstrip() + "…"


def _draft_sections(content: Any) -> list[_Section]:
    blocks = content.get("blocks") if isinstance(content, dict) else None
    sections: list[_Section] = []
    current = _Section("Phần mở đầu", "")
    major = ""
    seen: dict[str, int] = defaultdict(int)
    for block in blocks if isinstance(blocks, list) else []:
        if not isinstance(block, dict):
            continue
        text = str(block.get("text") or "")
        level = block.get("level")
        if level in (1, 2):
            if current.heading or current.body:
                sections.append(current)
            if level == 1:
                found = _ROMAN.match(text)
                major = found.group(1) if found else ""
                key = f"Mục {major}" if major else f"Mục «{_title(text)}»"
            else:
                found = _ARABIC.match(text)
                if found and major:
                    key = f"Mục {major}.{found.group(1)}"
                elif found:
                    key = f"Mục {found.group(1)}"
                else:
                    key = f"Mục «{_title(text)}»"
            seen[key] += 1
            if seen[key] > 1:
                key = f"{key} ({seen[key]})"
            current = _Section(key, text)
        else:
            table = block.get("table")
            current.body.append(f"{text}\x00{table}")
    if current.heading or current.body:
        sections.append(current)
    return sections


def draft_summary(before: Any, after: Any) -> list[str]:
    """A draft's content change as lines a person reads: which sections were added,
    removed or edited, and which parts of the document around them changed."""
    old = before if isinstance(before, dict) else {}
    new = after if isinstance(after, dict) else {}
    if not old and not new:
        return []
    old_sections = _draft_sections(old)
    new_sections = _draft_sections(new)
    if not old:
        paragraphs = sum(len(s.body) for s in new_sections)
        return [f"Nội dung mới: {len(new_sections)} mục, {paragraphs} đoạn"]
    if not new:
        return ["Xóa toàn bộ nội dung"]
    lines: list[str] = []
    for part, name in (
        ("heading", "Phần đầu văn bản (số, ngày, cơ quan)"),
        ("type_name", "Loại văn bản"),
    ):
        if old.get(part) != new.get(part):
            lines.append(f"{name}: sửa")
    if old.get("subject") != new.get("subject"):
        was, now = _title(old.get("subject") or ""), _title(new.get("subject") or "")
        lines.append(f"Trích yếu: «{was}» → «{now}»")
    before_by_key = {s.key: s for s in old_sections}
    after_keys = {s.key for s in new_sections}
    for section in new_sections:
        previous = before_by_key.get(section.key)
        if previous is None:
            lines.append(f"Thêm {_named(section)}")
            continue
        edited = []
        if previous.heading != section.heading:
            edited.append("sửa tiêu đề")
        if previous.body != section.body:
            edited.append(_body_change(previous.body, section.body))
        if edited:
            lines.append(f"{section.key}: {' và '.join(edited)}")
    for section in old_sections:
        if section.key not in after_keys:
            lines.append(f"Xóa {_named(section)}")
    if old.get("tables") != new.get("tables"):
        lines.append("Bảng số liệu: cập nhật")
    if old.get("recipients") != new.get("recipients"):
        lines.append("Nơi nhận: sửa")
    if old.get("signature") != new.get("signature"):
        lines.append("Người ký: " + _signature(new.get("signature")))
    if not lines:
        lines.append("Không đổi nội dung")
    if len(lines) > SUMMARY_LIMIT:
        rest = len(lines) - SUMMARY_LIMIT + 1
        lines = [*lines[: SUMMARY_LIMIT - 1], f"… và {rest} thay đổi khác"]
    return lines


def _named(section: _Section) -> str:
    """ "mục II.1 «Công tác tham mưu»" (the heading once, when the key is not it)."""
    name = "mục" + section.key[3:]
    if section.heading and "«" not in section.key:
        name += f" «{_title(section.heading)}»"
    return name


def _body_change(before: list[str], after: list[str]) -> str:
    if len(after) > len(before):
        return f"sửa nội dung (thêm {len(after) - len(before)} đoạn)"
    if len(after) < len(before):
        return f"sửa nội dung (bớt {len(before) - len(after)} đoạn)"
    return "sửa nội dung"


def _signature(data: Any) -> str:
    if not isinstance(data, dict):
        return EMPTY
    parts = [str(data.get(k) or "").strip() for k in ("authority", "title", "name")]
    return ", ".join(p for p in parts if p) or EMPTY


# --- a report's narrative ----------------------------------------------------------------


def _section_titles(codes: set[str]) -> dict[str, str]:
    if not codes:
        return {}
    from danvan.reporting.models import FormSection

    found = FormSection.objects.filter(code__in=codes).values_list("code", "title")
    return {code: title for code, title in found}


def narrative_summary(before: Any, after: Any, titles: dict[str, str]) -> list[str]:
    """Which narrative sections of a report were written, rewritten or emptied."""
    old = before if isinstance(before, dict) else {}
    new = after if isinstance(after, dict) else {}
    lines = []
    for code in [*new, *(c for c in old if c not in new)]:
        was, now = str(old.get(code) or "").strip(), str(new.get(code) or "").strip()
        if was == now:
            continue
        name = f"Mục «{_title(titles.get(code, code))}»"
        if not was:
            lines.append(f"{name}: viết mới")
        elif not now:
            lines.append(f"{name}: xóa nội dung")
        else:
            lines.append(f"{name}: sửa nội dung")
    return lines
