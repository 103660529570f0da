"""The exception tree of contention.

ContentionError
 +-- InputError      bad input: a file that cannot be read, invalid JSONL, no text, unknown language
 +-- ConfigError     a bad setting or flag
 +-- StoreError      the database cannot be reached or refused a write
 +-- PipelineError   a stage failed on a record

Each error prints as one line naming where (file, line) and what, plus a hint when one helps.
"""
from __future__ import annotations


class ContentionError(Exception):
    """Base of all contention errors; ``str()`` is a one-line message."""

    def __init__(self, message: str, *, where: str | None = None, hint: str | None = None) -> None:
        self.message = message
        self.where = where
        self.hint = hint
        super().__init__(self.one_line())

    def one_line(self) -> str:
        text = f"{self.where}: {self.message}" if self.where else self.message
        if self.hint:
            text += f" ({self.hint})"
        return " ".join(text.split())


class InputError(ContentionError):
    """An input file or record cannot be used."""


class ConfigError(ContentionError):
    """A setting, flag or language pack is invalid."""


class StoreError(ContentionError):
    """The database cannot be reached, or a write failed (nothing partial is kept)."""


class PipelineError(ContentionError):
    """A pipeline stage failed on a record."""


#: Why a document produced no events; recorded, never just logged.
DISCARD_REASONS = ("no_events", "duplicate", "unknown_language", "no_text", "unreadable")
