"""Import a dataset file into a store: stream records, write in chunks, report bad rows (the I/O side)."""
from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from typing import Callable

from ..errors import InputError
from . import read
from ..records import Event
from .reading import ImportedRecord, ReadStats

CHUNK = 5000  # records per transaction: bounded memory, few round trips


@dataclass
class ImportSummary:
    source: str
    path: str
    run_id: int | None = None
    new_documents: int = 0
    new_events: int = 0
    stats: ReadStats | None = None
    warnings: list[str] = field(default_factory=list)
    duplicates: int = 0  # records whose id was imported before from another file, with another text
    notes: dict | None = None  # with code_notes: NotesAgreement.summary()  # type: ignore[type-arg]


def import_dataset(source: str, path: str, *, store, country: str | None = None,  # type: ignore[no-untyped-def]
                   progress: Callable[[int], None] | None = None, code_notes: bool = False) -> ImportSummary:
    """Import ``path`` as dataset ``source`` into ``store``; re-importing adds nothing.

    progress: called with how many more rows of the file have been read and stored.
    code_notes: also run the extractor over each row's notes and add the responses the coded
        columns lack (origin ``imported:<source>/notes``, see ``datasets.notes``); the
        agreement of notes and coded columns is in ``summary.notes`` and the run's counts.
    """
    from .. import __version__

    summary = ImportSummary(source, str(path))
    check_compressed(str(path))
    reader = read(source, str(path), country=country)
    command = f"import {source}" + (" --code-notes" if code_notes else "")
    summary.run_id = store.begin_run(inputs=[str(path)], engine="local", version=__version__, command=command)
    notes = _NotesCoder(source) if code_notes else None
    records: list[tuple[ImportedRecord, list[Event]]] = []
    twice: list[str] = []
    done = [0]  # rows reported to ``progress`` so far

    def advance() -> None:
        if progress is not None and reader.stats.rows > done[0]:
            progress(reader.stats.rows - done[0])
            done[0] = reader.stats.rows

    try:
        for rec in _readable(reader, path):
            records.append((rec, list(notes(rec)) if notes is not None else []))
            if sum(len(r.events) + len(more) for r, more in records) >= CHUNK:
                _flush(store, records, summary, twice)
                advance()
        _flush(store, records, summary, twice)
        advance()
        stats = reader.stats
        if stats.rows and stats.skipped == stats.rows:
            first = stats.warnings[0].reason if stats.warnings else "?"
            raise InputError(f"none of its {stats.rows} rows could be read as {source} (line "
                             f"{stats.warnings[0].line if stats.warnings else '?'}: {first})", where=str(path),
                             hint="is it the right file and source?")
    except BaseException as exc:
        store.finish_run(summary.run_id, state="failed", error=str(exc)[:500])
        raise
    summary.stats = reader.stats
    summary.warnings = [w.text for w in reader.stats.warnings] + twice
    counts: dict[str, object] = {"new_documents": summary.new_documents, "new_events": summary.new_events,
                                 "skipped_rows": reader.stats.skipped}
    if notes is not None:
        summary.notes = notes.agreement.summary()
        counts["notes"] = summary.notes
    store.finish_run(summary.run_id, state="done", counts=counts)  # type: ignore[arg-type]
    return summary


class _NotesCoder:
    """Codes each record's notes with the extractor (one gazetteer for the whole import)."""

    def __init__(self, source: str) -> None:
        import importlib

        from ..extract.extractor import default_gazetteer, extract_document
        from . import READERS
        from .notes import NotesAgreement

        self.source = source
        self.agreement = NotesAgreement(source)
        gazetteer = default_gazetteer()
        self._extract = lambda doc: extract_document(doc, gazetteer=gazetteer).events
        self._dates = getattr(importlib.import_module(READERS[source]), "notes_dates", None)

    def __call__(self, record):  # type: ignore[no-untyped-def]
        from .notes import code_notes

        reference, end = self._dates(record) if self._dates else (None, None)
        return code_notes(record, extract=self._extract, agreement=self.agreement, reference_date=reference,
                          end_date=end)



def count_rows(path: str) -> int | None:
    """About how many data rows ``path`` has (its lines, a .gz decompressed, less a header), for a progress
    bar's total; None when it cannot be read (the import then says why)."""
    try:
        with (gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb")) as fh:
            lines = sum(1 for _ in fh)
    except (OSError, EOFError, ValueError):
        return None
    return max(lines - 1, 0)


def check_compressed(path: str) -> None:
    """Read a ``.gz`` through once before anything of it is stored: a truncated or non-gzip file is
    refused whole (decompressing is fast next to parsing and storing)."""
    import os
    import zlib

    if os.path.isfile(path) and os.path.getsize(path) == 0:
        raise InputError("empty file", where=path)
    if not path.endswith(".gz"):
        return

    try:
        with gzip.open(path, "rb") as fh:
            while fh.read(1 << 20):
                pass
    except EOFError as exc:
        raise InputError("the gzip file ends in the middle (truncated?)", where=path) from exc
    except (gzip.BadGzipFile, zlib.error) as exc:
        raise InputError(f"not a readable gzip file ({exc})", where=path) from exc
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", where=path) from exc


def _readable(reader, path: str):  # type: ignore[no-untyped-def]
    """The reader's records; a file that breaks off (a truncated .gz) or is not what its name says (a
    .gz that is not gzip) is an InputError naming it, not a bare "aborted" or a message without the file."""
    import zlib

    try:
        yield from reader
    except EOFError as exc:
        raise InputError(f"the file ends in the middle (truncated?) after {reader.stats.rows} rows", where=path) from exc
    except (gzip.BadGzipFile, zlib.error) as exc:
        raise InputError(f"not a readable gzip file ({exc})", where=path) from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"not text ({exc.reason} at byte {exc.start})", where=path) from exc
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", where=path) from exc


def _flush(store, records: list[tuple[ImportedRecord, list[Event]]], summary: ImportSummary,  # type: ignore[no-untyped-def]
           twice: list[str]) -> None:
    """Store ``records`` in one transaction and empty the list.

    A record whose document id is stored already with ANOTHER text was imported before from another
    file (#KeepItOn publishes 2020 twice, in two layouts): it is the same record, so it is left out
    and named in a warning, never stored a second time under the same source id.
    """
    stored = store.doc_id_hashes(r.document.doc_id for r, _ in records if r.document is not None)
    docs, events = [], []
    for rec, more in records:
        doc = rec.document
        if doc is not None and stored.get(doc.doc_id, doc.content_hash) != doc.content_hash:
            summary.duplicates += 1
            twice.append(InputError(f"{rec.source_id} was imported before from another file (with another text); "
                                    "the first is kept", where=f"{rec.path}:{rec.line}").one_line())
            continue
        if doc is not None:
            docs.append(doc)
        events.extend(rec.events)
        events.extend(more)
    if docs or events:
        new_docs, new_events = store.put_records(docs, events, run_id=summary.run_id)
        summary.new_documents += new_docs
        summary.new_events += new_events
    records.clear()
