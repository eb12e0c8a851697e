"""The reader's comment form: POST only, answered with a redirect, a full page or a partial.

The article page is cached for anonymous readers, so its form cannot carry a CSRF token
(the token's cookie would make the page uncacheable). The view is therefore
``csrf_exempt``: it is an anonymous form that grants no privilege (a forged post could
only do what anyone can do by hand: leave a comment held for moderation), and it is
guarded by a honeypot and the per-address hourly limit instead.

The sender's address is ``REMOTE_ADDR``. Behind a reverse proxy the deployment must make
that the reader's address (gunicorn ``--forwarded-allow-ips`` with the proxy setting
``X-Forwarded-For``, or the proxy's real-IP module); ``X-Forwarded-For`` is not read here
because any client can write it and walk around the limit.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from wagtail.models import Page

from danvan.portal.comments import HONEYPOT_FIELD, comment_post
from danvan.portal.models import ArticlePage

FORM_TEMPLATE = "portal/comments/form.html"


class CommentForm(forms.Form):
    """Carries the values and the service's errors back to the form. Every field is
    optional here: the service validates, so there is one set of rules and messages."""

    name = forms.CharField(required=False, strip=False)
    email = forms.CharField(required=False, strip=False)
    text = forms.CharField(required=False, strip=False)
    website = forms.CharField(required=False)  # the honeypot (HONEYPOT_FIELD)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The one rule a field checks itself (Django's catalogue has no Vietnamese for it).
        for field in self.fields.values():
            field.error_messages["null_characters_not_allowed"] = (
                "Nội dung có ký tự NUL (\\u0000), không được phép."
            )


def _client_ip(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR") or "")


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


@csrf_exempt
@never_cache
@require_POST
def post_comment(request: HttpRequest, page_id: int) -> HttpResponse:
    page = get_object_or_404(Page.objects.live().public(), pk=page_id).specific
    if not isinstance(page, ArticlePage):
        raise Http404("Trang này không nhận ý kiến bạn đọc.")
    form = CommentForm(request.POST)
    if not form.is_valid():  # only a NUL: every field is optional, the service validates
        return _render_errors(request, page, form)
    values = form.cleaned_data
    try:
        comment_post(
            page=page,
            name=values["name"],
            email=values["email"],
            text=values["text"],
            ip=_client_ip(request),
            honeypot=values[HONEYPOT_FIELD],
        )
    except ValidationError as error:
        _add_errors(form, error)
        return _render_errors(request, page, form)
    if _is_htmx(request):
        context = {"page": page, "comment_form": CommentForm(), "comment_sent": True}
        return TemplateResponse(request, FORM_TEMPLATE, context)
    return HttpResponseRedirect(f"{page.get_url(request)}?da-gui=1#y-kien")


def _add_errors(form: CommentForm, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)


def _render_errors(request: HttpRequest, page: Any, form: CommentForm) -> HttpResponse:
    """The form again with its errors and values (400): the partial for htmx, otherwise
    the whole article, so a reader without JavaScript sees where to correct."""
    if _is_htmx(request):
        context = {"page": page, "comment_form": form}
        return TemplateResponse(request, FORM_TEMPLATE, context, status=400)
    context = page.get_context(request)
    context["comment_form"] = form
    return TemplateResponse(request, page.get_template(request), context, status=400)
