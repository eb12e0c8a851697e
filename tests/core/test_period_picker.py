"""The period picker (issue 12 §4): periods are chosen by type, labelled in Vietnamese,
the due one marked; a code that is not offered is refused in Vietnamese."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django import forms
from django.urls import reverse

from danvan.core import clock
from danvan.core.period_picker import PeriodField
from danvan.lib import periods


class _Form(forms.Form):
    period = PeriodField(label="Kỳ báo cáo")
    optional = PeriodField(label="Kỳ đánh giá", required=False)


@pytest.fixture(autouse=True)
def _second_of_december(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: dt.date(2026, 12, 2))


def test_the_due_period_of_each_type():
    day = dt.date(2026, 12, 2)
    assert periods.due(periods.MONTH, day).code == "2026-11"
    assert periods.due(periods.QUARTER, day).code == "2026Q3"
    assert periods.due(periods.HALF, day).code == "2026H1"
    assert periods.due(periods.YEAR, day).code == "2025"
    assert periods.due(periods.MONTH, dt.date(2026, 12, 27)).code == "2026-12"


def test_a_required_pick_starts_on_the_due_month_an_optional_one_on_none():
    html = str(_Form()["period"])
    assert re.search(r'<option value="2026-11" selected data-due>tháng 11/2026 \(đến hạn\)', html)
    assert '<optgroup label="Quý" data-kind="quarter">' in html
    assert "quý III/2026 (đến hạn)" in html and "6 tháng đầu năm 2026" in html
    optional = str(_Form()["optional"])
    assert (
        '<option value="">— Không theo kỳ —</option>' in optional
        and " selected" not in optional.split("Loại kỳ")[1].split("</select>")[1]
    )


def test_a_chosen_period_shows_its_type_and_old_ones_stay_offered():
    html = str(_Form(initial={"period": "2019Q2"})["period"])
    assert '<option value="quarter" selected>Quý</option>' in html
    assert '<option value="2019Q2" selected>quý II/2019</option>' in html


def test_codes_are_cleaned_and_bad_ones_refused_in_vietnamese():
    form = _Form({"period": "2024q1", "optional": ""})
    assert form.is_valid() and form.cleaned_data == {"period": "2024Q1", "optional": ""}
    bad = _Form({"period": "quy 1"})
    assert not bad.is_valid() and "Chọn kỳ trong danh sách" in bad.errors["period"][0]


def test_the_meeting_form_offers_periods_not_a_code_box(cast, tree, as_user):
    page = as_user(cast.board).get(reverse("meetings:create")).content.decode()
    assert "Mã kỳ" not in page and not re.search(r"<input[^>]*name=\"period_code\"", page)
    assert 'name="period_code"' in page and "data-period-picker" in page
