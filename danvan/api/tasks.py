"""/api/v1/tasks: tasks in scope (filter by unit, status, overdue); raise a task from a
conclusion or a document; post progress."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status
from ninja.pagination import paginate

from danvan.api.input import Pagination, optional_id
from danvan.api.schemas import ErrorOut
from danvan.api.work_schemas import ProgressIn, TaskIn, TaskOut
from danvan.documents.selectors import document_get
from danvan.org.selectors import org_unit_get
from danvan.tasks import selectors, services
from danvan.tasks.models import OVERDUE, Task

router = Router()
_WRITE = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut}


@router.get("", response=list[TaskOut], summary="Nhiệm vụ trong phạm vi")
@paginate(Pagination)
def list_tasks(
    request: HttpRequest,
    q: str = "",
    org_unit: int | None = optional_id(),
    status: str = "",
    overdue: bool = False,
) -> Any:
    unit = org_unit_get(user=request.user, pk=org_unit) if org_unit else None
    return selectors.task_search(
        user=request.user, q=q, org_unit=unit, status=OVERDUE if overdue else status
    )


@router.get("/{int:task_id}", response={200: TaskOut, 404: ErrorOut})
def get_task(request: HttpRequest, task_id: int) -> Task:
    return selectors.task_get(user=request.user, pk=task_id)


@router.post("", response={201: TaskOut, **_WRITE})
def create_task(request: HttpRequest, payload: TaskIn) -> Status[Task]:
    user = request.user
    task = services.task_create(
        actor=user,
        title=payload.title,
        description=payload.description,
        owner_unit=org_unit_get(user=user, pk=payload.owner_unit) if payload.owner_unit else None,
        lead_unit=org_unit_get(user=user, pk=payload.lead_unit),
        co_units=[org_unit_get(user=user, pk=pk) for pk in payload.co_units],
        deadline=payload.deadline,
        conclusion=selectors.conclusion_get(user=user, pk=payload.conclusion)
        if payload.conclusion
        else None,
        document=document_get(user=user, pk=payload.document) if payload.document else None,
    )
    return Status(201, selectors.task_get(user=user, pk=task.pk))


@router.post("/{int:task_id}/progress", response={201: TaskOut, **_WRITE})
def add_progress(request: HttpRequest, task_id: int, payload: ProgressIn) -> Status[Task]:
    task = selectors.task_get(user=request.user, pk=task_id)
    services.task_progress_add(
        actor=request.user,
        task=task,
        progress=payload.progress,
        note=payload.note,
        status=payload.status,
    )
    return Status(201, selectors.task_get(user=request.user, pk=task_id))
