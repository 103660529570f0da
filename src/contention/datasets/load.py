"""Import a dataset file into a store: stream records, write in chunks, report bad rows (the I/O side)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from . import read
from .reading import ReadStats

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
    notes: dict | None = None  # with code_notes: NotesAgreement.summary()  # type: ignore[type-arg]


def import_dataset(source: str, path: str, *, store, country: str | None = None,  # type: ignore[no-untyped-def]
                   progress: Callable[[int], None] | None = None, code_notes: bool = False) -> ImportSummary:
    """Import ``path`` as dataset ``source`` into ``store``; re-importing adds nothing.

    code_notes: also run the extractor over each row's notes and add the responses the coded
        columns lack (origin ``imported:<source>/notes``, see ``datasets.notes``); the
        agreement of notes and coded columns is in ``summary.notes`` and the run's counts.
    """
    from .. import __version__

    summary = ImportSummary(source, str(path))
    reader = read(source, str(path), country=country)
    command = f"import {source}" + (" --code-notes" if code_notes else "")
    summary.run_id = store.begin_run(inputs=[str(path)], engine="local", version=__version__, command=command)
    notes = _NotesCoder(source) if code_notes else None
    docs, events = [], []
    try:
        for rec in reader:
            if rec.document is not None:
                docs.append(rec.document)
            events.extend(rec.events)
            if notes is not None:
                events.extend(notes(rec))
            if len(events) >= CHUNK:
                _flush(store, docs, events, summary, progress)
        _flush(store, docs, events, summary, progress)
    except BaseException as exc:
        store.finish_run(summary.run_id, state="failed", error=str(exc)[:500])
        raise
    summary.stats = reader.stats
    summary.warnings = [w.text for w in reader.stats.warnings]
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


def _flush(store, docs: list, events: list, summary: ImportSummary, progress) -> None:  # type: ignore[no-untyped-def]
    if docs:
        summary.new_documents += store.put_documents(docs, run_id=summary.run_id)
    if events:
        summary.new_events += store.put_events(events, run_id=summary.run_id)
    if progress:
        progress(len(events))
    docs.clear()
    events.clear()
