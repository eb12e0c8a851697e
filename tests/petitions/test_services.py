"""The stages of a petition by role, the clocks they set, forwarding with its reply
across two units, duplicates proposed and confirmed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from danvan.core import concurrency
from danvan.notifications.models import Kind, Notification
from danvan.petitions import decisions, services
from danvan.petitions import forwarding as across
from danvan.petitions.models import (
    Channel,
    DuplicateState,
    Forwarding,
    Petition,
    PetitionKind,
    Stage,
)
from tests.petitions.conftest import DAY, new_petition

pytestmark = pytest.mark.django_db


def test_intake_numbers_per_unit_and_year_and_starts_the_first_clock(officers, tree, day):
    first = new_petition(officers.mttq, tree.mttq_dinh_cong)
    second = new_petition(
        officers.mttq, tree.mttq_dinh_cong, subject="Phản ánh tiếng ồn công trình ban đêm"
    )
    assert (first.reference, second.reference) == ("01/2026", "02/2026")
    assert first.stage == Stage.RECEIVED and first.handler == officers.mttq
    # 10 working days from Tuesday 10/03/2026.
    assert first.due_on == dt.date(2026, 3, 24)
    assert list(first.timeline.values_list("stage", flat=True)) == [Stage.RECEIVED]


@pytest.mark.parametrize("who", ["board", "leader", "reporter", "viewer", "stranger"])
def test_roles_without_the_capability_cannot_register(cast, tree, day, who):
    with pytest.raises(PermissionDenied):
        new_petition(getattr(cast, who), tree.dinh_cong)


def test_an_officer_cannot_register_outside_his_unit(officers, tree, day):
    with pytest.raises(PermissionDenied):
        new_petition(officers.mttq, tree.dai_kim)


def test_intake_refusals_name_the_field(officers, tree, day):
    with pytest.raises(ValidationError) as raised:
        new_petition(officers.mttq, tree.mttq_dinh_cong, petitioners=[], subject="")
    assert {"subject", "petitioners"} <= set(raised.value.message_dict)
    with pytest.raises(ValidationError) as raised:
        new_petition(officers.mttq, tree.mttq_dinh_cong, received_on=DAY + dt.timedelta(days=1))
    assert "received_on" in raised.value.message_dict
    with pytest.raises(ValidationError) as raised:
        new_petition(
            officers.mttq,
            tree.mttq_dinh_cong,
            petitioners=[{"full_name": "A", "id_number": "12ab"}],
        )
    assert "petitioners.0.id_number" in raised.value.message_dict


def test_anonymous_petition_has_no_petitioner(officers, tree, day):
    petition = new_petition(officers.mttq, tree.mttq_dinh_cong, petitioners=[], anonymous=True)
    assert petition.anonymous and not petition.petitioners.exists()


def _complaint(officers, tree):
    petition = new_petition(officers.ubnd, officers.ubnd_unit)
    return services.petition_classify(
        actor=officers.ubnd,
        petition=petition,
        kind=PetitionKind.COMPLAINT,
        eligible=True,
        competent=True,
    )


def test_a_complaint_through_every_stage(officers, tree, day, today):
    petition = _complaint(officers, tree)
    assert petition.stage == Stage.CLASSIFIED
    assert petition.due_on == dt.date(2026, 3, 20)  # 10 days from receipt
    today(dt.date(2026, 3, 12))
    services.petition_accept(actor=officers.ubnd, petition=petition)
    assert petition.accepted_on == dt.date(2026, 3, 12)
    assert petition.due_on == dt.date(2026, 4, 13)  # 30 days: Sat 11/04 → Mon 13/04
    services.petition_move(actor=officers.ubnd, petition=petition, to=Stage.VERIFYING)
    services.petition_move(actor=officers.ubnd, petition=petition, to=Stage.RESOLVING)
    assert petition.due_on == dt.date(2026, 4, 13)
    with pytest.raises(ValidationError):
        services.petition_move(actor=officers.ubnd, petition=petition, to=Stage.ANSWERED)
    services.petition_move(
        actor=officers.ubnd, petition=petition, to=Stage.ANSWERED, note="Quyết định giải quyết"
    )
    assert petition.resolved_on == dt.date(2026, 3, 12) and petition.due_on is None
    services.petition_move(actor=officers.ubnd, petition=petition, to=Stage.FOLLOWING)
    services.petition_move(actor=officers.ubnd, petition=petition, to=Stage.CLOSED)
    stages = list(petition.timeline.values_list("stage", flat=True))
    assert stages == [
        Stage.RECEIVED,
        Stage.CLASSIFIED,
        Stage.ACCEPTED,
        Stage.VERIFYING,
        Stage.RESOLVING,
        Stage.ANSWERED,
        Stage.FOLLOWING,
        Stage.CLOSED,
    ]


def test_a_complex_complaint_gets_45_days(officers, tree, day):
    petition = new_petition(officers.ubnd, officers.ubnd_unit)
    services.petition_classify(
        actor=officers.ubnd,
        petition=petition,
        kind=PetitionKind.COMPLAINT,
        eligible=True,
        competent=True,
        complex_case=True,
    )
    services.petition_accept(actor=officers.ubnd, petition=petition)
    assert petition.due_on == dt.date(2026, 4, 24)


def test_illegal_moves_are_refused(officers, tree, day):
    petition = new_petition(officers.ubnd, officers.ubnd_unit)
    with pytest.raises(ValidationError, match="không chuyển sang"):
        services.petition_accept(actor=officers.ubnd, petition=petition)
    services.petition_classify(
        actor=officers.ubnd, petition=petition, kind="to_cao", eligible=True, competent=False
    )
    with pytest.raises(ValidationError, match="thẩm quyền"):
        services.petition_accept(actor=officers.ubnd, petition=petition)
    with pytest.raises(ValidationError, match="không đủ điều kiện"):
        services.petition_archive(actor=officers.ubnd, petition=petition, note="x")
    services.petition_guide(actor=officers.ubnd, petition=petition, note="Hướng dẫn gửi Công an")
    assert petition.stage == Stage.GUIDED and petition.resolved_on == DAY


def test_another_units_officer_cannot_move_it(officers, tree, day):
    petition = new_petition(officers.ubnd, officers.ubnd_unit)
    with pytest.raises(PermissionDenied):
        services.petition_classify(
            actor=officers.mttq, petition=petition, kind="khieu_nai", eligible=True, competent=True
        )


def test_extension_moves_the_deadline_with_its_reason(officers, tree, day):
    petition = _complaint(officers, tree)
    services.petition_accept(actor=officers.ubnd, petition=petition)
    before = petition.due_on
    extension = decisions.petition_extend(
        actor=officers.ubnd, petition=petition, days=15, reason="Cần trưng cầu giám định"
    )
    assert extension.old_due == before and petition.due_on == extension.new_due > before
    with pytest.raises(ValidationError) as raised:
        decisions.petition_extend(actor=officers.ubnd, petition=petition, days=0, reason="")
    assert "days" in raised.value.message_dict


def test_forwarding_inside_the_system_and_the_reply_on_both_sides(officers, tree, day, today):
    sent = new_petition(officers.mttq, tree.mttq_dinh_cong)
    services.petition_classify(
        actor=officers.mttq, petition=sent, kind="kien_nghi", eligible=True, competent=False
    )
    forwarding = across.petition_forward(
        actor=officers.mttq, petition=sent, to_unit=officers.ubnd_unit
    )
    entry = forwarding.receiver_entry
    assert entry.org_unit == officers.ubnd_unit and entry.forwarded_from == sent
    assert entry.channel == Channel.FORWARDED and entry.reference == "01/2026"
    assert entry.petitioners.get().full_name == "Nguyễn Văn An"
    assert sent.stage == Stage.FORWARDED
    told = Notification.objects.get(recipient=officers.ubnd, kind=Kind.PETITION_FORWARDED)
    assert "Nguyễn" not in told.text and "thửa" not in told.text
    # The receiver handles it and answers; the reply comes back to the sender.
    today(dt.date(2026, 3, 16))
    services.petition_classify(
        actor=officers.ubnd, petition=entry, kind="kien_nghi", eligible=True, competent=True
    )
    services.petition_accept(actor=officers.ubnd, petition=entry)
    services.petition_move(actor=officers.ubnd, petition=entry, to=Stage.RESOLVING)
    services.petition_move(
        actor=officers.ubnd,
        petition=entry,
        to=Stage.ANSWERED,
        note="UBND phường đã kiểm tra hồ sơ, hẹn cấp giấy trong tháng 4.",
    )
    sent.refresh_from_db()
    forwarding.refresh_from_db()
    assert forwarding.replied_on == dt.date(2026, 3, 16)
    assert "hẹn cấp giấy" in forwarding.reply
    assert sent.stage == Stage.ANSWERED and "hẹn cấp giấy" in sent.outcome
    assert sent.resolved_on == dt.date(2026, 3, 16)
    assert Notification.objects.filter(recipient=officers.mttq, kind=Kind.PETITION_REPLIED)


def test_forwarding_outside_records_the_body_and_the_awaited_reply(officers, tree, day):
    sent = new_petition(officers.mttq, tree.mttq_dinh_cong)
    services.petition_classify(
        actor=officers.mttq, petition=sent, kind="kien_nghi", eligible=True, competent=False
    )
    with pytest.raises(ValidationError) as raised:
        across.petition_forward(actor=officers.mttq, petition=sent, to_body="Công ty điện lực")
    assert "reply_due" in raised.value.message_dict
    forwarding = across.petition_forward(
        actor=officers.mttq,
        petition=sent,
        to_body="Công ty Điện lực Hoàng Mai",
        reply_due=dt.date(2026, 4, 10),
    )
    assert forwarding.receiver_entry is None and sent.due_on == dt.date(2026, 4, 10)
    across.petition_outside_reply(
        actor=officers.mttq, forwarding=forwarding, reply="Đã thay cột điện."
    )
    sent.refresh_from_db()
    assert sent.stage == Stage.ANSWERED and "Đã thay cột điện" in sent.outcome


def test_a_duplicate_is_found_without_marks_and_confirmed_by_a_person(officers, tree, day):
    first = new_petition(officers.mttq, tree.mttq_dinh_cong)
    again = new_petition(
        officers.mttq,
        tree.mttq_dinh_cong,
        subject="de nghi xem xet cap giay chung nhan quyen su dung dat thua so 12 to ban do 5",
        petitioners=[{"full_name": "nguyen van an", "phone": "0912345678"}],
    )
    assert again.duplicate_of == first and again.duplicate_state == DuplicateState.PROPOSED
    other = new_petition(
        officers.mttq,
        tree.mttq_dinh_cong,
        subject="Phản ánh tiếng ồn công trình xây dựng ban đêm",
        petitioners=[{"full_name": "Nguyễn Văn An", "phone": "0912345678"}],
    )
    assert other.duplicate_state == ""
    with pytest.raises(ValidationError, match="nghi trùng"):
        services.petition_classify(
            actor=officers.mttq, petition=again, kind="kien_nghi", eligible=True, competent=True
        )
    decisions.petition_duplicate_decide(actor=officers.mttq, petition=again, confirm=True)
    assert again.duplicate_state == DuplicateState.CONFIRMED and again.stage == Stage.ARCHIVED


def test_a_rejected_duplicate_goes_on_as_new(officers, tree, day):
    new_petition(officers.mttq, tree.mttq_dinh_cong)
    again = new_petition(officers.mttq, tree.mttq_dinh_cong)
    decisions.petition_duplicate_decide(actor=officers.mttq, petition=again, confirm=False)
    assert again.duplicate_state == DuplicateState.REJECTED and again.stage == Stage.RECEIVED


def test_a_stale_edit_is_refused(officers, tree, day):
    petition = new_petition(officers.mttq, tree.mttq_dinh_cong)
    opened = petition.version
    decisions.petition_update(
        actor=officers.mttq, petition=petition, version=opened, concerned_body="UBND phường"
    )
    with pytest.raises(concurrency.StaleEdit):
        decisions.petition_update(
            actor=officers.mttq,
            petition=Petition.objects.get(pk=petition.pk),
            version=opened,
            subject="Khác",
        )


def test_forwarding_is_refused_to_itself_and_needs_one_receiver(officers, tree, day):
    sent = new_petition(officers.mttq, tree.mttq_dinh_cong)
    services.petition_classify(
        actor=officers.mttq, petition=sent, kind="kien_nghi", eligible=True, competent=False
    )
    for kwargs in ({}, {"to_unit": tree.mttq_dinh_cong}):
        with pytest.raises(ValidationError) as raised:
            across.petition_forward(actor=officers.mttq, petition=sent, **kwargs)
        assert "to_unit" in raised.value.message_dict
    assert not Forwarding.objects.exists()
