"""The pipeline: ingest -> extract -> resolve -> link -> store -> analyse -> report.

Stages are pure functions over batches of documents (``extract_batch``); I/O happens only in
``run`` (reading files, writing the store and the report), so the same batch function runs
in-process, in a process pool or on a Dask cluster.
"""
from __future__ import annotations

import gzip
import hashlib
import itertools
import logging
import os
import socket
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Self

from . import __version__
from .errors import ContentionError, InputError
from .extract.extractor import extract_document
from .ingest.language import with_language
from .records import DocResult, Document, Event

log = logging.getLogger(__name__)
BATCH_SIZE = 250  # documents per task: big enough that task overhead (~2 ms on Dask) is noise
#: Documents per chunk: one chunk is coded, merged and committed at a time (8 batches; ~3 MB of text).
CHUNK_SIZE = 2000


def extract_documents(docs: Iterable[Document]) -> Iterator[DocResult]:
    """Code each document (language detected when missing)."""
    for doc in docs:
        yield extract_document(with_language(doc))


#: DocResult.note of a document whose coding raised: the document is not stored, the run reports it.
FAILED_NOTE = "failed: "


def extract_batch(docs: list[Document]) -> list[DocResult]:
    """The unit of work an engine maps over: a batch of documents in, their results out.

    A document whose coding raises does not sink its batch (nor the run): its result has no events
    and a note starting with ``FAILED_NOTE`` that names the error, and the run reports it.
    """
    out = []
    for doc in docs:
        try:
            out.append(extract_document(with_language(doc)))
        except Exception as exc:  # noqa: BLE001 - reported per document, never swallowed
            out.append(DocResult(doc.doc_id, (), lang=doc.lang if isinstance(doc.lang, str) else None,
                                 note=f"{FAILED_NOTE}{type(exc).__name__}: {' '.join(str(exc).split())[:300]}"))
    return out


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


def iter_documents(paths: list[str | Path], summary: RunSummary) -> Iterator[Document]:
    """Every document under ``paths``, one at a time (a file is never held whole in memory).

    A file with a bad record is refused whole, never half-read: each file is read once to
    check it (parsing is cheap next to coding) and then again to yield its documents. A bad
    file is recorded in ``summary.failed`` and skipped.
    """
    from .ingest.readers import input_files, read_file

    for f in input_files(paths, on_error=lambda exc: summary.failed.append(exc.one_line())):
        summary.files += 1
        if _checked(f, read_file, summary):
            yield from read_file(f)
    if not summary.files and not summary.failed:
        summary.failed.append(InputError("no reports here (a report is a .txt, .md, .html, .xml/.rss/.atom, .jsonl or "
                                         ".jsonl.gz file)", where=", ".join(map(str, paths))).one_line())


def _checked(f: Path, read_file: Callable[[Path], Iterator[Document]], summary: RunSummary) -> bool:
    try:
        for _ in read_file(f):
            pass
    except ContentionError as exc:
        summary.failed.append(exc.one_line())
        return False
    except EOFError:
        summary.failed.append(InputError("the gzip file ends in the middle (truncated?)", where=str(f)).one_line())
        return False
    except gzip.BadGzipFile as exc:
        summary.failed.append(InputError(f"not a readable gzip file ({exc})", where=str(f)).one_line())
        return False
    except OSError as exc:
        summary.failed.append(InputError(f"cannot read: {exc.strerror or exc}", where=str(f)).one_line())
        return False
    except (UnicodeDecodeError, ValueError) as exc:
        summary.failed.append(InputError(str(exc), where=str(f)).one_line())
        return False
    return True


def count_documents(paths: list[str | Path]) -> int:
    """About how many documents ``paths`` hold, quickly, for a progress bar's total.

    A JSONL file counts its non-blank lines (a .gz is decompressed to count them), a feed its
    ``<item>``/``<entry>`` tags, any other report 1. Nothing is parsed; bad files count too.
    """
    from .ingest.readers import _suffix, input_files

    total = 0
    for f in input_files(paths, on_error=lambda _exc: None):
        try:
            kind = _suffix(f)
            if kind in (".jsonl", ".gz"):
                opener = gzip.open if kind == ".gz" else open
                with opener(f, "rb") as fh:  # type: ignore[operator]
                    total += sum(1 for line in fh if line.strip())
            elif kind in (".xml", ".rss", ".atom"):
                data = f.read_bytes()
                total += max(1, data.count(b"<item") + data.count(b"<entry"))
            else:
                total += 1
        except (OSError, EOFError, ValueError):
            total += 1
    return total


def read_documents(paths: list[str | Path], summary: RunSummary) -> list[Document]:
    """Every document under ``paths`` as a list (small inputs; ``run`` streams with ``iter_documents``)."""
    return list(iter_documents(paths, summary))


def batches(items: list[Document], size: int = BATCH_SIZE) -> list[list[Document]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def run(paths: list[str | Path], *, store, report_dir: str | Path | None = None, engine: str = "local",  # type: ignore[no-untyped-def]
        workers: int | None = None, scheduler: str | None = None,
        progress: Callable[[int], None] | None = None, chunk_size: int = CHUNK_SIZE,
        batch_size: int = BATCH_SIZE, resume: bool | int = False) -> RunSummary:
    """Read, code, link and store every report under ``paths``; rebuild episodes and the report.

    Streaming: documents are read lazily and cut into chunks of ``chunk_size`` (the same cut
    every time the same input is read). Per chunk: skip content hashes already stored, give a
    doc_id that another text holds a unique suffix (``distinct_ids``), code the rest in batches on
    ``engine``, and store the chunk's documents, events and a progress row (``run_chunks``) in one
    transaction. The driver holds one chunk at a time, so memory does not grow with the input.

    Reports of one act are merged (``merge_across_documents``) as the chunk is stored, over the
    chunk's events and the stored events of the same blocks (``Store.put_chunk``): the same
    events come out whatever the chunk size, and a later run's reports join the acts stored before.

    Exactly once: a document is keyed by its content hash and an event by ``Event.key``, and a
    chunk is stored whole or not at all, so a run killed anywhere and run again stores each
    document and event once. ``resume`` (True: the latest unfinished run over the same ``paths``;
    or a run id) continues that run under its own id, skipping the chunks it committed (when
    their documents are unchanged), so its counts come out as if it had never stopped.
    Re-running without ``resume`` also finishes the work, as a new run.

    progress: called with the number of documents of each chunk done.
    chunk_size: documents per chunk (per transaction); batch_size: documents per engine task.
    """
    summary = RunSummary()
    inputs = [str(p) for p in paths]
    driver = f"{socket.gethostname()}:{os.getpid()}"
    run_id = _resumable(store, inputs, resume)
    if run_id is None:
        run_id = store.begin_run(inputs=inputs, engine=engine, version=__version__, driver=driver)
        committed: dict[int, dict] = {}
    else:
        store.resume_run(run_id, engine=engine, driver=driver)
        committed = {c["chunk"]: c for c in store.run_chunks(run_id)}
    summary.run_id = run_id
    try:
        from .engine import open_engine
        with open_engine(engine, workers=workers, scheduler=scheduler) as eng, \
                _ChunkWriter(overlap=store.dialect == "postgresql") as writer:
            for n, chunk in enumerate(chunks(iter_documents(paths, summary), chunk_size)):
                digest = chunk_digest(chunk)
                done = committed.get(n)
                if done is not None and done["digest"] == digest:
                    finished = [(done, len(chunk))]
                else:
                    finished = _run_chunk(store, eng, writer, run_id, n, chunk, digest, batch_size)
                _account(summary, finished, progress)
            _account(summary, writer.drain(), progress)
        rebuild_episodes(store)
        if report_dir is not None:
            from .report.from_store import build_from_store
            summary.report = build_from_store(store, report_dir)
    except KeyboardInterrupt:
        store.finish_run(run_id, state="interrupted", error="interrupted", counts=_counts(summary))
        raise
    except BaseException as exc:
        store.finish_run(run_id, state="failed", error=str(exc)[:500], counts=_counts(summary))
        raise
    store.finish_run(run_id, state="done" if summary.ok else "partial", counts=_counts(summary))
    return summary


def _resumable(store, inputs: list[str], resume: bool | int) -> int | None:  # type: ignore[no-untyped-def]
    if resume is True:
        return store.unfinished_run(inputs=inputs)
    if resume is not False and resume is not None:
        return int(resume)
    return None


def chunks(docs: Iterable[Document], size: int = CHUNK_SIZE) -> Iterator[list[Document]]:
    """``docs`` cut into lists of ``size`` (the last may be shorter), read lazily."""
    it = iter(docs)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def chunk_digest(docs: Iterable[Document]) -> str:
    """Fingerprint of a chunk: the SHA-256 of its documents' content hashes, in order."""
    h = hashlib.sha256()
    for d in docs:
        h.update(d.content_hash.encode("ascii"))
    return h.hexdigest()[:24]


def _run_chunk(store, eng, writer: _ChunkWriter, run_id: int, n: int, chunk: list[Document], digest: str,  # type: ignore[no-untyped-def]
               batch_size: int) -> list[tuple[dict, int]]:
    """Code one chunk on ``eng`` and hand it to ``writer``; RETURNS the chunks the writer finished meanwhile.

    Reports of one act are merged when the chunk is stored (``Store.put_chunk`` links them with the
    stored events too), so chunk boundaries do not change the result.
    """
    # documents of the chunk still being written count as stored already
    known = store.known_hashes(d.content_hash for d in chunk) | writer.pending_hashes
    todo, renamed = distinct_ids(store, _unique([d for d in chunk if d.content_hash not in known]), writer.pending_ids)
    stored: list[Document] = []
    events: list[Event] = []
    tally: dict[str, Any] = {"languages": {}, "notes": {}}
    if renamed:
        tally["notes"]["renamed_doc_id"] = renamed
    work = batches(todo, batch_size)
    for batch, results in zip(work, eng.map(extract_batch, work), strict=True):
        for doc, res in zip(batch, results, strict=True):
            if res.note and res.note.startswith(FAILED_NOTE):
                tally.setdefault("errors", []).append(
                    f"{doc.source or '?'}: document {doc.doc_id}: coding failed, not stored ({res.note[len(FAILED_NOTE):]})")
                continue
            stored.append(doc if doc.lang else replace(doc, lang=res.lang))
            events.extend(res.events)
            _tally(tally, res)
    counts = {"documents": len(chunk), "skipped_known": len(chunk) - len(todo)}
    sources = sorted({d.source for d in chunk if d.source})
    where = ", ".join(sources[:3]) + (f" and {len(sources) - 3} more files" if len(sources) > 3 else "")

    def write() -> dict:  # type: ignore[type-arg]
        out = store.put_chunk(run_id, n, digest=digest, docs=stored, events=events, counts=counts, tally=tally,
                              where=where or None)
        return {**out, "tally": tally}
    return writer.submit(write, len(chunk), {d.content_hash for d in todo}, {d.doc_id: d.content_hash for d in todo})


def distinct_ids(store, docs: list[Document], pending: dict[str, str]) -> tuple[list[Document], int]:  # type: ignore[no-untyped-def]
    """``docs`` with every doc_id that another text already holds made unique: ``<doc_id>#<hash>``.

    Two texts under one doc_id (JSONL files each numbered 1..n, a source that reuses ids) are two
    documents: the first keeps the id, a later one gets its content hash appended, so neither is
    dropped and every evidence span points into its own text. The same text again is not renamed
    (it is skipped as known). pending: doc_id -> content hash of documents still being written.
    RETURNS (documents, how many were renamed).
    """
    taken = {**store.doc_id_hashes(d.doc_id for d in docs), **pending}
    out, renamed = [], 0
    for doc in docs:
        h = doc.content_hash
        doc_id, width = doc.doc_id, 8
        while taken.get(doc_id, h) != h:
            doc_id = f"{doc.doc_id}#{h[:width]}"
            taken.update({k: v for k, v in store.doc_id_hashes([doc_id]).items() if k not in taken})
            width += 4
        if doc_id != doc.doc_id:
            renamed += 1
            doc = replace(doc, doc_id=doc_id)
        taken[doc_id] = h
        out.append(doc)
    return out, renamed


class _ChunkWriter:
    """Stores coded chunks in order, one at a time; with ``overlap`` on a background thread.

    With overlap (PostgreSQL), chunk n is written while chunk n+1 is coded, so the workers do
    not wait for the COPY; at most one chunk is being written. Without it (SQLite, whose
    in-memory database is one shared connection) the write happens in the caller.
    """

    def __init__(self, *, overlap: bool) -> None:
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="contention-writer") if overlap else None
        self._pending: tuple[Future[dict], int, set[str], dict[str, str]] | None = None  # type: ignore[type-arg]

    @property
    def pending_hashes(self) -> set[str]:
        return self._pending[2] if self._pending else set()

    @property
    def pending_ids(self) -> dict[str, str]:
        """doc_id -> content hash of the documents being written."""
        return self._pending[3] if self._pending else {}

    def submit(self, write: Callable[[], dict], size: int, hashes: set[str],  # type: ignore[type-arg]
               ids: dict[str, str]) -> list[tuple[dict, int]]:  # type: ignore[type-arg]
        """Write after the chunk before it; RETURNS the (progress row, documents) of chunks finished now."""
        finished = self.drain()
        if self._pool is None:
            return [*finished, (write(), size)]
        self._pending = (self._pool.submit(write), size, hashes, ids)
        return finished

    def drain(self) -> list[tuple[dict, int]]:  # type: ignore[type-arg]
        """Wait for the chunk being written (its error, if any, is raised here)."""
        if self._pending is None:
            return []
        future, size, _, _ = self._pending
        self._pending = None
        return [(future.result(), size)]

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        # a write in progress ends (commit or roll back) before the run is marked finished
        if self._pool is not None:
            self._pool.shutdown(wait=True)


def _account(summary: RunSummary, finished: list[tuple[dict, int]], progress: Callable[[int], None] | None) -> None:  # type: ignore[type-arg]
    for row, size in finished:
        _add_chunk(summary, row)
        if progress:
            progress(size)


def _add_chunk(summary: RunSummary, row: dict) -> None:  # type: ignore[type-arg]
    for name in ("documents", "new_documents", "skipped_known", "events", "new_events"):
        setattr(summary, name, getattr(summary, name) + int(row[name]))
    summary.failed.extend((row.get("tally") or {}).get("errors", []))
    for name in ("languages", "notes"):
        into = getattr(summary, name)
        for k, v in (row.get("tally") or {}).get(name, {}).items():
            into[k] = into.get(k, 0) + int(v)


def _unique(docs: list[Document]) -> list[Document]:
    seen: set[str] = set()
    out = []
    for d in docs:
        if d.content_hash not in seen:
            seen.add(d.content_hash)
            out.append(d)
    return out


def _tally(tally: dict[str, dict[str, int]], res: DocResult) -> None:
    key = res.lang or "unknown"
    tally["languages"][key] = tally["languages"].get(key, 0) + 1
    if res.note:
        if res.lang_pack == "none":  # coded without a pack: by the recogniser, or the older embedding layer
            note = f"{'recogniser_only' if 'recogniser' in res.note else 'embeddings_only'}:{key}"
        elif res.note.startswith("no language pack"):
            note = "no_language_pack"
        else:
            note = res.note
        tally["notes"][note] = tally["notes"].get(note, 0) + 1


def _counts(s: RunSummary) -> dict[str, int]:
    return {"files": s.files, "documents": s.documents, "new_documents": s.new_documents,
            "skipped_known": s.skipped_known, "events": s.events, "new_events": s.new_events, "failed_files": len(s.failed)}


#: The event columns episode building reads (link/episodes.py); the rest are filled empty.
EPISODE_COLUMNS = ("event_key", "type", "family", "date", "country", "admin1", "place", "modality", "doc_id",
                   "evidence")


def rebuild_episodes(store) -> int:  # type: ignore[no-untyped-def]
    """Regroup all stored events into episodes (episodes are derived data, rebuilt after every change)."""
    from .link.episodes import build_episodes

    # only what grouping needs, asserted events only: the rebuild reads every event of the store
    frame = store.events_frame(columns=EPISODE_COLUMNS, modality="asserted")
    if frame.empty:
        return 0
    episodes, _ = build_episodes(frame)
    return store.put_episodes(episodes, replace=True)
