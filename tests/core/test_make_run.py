"""`make run` prints what a person reads (issue 12 §7: ~400 task-state lines buried the
address): migrations quietly, the background worker and the timers into var/log/, the
address once. The Makefile's run recipe is read as make would run it."""

from __future__ import annotations

import re
from pathlib import Path

MAKEFILE = Path(__file__).resolve().parents[2] / "Makefile"


def _run_recipe() -> list[str]:
    text = MAKEFILE.read_text(encoding="utf-8").replace("\\\n", " ")
    recipe = text.split("\nrun:", 1)[1]
    lines = []
    for line in recipe.splitlines()[1:]:
        if not line.startswith("\t"):
            break
        if not line.lstrip("\t").startswith("@#"):
            lines.append(line.strip())
    return lines


def _commands(recipe: list[str]) -> list[str]:
    """Each shell command of the recipe (split on & ; and the loops' do/done)."""
    return [
        c.strip()
        for line in recipe
        for c in re.split(r"(?<![>&])&(?![&>])|;|\bdo\b", line)
        if c.strip()
    ]


def test_make_run_keeps_background_output_off_the_terminal() -> None:
    commands = _commands(_run_recipe())
    migrate = [c for c in commands if "manage.py migrate" in c]
    assert migrate and all("-v 0" in c for c in migrate)
    background = [
        c
        for c in commands
        if re.search(r"manage\.py (db_worker|publish_scheduled|send_reminders)\b", c)
    ]
    assert len(background) == 3, background
    for command in background:
        assert re.search(r">>?\s*(var/log/\S+|/dev/null)", command), command
        assert "2>&1" in command or "/dev/null" in command, command
    # The address is printed once, before the server's own few lines.
    echoes = [c for c in commands if c.startswith("@echo") and "http://" in c]
    assert len(echoes) == 1
