"""Today's structure at work (``danvan.demo.current_reporting``, ``current_meetings``):
run by ``load_demo`` after the demo users exist, with dates relative to ``clock.today()``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from danvan.demo.current_meetings import load_current_meetings
from danvan.demo.current_reporting import load_current_reports
from danvan.demo.emulation import load_emulation


class CurrentLoader:
    def __init__(self, progress: Callable[[str], None]) -> None:
        self.progress = progress

    def run(self) -> Counter[tuple[str, str]]:
        # The "Dân vận khéo" register first: the reports the demo sends count its records.
        tally = load_emulation(self.progress)
        tally.update(load_current_reports(self.progress))
        tally.update(load_current_meetings(self.progress))
        return tally
