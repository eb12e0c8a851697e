"""Pages of «Nhập từ bài viết»: bring a text in, review what it proposes beside the
words it came from, accept (or set aside); the list of imports."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from danvan.access.roles import Cap
from danvan.access.scope import can, scoped
from danvan.core import concurrency
from danvan.core.forms import add_service_errors
from danvan.core.http import AppRequest
from danvan.people.models import Person
from danvan.reporting.autocomplete import period_label
from danvan.textimport import awards as stated_awards
from danvan.textimport import defaults, selectors, services, sources
from danvan.textimport.forms import (
    NEW,
    AwardsFormSet,
    BringForm,
    FiguresFormSet,
    PeopleFormSet,
    ReviewForm,
)
from danvan.textimport.highlight import segments
from danvan.textimport.models import ArticleImport
from danvan.textimport.report import selectors as report_selectors

PAGE_SIZE = 25


def _require(request: AppRequest) -> None:
    if not can(request.user, Cap.MEETING_MANAGE, None):
        raise Http404("Không tìm thấy trang.")


@login_required
def import_list(request: AppRequest) -> HttpResponse:
    """The article imports and, beside them, the units' reports brought in from Word."""
    articles = can(request.user, Cap.MEETING_MANAGE, None)
    reports = can(request.user, Cap.REPORT_ENTER, None)
    if not (articles or reports):
        raise Http404("Không tìm thấy trang.")
    status = request.GET.get("trang_thai", "")
    found = (
        selectors.import_search(request.user, q=request.GET.get("q", ""), status=status)
        if articles
        else ArticleImport.objects.none()
    )
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    report_imports = (
        report_selectors.report_import_search(request.user, status=status)[:PAGE_SIZE]
        if reports
        else []
    )
    return render(
        request,
        "textimport/import_list.html",
        {
            "page": page,
            "params": request.GET,
            "statuses": ArticleImport.Status.choices,
            "form": BringForm(),
            "articles": articles,
            "reports": reports,
            "report_imports": report_imports,
        },
    )


@login_required
def import_new(request: AppRequest) -> HttpResponse:
    _require(request)
    form = BringForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            upload = form.cleaned_data.get("file")
            if upload:
                text, kind, name = sources.from_upload(upload)
            else:
                text, kind = sources.from_paste(form.cleaned_data["text"])
                name = "Văn bản dán vào"
            created = services.import_create(
                actor=request.user, text=text, source_name=name, source_kind=kind
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            item = created.item
            if created.new:
                messages.success(request, "Đã đọc bài viết: xem lại các đề xuất rồi chấp nhận.")
                return redirect("textimport:detail", pk=item.pk)
            if selectors.imports_visible(request.user).filter(pk=item.pk).exists():
                messages.info(
                    request,
                    f"Bài viết này đã được nhập ({item.created_at:%d/%m/%Y}): "
                    "không có đề xuất mới.",
                )
                return redirect("textimport:detail", pk=item.pk)
            form.add_error(None, f"Bài viết này đã được người khác nhập (#{item.pk}).")
    status = 400 if request.method == "POST" else 200
    return render(request, "textimport/import_new.html", {"form": form}, status=status)


def _context(request: AppRequest, item: ArticleImport, **bound: Any) -> dict[str, Any]:
    people_initial, choices = defaults.people_rows(request.user, item)
    form = bound.get("form") or ReviewForm(
        initial=defaults.review_initial(request.user, item), user=request.user
    )
    people = bound.get("people") or PeopleFormSet(
        initial=people_initial,
        prefix="nguoi",
        row_choices=choices,  # type: ignore[call-arg]
    )
    figures = bound.get("figures") or FiguresFormSet(
        initial=defaults.figure_rows(item), prefix="so_lieu"
    )
    awards = bound.get("awards") or AwardsFormSet(  # type: ignore[call-arg]
        initial=stated_awards.rows(item), prefix="khen_thuong", user=request.user
    )
    same = None
    initial = form.initial
    if initial.get("org_unit") and initial.get("held_on") and initial.get("kind"):
        same = services._same_meeting(initial["org_unit"], initial["held_on"], initial["kind"])
    return {
        "item": item,
        "proposal": item.proposal,
        "read_date": defaults.meeting_day(item.proposal),
        "read_period": period_label(item.proposal.get("period_covered") or ""),
        "segments": segments(item.text, item.proposal.get("spans", {})),
        "form": form,
        "people": people,
        "figures": figures,
        "awards": awards,
        "can_award": can(request.user, Cap.AWARD_MANAGE, None),
        "same_meeting": same,
        "open": item.status == ArticleImport.Status.PROPOSED,
    }


@login_required
def import_detail(request: AppRequest, pk: int) -> HttpResponse:
    _require(request)
    item = selectors.import_get(request.user, pk)
    return render(request, "textimport/import_detail.html", _context(request, item))


def _chosen_person(user: Any, raw: str) -> Person | None:
    if not raw or raw == NEW:
        return None
    if not raw.isdigit():
        raise ValidationError({"people": "Lựa chọn cán bộ không hợp lệ."})
    person = scoped(Person.objects.all(), user, Cap.PEOPLE_VIEW).filter(pk=int(raw)).first()
    if person is None:
        raise ValidationError({"people": "Cán bộ được chọn không còn hoặc ngoài phạm vi của bạn."})
    return person


@login_required
@require_POST
def import_accept(request: AppRequest, pk: int) -> HttpResponse:
    _require(request)
    item = selectors.import_get(request.user, pk)
    _, choices = defaults.people_rows(request.user, item)
    form = ReviewForm(request.POST, user=request.user)
    people = PeopleFormSet(request.POST, prefix="nguoi", row_choices=choices)  # type: ignore[call-arg]
    figures = FiguresFormSet(request.POST, prefix="so_lieu")
    awards = AwardsFormSet(request.POST, prefix="khen_thuong", user=request.user)  # type: ignore[call-arg]
    valid = [f.is_valid() for f in (form, people, figures, awards)]
    if all(valid):
        try:
            rows = [
                services.PersonRow(
                    name=row["name"],
                    position=row.get("position") or "",
                    role=row["role"],
                    person=_chosen_person(request.user, row.get("match") or ""),
                    create=row.get("match") == NEW,
                )
                for row in people.cleaned_data
                if row.get("include")
            ]
            values = {
                row["indicator"]: row["value"]
                for row in figures.cleaned_data
                if row.get("include") and row.get("indicator")
            }
            award_rows = [
                stated_awards.AwardRow(
                    form=row["form"],
                    collectives=row.get("collectives") or 0,
                    individuals=row.get("individuals") or 0,
                    reason=(row.get("reason") or "").strip(),
                    issuer=row.get("issuer"),
                    text=row.get("text") or "",
                    line=line,
                )
                for line, row in enumerate(awards.cleaned_data, start=1)
                if row.get("include")
            ]
            data = form.cleaned_data
            accepted = services.import_accept(
                actor=request.user,
                item=item,
                version=data["version"],
                org_unit=data["org_unit"],
                title=data["title"],
                kind=data["kind"],
                held_on=data["held_on"],
                place=data.get("place") or "",
                period_code=data.get("period_code") or "",
                people_rows=rows,
                figures=values,
                make_report=bool(data.get("make_report")),
                award_rows=award_rows,
            )
        except concurrency.StaleEdit as error:
            concurrency.show_stale(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error) or "Bạn không có quyền tạo các bản ghi này.")
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            what = "Đã tạo hội nghị" if accepted.new_meeting else "Đã bổ sung vào hội nghị có sẵn"
            messages.success(
                request,
                f"{what} «{accepted.meeting.title}» với {accepted.attendees} người dự"
                + (f", {len(accepted.new_people)} cán bộ mới" if accepted.new_people else "")
                + (
                    f", {len(accepted.award_decisions)} quyết định khen thưởng"
                    if accepted.award_decisions
                    else ""
                )
                + (", báo cáo nháp" if accepted.report else "")
                + ".",
            )
            return redirect("meetings:detail", pk=accepted.meeting.pk)
    item.refresh_from_db()
    context = _context(request, item, form=form, people=people, figures=figures, awards=awards)
    return render(request, "textimport/import_detail.html", context, status=400)


@login_required
@require_POST
def import_discard(request: AppRequest, pk: int) -> HttpResponse:
    _require(request)
    item = selectors.import_get(request.user, pk)
    version = concurrency.posted_version(request.POST.get("version"))
    try:
        if request.POST.get("reopen"):
            services.import_reopen(actor=request.user, item=item, version=version)
            messages.success(request, "Bài viết đã trở lại chờ xem xét.")
        else:
            services.import_discard(
                actor=request.user, item=item, version=version, note=request.POST.get("note", "")
            )
            messages.success(request, "Đã bỏ qua bài viết: không bản ghi nào được tạo.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("textimport:detail", pk=item.pk)
