"""Progress for people (a live bar on a terminal) and for logs (one plain line per document).

An overnight run is usually redirected to a file or a journal, where a
redrawn bar is noise; the bar is only drawn when stderr is a terminal.
"""

from __future__ import annotations

import time

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn


class BatchProgress:
    """Counts documents and pages; `note()` prints a line without breaking the bar."""

    def __init__(self, console: Console, total: int, quiet: bool = False, live: bool | None = None):
        self.console, self.total, self.quiet = console, total, quiet
        self.live = console.is_terminal if live is None else live
        self.docs = self.pages = self.worked = 0
        self.started = time.monotonic()
        self._bar: Progress | None = None

    def __enter__(self) -> BatchProgress:
        if self.live and not self.quiet:
            self._bar = Progress(
                TextColumn("[bold]documents"), BarColumn(), MofNCompleteColumn(),
                TextColumn("{task.fields[pages]} pages · {task.fields[rate]} pages/min"),
                TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                console=self.console, transient=False,
            )
            self._bar.start()
            self._task = self._bar.add_task("batch", total=self.total, pages=0, rate="-")
        return self

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.stop()

    def rate(self) -> float:
        minutes = (time.monotonic() - self.started) / 60
        return self.pages / minutes if minutes > 0 else 0.0

    def eta(self) -> str:
        """From documents actually converted: skipped ones cost nothing and would make it lie."""
        if not self.worked:
            return "?"
        left = (time.monotonic() - self.started) / self.worked * (self.total - self.docs)
        return time.strftime("%H:%M:%S", time.gmtime(left))

    def advance(self, status: str, document: str, pages: int = 0, seconds: float = 0.0) -> None:
        self.docs += 1
        self.pages += pages
        self.worked += status in ("success", "partial_success", "failure")
        if self._bar is not None:
            self._bar.update(self._task, advance=1, pages=self.pages, rate=f"{self.rate():.0f}")
        elif not self.quiet and status in ("success", "partial_success", "duplicate"):  # failures: their own line from the caller
            detail = (f" ({pages} pages, {seconds:.1f}s; {self.pages} pages at {self.rate():.0f}/min, ETA {self.eta()})"
                      if status != "duplicate" else "")
            self.console.print(f"[{self.docs}/{self.total}] {status} {document}{detail}", highlight=False, markup=False, soft_wrap=True)

    def note(self, line: str) -> None:
        self.console.print(line, highlight=False, markup=False, soft_wrap=True)
