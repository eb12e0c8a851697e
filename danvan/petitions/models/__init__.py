"""Citizen reception and petitions (tiếp công dân, xử lý đơn thư): see the modules."""

from danvan.petitions.models.clock import (
    CalendarDay,
    ClockStage,
    DeadlineRule,
    PetitionKind,
    working_calendar,
)
from danvan.petitions.models.files import Attachment, Letter, LetterKind
from danvan.petitions.models.reception import (
    GROUP_THRESHOLD,
    ReadLog,
    ReceptionSession,
    ReceptionVisit,
    VoterBatch,
)
from danvan.petitions.models.register import (
    DUE_SOON,
    FINISHED,
    MOVES,
    OPEN,
    OVERDUE,
    Channel,
    DuplicateState,
    Extension,
    Forwarding,
    Petition,
    Petitioner,
    PetitionQuerySet,
    Stage,
    StageEntry,
)

__all__ = [
    "DUE_SOON",
    "FINISHED",
    "GROUP_THRESHOLD",
    "MOVES",
    "OPEN",
    "OVERDUE",
    "Attachment",
    "CalendarDay",
    "Channel",
    "ClockStage",
    "DeadlineRule",
    "DuplicateState",
    "Extension",
    "Forwarding",
    "Letter",
    "LetterKind",
    "Petition",
    "PetitionKind",
    "PetitionQuerySet",
    "Petitioner",
    "ReadLog",
    "ReceptionSession",
    "ReceptionVisit",
    "Stage",
    "StageEntry",
    "VoterBatch",
    "working_calendar",
]
