"""Pages of the register of models: the list, a model with its timeline, register, edit,
progress with evidence, the moves (one form per move the user may make)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from danvan.access.roles import Cap
from danvan.access.scope import can, require, scoped
from danvan.audit.selectors import history_for
from danvan.core import concurrency
from danvan.core.exports import asked, wants_xlsx
from danvan.core.forms import add_service_errors
from danvan.core.http import AppRequest
from danvan.emulation import selectors, services, workflow
from danvan.emulation.exports import models_xlsx
from danvan.emulation.forms import (
    EvaluationForm,
    ModelFilterForm,
    ModelForm,
    MoveForm,
    NoteForm,
    RecogniseForm,
    model_initial,
)
from danvan.emulation.models import Campaign, EmulationModel, Evidence, State

PAGE_SIZE = 30
# A photo is served as what its content is (the name the uploader gave may say otherwise).
_PHOTO_TYPES = {"png": "image/png", "jpeg": "image/jpeg"}


@login_required
def model_list(request: AppRequest) -> HttpResponse:
    require(request.user, Cap.EMULATION_VIEW, None)
    form = ModelFilterForm(request.GET, user=request.user)
    filters = form.filters()
    models = selectors.model_search(user=request.user, filters=filters)
    if wants_xlsx(request):
        return models_xlsx(models.prefetch_related("partner_units"), filters=asked(form))
    context = {
        "form": form,
        "page": Paginator(models, PAGE_SIZE).get_page(request.GET.get("page")),
        "filtered": any(v for k, v in request.GET.items() if k not in ("page",)),
        "can_register": can(request.user, Cap.EMULATION_REGISTER, None),
    }
    template = "emulation/_model_results.html" if request.htmx else "emulation/model_list.html"
    return render(request, template, context)


def _detail_context(request: AppRequest, model: EmulationModel, **forms: Any) -> dict[str, Any]:
    user = request.user
    moves = services.allowed_moves(user, model)
    simple = [m for m in moves if m.code not in workflow.SPECIAL]
    codes = {m.code for m in moves}
    return {
        "model": model,
        **selectors.model_history(model),
        "history": history_for(model),
        "moves": simple,
        "move_form": forms.get("move_form") or MoveForm(initial={"version": model.version}),
        "failed_move": forms.get("failed_move", ""),
        "can_evaluate": "danh_gia" in codes,
        "evaluation_form": forms.get("evaluation_form")
        or EvaluationForm(model=model, initial={"version": model.version}),
        "can_recognise": "cong_nhan" in codes,
        "recognise_form": forms.get("recognise_form")
        or RecogniseForm(model=model, initial={"version": model.version}),
        "can_edit": services.may_edit(user, model),
        "can_post": services.may_post(user, model),
        "note_form": forms.get("note_form") or NoteForm(),
        "can_publish": model.is_recognised and can(user, Cap.EMULATION_REVIEW, model.unit),
        "can_delete": model.state == State.REGISTERED
        and can(user, Cap.EMULATION_REVIEW, model.unit),
    }


@login_required
def model_detail(request: AppRequest, pk: int) -> HttpResponse:
    model = selectors.model_get(user=request.user, pk=pk)
    return render(request, "emulation/model_detail.html", _detail_context(request, model))


@login_required
def model_create(request: AppRequest) -> HttpResponse:
    require(request.user, Cap.EMULATION_REGISTER, None)
    initial: dict[str, Any] = {}
    wanted = request.GET.get("dot", "")
    if wanted.isdigit():
        visible = scoped(Campaign.objects.all(), request.user, Cap.EMULATION_VIEW)
        initial["campaign"] = visible.filter(pk=int(wanted)).first()
    form = ModelForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            model = services.model_register(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Đã đăng ký «{model.name}».")
            return redirect("emulation:detail", pk=model.pk)
    context = {"form": form, "title": "Đăng ký mô hình, điển hình «Dân vận khéo»"}
    return render(request, "emulation/model_form.html", context)


@login_required
def model_edit(request: AppRequest, pk: int) -> HttpResponse:
    model = selectors.model_get(user=request.user, pk=pk)
    if not services.may_edit(request.user, model):
        raise PermissionDenied("Bạn không sửa được mô hình này ở tình trạng hiện tại.")
    form = ModelForm(
        request.POST or None, user=request.user, editing=True, initial=model_initial(model)
    )
    concurrency.track(form, model)
    if request.method == "POST" and form.is_valid():
        try:
            services.model_update(actor=request.user, model=model, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Đã lưu «{model.name}».")
            return redirect("emulation:detail", pk=model.pk)
    context = {"form": form, "model": model, "title": "Sửa thông tin mô hình"}
    return render(request, "emulation/model_form.html", context)


def _refused(request: AppRequest, model: EmulationModel, **forms: Any) -> HttpResponse:
    model.refresh_from_db()
    context = _detail_context(request, model, **forms)
    return render(request, "emulation/model_detail.html", context, status=400)


@login_required
@require_POST
def model_move(request: AppRequest, pk: int) -> HttpResponse:
    model = selectors.model_get(user=request.user, pk=pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        return _refused(request, model, move_form=form)
    data = form.cleaned_data
    wanted = data["move"]
    try:
        transition = services.model_move(
            actor=request.user,
            model=model,
            move=data["move"],
            note=data["note"] or "",
            on=data["on"],
            version=data["version"],
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return _refused(request, model, move_form=form, failed_move=wanted)
    messages.success(request, f"«{model.name}»: {transition.get_to_state_display().lower()}.")
    return redirect("emulation:detail", pk=model.pk)


@login_required
@require_POST
def model_evaluate(request: AppRequest, pk: int) -> HttpResponse:
    model = selectors.model_get(user=request.user, pk=pk)
    form = EvaluationForm(request.POST, model=model)
    if not form.is_valid():
        return _refused(request, model, evaluation_form=form)
    try:
        evaluation = services.evaluation_record(
            actor=request.user,
            model=model,
            scores=form.scores(),
            comment=form.cleaned_data["comment"],
            on=form.cleaned_data["on"],
            version=form.cleaned_data["version"],
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return _refused(request, model, evaluation_form=form)
    messages.success(request, f"Đã đánh giá «{model.name}»: {evaluation.total.normalize():f} điểm.")
    return redirect("emulation:detail", pk=model.pk)


@login_required
@require_POST
def model_recognise(request: AppRequest, pk: int) -> HttpResponse:
    model = selectors.model_get(user=request.user, pk=pk)
    form = RecogniseForm(request.POST, model=model)
    if not form.is_valid():
        return _refused(request, model, recognise_form=form)
    try:
        services.model_recognise(actor=request.user, **form.cleaned_data, model=model)
    except ValidationError as error:
        add_service_errors(form, error)
        return _refused(request, model, recognise_form=form)
    messages.success(request, f"Đã công nhận «{model.name}».")
    return redirect("emulation:detail", pk=model.pk)


@login_required
@require_POST
def note_add(request: AppRequest, pk: int) -> HttpResponse:
    model = selectors.model_get(user=request.user, pk=pk)
    if not services.may_post(request.user, model):
        raise PermissionDenied("Bạn không ghi nhận tiến độ được cho mô hình này.")
    form = NoteForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.note_add(
                actor=request.user,
                model=model,
                text=data["text"],
                noted_on=data["noted_on"],
                files=data["evidence"],
                caption=data["caption"],
            )
        except ValidationError as error:
            add_service_errors(form, error, renamed={"files": "evidence"})
        else:
            messages.success(request, "Đã ghi nhận tiến độ.")
            return redirect("emulation:detail", pk=model.pk)
    return _refused(request, model, note_form=form)


@login_required
@require_POST
def model_publish(request: AppRequest, pk: int) -> HttpResponse:
    model = selectors.model_get(user=request.user, pk=pk)
    public = request.POST.get("public") == "1"
    try:
        services.model_publish(actor=request.user, model=model, public=public)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            "Đã đăng lên cổng thông tin." if public else "Đã gỡ khỏi cổng thông tin.",
        )
    return redirect("emulation:detail", pk=model.pk)


@login_required
@require_POST
def model_delete(request: AppRequest, pk: int) -> HttpResponse:
    model = selectors.model_get(user=request.user, pk=pk)
    try:
        services.model_delete(actor=request.user, model=model)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("emulation:detail", pk=model.pk)
    messages.success(request, f"Đã xóa «{model.name}».")
    return redirect("emulation:list")


def _evidence(request: AppRequest, pk: int) -> Evidence:
    evidence = Evidence.objects.filter(pk=pk).select_related("model").first()
    if evidence is None:
        raise Http404("Không tìm thấy minh chứng.")
    selectors.model_get(user=request.user, pk=evidence.model_id)
    return evidence


@login_required
def evidence_file(request: AppRequest, pk: int) -> FileResponse:
    """A photo is shown (the page's thumbnails); any other file is a download."""
    evidence = _evidence(request, pk)
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("Tệp không còn trên máy chủ.") from exc
    inline = evidence.is_photo and request.GET.get("tai") != "1"
    response = FileResponse(
        handle,
        as_attachment=not inline,
        filename=evidence.original_name,
        content_type=_PHOTO_TYPES.get(evidence.kind) if inline else None,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def public_photo(request: AppRequest, pk: int) -> FileResponse:
    """A photo of a model published on the portal (anyone may see it, nothing else)."""
    published = EmulationModel.objects.published().values("pk")
    evidence = Evidence.objects.filter(
        pk=pk, kind__in=("png", "jpeg"), model_id__in=published
    ).first()
    if evidence is None:
        raise Http404("Không tìm thấy ảnh.")
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("Tệp không còn trên máy chủ.") from exc
    response = FileResponse(
        handle, filename=evidence.original_name, content_type=_PHOTO_TYPES[evidence.kind]
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
