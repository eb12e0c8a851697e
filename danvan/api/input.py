"""What the API accepts as input, in one place: the request parser, the bounded numbers of
query strings, and the schema layer's errors in Vietnamese.

Every JSON body of /api/v1 goes through ``InputParser`` before pydantic sees it, so what
no field of this system can hold is refused there, naming the field (a NUL in a query
string is refused for every URL by ``danvan.core.errors.RefuseNulMiddleware``):

- NUL (U+0000): PostgreSQL cannot store it in text and raises on a query holding it;
- a lone surrogate (``"\\ud800"``): not UTF-8, neither database can encode it;
- a whole number beyond a 64-bit integer, or NaN/Infinity: no column holds them;
- a body that is not a JSON object: every body of this API is one (``[null, null]`` was
  read as "no field given" and answered 200).

Numbers in query strings are typed by the view (``Id``, ``Year``, ``Pagination``), with
bounds the database can hold.
"""

from __future__ import annotations

import json
import math
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Query
from ninja.pagination import LimitOffsetPagination
from ninja.parser import Parser

MAX_BIGINT = 2**63 - 1


# Defaults rather than annotated types: ``@paginate`` resolves a view's annotations in its
# own module, where a name of ours would not be found (the views use postponed annotations).
def optional_id() -> Any:
    """``?parent=``, ``?org_unit=``: a record's id, or nothing."""
    return Query(None, ge=1, le=MAX_BIGINT)


def optional_year() -> Any:
    """``?year=``: a year a date can have, or nothing."""
    return Query(None, ge=1, le=9999)


class Pagination(LimitOffsetPagination):
    """``?limit=`` (1–1000) and ``?offset=``, bounded so that the database can take them."""

    class Input(LimitOffsetPagination.Input):
        offset: int = Field(0, ge=0, le=MAX_BIGINT)


def _refuse(field: str, message: str) -> ValidationError:
    return ValidationError({field or "__all__": message})


def check_text(field: str, value: str) -> None:
    """Refuse a string no column can hold (NUL, a lone surrogate), naming ``field``."""
    if "\x00" in value:
        raise _refuse(field, f"«{field}» chứa ký tự NUL (\\u0000), không được phép.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise _refuse(field, f"«{field}» chứa ký tự Unicode không hợp lệ.") from None


def _check_json(field: str, value: Any) -> None:
    if isinstance(value, str):
        check_text(field, value)
    elif isinstance(value, bool):
        return
    elif isinstance(value, int):
        if abs(value) > MAX_BIGINT:
            raise _refuse(field, f"«{field}»: số quá lớn (tối đa {MAX_BIGINT}).")
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise _refuse(field, f"«{field}»: số không hợp lệ.")
    elif isinstance(value, dict):
        for key, item in value.items():
            check_text(field or "__all__", key)
            _check_json(f"{field}.{key}" if field else key, item)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_json(f"{field}.{index}", item)


class InputParser(Parser):
    """The JSON parser of the API, refusing what no field can hold (module docstring)."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        data = json.loads(request.body)
        if not isinstance(data, dict):
            raise _refuse(
                "__all__", "Nội dung gửi lên phải là một đối tượng JSON ({…}), không phải mảng."
            )
        _check_json("", data)
        return data


# --- pydantic's errors in Vietnamese ---------------------------------------------------

_SOURCES = {"body", "query", "path", "header", "cookie", "form", "file", "payload"}

_MESSAGES = {
    "missing": "Thiếu «{field}».",
    "int_parsing": "«{field}» phải là số nguyên.",
    "int_type": "«{field}» phải là số nguyên.",
    "int_from_float": "«{field}» phải là số nguyên.",
    "float_parsing": "«{field}» phải là số.",
    "float_type": "«{field}» phải là số.",
    "decimal_parsing": "«{field}» phải là số.",
    "decimal_type": "«{field}» phải là số.",
    "finite_number": "«{field}» phải là số hữu hạn.",
    "bool_parsing": "«{field}» phải là true hoặc false.",
    "bool_type": "«{field}» phải là true hoặc false.",
    "string_type": "«{field}» phải là chuỗi ký tự.",
    "string_too_short": "«{field}» cần ít nhất {min_length} ký tự.",
    "string_too_long": "«{field}» dài quá {max_length} ký tự.",
    "date_parsing": "«{field}» phải là ngày, viết theo dạng 2024-03-31.",
    "date_type": "«{field}» phải là ngày, viết theo dạng 2024-03-31.",
    "date_from_datetime_parsing": "«{field}» phải là ngày, viết theo dạng 2024-03-31.",
    "date_from_datetime_inexact": "«{field}» phải là ngày, không kèm giờ.",
    "datetime_parsing": "«{field}» phải là thời điểm, viết theo dạng 2024-03-31T08:00:00.",
    "datetime_type": "«{field}» phải là thời điểm, viết theo dạng 2024-03-31T08:00:00.",
    "datetime_from_date_parsing": (
        "«{field}» phải là thời điểm, viết theo dạng 2024-03-31T08:00:00."
    ),
    "greater_than": "«{field}» phải lớn hơn {gt}.",
    "greater_than_equal": "«{field}» phải lớn hơn hoặc bằng {ge}.",
    "less_than": "«{field}» phải nhỏ hơn {lt}.",
    "less_than_equal": "«{field}» phải nhỏ hơn hoặc bằng {le}.",
    "dict_type": "«{field}» phải là một đối tượng JSON ({{…}}).",
    "model_type": "«{field}» phải là một đối tượng JSON ({{…}}).",
    "model_attributes_type": "«{field}» phải là một đối tượng JSON ({{…}}).",
    "list_type": "«{field}» phải là một danh sách ([…]).",
    "literal_error": "«{field}» phải là một trong: {expected}.",
    "enum": "«{field}» phải là một trong: {expected}.",
    "json_invalid": "Nội dung gửi lên không phải JSON hợp lệ.",
    "extra_forbidden": "Không có trường «{field}».",
}


def field_name(loc: tuple[Any, ...] | list[Any]) -> str:
    """``("body", "payload", "co_units", 0)`` → ``co_units.0``; ``("query", "limit")`` →
    ``limit``: the field as the caller wrote it."""
    parts = list(loc)
    while parts and parts[0] in _SOURCES:
        parts.pop(0)
    return ".".join(str(part) for part in parts)


def message(error: dict[str, Any]) -> str:
    """One pydantic error as a Vietnamese sentence naming its field."""
    field = field_name(error.get("loc", ())) or "dữ liệu"
    template = _MESSAGES.get(str(error.get("type")), "«{field}» không hợp lệ.")
    try:
        return template.format(field=field, **(error.get("ctx") or {}))
    except (KeyError, IndexError, ValueError):
        return f"«{field}» không hợp lệ."


def schema_errors(errors: list[dict[str, Any]]) -> dict[str, list[str]]:
    """pydantic's error list as the project's ``{"field": ["…"]}``."""
    found: dict[str, list[str]] = {}
    for error in errors:
        found.setdefault(field_name(error.get("loc", ())) or "__all__", []).append(message(error))
    return found


def sent_version(request: HttpRequest, data: dict[str, Any]) -> int | None:
    """The version a ``PATCH`` was read at: ``version`` taken out of the body, else the
    ``If-Match`` header; None when the client sent neither."""
    from danvan.core.concurrency import parse_if_match

    version = data.pop("version", None)
    if version is None:
        return parse_if_match(request.headers.get("If-Match"))
    return int(version)
