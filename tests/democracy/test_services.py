"""The services decide: who may write (DEMOCRACY_MANAGE on the record's unit), which move
is legal from which state, the votes' bounds, a stale version; every write audited. And
the compiled monthly report of the ward carries the register's paragraphs."""

from __future__ import annotations

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError

from danvan.access.roles import ROLE_CAPS, Cap, Role
from danvan.access.system import SYSTEM
from danvan.core.concurrency import StaleEdit
from danvan.democracy import services
from danvan.democracy.models import Disclosure

pytestmark = pytest.mark.django_db


def test_capabilities_by_role():
    for role in (Role.BOARD_STAFF, Role.UNIT_LEADER, Role.UNIT_REPORTER, Role.VIEWER):
        assert Cap.DEMOCRACY_VIEW in ROLE_CAPS[role]
    for role in (Role.BOARD_STAFF, Role.UNIT_LEADER, Role.UNIT_REPORTER):
        assert Cap.DEMOCRACY_MANAGE in ROLE_CAPS[role]
    assert Cap.DEMOCRACY_MANAGE not in ROLE_CAPS[Role.VIEWER]
    assert Cap.DEMOCRACY_VIEW not in ROLE_CAPS[Role.PORTAL_EDITOR]


def test_who_may_write(register, cast, tree):
    values = {"content": "Nội dung", "form": "loa", "starts_on": dt.date(2026, 3, 10)}
    with pytest.raises(PermissionDenied):
        services.disclosure_create(actor=cast.viewer, org_unit=tree.dinh_cong, **values)
    with pytest.raises(PermissionDenied):
        services.disclosure_create(actor=register.other_leader, org_unit=tree.dinh_cong, **values)
    with pytest.raises(PermissionDenied):
        services.disclosure_publish(actor=register.other_leader, disclosure=register.draft)
    row = services.disclosure_create(actor=cast.reporter, org_unit=register.area, **values)
    assert row.state == "nhap"
    assert services.disclosure_create(actor=cast.board, org_unit=tree.dai_kim, **values).pk


def test_moves_follow_the_states(register, cast):
    with pytest.raises(ValidationError, match="Đã thu hồi"):
        services.disclosure_publish(actor=cast.leader, disclosure=register.plan)
    with pytest.raises(ValidationError, match="Nháp"):
        services.disclosure_withdraw(actor=cast.leader, disclosure=register.draft, reason="x")
    with pytest.raises(ValidationError, match="Đã biểu quyết"):
        services.decision_record(
            actor=cast.leader,
            decision=register.lights,
            households_taking_part=1,
            votes_for=1,
            votes_against=0,
        )
    with pytest.raises(ValidationError, match="không sửa được"):
        services.decision_update(actor=cast.leader, decision=register.rule, subject="Khác")
    with pytest.raises(ValidationError, match="Đã kết thúc"):
        services.consultation_close(
            actor=cast.leader, consultation=register.closed, opinions_received=1, taken_up_count=0
        )


def test_the_votes_are_bounded(register, cast):
    def vote(**kw):
        values = {"households_taking_part": 10, "votes_for": 5, "votes_against": 5} | kw
        return services.decision_record(actor=SYSTEM, decision=register.planned, **values)

    services.decision_update(actor=SYSTEM, decision=register.planned, held_on=dt.date(2026, 3, 9))
    register.planned.refresh_from_db()
    with pytest.raises(ValidationError, match="lớn hơn 0"):
        vote(households_total=0)
    with pytest.raises(ValidationError, match=r"Số hộ tham gia phải từ 0 đến 10\.000\.000"):
        vote(households_taking_part=-1)
    with pytest.raises(ValidationError, match="số hộ tán thành"):
        vote(votes_for="5")
    with pytest.raises(ValidationError, match="số hộ tham gia"):
        vote(households_taking_part=True)
    with pytest.raises(ValidationError, match="vượt số hộ tham gia"):
        vote(votes_against=6)
    done = vote(households_total=10)
    assert done.outcome == "khong_thong_qua"  # 5 of 10 households is not more than half
    assert done.households_total == 10


def test_a_stale_version_is_refused(register, cast):
    opened = register.draft.version
    services.disclosure_update(
        actor=cast.reporter, disclosure=register.draft, version=opened, note="Bổ sung"
    )
    with pytest.raises(StaleEdit):
        services.disclosure_update(
            actor=cast.leader, disclosure=register.draft, version=opened, content="Khác"
        )
    assert Disclosure.objects.get(pk=register.draft.pk).content == "Danh sách hộ cận nghèo"


def test_checks_of_the_values(register, cast, tree):
    with pytest.raises(ValidationError, match="không được sau hôm nay"):
        services.oversight_create(
            actor=cast.leader,
            org_unit=tree.dinh_cong,
            board="ttnd",
            subject="Quỹ",
            found_on=dt.date(2026, 4, 1),
            findings="Đúng",
        )
    with pytest.raises(ValidationError, match="Nhập kết quả"):
        services.oversight_create(
            actor=cast.leader,
            org_unit=tree.dinh_cong,
            board="ttnd",
            subject="Quỹ",
            found_on=dt.date(2026, 3, 1),
            findings="  ",
        )
    with pytest.raises(ValidationError, match="không hợp lệ"):
        services.consultation_create(
            actor=cast.leader,
            org_unit=tree.dinh_cong,
            subject="a\x00",
            starts_on=dt.date(2026, 3, 1),
            ends_on=dt.date(2026, 3, 2),
        )
    with pytest.raises(ValidationError) as refused:
        services.disclosure_create(
            actor=cast.leader,
            org_unit=tree.dinh_cong,
            content="X",
            form="bo_cau",
            starts_on=dt.date(2026, 3, 1),
        )
    assert "form" in refused.value.message_dict
    with pytest.raises(ValidationError, match="cơ quan, tổ chức"):
        services.disclosure_create(
            actor=cast.leader,
            org_unit=tree.mttq_dinh_cong,
            content="X",
            form="loa",
            starts_on=dt.date(2026, 3, 1),
        )


def test_every_write_is_audited(register, cast):
    services.disclosure_publish(actor=cast.reporter, disclosure=register.draft)
    entry = LogEntry.objects.get_for_object(register.draft).latest("id")
    assert entry.actor == cast.reporter
    assert "state" in str(entry.changes)


def test_the_compiled_monthly_report_carries_the_paragraphs(register, cast, tree):
    from danvan.drafting.compile import compile_report

    document = compile_report(user=cast.leader, org_unit=tree.dinh_cong, period="2026-03")
    texts = [b.text for b in document.blocks]
    heading = next(t for t in texts if t.endswith("Thực hiện dân chủ ở cơ sở"))
    at = texts.index(heading)
    following = document.blocks[at + 1 : at + 5]
    assert following[0].text.startswith(
        "Thực hiện Luật Thực hiện dân chủ ở cơ sở, trong kỳ đã công khai 3 nội dung"
    )
    assert all(b.source == "Sổ theo dõi thực hiện dân chủ ở cơ sở" for b in following)
    assert all(b.link.startswith("/quan-ly/dan-chu/") for b in following)
    assert "1 nội dung được thông qua" in following[1].text
