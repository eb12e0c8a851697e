"""The actor for work the system does on its own (management commands, demo loading).

It passes every access check, like a superuser, and is recorded in the audit log as
no user ("Hệ thống").
"""

from __future__ import annotations


class SystemActor:
    pk = None
    id = None
    is_authenticated = True
    is_active = True
    is_superuser = True
    is_staff = True
    username = "system"
    email = ""

    def __str__(self) -> str:
        return "Hệ thống"


SYSTEM = SystemActor()
