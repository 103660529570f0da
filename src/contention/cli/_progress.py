"""Progress bars for long commands: done of total, rate, time elapsed and time left (rich)."""
from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, Task, TextColumn,
                           TimeElapsedColumn)
from rich.text import Text


def rate(task: Task) -> float | None:
    """Items per second over the whole run so far (steadier than a moving estimate when work comes in chunks)."""
    elapsed = task.finished_time if task.finished_time is not None else task.elapsed
    return task.completed / elapsed if elapsed and task.completed else None


class RateColumn(ProgressColumn):
    """Items per second ("—" until the first items are done)."""

    def __init__(self, unit: str) -> None:
        super().__init__()
        self.unit = unit

    def render(self, task: Task) -> Text:
        speed = rate(task)
        return Text("—" if speed is None else f"{speed:,.1f} {self.unit}/s", style="progress.data.speed")


class LeftColumn(ProgressColumn):
    """Time left at the rate so far ("?" while unknown)."""

    def render(self, task: Task) -> Text:
        speed = rate(task)
        if task.total is None or speed is None:
            return Text("left ?", style="progress.remaining")
        seconds = max(0, int((task.total - task.completed) / speed))
        return Text(f"left {seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}", style="progress.remaining")


def progress_bar(what: str, unit: str, *, quiet: bool) -> Progress:
    """A bar: ``what``, the bar, done/total, rate, elapsed, time left; on stderr; nothing when ``quiet``."""
    return Progress(TextColumn(what), BarColumn(), MofNCompleteColumn(), RateColumn(unit), TimeElapsedColumn(),
                    LeftColumn(), console=Console(stderr=True, quiet=quiet), disable=quiet, transient=True)


def start(bar: Progress, total: int | None, **fields: Any) -> Any:
    """Add the one task of ``bar`` with ``total`` (None: unknown, the bar pulses)."""
    return bar.add_task("work", total=total or None, **fields)
