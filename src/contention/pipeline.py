"""The pipeline: ingest -> extract -> resolve -> link -> store -> analyse -> report.

Stages are pure functions over batches of documents (``extract_batch``); I/O happens only in
``run`` (reading files, writing the store and the report), so the same batch function runs
in-process, in a process pool or on a Dask cluster.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from . import __version__
from .errors import ContentionError, InputError
from .extract.extractor import extract_document
from .ingest.language import with_language
from .records import DocResult, Document, Event

log = logging.getLogger(__name__)
BATCH_SIZE = 250  # documents per task: big enough that task overhead (~2 ms on Dask) is noise


def extract_documents(docs: Iterable[Document]) -> Iterator[DocResult]:
    """Code each document (language detected when missing)."""
    for doc in docs:
        yield extract_document(with_language(doc))


def extract_batch(docs: list[Document]) -> list[DocResult]:
    """The unit of work an engine maps over: a batch of documents in, their results out."""
    return list(extract_documents(docs))


@dataclass
class RunSummary:
    """What a run did: counts, the files that failed and why, where the report is."""

    run_id: int | None = None
    files: int = 0
    documents: int = 0
    new_documents: int = 0
    skipped_known: int = 0
    events: int = 0
    new_events: int = 0
    failed: list[str] = field(default_factory=list)
    notes: dict[str, int] = field(default_factory=dict)
    languages: dict[str, int] = field(default_factory=dict)
    report: Path | None = None

    @property
    def ok(self) -> bool:
        return not self.failed


def read_documents(paths: list[str | Path], summary: RunSummary) -> list[Document]:
    """Every document under ``paths``; a bad file is recorded in ``summary.failed`` and skipped."""
    from .ingest.readers import input_files, read_file

    docs: list[Document] = []
    for f in input_files(paths):
        summary.files += 1
        try:
            docs.extend(list(read_file(f)))  # a file with a bad record is refused whole, never half-read
        except ContentionError as exc:
            summary.failed.append(exc.one_line())
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            summary.failed.append(InputError(str(exc), where=str(f)).one_line())
    return docs


def batches(items: list[Document], size: int = BATCH_SIZE) -> list[list[Document]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def run(paths: list[str | Path], *, store, report_dir: str | Path | None = None, engine: str = "local",  # type: ignore[no-untyped-def]
        workers: int | None = None, scheduler: str | None = None,
        progress: Callable[[int], None] | None = None) -> RunSummary:
    """Read, code, link and store every report under ``paths``; rebuild episodes and the report.

    Re-running the same input adds nothing: documents already stored (by content hash) are skipped.
    """
    from .engine import map_batches
    from .link.dedupe import merge_across_documents

    summary = RunSummary()
    summary.run_id = store.begin_run(inputs=[str(p) for p in paths], engine=engine, version=__version__)
    try:
        docs = [with_language(d) for d in read_documents(paths, summary)]
        summary.documents = len(docs)
        known = store.known_hashes(d.content_hash for d in docs)
        todo = _unique([d for d in docs if d.content_hash not in known])
        summary.skipped_known = len(docs) - len(todo)
        events: list[Event] = []
        for res_batch in map_batches(extract_batch, batches(todo), engine=engine, workers=workers, scheduler=scheduler):
            for res in res_batch:
                events.extend(res.events)
                _tally(summary, res)
            if progress:
                progress(len(res_batch))
        merged = merge_across_documents(events)
        summary.events = len(merged)
        summary.new_documents = store.put_documents(todo, run_id=summary.run_id)
        summary.new_events = store.put_events(merged, run_id=summary.run_id)
        rebuild_episodes(store)
        if report_dir is not None:
            from .report.from_store import build_from_store
            summary.report = build_from_store(store, report_dir)
    except BaseException as exc:
        store.finish_run(summary.run_id, state="failed", error=str(exc)[:500], counts=_counts(summary))
        raise
    store.finish_run(summary.run_id, state="done" if summary.ok else "partial", counts=_counts(summary))
    return summary


def _unique(docs: list[Document]) -> list[Document]:
    seen: set[str] = set()
    out = []
    for d in docs:
        if d.content_hash not in seen:
            seen.add(d.content_hash)
            out.append(d)
    return out


def _tally(summary: RunSummary, res: DocResult) -> None:
    key = res.lang or "unknown"
    summary.languages[key] = summary.languages.get(key, 0) + 1
    if res.note:
        if res.note.startswith("no language pack"):
            note = "no_language_pack"
        elif res.lang_pack == "none":
            note = f"embeddings_only:{key}"
        else:
            note = res.note
        summary.notes[note] = summary.notes.get(note, 0) + 1


def _counts(s: RunSummary) -> dict[str, int]:
    return {"files": s.files, "documents": s.documents, "new_documents": s.new_documents,
            "skipped_known": s.skipped_known, "events": s.events, "new_events": s.new_events, "failed_files": len(s.failed)}


def rebuild_episodes(store) -> int:  # type: ignore[no-untyped-def]
    """Regroup all stored events into episodes (episodes are derived data, rebuilt after every change)."""
    from .link.episodes import build_episodes

    frame = store.events_frame()
    if frame.empty:
        return 0
    episodes, _ = build_episodes(frame)
    return store.put_episodes(episodes, replace=True)
