from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from danvan.access.roles import Cap
from danvan.access.scope import can


def navigation(request: HttpRequest) -> dict[str, Any]:
    """What the menu shows: only the modules the user can reach."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav": {
            "org": can(user, Cap.ORG_VIEW, None),
            "people": can(user, Cap.PEOPLE_VIEW, None),
            "reports": can(user, Cap.REPORT_VIEW, None),
            "meetings": can(user, Cap.MEETING_VIEW, None),
            "tasks": can(user, Cap.TASK_VIEW, None),
            "documents": can(user, Cap.DOCUMENT_VIEW, None),
            "drafting": can(user, Cap.DOCUMENT_MANAGE, None),
            "audit": can(user, Cap.AUDIT_VIEW, None),
            "users": can(user, Cap.USERS_MANAGE, None),
            "portal": can(user, Cap.PORTAL_EDIT, None),
            "emulation": can(user, Cap.EMULATION_VIEW, None),
            "awards": can(user, Cap.AWARD_VIEW, None),
            "petitions": can(user, Cap.PETITION_VIEW, None),
            "religion": can(user, Cap.RELIGION_VIEW, None),  # religion
            "welfare": can(user, Cap.WELFARE_VIEW, None),  # welfare
            "supervision": can(user, Cap.SUPERVISION_VIEW, None),  # supervision
            "democracy": can(user, Cap.DEMOCRACY_VIEW, None),  # democracy
        }
    }
