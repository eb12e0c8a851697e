"""The demo lives on the day it is loaded (issue 12): with the clock frozen on 02/12/2026 the
real ``load_demo`` gives demo users in open units, last month to enter, giao ban with tasks
overdue by days and not years, numbering for the city board; loaded again on 15/03/2027
(the same database, a later day) it carries everything on, and a second load the same day
writes nothing. One test function: each load takes tens of seconds."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import transaction
from django.db.models import Sum
from django.test import Client

from danvan.access.models import RoleAssignment
from danvan.access.roles import Cap
from danvan.access.scope import can
from danvan.accounts.models import User
from danvan.accounts.services import api_token_create
from danvan.demo import current_data
from danvan.demo.current_reporting import RETURN_REASON, ward_codes
from danvan.demo.reporting_data import month_range
from danvan.documents.issuing import number_allocate
from danvan.documents.models import DocumentType
from danvan.lib import periods
from danvan.meetings.models import Meeting
from danvan.notifications.models import Kind, Notification
from danvan.org.models import OrgUnit
from danvan.people.models import Position
from danvan.reporting.analytics import aggregate
from danvan.reporting.models import DataValue, Indicator, Report, ReportForm, Status
from danvan.reporting.services import data_values_save, input_window
from danvan.tasks.models import Task
from tests.demo_db import Demo, freeze, load, snapshot

WARD = current_data.DEMO_WARD


def _rolled_back(work: Any) -> Any:
    """Run ``work`` and undo what it wrote (the checks must not change the next load)."""
    with transaction.atomic():
        result = work()
        transaction.set_rollback(True)
    return result


def _user(name: str) -> User:
    return User.objects.get(username=name)


def _check_day(day: dt.date) -> None:
    ward = OrgUnit.objects.get(code=WARD)
    form = ReportForm.objects.get(code="BC_THANG")
    current = periods.period_of(periods.MONTH, day)
    last = current.previous()

    # demo_reporter's phường: last month not sent yet and open for entry today; the
    # reporter saves figures; nothing for the current month yet.
    mine = Report.objects.filter(form=form, org_unit=ward)
    assert not mine.filter(period=last.code, status__in=[Status.SUBMITTED, Status.APPROVED])
    opens, _, locks = input_window(form, last)
    assert opens <= day <= locks
    reporter = _user("demo_reporter")
    saved = _rolled_back(
        lambda: data_values_save(
            actor=reporter, org_unit=ward, period=last.code, values={"HOI_VIEN": 3}, form=form
        )
    )
    assert saved.saved
    assert not mine.filter(period=current.code).exists()
    # Issue 13: the load ran the day's reminders, so demo_reporter's bell is not empty and
    # the home page (Việc cần làm) lists last month's report, due or overdue.
    entry = f"/quan-ly/bao-cao/nhap/{ward.pk}/{last.code}/BC_THANG/"
    reminded = Notification.objects.filter(
        recipient=reporter, url=entry, kind__in=[Kind.REPORT_DUE, Kind.REPORT_OVERDUE]
    )
    assert reminded.filter(read_at__isnull=True).exists()
    home = Client()
    home.force_login(reporter, backend="danvan.accounts.backends.DemoAwareBackend")
    page = home.get("/quan-ly/").content.decode()
    todo = page.split('id="viec-can-lam"', 1)[1].split("</section>", 1)[0]
    assert entry in todo and ("Còn " in todo or "Quá hạn" in todo or "Hạn hôm nay" in todo)
    # Every earlier month of the phường is approved, by another user than the sender.
    for month in month_range("2025-07", last.previous().code):
        report = mine.get(period=month.code)
        assert report.status == Status.APPROVED, month.code
        assert report.submitted_by == _user("demo_leader")
        assert report.decided_by == _user("demo_board2")
    # Last month in Hà Nội: one returned with its reason, some waiting, most approved.
    hanoi = Report.objects.filter(form=form, period=last.code, org_unit__code__in=ward_codes("HN"))
    assert list(hanoi.filter(status=Status.RETURNED).values_list("return_reason", flat=True)) == [
        RETURN_REASON
    ]
    assert hanoi.filter(status=Status.SUBMITTED).count() == 2
    assert hanoi.filter(status=Status.APPROVED).count() >= 5
    # Figures and narratives for every month of the year up to last month.
    for month in month_range(f"{day.year}-01", last.previous().code):
        report = mine.get(period=month.code)
        assert report.narrative.get("ket_qua"), month.code
    gifts = Indicator.objects.get(code="QUA_SUAT")
    assert aggregate([gifts], ward, last.previous())["QUA_SUAT"] is not None

    # Tasks of today's units: some done, some due in the coming weeks, one or two overdue
    # by days, none by more than two weeks.
    open_units = Task.objects.filter(lead_unit__valid_to=None)
    states = [(t.deadline, t.display_status(day)[0]) for t in open_units]
    overdue = [deadline for deadline, state in states if state == "qua_han"]
    assert 1 <= len(overdue) <= 2
    assert all(day - deadline <= dt.timedelta(days=14) for deadline in overdue)
    assert any(state == "hoan_thanh" for _, state in states)
    assert any(
        state in ("moi", "dang_thuc_hien") and day <= deadline <= day + dt.timedelta(days=30)
        for deadline, state in states
    )
    # The giao ban of the year, held and recorded, the next one planned.
    for unit in ("HN-BTGDV", "HN-DINHCONG-CU"):
        held = Meeting.objects.filter(org_unit__code=unit, status=Meeting.Status.HELD)
        assert held.filter(starts_at__date__lt=day).count() >= 2, unit
        latest = held.order_by("-starts_at").first()
        assert latest is not None and latest.attendances.filter(role="chu_tri").exists()
        assert latest.conclusions.filter(tasks__isnull=False).exists()
        assert Meeting.objects.filter(
            org_unit__code=unit, status=Meeting.Status.PLANNED, starts_at__date__gte=day
        ).exists(), unit

    # Numbering: demo_board gives out a Party number for the city board, demo_leader a
    # State one for the UBND phường.
    report_type = DocumentType.objects.get(name="Báo cáo")
    board = _user("demo_board")
    issued = _rolled_back(
        lambda: number_allocate(
            actor=board,
            issuer=OrgUnit.objects.get(code="HN-BTGDV"),
            doc_type=report_type,
            on=day,
        )
    )
    assert issued.reference.endswith("-BC/BTGDVTU")
    issued = _rolled_back(
        lambda: number_allocate(
            actor=_user("demo_leader"),
            issuer=OrgUnit.objects.get(code=f"{WARD}-UBND"),
            doc_type=report_type,
            on=day,
        )
    )
    assert issued.reference.endswith("/BC-UBND")

    # Scopes: every demo user's role sits in a unit open today, with a Person record.
    for username, full_name, role, unit_code, _, person_unit in current_data.DEMO_USERS:
        # demo_board also holds the petitions role (current_data.EXTRA_ROLES).
        assignment = RoleAssignment.objects.select_related("org_unit").get(
            user__username=username, role=role
        )
        assert assignment.org_unit.code == unit_code
        assert not assignment.org_unit.is_historical, username
        if person_unit is not None:
            assert Position.objects.filter(
                person__full_name=full_name, org_unit__code=person_unit
            ).exists(), username
    hoang_mai = OrgUnit.all_objects.get(code="HN-HM")
    assert hoang_mai.is_historical
    assert can(board, Cap.REPORT_VIEW, hoang_mai) and can(board, Cap.REPORT_APPROVE, ward)
    assert can(_user("demo_board2"), Cap.REPORT_APPROVE, ward)
    other_ward = OrgUnit.objects.get(code="HN-HOANGMAI")
    assert can(reporter, Cap.REPORT_ENTER, ward) and not can(reporter, Cap.REPORT_VIEW, other_ward)
    assert can(_user("demo_viewer"), Cap.REPORT_VIEW, OrgUnit.all_objects.get(code="NB-TD"))

    # Seed facts stay: Hoàng Mai's giao ban of 23/02/2023 for demo_board, Tam Điệp 2021H1.
    _, raw = api_token_create(actor=None, user=board)
    api = Client(headers={"Authorization": f"Bearer {raw}"})
    found = api.get("/api/v1/meetings", {"q": "giao ban"}).json()["items"]
    seed = [m for m in found if m["starts_at"].startswith("2023-02-23")]
    assert [c["name"] for c in seed[0]["chairs"]] == ["Khương Quốc Hưng"]
    tam_diep = OrgUnit.all_objects.get(code="NB-TD")
    value = Indicator.objects.get(code="QUA_GIA_TRI")
    half = aggregate([gifts, value], tam_diep, periods.parse("2021H1"))
    assert (half["QUA_SUAT"], half["QUA_GIA_TRI"]) == (9081, Decimal("2811.7"))
    # …and they are the welfare register's records, not typed figures.
    from danvan.welfare.models import Gift

    given = Gift.objects.filter(
        giver__path__startswith=tam_diep.path,
        given_on__range=(dt.date(2021, 1, 1), dt.date(2021, 6, 30)),
        deleted_at__isnull=True,
    ).aggregate(n=Sum("portions"), v=Sum("value"))
    assert (given["n"], given["v"]) == (9081, Decimal("2811700000"))
    in_hoang_mai = DataValue.objects.filter(org_unit__path__startswith=hoang_mai.path)
    assert {p[:4] for p in in_hoang_mai.values_list("period", flat=True)} == {"2023"}


@pytest.mark.slow
def test_demo_lives_on_the_day_of_the_load_and_on_a_later_day(demo: Demo, monkeypatch: Any) -> None:
    # demo: loaded on DEMO_DAY (02/12/2026); DEBUG on as on `make run` (demo accounts' API
    # keys work only then).
    _check_day(demo.day)

    # Loaded again months later on the same database: the months since are added, what
    # the demo left waiting moves on, and the checks hold on the new day.
    later = dt.date(2027, 3, 15)
    freeze(monkeypatch, later)
    load(verbosity=0)
    _check_day(later)
    november = Report.objects.get(form__code="BC_THANG", org_unit__code=WARD, period="2026-11")
    assert november.status == Status.APPROVED
    assert not Meeting.objects.filter(
        status=Meeting.Status.PLANNED, starts_at__date__lt=later, series__isnull=False
    ).exclude(org_unit__valid_to__isnull=False)

    before = snapshot()
    load(verbosity=0)
    assert snapshot() == before
