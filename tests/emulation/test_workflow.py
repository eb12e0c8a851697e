"""The table of moves (danvan/emulation/workflow.py), walked for every role: each move
from each state it leaves is made, or refused, by each member of the cast; each move
from every other state is refused. Who may is written here by hand, from the issue
(the unit's leader and the board check and evaluate, the recognising level's unit
recognises), not read back from the table, so a wrong row fails."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError

from danvan.access.system import SYSTEM
from danvan.emulation import services, workflow
from danvan.emulation.models import EmulationModel, State, Transition
from tests.emulation.conftest import full_scores, level, put_in, register

# Who may make each move on a model of Phường Định Công's Front (recognised, for the
# later moves, by Phường Định Công at cơ sở level).
# The board above (Quận Hoàng Mai, Hà Nội) reaches the ward too: a role reaches its subtree.
ON_THE_WARD = {"admin", "board", "leader", "city_board"}
EXPECTED = {
    "kiem_tra": ON_THE_WARD,
    "thuc_hien": ON_THE_WARD,
    "so_ket": ON_THE_WARD,
    "danh_gia": ON_THE_WARD,
    "cong_nhan": ON_THE_WARD,
    "tieu_bieu": ON_THE_WARD,
    "de_nghi_khen_thuong": ON_THE_WARD,
    "nhan_rong": ON_THE_WARD,
    "dung": ON_THE_WARD,
    "dung_sau_cong_nhan": ON_THE_WARD,
}
ACTORS = ("admin", "board", "leader", "reporter", "viewer", "editor", "moderator", "stranger")


def _make(actor: Any, model: EmulationModel, move: workflow.Move) -> Any:
    if move.code == "danh_gia":
        return services.evaluation_record(
            actor=actor, model=model, scores=full_scores(model), comment="Đạt yêu cầu."
        )
    if move.code == "cong_nhan":
        return services.model_recognise(actor=actor, model=model, level=level("co-so"))
    return services.model_move(actor=actor, model=model, move=move.code, note="Ghi chú")


def _ready(campaign: Any, tree: Any, state: str, n: int) -> EmulationModel:
    model = register(campaign, tree.mttq_dinh_cong, name=f"Mô hình {state} {n}")
    services.note_add(actor=SYSTEM, model=model, text="Đã làm", noted_on=dt.date(2026, 2, 20))
    return put_in(model, state)


def test_every_move_by_every_role(cast, city_board, tree, campaign):
    assert set(EXPECTED) == set(workflow.BY_CODE), "a move without its expected roles"
    n = 0
    for move in workflow.MOVES:
        for state in move.sources:
            for name in (*ACTORS, "city_board"):
                actor = city_board if name == "city_board" else getattr(cast, name)
                n += 1
                model = _ready(campaign, tree, state, n)
                allowed = name in EXPECTED[move.code]
                if allowed:
                    _make(actor, model, move)
                    model.refresh_from_db()
                    assert model.state == move.target, (move.code, state, name)
                    last = model.transitions.order_by("-pk").first()
                    assert last is not None and last.actor_id == actor.pk
                    assert (last.from_state, last.to_state) == (state, move.target)
                else:
                    with pytest.raises(PermissionDenied):
                        _make(actor, model, move)
                    model.refresh_from_db()
                    assert model.state == state, (move.code, state, name)


def test_every_move_from_a_state_it_does_not_leave_is_refused(tree, campaign):
    n = 0
    for move in workflow.MOVES:
        for state in State:
            if state in move.sources:
                continue
            n += 1
            model = _ready(campaign, tree, state, n)
            with pytest.raises(ValidationError) as refused:
                _make(SYSTEM, model, move)
            assert "tình trạng" in str(refused.value) or "Không thể" in str(refused.value)
            model.refresh_from_db()
            assert model.state == state


def test_recognition_at_province_level_is_the_city_boards(cast, city_board, tree, campaign):
    model = _ready(campaign, tree, State.EVALUATED, 1)
    for user in (cast.leader, cast.board):
        with pytest.raises(PermissionDenied):
            services.model_recognise(actor=user, model=model, level=level("tinh"))
    services.model_recognise(actor=city_board, model=model, level=level("tinh"))
    model.refresh_from_db()
    assert (model.state, model.recognised_by, model.recognised_level.code) == (
        State.RECOGNISED,
        tree.hanoi,
        "tinh",
    )
    # What follows a province's recognition is asked at the province.
    with pytest.raises(PermissionDenied):
        services.model_move(actor=cast.leader, model=model, move="tieu_bieu")
    services.model_move(actor=city_board, model=model, move="tieu_bieu")


def test_registering_and_posting_progress_by_role(cast, city_board, tree, campaign, today):
    may = {"admin", "board", "leader", "reporter"}
    for n, name in enumerate((*ACTORS, "city_board")):
        actor = city_board if name == "city_board" else getattr(cast, name)
        expected = name in may or name == "city_board"
        if expected:
            model = register(campaign, tree.mttq_dinh_cong, name=f"Đăng ký {n}", actor=actor)
            services.note_add(actor=actor, model=model, text="Tuần đầu")
            assert model.notes.count() == 1
        else:
            with pytest.raises(PermissionDenied):
                register(campaign, tree.mttq_dinh_cong, name=f"Đăng ký {n}", actor=actor)


def test_reporter_edits_until_checked_then_only_reviewers(cast, tree, campaign):
    model = register(campaign, tree.mttq_dinh_cong, actor=cast.reporter)
    services.model_update(actor=cast.reporter, model=model, beneficiaries="Hộ nghèo")
    services.model_move(actor=cast.leader, model=model, move="kiem_tra")
    services.model_move(actor=cast.leader, model=model, move="thuc_hien")
    with pytest.raises(PermissionDenied):
        services.model_update(actor=cast.reporter, model=model, beneficiaries="Khác")
    services.model_update(actor=cast.leader, model=model, beneficiaries="Hộ cận nghèo")
    model.refresh_from_db()
    assert model.beneficiaries == "Hộ cận nghèo"


def test_from_registration_to_recognition_by_the_right_people(cast, tree, campaign, today):
    """The acceptance path: the reporter registers and reports, the leader checks,
    reviews, evaluates and recognises; each move is recorded and audited."""
    model = register(campaign, tree.mttq_dinh_cong, actor=cast.reporter)
    services.model_move(actor=cast.leader, model=model, move="kiem_tra", note="Đã khảo sát")
    services.model_move(actor=cast.leader, model=model, move="thuc_hien")
    services.note_add(actor=cast.reporter, model=model, text="Lắp 16 camera")
    with pytest.raises(PermissionDenied):
        services.model_move(actor=cast.reporter, model=model, move="so_ket", note="Tốt")
    services.model_move(actor=cast.leader, model=model, move="so_ket", note="Đạt mục tiêu")
    services.evaluation_record(
        actor=cast.leader, model=model, scores=full_scores(model, "0.9"), comment="Tốt"
    )
    services.model_recognise(actor=cast.leader, model=model, level=level("co-so"))
    model.refresh_from_db()
    assert model.state == State.RECOGNISED and model.recognised_by == tree.dinh_cong
    moves = list(Transition.objects.filter(model=model).values_list("move", flat=True))
    assert moves == ["dang_ky", "kiem_tra", "thuc_hien", "so_ket", "danh_gia", "cong_nhan"]
    assert model.evaluations.get().total == 36  # 0.9 × (10 + 20 + 10)
    entries = LogEntry.objects.get_for_object(model)
    assert entries.filter(actor=cast.leader).exists()
    assert entries.filter(actor=cast.reporter).exists()


def test_stopping_needs_a_reason(cast, tree, campaign):
    model = register(campaign, tree.mttq_dinh_cong)
    with pytest.raises(ValidationError) as refused:
        services.model_move(actor=cast.leader, model=model, move="dung", note="  ")
    assert "lý do dừng" in str(refused.value)
    services.model_move(actor=cast.leader, model=model, move="dung", note="Trùng mô hình khác")
    model.refresh_from_db()
    assert (model.state, model.stop_reason) == (State.STOPPED, "Trùng mô hình khác")
