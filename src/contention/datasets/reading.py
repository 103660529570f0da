"""What every dataset reader yields and counts: ImportedRecord, ReadStats, RowWarning.

A reader streams one source file row by row (bounded memory) and yields one
``ImportedRecord`` per usable row. A malformed row never becomes an event: it is
skipped, counted in ``ReadStats.skipped`` and described by a ``RowWarning`` whose
text is the one-line ``InputError`` message naming the file and line.
"""
from __future__ import annotations

import codecs
import gzip
import io
import logging
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ..errors import InputError
from ..records import Document, Event, Evidence

log = logging.getLogger(__name__)

#: How many warnings a ReadStats keeps in full; later ones are only counted.
MAX_WARNINGS = 1000

_FALLBACK_ERRORS = "contention-latin1-fallback"


@dataclass(frozen=True)
class ImportedRecord:
    """One source row turned into our records.

    ``events`` holds the protest first, then its responses (each ``origin="imported:<source>"``,
    ``source_id`` the source's id, with a ``:<response>`` suffix for responses). ``document``
    is the text the evidence spans point into: the source's own notes when it has them
    (``text_origin == "notes"``), else a description made from its fields (``"synthesized"``).
    ``raw`` is the row as read, column name to text.
    """

    source: str
    source_id: str
    path: str
    line: int
    events: tuple[Event, ...]
    document: Document | None
    raw: Mapping[str, str]
    text_origin: str = "synthesized"


@dataclass(frozen=True)
class RowWarning:
    """A row that was skipped, and why (``text`` is the InputError one-line message)."""

    path: str
    line: int
    reason: str

    @property
    def error(self) -> InputError:
        return InputError(self.reason, where=f"{self.path}:{self.line}")

    @property
    def text(self) -> str:
        return self.error.one_line()


@dataclass
class ReadStats:
    """Counts of one read; complete once the reader is exhausted (``finished``)."""

    source: str
    path: str
    rows: int = 0  # data rows seen (header and blank lines excluded)
    records: int = 0  # ImportedRecords yielded
    events: int = 0
    skipped: int = 0  # malformed rows, each with a warning
    duplicates: int = 0  # rows repeating an id already read
    filtered: int = 0  # rows of another country than asked for
    no_events: int = 0  # well-formed rows that code no event of ours (e.g. MM protest = 0)
    warnings: list[RowWarning] = field(default_factory=list)
    finished: bool = False

    def warn(self, line: int, reason: str) -> None:
        self.skipped += 1
        warning = RowWarning(self.path, line, reason)
        if len(self.warnings) < MAX_WARNINGS:
            self.warnings.append(warning)
        log.warning("%s", warning.text)

    def summary(self) -> str:
        return (f"{self.path}: {self.rows} rows, {self.records} records, {self.events} events, "
                f"{self.skipped} skipped, {self.duplicates} duplicates, {self.filtered} other countries, "
                f"{self.no_events} without events")


class ImportReader(Iterator[ImportedRecord]):
    """The iterator ``read()`` returns: yields ImportedRecords and fills ``stats`` as it goes."""

    def __init__(self, records: Iterator[ImportedRecord], stats: ReadStats) -> None:
        self._records = records
        self.stats = stats

    def __iter__(self) -> ImportReader:
        return self

    def __next__(self) -> ImportedRecord:
        try:
            record = next(self._records)
        except StopIteration:
            if not self.stats.finished:
                self.stats.finished = True
                log.info("%s", self.stats.summary())
            raise
        self.stats.records += 1
        self.stats.events += len(record.events)
        return record


def _latin1_fallback(exc: UnicodeError) -> tuple[str, int]:
    # A stray Latin-1 byte in a UTF-8 file (CCC writes "Doña" this way) is read as Latin-1
    # instead of failing the whole file or garbling every other character.
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return exc.object[exc.start:exc.end].decode("latin-1"), exc.end


def open_text(path: str | Path) -> IO[str]:
    """Open a text file (``.gz`` too) as UTF-8 (a leading byte-order mark dropped), stray Latin-1 bytes decoded as Latin-1."""
    try:
        codecs.lookup_error(_FALLBACK_ERRORS)
    except LookupError:
        codecs.register_error(_FALLBACK_ERRORS, _latin1_fallback)
    p = Path(path)
    try:  # the caller closes the returned wrapper, which closes these
        raw: IO[bytes] = gzip.open(p, "rb") if p.suffix == ".gz" else open(p, "rb")  # noqa: SIM115
    except OSError as exc:
        raise InputError(f"cannot open: {exc.strerror or exc}", where=str(p)) from exc
    # utf-8-sig: a byte-order mark (Excel's "CSV UTF-8") is dropped, not glued to the first column's name
    return io.TextIOWrapper(raw, encoding="utf-8-sig", errors=_FALLBACK_ERRORS, newline="")


def whole_text_evidence(doc: Document) -> Evidence:
    """Evidence spanning a whole imported document (its notes or synthesized description)."""
    return Evidence(doc_id=doc.doc_id, start=0, end=len(doc.text), text=doc.text)


def run_rows(
    stats: ReadStats,
    rows: Iterator[tuple[int, Any]],
    convert: Callable[[int, Any], ImportedRecord | None],
) -> Iterator[ImportedRecord]:
    """Convert numbered rows, turning an InputError on one row into a warning and a skip."""
    for line, row in rows:
        stats.rows += 1
        try:
            record = convert(line, row)
        except InputError as exc:
            stats.warn(line, exc.message)
            continue
        if record is not None:
            yield record


def iso_date(year: str, month: str = "", day: str = "") -> str | None:
    """An ISO date as precise as the parts allow; InputError when a part is impossible."""
    import datetime as _dt

    if not year:
        return None
    try:
        y = int(year)
        if not month:
            return f"{y:04d}"
        m = int(month)
        if not day:
            if not 1 <= m <= 12:
                raise ValueError(f"month {m}")
            return f"{y:04d}-{m:02d}"
        return _dt.date(y, m, int(day)).isoformat()
    except ValueError as exc:
        raise InputError(f"impossible date {year}-{month}-{day} ({exc})") from exc


def sole_int(text: str | None) -> int | None:
    """The number a field states when it is nothing but a number ("1,200", "40.0"), else None."""
    if not text:
        return None
    t = text.strip().replace(",", "")
    if t.endswith(".0"):
        t = t[:-2]
    return int(t) if t.isdigit() else None


def numbered_rows(reader: Iterator[Any]) -> Iterator[tuple[int, Any]]:
    """(first physical line, row) for each row of a ``csv`` reader: a row whose quoted field spans
    several lines is reported at the line where it starts."""
    start = reader.line_num + 1  # type: ignore[attr-defined]
    for row in reader:
        yield start, row
        start = reader.line_num + 1  # type: ignore[attr-defined]
