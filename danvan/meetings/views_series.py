"""Pages of recurring meetings (hội nghị định kỳ): list, page, create, edit, delete,
scheduling the next meetings, and the iCal feed a calendar app subscribes to."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST
from icalendar import Calendar, Event

from danvan.access.roles import Cap
from danvan.access.scope import can, require
from danvan.core import concurrency
from danvan.core.forms import add_service_errors
from danvan.core.http import AppRequest
from danvan.meetings import forms, selectors, services
from danvan.meetings.models import CalendarFeedToken, Meeting, MeetingSeries
from danvan.meetings.services.feeds import feed_token_reset, user_for_feed_key
from danvan.org.selectors import org_unit_list

PAGE_SIZE = 30


@login_required
def series_list(request: AppRequest) -> HttpResponse:
    require(request.user, Cap.MEETING_VIEW, None)
    q = request.GET.get("q", "").strip()
    unit = request.GET.get("org_unit", "")
    series = selectors.series_list(user=request.user, q=q, org_unit=unit)
    page = Paginator(series, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "q": q,
        "unit": unit,
        "units": org_unit_list(user=request.user, cap=Cap.MEETING_VIEW).order_by("path"),
        "can_manage": can(request.user, Cap.MEETING_MANAGE, None),
    }
    return render(request, "meetings/series_list.html", context)


def _ical_url(request: HttpRequest, series: MeetingSeries) -> str:
    return request.build_absolute_uri(reverse("meetings:series_ical", args=[series.pk]))


@login_required
def series_detail(request: AppRequest, pk: int) -> HttpResponse:
    series = selectors.series_get(user=request.user, pk=pk)
    meetings = selectors.meeting_search(user=request.user, series=series)
    page = Paginator(meetings, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "series": series,
        "page": page,
        "schedule_form": forms.ScheduleForm(),
        "ical_url": _ical_url(request, series),
        "feed_token": CalendarFeedToken.objects.filter(user=request.user).first(),
        "can_manage": can(request.user, Cap.MEETING_MANAGE, series.org_unit),
    }
    return render(request, "meetings/series_detail.html", context)


@login_required
def series_create(request: AppRequest) -> HttpResponse:
    require(request.user, Cap.MEETING_MANAGE, None)
    form = forms.SeriesForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            series = services.series_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Đã thêm hội nghị định kỳ «{series.name}».")
            return redirect("meetings:series_detail", pk=series.pk)
    context = {"form": form, "title": "Thêm hội nghị định kỳ"}
    return render(request, "meetings/series_form.html", context)


@login_required
def series_edit(request: AppRequest, pk: int) -> HttpResponse:
    series = selectors.series_get(user=request.user, pk=pk)
    require(request.user, Cap.MEETING_MANAGE, series.org_unit)
    form = forms.SeriesForm(
        request.POST or None, user=request.user, initial=forms.series_initial(series)
    )
    concurrency.track(form, series)
    if request.method == "POST" and form.is_valid():
        try:
            services.series_update(actor=request.user, series=series, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Đã lưu thay đổi của «{series.name}».")
            return redirect("meetings:series_detail", pk=series.pk)
    context = {"form": form, "series": series, "title": f"Sửa «{series.name}»"}
    return render(request, "meetings/series_form.html", context)


@login_required
@require_POST
def series_delete(request: AppRequest, pk: int) -> HttpResponse:
    series = selectors.series_get(user=request.user, pk=pk)
    services.series_delete(actor=request.user, series=series)
    messages.success(
        request, f"Đã xóa hội nghị định kỳ «{series.name}». Các hội nghị đã có vẫn được giữ."
    )
    return redirect("meetings:series_list")


@login_required
@require_POST
def series_schedule(request: AppRequest, pk: int) -> HttpResponse:
    series = selectors.series_get(user=request.user, pk=pk)
    require(request.user, Cap.MEETING_MANAGE, series.org_unit)
    form = forms.ScheduleForm(request.POST)
    if form.is_valid():
        try:
            created = services.series_schedule_next(
                actor=request.user, series=series, count=form.cleaned_data["count"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            days = ", ".join(timezone.localtime(m.starts_at).strftime("%d/%m/%Y") for m in created)
            messages.success(request, f"Đã lên lịch {len(created)} hội nghị: {days}.")
            return redirect("meetings:series_detail", pk=series.pk)
    for problems in form.errors.values():
        messages.error(request, " ".join(str(p) for p in problems))
    return redirect("meetings:series_detail", pk=series.pk)


# --- iCal -------------------------------------------------------------------------------


@login_required
@require_POST
def feed_token_new(request: AppRequest, pk: int) -> HttpResponse:
    """«Tạo địa chỉ đăng ký» / «Tạo lại»: a new feed key for the signed-in user."""
    series = selectors.series_get(user=request.user, pk=pk)
    feed_token_reset(actor=request.user)
    messages.success(
        request,
        "Đã tạo địa chỉ đăng ký lịch mới; địa chỉ cũ (nếu có) không dùng được nữa.",
    )
    return redirect("meetings:series_detail", pk=series.pk)


@require_GET
def series_ical(request: HttpRequest, pk: int) -> HttpResponse:
    """The series as an iCalendar feed. A calendar app cannot log in, so the reader's own
    feed key in ``?token=`` stands for the session (never an API token: that one writes);
    either way the series must be in the reader's scope (404 otherwise, as for a wrong
    key: nothing tells that the series exists)."""
    token = request.GET.get("token", "")
    user = user_for_feed_key(token) if token else request.user
    if user is None or not user.is_authenticated:
        raise Http404("Không tìm thấy lịch.")
    series = selectors.series_get(user=user, pk=pk)
    meetings = selectors.meeting_search(user=user, series=series)
    calendar = Calendar()
    calendar.add("prodid", "-//danvan//Hoi nghi dinh ky//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", series.name)
    calendar.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    stamp = timezone.now()
    for meeting in meetings:
        calendar.add_component(_event(request, meeting, series, stamp))
    calendar.add_missing_timezones()  # VTIMEZONE for Asia/Ho_Chi_Minh, which TZID names
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="hoi-nghi-dinh-ky-{series.pk}.ics"'
    return response


def _event(
    request: HttpRequest, meeting: Meeting, series: MeetingSeries, stamp: dt.datetime
) -> Event:
    ends_at = meeting.ends_at or meeting.starts_at + dt.timedelta(minutes=series.duration_minutes)
    event = Event()
    # Stable whatever host name the feed was read through, so apps never see duplicates.
    event.add("uid", f"hoi-nghi-{meeting.pk}@danvan")
    event.add("dtstamp", stamp)
    event.add("dtstart", timezone.localtime(meeting.starts_at))
    event.add("dtend", timezone.localtime(ends_at))
    event.add("summary", meeting.title)
    event.add("location", meeting.place or ("Trực tuyến" if meeting.is_online else ""))
    event.add("url", request.build_absolute_uri(reverse("meetings:detail", args=[meeting.pk])))
    if meeting.status == Meeting.Status.CANCELLED:
        event.add("status", "CANCELLED")
    elif meeting.status == Meeting.Status.HELD:
        event.add("status", "CONFIRMED")
    else:
        event.add("status", "TENTATIVE")
    return event
