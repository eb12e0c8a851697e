"""The board appoints a ward's leader, whose role reads personal records the board may not
read (welfare beneficiaries' names, religious situations), but it cannot act on that
leader's account: else it could become them and read those records."""

from __future__ import annotations

from typing import Any

from danvan.access.grants import account_refusal, grant_refusal
from danvan.access.roles import Cap, Role
from danvan.access.scope import can
from tests.factories import UserFactory


def test_board_grants_a_leader_role_but_does_not_take_over_its_account(
    cast: Any, tree: Any
) -> None:
    board = cast.board
    assert not can(board, Cap.WELFARE_MANAGE, tree.dinh_cong)
    assert not can(board, Cap.RELIGION_SENSITIVE, tree.dinh_cong)
    assert grant_refusal(board, Role.UNIT_LEADER, tree.dai_kim) == ""
    assert "chính bạn không có" in grant_refusal(board, Role.UNIT_LEADER, tree.dai_kim, strict=True)
    # The ward's leader holds WELFARE_MANAGE: the board may not lock or reset that account.
    assert "vượt quá quyền" in account_refusal(board, cast.leader)
    # A viewer's account it may act on.
    viewer = UserFactory(username="ward_viewer")
    from tests.factories import grant

    grant(viewer, Role.VIEWER, tree.dinh_cong)
    assert account_refusal(board, viewer) == ""
    # A leader (no USERS_DELEGATE) still grants only what it holds.
    assert "quản lý người dùng" in grant_refusal(cast.leader, Role.UNIT_LEADER, tree.dinh_cong)
