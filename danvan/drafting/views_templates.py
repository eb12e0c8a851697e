"""Pages of the templates (mẫu văn bản) under /quan-ly/soan-thao/mau/: the kinds × styles
with the template in use, downloading one to edit in Word, uploading it back (for every
issuer or for one), and the history of uploads. System administrators only
(``Cap.TEMPLATE_MANAGE``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from danvan.access.roles import Cap
from danvan.access.scope import require
from danvan.core.forms import add_service_errors
from danvan.core.http import AppRequest
from danvan.drafting import templates_store
from danvan.drafting.context import KINDS, PARTY, STATE
from danvan.drafting.layout import default_template
from danvan.drafting.models import KIND_CHOICES, STYLE_CHOICES, DocxTemplate
from danvan.lib.text import fold
from danvan.org.models import OrgUnit

PAGE_SIZE = 20
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_STYLE_SLUG = {PARTY: "dang", STATE: "nha-nuoc"}


def _unit_name(unit: OrgUnit) -> str:
    return unit.name


class TemplateUploadForm(forms.Form):
    kind = forms.ChoiceField(label="Loại văn bản", choices=KIND_CHOICES)
    style = forms.ChoiceField(label="Thể thức", choices=STYLE_CHOICES)
    issuer = forms.ModelChoiceField(
        label="Dùng cho cơ quan ban hành",
        queryset=OrgUnit.objects.none(),
        required=False,
        empty_label="— Mẫu chung —",
        help_text="Để trống (mẫu chung): dùng cho mọi cơ quan chưa có mẫu riêng. Chọn một "
        "cơ quan: mẫu chỉ dùng cho văn bản của cơ quan đó.",
    )
    file = forms.FileField(
        label="Tệp mẫu (.docx)",
        widget=forms.ClearableFileInput(attrs={"accept": ".docx"}),
        help_text="Tải mẫu đang dùng về, sửa trong Word (giữ nguyên các thẻ {{ … }} và "
        "{%p … %}), rồi tải lên lại. Mẫu lỗi sẽ bị từ chối và mẫu đang dùng được giữ nguyên.",
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["issuer"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = templates_store.issuer_choices(user=user).order_by("path")
        field.label_from_instance = _unit_name  # type: ignore[method-assign,assignment]


@login_required
def template_list(request: AppRequest) -> HttpResponse:
    require(request.user, Cap.TEMPLATE_MANAGE, None)
    params = request.GET
    filters = {
        "q": params.get("q", "").strip(),
        "kind": params.get("kind", "") if params.get("kind", "") in KINDS else "",
        "style": params.get("style", "") if params.get("style", "") in _STYLE_SLUG else "",
    }
    history = templates_store.template_history(user=request.user, q=filters["q"])
    if filters["kind"]:
        history = history.filter(kind=filters["kind"])
    if filters["style"]:
        history = history.filter(style=filters["style"])
    slots = templates_store.template_slots(user=request.user)
    in_use = {s.shared.pk for s in slots if s.shared} | {t.pk for s in slots for t in s.own}
    return render(
        request,
        "drafting/templates.html",
        {
            "slots": slots,
            "in_use": in_use,
            "page": Paginator(history, PAGE_SIZE).get_page(params.get("page")),
            "filters": filters,
            "filtering": any(filters.values()),
            "kinds": KIND_CHOICES,
            "styles": STYLE_CHOICES,
        },
    )


@login_required
def template_download(request: AppRequest, kind: str, style: str) -> HttpResponse:
    """The template of ``kind`` × ``style``: ``?builtin=1`` the built-in one,
    ``?version=<id>`` one upload, ``?issuer=<id>`` the one that issuer's documents use,
    nothing: the shared one in use (or the built-in one when none was uploaded)."""
    require(request.user, Cap.TEMPLATE_MANAGE, None)
    if kind not in KINDS or style not in _STYLE_SLUG:
        raise Http404("Không có mẫu văn bản này.")
    params = request.GET
    row: DocxTemplate | None
    if params.get("builtin"):
        row = None
    elif params.get("version", "").isdigit():
        row = templates_store.template_get(user=request.user, pk=int(params["version"]))
        if row.kind != kind or row.style != style:
            raise Http404("Không có mẫu văn bản này.")
    elif params.get("issuer", "").isdigit():
        issuer = templates_store.issuer_get(user=request.user, pk=int(params["issuer"]))
        row = templates_store.active_template(kind=kind, style=style, issuer=issuer)
    else:
        row = templates_store.active_template(kind=kind, style=style, issuer=None)
    slug = f"mau-{fold(KINDS[kind]).replace(' ', '-')}-{_STYLE_SLUG[style]}"
    if row is None:
        data = default_template(kind, style)
        name = f"{slug}-mac-dinh.docx"
    else:
        try:
            with row.file.open("rb") as handle:
                data = handle.read()
        except OSError as error:
            raise Http404("Tệp mẫu này không còn trên máy chủ.") from error
        name = f"{slug}-{row.uploaded_at:%Y%m%d-%H%M}.docx"
    response = HttpResponse(data, content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def template_upload(request: AppRequest) -> HttpResponse:
    require(request.user, Cap.TEMPLATE_MANAGE, None)
    initial: dict[str, Any] = {}
    if request.method != "POST":
        for key in ("kind", "style", "issuer"):
            if request.GET.get(key):
                initial[key] = request.GET[key]
    form = TemplateUploadForm(
        request.POST or None, request.FILES or None, user=request.user, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            row = templates_store.template_upload(
                actor=request.user,
                kind=data["kind"],
                style=data["style"],
                issuer=data["issuer"],
                upload=data["file"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            where = row.issuer.name if row.issuer is not None else "mọi cơ quan chưa có mẫu riêng"
            messages.success(
                request,
                f"Đã thay mẫu {row.get_kind_display()} ({row.get_style_display()}) "
                f"dùng cho {where} bằng «{row.original_name}».",
            )
            return redirect("drafting:templates")
    return render(request, "drafting/templates_upload.html", {"form": form})
