"""The API, /api/v1 (django-ninja). Schema at /api/v1/openapi.json, docs at /api/v1/docs."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from danvan.api import (
    awards,
    democracy,  # democracy
    documents,
    emulation,
    meetings,
    org,
    people,
    petitions,
    religion,  # religion
    reporting,
    supervision,  # supervision
    tasks,
    welfare,  # welfare
)
from danvan.api.auth import auth
from danvan.api.input import InputParser, schema_errors
from danvan.core.concurrency import StaleEdit
from danvan.reporting.services import ReportLocked

_ERRORS = {
    "400": "Dữ liệu gửi lên không hợp lệ (trường nêu trong errors)",
    "401": "Chưa xác thực",
    "403": "Không có quyền",
    "404": "Không tìm thấy, hoặc nằm ngoài phạm vi",
}
_WRITE_ERRORS = {"409": "Xung đột: báo cáo đã khóa hoặc bản ghi đã bị người khác sửa"}


class DanvanAPI(NinjaAPI):
    """Every operation documents the errors any call can get (the ``ErrorOut`` body):
    400, 401, 403, 404, and 409 for writes, so the schema lists every status it answers."""

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(**kwargs)
        error = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}
        for methods in schema.get("paths", {}).values():
            for method, operation in methods.items():
                codes = _ERRORS | (_WRITE_ERRORS if method != "get" else {})
                responses = operation.setdefault("responses", {})
                for code, text in codes.items():
                    responses.setdefault(code, {"description": text, "content": error})
        return schema


api = DanvanAPI(
    title="danvan API",
    version="1",
    description="API của hệ thống thông tin công tác dân vận. Xác thực: Bearer token.",
    auth=auth,
    urls_namespace="api-v1",
    parser=InputParser(),
)
api.add_router("/org-units", org.router, tags=["Đơn vị"])
api.add_router("/people", people.router, tags=["Cán bộ"])
api.add_router("", reporting.router, tags=["Báo cáo định kỳ"])
api.add_router("/meetings", meetings.router, tags=["Hội nghị"])
api.add_router("/tasks", tasks.router, tags=["Nhiệm vụ"])
api.add_router("/documents", documents.router, tags=["Văn bản"])
api.add_router("/emulation", emulation.router, tags=["Dân vận khéo"])
api.add_router("/awards", awards.router, tags=["Khen thưởng"])
api.add_router("/petitions", petitions.router, tags=["Đơn thư"])
api.add_router("/reception-sessions", petitions.sessions_router, tags=["Tiếp công dân"])
api.add_router("/religion", religion.router, tags=["Tôn giáo"])  # religion
api.add_router("/welfare", welfare.router, tags=["An sinh xã hội"])  # welfare
api.add_router("/supervision", supervision.router, tags=["Giám sát, phản biện"])  # supervision
api.add_router("/democracy", democracy.router, tags=["Dân chủ ở cơ sở"])  # democracy


def _errors(exc: ValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {
            field: [str(m) for e in errs for m in e.messages]
            for field, errs in exc.error_dict.items()
        }
    return {"__all__": list(exc.messages)}


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = _errors(exc)
    detail = "; ".join(
        (f"{field}: " if field != "__all__" else "") + " ".join(msgs)
        for field, msgs in errors.items()
    )
    return api.create_response(request, {"detail": detail, "errors": errors}, status=400)


@api.exception_handler(StaleEdit)
def on_stale_edit(request: HttpRequest, exc: StaleEdit) -> HttpResponse:
    """Someone saved after the version the client read: nothing was written."""
    body = {
        "detail": exc.api_detail,
        "errors": {"version": [exc.api_detail]},
        "version": exc.current,
        "changed": [{"field": c.label, "value": c.value} for c in exc.changes],
    }
    response = api.create_response(request, body, status=409)
    if exc.current is not None:
        response["ETag"] = f'"{exc.current}"'
    return response


@api.exception_handler(NinjaValidationError)
def on_schema_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    errors = schema_errors(list(exc.errors))
    detail = "Dữ liệu gửi lên không hợp lệ: " + " ".join(m for ms in errors.values() for m in ms)
    return api.create_response(request, {"detail": detail, "errors": errors}, status=400)


@api.exception_handler(ReportLocked)
def on_locked(request: HttpRequest, exc: ReportLocked) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=409)


@api.exception_handler(PermissionDenied)
def on_permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    message = str(exc) or "Bạn không có quyền thực hiện thao tác này."
    return api.create_response(request, {"detail": message}, status=403)


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc) or "Không tìm thấy."}, status=404)


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if isinstance(exc.__cause__, ValidationError):
        # ninja wraps whatever the body parser raises; InputParser's refusals name a field.
        return on_validation_error(request, exc.__cause__)
    message = str(exc)
    if message.startswith("Cannot parse request body"):
        message = "Nội dung gửi lên không phải JSON hợp lệ."
    return api.create_response(request, {"detail": message}, status=exc.status_code)


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(
        request,
        {"detail": "Chưa xác thực: gửi tiêu đề Authorization: Bearer <mã truy cập>."},
        status=401,
    )
