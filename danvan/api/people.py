from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate

from danvan.api.input import Pagination, optional_id
from danvan.api.schemas import ErrorOut, PersonOut
from danvan.people import selectors
from danvan.people.models import Person

router = Router()


@router.get("", response=list[PersonOut], summary="Tìm cán bộ (không cần dấu)")
@paginate(Pagination)
def list_people(request: HttpRequest, q: str = "", org_unit: int | None = optional_id()) -> Any:
    return selectors.person_search(user=request.user, q=q, org_unit=org_unit)


@router.get("/{person_id}", response={200: PersonOut, 404: ErrorOut})
def get_person(request: HttpRequest, person_id: int) -> Person:
    return selectors.person_get(user=request.user, pk=person_id)
