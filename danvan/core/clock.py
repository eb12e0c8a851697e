"""Today's date, in one place so tests can freeze it.

Call it as ``clock.today()`` (import the module, not the function) so that a test's
``monkeypatch.setattr(clock, "today", ...)`` reaches every caller.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def today() -> dt.date:
    return timezone.localdate()
