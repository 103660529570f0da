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


def import_dataset(source: str, path: str, *, store, country: str | None = None,  # type: ignore[no-untyped-def]
                   progress: Callable[[int], None] | None = None) -> ImportSummary:
    """Import ``path`` as dataset ``source`` into ``store``; re-importing adds nothing."""
    from .. import __version__

    summary = ImportSummary(source, str(path))
    reader = read(source, str(path), country=country)
    summary.run_id = store.begin_run(inputs=[str(path)], engine="local", version=__version__, command=f"import {source}")
    docs, events = [], []
    try:
        for rec in reader:
            if rec.document is not None:
                docs.append(rec.document)
            events.extend(rec.events)
            if len(events) >= CHUNK:
                _flush(store, docs, events, summary, progress)
        _flush(store, docs, events, summary, progress)
    except BaseException as exc:
        store.finish_run(summary.run_id, state="failed", error=str(exc)[:500])
        raise
    summary.stats = reader.stats
    summary.warnings = [w.text for w in reader.stats.warnings]
    store.finish_run(summary.run_id, state="done", counts={"new_documents": summary.new_documents,
                                                           "new_events": summary.new_events,
                                                           "skipped_rows": reader.stats.skipped})
    return summary


def _flush(store, docs: list, events: list, summary: ImportSummary, progress) -> None:  # type: ignore[no-untyped-def]
    if docs:
        summary.new_documents += store.put_documents(docs, run_id=summary.run_id)
    if events:
        summary.new_events += store.put_events(events, run_id=summary.run_id)
    if progress:
        progress(len(events))
    docs.clear()
    events.clear()
