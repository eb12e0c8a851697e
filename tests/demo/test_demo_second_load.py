"""``load_demo`` a second time the same day writes nothing: no row in any table, no state
moved, no new portal revision, no numbering changed; and it says so (nothing «tạo mới»).
The first load is the run's shared one (tests/demo_db.py); a later day's load, which
carries the demo on, is tests/demo/test_demo_today.py."""

from __future__ import annotations

import pytest
from django.utils import timezone
from wagtail.models import Page

from tests.demo_db import Demo, load, snapshot


@pytest.mark.slow
def test_a_second_load_the_same_day_writes_nothing(demo: Demo) -> None:
    # The first load's summary: the seeds' reports, Hoàng Mai's and today's wards'.
    assert "báo cáo: " in demo.summary
    before = snapshot()
    started = timezone.now()

    summary = load(verbosity=0)

    assert "tạo mới" not in summary
    reports_part = summary.split("báo cáo: ")[1].split(";")[0]
    assert "cập nhật" not in reports_part
    after = snapshot()
    changed = {
        label: (n, after["counts"].get(label))
        for label, n in before["counts"].items()
        if after["counts"].get(label) != n
    }
    assert changed == {}
    assert after == before
    assert not Page.objects.filter(latest_revision_created_at__gte=started).exists()
