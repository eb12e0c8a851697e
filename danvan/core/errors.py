"""What the server answers when the request cannot be served: a NUL in the query string
or form (400, before any view sees it) and an unhandled error (500).

NUL (U+0000) is never part of a value this system takes, and PostgreSQL raises on a query
holding it: ``?q=%00`` gave a 500 on every list. Django's form fields refuse it already
(``ProhibitNullCharactersValidator``); this middleware refuses it for the values views read
straight from ``request.GET``/``request.POST``, naming the parameter. JSON bodies of the API
are checked by its parser (``danvan.api.input``).

Views reading a parameter by hand use ``int_param``, which refuses what the database cannot
take (``?year=99999``) with ``InvalidParameter``.

``bad_request`` is ``handler400`` and ``server_error`` is ``handler500``: JSON on /api/ (a
client reads ``detail``), the Vietnamese page elsewhere. Django logs a 500 before calling
its handler, as usual.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.request import QueryDict
from django.template import loader
from django.views.decorators.csrf import csrf_exempt

API_PREFIX = "/api/"
SERVER_ERROR = (
    "Lỗi máy chủ: yêu cầu chưa được xử lý. Xin thử lại sau; nếu lỗi còn, báo quản trị viên."
)


class InvalidParameter(BadRequest):
    """A parameter of the request no view can use; the message is shown to the user."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def nul_message(field: str) -> str:
    return f"«{field}» chứa ký tự NUL (\\u0000), không được phép."


def int_param(params: QueryDict, name: str, *, low: int, high: int) -> int | None:
    """``params[name]`` as a whole number between ``low`` and ``high``, None when absent
    or empty; anything else is refused naming the parameter."""
    raw = params.get(name, "").strip()
    if not raw:
        return None
    try:
        value = int(raw)
    except ValueError:
        raise InvalidParameter(name, f"«{name}» phải là số nguyên.") from None
    if not low <= value <= high:
        raise InvalidParameter(name, f"«{name}» phải nằm trong khoảng {low}–{high}.")
    return value


def _nul_field(request: HttpRequest) -> str | None:
    """The first parameter of the query string (or of a urlencoded form) holding NUL."""
    sources = [request.GET]
    if request.content_type == "application/x-www-form-urlencoded":
        # Multipart forms are left to their form fields: reading them here would parse
        # uploads before the view can set its upload handlers.
        sources.append(request.POST)
    for data in sources:
        for key, values in data.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                return key.replace("\x00", "\\u0000")
    return None


class RefuseNulMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        field = _nul_field(request)
        if field is not None:
            raise InvalidParameter(field, nul_message(field))
        return self.get_response(request)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    # Only our own refusals carry a message for the user; Django's (SuspiciousOperation…)
    # are written for the log.
    field = getattr(exception, "field", None)
    message = getattr(exception, "message", None) or "Yêu cầu không hợp lệ."
    if request.path.startswith(API_PREFIX):
        errors = {field: [message]} if field else {}
        return JsonResponse({"detail": message, "errors": errors}, status=400)
    return HttpResponse(loader.render_to_string("400.html", {"message": message}), status=400)


def server_error(request: HttpRequest) -> HttpResponse:
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": SERVER_ERROR}, status=500)
    return HttpResponse(loader.render_to_string("500.html", {"message": SERVER_ERROR}), status=500)


@csrf_exempt
def api_not_found(request: HttpRequest) -> HttpResponse:
    """/api/ addresses no operation has: JSON like every answer of the API. Exempt from
    CSRF (it writes nothing): a POST to ``/api/v1/meetings/abc/attendees`` with a session
    cookie got Django's English "CSRF verification failed" page instead of this 404."""
    return JsonResponse({"detail": "Không có địa chỉ này trong API.", "errors": {}}, status=404)
