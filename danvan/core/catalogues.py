"""The catalogues the data migrations write (document types, meeting kinds…), put back.

A database emptied since it was migrated (a transactional test flushes every table when
it ends; an operator truncated a table) has lost those rows. ``reseed()`` runs each seed
migration's forward function again: they create by code with get_or_create, so nothing
changes where the rows are there. ``load_demo`` and the test suite call it; a new app with
a seed migration adds it to ``SEEDS``.
"""

from __future__ import annotations

from importlib import import_module

from django.apps import apps as registry

# (migration module, forward function): each must be safe to run twice.
SEEDS: list[tuple[str, str]] = [
    ("danvan.documents.migrations.0003_document_types", "add"),
    ("danvan.meetings.migrations.0002_meeting_kinds", "add"),
    ("danvan.awards.migrations.0002_catalogue", "add"),
    ("danvan.emulation.migrations.0002_fields_and_levels", "seed"),
    # Holidays, make-up days and deadline rules: restored as the migration wrote them.
    ("danvan.petitions.migrations.0002_calendar_and_rules", "seed"),
    # The «Phiếu chuyển» document type of a phiếu chuyển đơn.
    ("danvan.petitions.migrations.0004_forwarding_slip_type", "seed"),
]


def reseed() -> None:
    for module, function in SEEDS:
        getattr(import_module(module), function)(registry, None)
