"""The moves of a "Dân vận khéo" model and who may make each one: one table.

Each :class:`Move` names the states it leaves, the state it reaches, the capability it
needs and *where* that capability must be held:

- ``UNIT``: on the model's registering unit (its leader or the board above it checks,
  follows, reviews and evaluates it; its reporter registers it and posts progress);
- ``RECOGNISER``: on the unit of the recognising level — the model's ancestor (or itself)
  at that level's org level: the ward for *cơ sở*, the province for *tỉnh*, the district
  for *huyện* (only before 1/7/2025). The later moves of a recognised model (tiêu biểu,
  đề nghị khen thưởng, nhân rộng, dừng) are asked there too.

Services (:mod:`danvan.emulation.services`) walk this table; the tests walk it too, for
every role, so a row added here is tested without writing a new test.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from danvan.access.roles import Cap
from danvan.emulation.models import State


class Where(StrEnum):
    UNIT = "unit"
    RECOGNISER = "recogniser"


@dataclass(frozen=True)
class Move:
    code: str
    label: str
    sources: tuple[State, ...]
    target: State
    cap: Cap
    where: Where
    # The move needs a note (the reason to stop, the result of a check…).
    needs_note: bool = False


BEFORE_RECOGNITION = (
    State.REGISTERED,
    State.CHECKING,
    State.RUNNING,
    State.REVIEWED,
    State.EVALUATED,
)

MOVES: tuple[Move, ...] = (
    Move("kiem_tra", "Kiểm tra, khảo sát", (State.REGISTERED,), State.CHECKING,
         Cap.EMULATION_REVIEW, Where.UNIT),
    Move("thuc_hien", "Xác nhận triển khai thực hiện", (State.CHECKING,), State.RUNNING,
         Cap.EMULATION_REVIEW, Where.UNIT),
    Move("so_ket", "Sơ kết", (State.RUNNING,), State.REVIEWED, Cap.EMULATION_REVIEW,
         Where.UNIT, needs_note=True),
    # Reached through evaluation_record (the scores per criterion and the comment).
    Move("danh_gia", "Đánh giá, chấm điểm", (State.REVIEWED,), State.EVALUATED,
         Cap.EMULATION_REVIEW, Where.UNIT),
    # Reached through model_recognise (the level, the recognising unit, the date).
    Move("cong_nhan", "Công nhận", (State.EVALUATED,), State.RECOGNISED,
         Cap.EMULATION_RECOGNISE, Where.RECOGNISER),
    Move("tieu_bieu", "Chọn là mô hình tiêu biểu", (State.RECOGNISED,), State.EXEMPLARY,
         Cap.EMULATION_RECOGNISE, Where.RECOGNISER),
    Move("de_nghi_khen_thuong", "Đề nghị khen thưởng", (State.EXEMPLARY,), State.PROPOSED,
         Cap.EMULATION_RECOGNISE, Where.RECOGNISER),
    Move("nhan_rong", "Nhân rộng", (State.RECOGNISED, State.EXEMPLARY), State.REPLICATED,
         Cap.EMULATION_RECOGNISE, Where.RECOGNISER),
    Move("dung", "Dừng", BEFORE_RECOGNITION, State.STOPPED, Cap.EMULATION_REVIEW,
         Where.UNIT, needs_note=True),
    Move("dung_sau_cong_nhan", "Dừng (mô hình đã công nhận)",
         (State.RECOGNISED, State.EXEMPLARY), State.STOPPED, Cap.EMULATION_RECOGNISE,
         Where.RECOGNISER, needs_note=True),
)  # fmt: skip

BY_CODE = {move.code: move for move in MOVES}
# Moves that carry more than a note and are made through their own service.
SPECIAL = ("danh_gia", "cong_nhan")


def moves_from(state: str) -> list[Move]:
    return [move for move in MOVES if state in move.sources]


def find(code: str, state: str) -> Move | None:
    move = BY_CODE.get(code)
    if move is None or state not in move.sources:
        return None
    return move
