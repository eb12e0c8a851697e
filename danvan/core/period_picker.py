"""The period picker (issue 12 §4): a period is chosen, never typed as a code.

Two selects: the period type (tháng, quý, 6 tháng, năm) and the period itself, recent
periods of every type grouped by type, each labelled in Vietnamese ("tháng 11/2026",
"quý III/2026"). ``static/js/period-picker.js`` shows only the chosen type's periods and
moves to the one that is due (``periods.due``); without JavaScript the grouped list works
alone. The field's value is the period code (``2026-11``, ``2026Q3``...), as before.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from danvan.core import clock
from danvan.lib import periods

# How far back each type goes (the reporting dashboard's picker lengths).
LENGTH = {periods.MONTH: 36, periods.QUARTER: 16, periods.HALF: 10, periods.YEAR: 10}


def period_groups(chosen: periods.Period | None) -> list[tuple[str, list[periods.Period]]]:
    """Per type: the current period and those before it, newest first, ``chosen`` kept."""
    today = clock.today()
    groups = []
    for kind in periods.KINDS:
        current = periods.period_of(kind, today)
        items = [current.shifted(-i) for i in range(LENGTH[kind])]
        if chosen is not None and chosen.kind == kind and chosen not in items:
            items = sorted([*items, chosen], reverse=True)
        groups.append((kind, items))
    return groups


def _parse(value: Any) -> periods.Period | None:
    try:
        return periods.parse(str(value)) if value else None
    except periods.PeriodError:
        return None


class PeriodPicker(forms.Widget):
    """Renders the two selects; the form reads back only the period (``name``)."""

    def __init__(self, attrs: dict[str, Any] | None = None, *, blank: str = "") -> None:
        super().__init__(attrs)
        self.blank = blank

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        return data.get(name)

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        attrs = self.build_attrs(self.attrs, attrs)
        chosen = _parse(value)
        today = clock.today()
        if chosen is None and not self.blank:
            chosen = periods.due(periods.MONTH, today)  # a required pick starts on what is due
        shown_kind = chosen.kind if chosen else periods.MONTH
        kind_id = f"{attrs.get('id', name)}_loai"
        kinds = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (k, " selected" if k == shown_kind else "", label)
                for k, label in periods.KIND_LABELS.items()
            ),
        )
        groups = []
        for kind, items in period_groups(chosen):
            due = periods.due(kind, today)
            options = format_html_join(
                "",
                '<option value="{}"{}{}>{}</option>',
                (
                    (
                        p.code,
                        " selected" if chosen == p else "",
                        " data-due" if p == due else "",
                        p.label + (" (đến hạn)" if p == due else ""),
                    )
                    for p in items
                ),
            )
            label = periods.KIND_LABELS[kind]
            groups.append(
                format_html(
                    '<optgroup label="{}" data-kind="{}">{}</optgroup>', label, kind, options
                )
            )
        blank = format_html('<option value="">{}</option>', self.blank) if self.blank else ""
        return format_html(
            '<span class="period-picker" data-period-picker>'
            '<select id="{}" aria-label="Loại kỳ" data-period-kind>{}</select> '
            '<select name="{}" id="{}" aria-label="Kỳ">{}{}</select></span>',
            kind_id,
            kinds,
            name,
            attrs.get("id", name),
            blank,
            SafeString("".join(groups)),
        )


class PeriodField(forms.CharField):
    """A period chosen in :class:`PeriodPicker`; cleans to its code. A required field starts
    on the month that is due now; an optional one on "— Không theo kỳ —"."""

    def __init__(self, **kwargs: Any) -> None:
        required = kwargs.get("required", True)
        kwargs.setdefault("widget", PeriodPicker(blank="" if required else "— Không theo kỳ —"))
        kwargs.setdefault("max_length", 8)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> str:
        code = super().to_python(value)
        if not code:
            return ""
        period = _parse(code)
        if period is None:
            raise forms.ValidationError("Chọn kỳ trong danh sách (tháng, quý, 6 tháng hoặc năm).")
        return period.code
