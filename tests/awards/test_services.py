"""The rules of the register: dated authority, recipients, double awards, revocation."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from danvan.access.system import SYSTEM
from danvan.awards import services
from danvan.awards.models import Award, RecipientKind
from tests.awards.conftest import DAY_2019, DAY_2026


def test_district_giay_khen_dated_2019_is_accepted(decision_2019: Any) -> None:
    assert decision_2019.pk
    assert decision_2019.issuer.level.code == "huyen"


def test_district_giay_khen_dated_2026_is_refused(tree: Any, giay_khen: Any) -> None:
    with pytest.raises(ValidationError) as refused:
        services.decision_create(
            actor=SYSTEM,
            issuer=tree.hoang_mai,
            form=giay_khen,
            decided_on=DAY_2026,
            reason="Thành tích năm 2025",
        )
    message = " ".join(refused.value.message_dict["form"])
    assert "không có thẩm quyền tặng «Giấy khen» vào ngày 02/03/2026" in message
    assert "đến hết ngày 30/06/2025" in message


def test_ward_giay_khen_dated_2026_is_accepted(ward_decision: Any) -> None:
    assert ward_decision.issuer.level.code == "xa"


def test_ward_may_not_give_bang_khen(tree: Any, catalogue: Any) -> None:
    with pytest.raises(ValidationError) as refused:
        services.decision_create(
            actor=SYSTEM,
            issuer=tree.dinh_cong,
            form=catalogue["bang-khen"],
            decided_on=DAY_2026,
            reason="Thành tích",
        )
    assert "cấp tỉnh" in " ".join(refused.value.message_dict["form"])


def test_province_gives_bang_khen(tree: Any, catalogue: Any) -> None:
    decision = services.decision_create(
        actor=SYSTEM,
        issuer=tree.hanoi,
        form=catalogue["bang-khen"],
        decided_on=DAY_2026,
        reason="Thành tích",
    )
    assert decision.form.code == "bang-khen"


def test_proposal_after_decision_is_refused(tree: Any, giay_khen: Any) -> None:
    with pytest.raises(ValidationError) as refused:
        services.decision_create(
            actor=SYSTEM,
            issuer=tree.dinh_cong,
            form=giay_khen,
            decided_on=DAY_2026,
            reason="Thành tích",
            proposed_on=dt.date(2026, 3, 5),
        )
    assert "proposed_on" in refused.value.message_dict


def test_award_to_unit_person_and_named_group(
    decision_2019: Any, tree: Any, officials: Any
) -> None:
    unit = services.award_add(actor=SYSTEM, decision=decision_2019, recipient_unit=tree.dai_kim)
    person = services.award_add(
        actor=SYSTEM, decision=decision_2019, recipient_person=officials["hung"]
    )
    group = services.award_add(
        actor=SYSTEM,
        decision=decision_2019,
        recipient_kind=RecipientKind.COLLECTIVE,
        recipient_name="Tổ hòa giải tổ dân phố số 5",
    )
    assert unit.recipient_name == "Phường Đại Kim" and unit.recipient_kind == "tap_the"
    assert person.recipient_name == "Khương Quốc Hưng" and person.recipient_kind == "ca_nhan"
    assert group.recipient_unit is None
    assert unit.achievement == decision_2019.reason


def test_title_for_individuals_refuses_a_collective(tree: Any, catalogue: Any) -> None:
    decision = services.decision_create(
        actor=SYSTEM,
        issuer=tree.dinh_cong,
        form=catalogue["lao-dong-tien-tien"],
        decided_on=DAY_2026,
        reason="Hoàn thành tốt nhiệm vụ năm 2025",
    )
    with pytest.raises(ValidationError) as refused:
        services.award_add(actor=SYSTEM, decision=decision, recipient_unit=tree.mttq_dinh_cong)
    assert "không tặng cho tập thể" in " ".join(refused.value.message_dict["recipient_kind"])


def test_same_achievement_twice_is_refused(decision_2019: Any, tree: Any) -> None:
    services.award_add(actor=SYSTEM, decision=decision_2019, recipient_unit=tree.dai_kim)
    with pytest.raises(ValidationError) as refused:
        services.award_add(actor=SYSTEM, decision=decision_2019, recipient_unit=tree.dai_kim)
    assert "đã được khen thưởng về thành tích này" in " ".join(
        refused.value.message_dict["achievement"]
    )
    assert Award.objects.filter(recipient_unit=tree.dai_kim).count() == 1


def test_same_achievement_in_another_form_is_refused(
    decision_2019: Any, tree: Any, catalogue: Any
) -> None:
    """Giấy khen of the district, then a Bằng khen of the city for the same achievement
    written with other marks and spaces: refused."""
    services.award_add(actor=SYSTEM, decision=decision_2019, recipient_unit=tree.dai_kim)
    city = services.decision_create(
        actor=SYSTEM,
        issuer=tree.hanoi,
        form=catalogue["bang-khen"],
        decided_on=dt.date(2020, 1, 5),
        reason="Thành tích khác",
    )
    with pytest.raises(ValidationError):
        services.award_add(
            actor=SYSTEM,
            decision=city,
            recipient_unit=tree.dai_kim,
            achievement="đã có thành tích  XUAT SAC trong công tác dân vận năm 2019",
        )


def test_named_person_twice_is_refused_but_a_namesake_elsewhere_is_not(
    decision_2019: Any,
) -> None:
    services.award_add(
        actor=SYSTEM,
        decision=decision_2019,
        recipient_kind=RecipientKind.INDIVIDUAL,
        recipient_name="Lê Văn Tâm",
    )
    with pytest.raises(ValidationError):
        services.award_add(
            actor=SYSTEM,
            decision=decision_2019,
            recipient_kind=RecipientKind.INDIVIDUAL,
            recipient_name="le van tam",
        )
    other = services.award_add(
        actor=SYSTEM,
        decision=decision_2019,
        recipient_kind=RecipientKind.INDIVIDUAL,
        recipient_name="Lê Văn Tâm",
        achievement="Có thành tích trong thực hiện Quy chế dân chủ ở cơ sở năm 2019",
    )
    assert other.pk


def test_a_revoked_award_no_longer_blocks(decision_2019: Any, tree: Any) -> None:
    award = services.award_add(actor=SYSTEM, decision=decision_2019, recipient_unit=tree.dai_kim)
    services.award_revoke(actor=SYSTEM, award=award, reason="Kê khai thành tích không trung thực")
    again = services.award_add(actor=SYSTEM, decision=decision_2019, recipient_unit=tree.dai_kim)
    assert again.pk != award.pk


def test_revocation_keeps_the_row_with_reason(decision_2019: Any, tree: Any, cast: Any) -> None:
    award = services.award_add(actor=SYSTEM, decision=decision_2019, recipient_unit=tree.dai_kim)
    services.award_revoke(actor=cast.board, award=award, reason="Kê khai không trung thực")
    award.refresh_from_db()
    assert award.is_revoked and award.revoked_by == cast.board
    assert award.revoked_reason == "Kê khai không trung thực"
    with pytest.raises(ValidationError) as twice:
        services.award_revoke(actor=cast.board, award=award, reason="Lần nữa")
    assert "đã bị thu hồi ngày" in " ".join(twice.value.message_dict["reason"])
    with pytest.raises(ValidationError):
        services.award_revoke(actor=cast.board, award=award, reason="")


def test_revocation_needs_a_reason(decision_2019: Any, tree: Any) -> None:
    award = services.award_add(actor=SYSTEM, decision=decision_2019, recipient_unit=tree.dai_kim)
    with pytest.raises(ValidationError) as refused:
        services.award_revoke(actor=SYSTEM, award=award, reason="   ")
    assert "lý do" in " ".join(refused.value.message_dict["reason"])


def test_roles(tree: Any, cast: Any, giay_khen: Any, ward_decision: Any) -> None:
    """The ward leader records the ward's decisions; the reporter and viewer may not; the
    district's board may (its subtree); a stranger may not."""
    for user in (cast.reporter, cast.viewer, cast.stranger, cast.editor):
        with pytest.raises(PermissionDenied):
            services.award_add(actor=user, decision=ward_decision, recipient_unit=tree.dinh_cong)
    award = services.award_add(
        actor=cast.leader, decision=ward_decision, recipient_unit=tree.mttq_dinh_cong
    )
    assert award.pk
    with pytest.raises(PermissionDenied):
        services.decision_create(
            actor=cast.leader,
            issuer=tree.hoang_mai,
            form=giay_khen,
            decided_on=DAY_2019,
            reason="Thành tích",
        )
    services.decision_create(
        actor=cast.board, issuer=tree.dai_kim, form=giay_khen, decided_on=DAY_2026, reason="X"
    )


def test_meeting_before_the_decision_is_refused(
    ward_decision: Any, tree: Any, tong_ket: Any
) -> None:
    with pytest.raises(ValidationError) as refused:
        services.award_add(
            actor=SYSTEM,
            decision=ward_decision,
            recipient_unit=tree.mttq_dinh_cong,
            meeting=tong_ket,
        )
    assert "trước ngày quyết định" in " ".join(refused.value.message_dict["meeting"])


def test_decision_update_with_stale_version_is_refused(ward_decision: Any, cast: Any) -> None:
    from danvan.core.concurrency import StaleEdit

    opened = ward_decision.version
    services.decision_update(actor=cast.leader, decision=ward_decision, version=opened, note="A")
    with pytest.raises(StaleEdit):
        services.decision_update(
            actor=cast.leader, decision=ward_decision, version=opened, note="B"
        )


def test_a_line_is_removed_before_issuing(decision_2019: Any, tree: Any) -> None:
    award = services.award_add(actor=SYSTEM, decision=decision_2019, recipient_unit=tree.dai_kim)
    services.award_remove(actor=SYSTEM, award=award)
    assert not Award.objects.filter(pk=award.pk).exists()
