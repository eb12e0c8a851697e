"""Editing the parts of a meeting from its page: small forms that post here and come
back to the page (no JavaScript needed). Adding shows its errors on the meeting page
itself; editing has its own small page; removing is a confirmed button.

The parts differ only in their form and services, so one table describes them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from danvan.access.roles import Cap
from danvan.access.scope import require
from danvan.core import concurrency
from danvan.core.forms import add_service_errors
from danvan.core.http import AppRequest
from danvan.meetings import forms, selectors, services
from danvan.meetings.models import Meeting
from danvan.meetings.views import detail_context


@dataclass(frozen=True)
class Part:
    name: str  # used in URL names and as the form's key on the meeting page
    related: str  # the meeting's related manager
    anchor: str  # the section of the meeting page
    noun: str  # "thành phần dự", for messages and titles
    form: type[forms._MeetingPartForm]
    add: Callable[..., Any]
    update: Callable[..., Any] | None
    remove: Callable[..., Any]
    keyword: str  # how the update and remove services name the part


PARTS: dict[str, Part] = {
    part.name: part
    for part in (
        Part(
            "attendance",
            "attendances",
            "thanh-phan",
            "thành phần dự",
            forms.AttendanceForm,
            services.attendance_add,
            services.attendance_update,
            services.attendance_remove,
            "attendance",
        ),
        Part(
            "bridge",
            "bridge_points",
            "thong-tin",
            "điểm cầu",
            forms.BridgePointForm,
            services.bridge_point_add,
            services.bridge_point_update,
            services.bridge_point_remove,
            "point",
        ),
        Part(
            "agenda",
            "agenda_items",
            "chuong-trinh",
            "nội dung chương trình",
            forms.AgendaItemForm,
            services.agenda_item_add,
            services.agenda_item_update,
            services.agenda_item_remove,
            "item",
        ),
        Part(
            "opinion",
            "opinions",
            "y-kien",
            "ý kiến",
            forms.OpinionForm,
            services.opinion_add,
            services.opinion_update,
            services.opinion_remove,
            "opinion",
        ),
        Part(
            "conclusion",
            "conclusions",
            "ket-luan",
            "kết luận",
            forms.ConclusionForm,
            services.conclusion_add,
            services.conclusion_update,
            services.conclusion_remove,
            "conclusion",
        ),
    )
}


def _managed_meeting(request: AppRequest, pk: int) -> Meeting:
    """The meeting, if in scope (404 otherwise) and the user may change it (403)."""
    meeting = selectors.meeting_get(user=request.user, pk=pk)
    require(request.user, Cap.MEETING_MANAGE, meeting.org_unit)
    return meeting


def _row(meeting: Meeting, part: Part, row_pk: int) -> Any:
    row = getattr(meeting, part.related).model.objects.filter(meeting=meeting, pk=row_pk).first()
    if row is None:
        raise Http404(f"Không tìm thấy {part.noun} này trong hội nghị.")
    row.meeting = meeting
    return row


def _back(meeting: Meeting, part: Part) -> str:
    return f"{reverse('meetings:detail', args=[meeting.pk])}#{part.anchor}"


def _initial(form_class: type[django_forms.Form], row: Any) -> dict[str, Any]:
    initial: dict[str, Any] = {}
    for name, field in form_class.base_fields.items():
        value = getattr(row, name)
        if isinstance(field, django_forms.ModelMultipleChoiceField):
            value = list(value.all())
        initial[name] = value
    return initial


@login_required
@require_POST
def part_add(request: AppRequest, pk: int, part: str) -> HttpResponse:
    the_part = PARTS[part]
    meeting = _managed_meeting(request, pk)
    form = the_part.form(request.POST, meeting=meeting, user=request.user)
    if form.is_valid():
        try:
            row = the_part.add(actor=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Đã thêm {the_part.noun}: «{str(row)[:80]}».")
            return redirect(_back(meeting, the_part))
    # Show the page again with the form as filled in and its errors.
    meeting = selectors.meeting_get(user=request.user, pk=pk)
    context = detail_context(request, meeting, **{f"{part}_form": form})
    return render(request, "meetings/meeting_detail.html", context, status=400)


@login_required
def part_edit(request: AppRequest, pk: int, part: str, row_pk: int) -> HttpResponse:
    the_part = PARTS[part]
    meeting = _managed_meeting(request, pk)
    row = _row(meeting, the_part, row_pk)
    form = the_part.form(
        request.POST or None,
        meeting=meeting,
        user=request.user,
        initial=_initial(the_part.form, row),
    )
    concurrency.track(form, row)  # a stale save is refused with the other's change shown
    if request.method == "POST" and form.is_valid() and the_part.update is not None:
        try:
            the_part.update(actor=request.user, **{the_part.keyword: row}, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Đã lưu {the_part.noun}: «{str(row)[:80]}».")
            return redirect(_back(meeting, the_part))
    context = {
        "form": form,
        "meeting": meeting,
        "title": f"Sửa {the_part.noun}",
        "back": _back(meeting, the_part),
    }
    return render(request, "meetings/part_form.html", context)


@login_required
@require_POST
def part_remove(request: AppRequest, pk: int, part: str, row_pk: int) -> HttpResponse:
    the_part = PARTS[part]
    meeting = _managed_meeting(request, pk)
    row = _row(meeting, the_part, row_pk)
    name = str(row)[:80]
    try:
        the_part.remove(actor=request.user, **{the_part.keyword: row})
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Đã xóa {the_part.noun}: «{name}».")
    return redirect(_back(meeting, the_part))


@login_required
@require_POST
def agenda_move(request: AppRequest, pk: int, row_pk: int, direction: str) -> HttpResponse:
    the_part = PARTS["agenda"]
    meeting = _managed_meeting(request, pk)
    row = _row(meeting, the_part, row_pk)
    services.agenda_item_move(actor=request.user, item=row, direction=direction)
    return redirect(_back(meeting, the_part))


@login_required
def minutes_edit(request: AppRequest, pk: int) -> HttpResponse:
    """Biên bản and tóm tắt kết quả, on their own page (long texts)."""
    meeting = _managed_meeting(request, pk)
    form = forms.MinutesForm(
        request.POST or None, initial={"summary": meeting.summary, "minutes": meeting.minutes}
    )
    concurrency.track(form, meeting)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_save_minutes(actor=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            found = meeting.citations.count()
            messages.success(
                request, f"Đã lưu biên bản. {found} văn bản được trích dẫn đã được liên kết."
            )
            return redirect(f"{reverse('meetings:detail', args=[meeting.pk])}#bien-ban")
    context = {
        "form": form,
        "meeting": meeting,
        "title": "Biên bản, tóm tắt kết quả",
        "back": f"{reverse('meetings:detail', args=[meeting.pk])}#bien-ban",
    }
    return render(request, "meetings/part_form.html", context)
