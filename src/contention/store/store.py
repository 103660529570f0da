"""The Store: contention's only door to SQL (SQLite by default, PostgreSQL optionally)."""
from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Self, TypeVar

import pandas as pd
from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from ..errors import StoreError
from ..records import Document, Episode, Event
from . import export as _export
from . import read, review, write
from .connect import DEFAULT_URL, DRIVER_ERRORS, check_reachable, driver_url, make_engine, reason, redact
from .filters import Filters
from .migrate import upgrade
from .rows import now

T = TypeVar("T")
#: PostgreSQL SQLSTATEs worth one more try: deadlock_detected, serialization_failure.
_RETRY_STATES = ("40P01", "40001")
_RETRIES = 3


def open_store(url: str | None = None, *, create: bool = True) -> Store:
    """Open (and create or upgrade) the store at ``url``.

    url: ``sqlite:///path``, ``postgresql://user@host/db`` or None for ``contention.db`` here.
    create: make the tables in a new SQLite file or an empty database (the commands that write: run,
    import); False for the commands that read, so that a mistyped path is an error, not a new empty store.
    RETURNS (Store): ready to use; close it with ``close()`` or a ``with`` block.
    Raises StoreError (one line, password removed) when the database cannot be reached, when
    ``create`` is False and there is no contention store there, and when the database holds another
    application's tables (ours are never added beside them).
    """
    raw = url or DEFAULT_URL
    shown = redact(raw)
    parsed = driver_url(raw)
    if not create and parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:") \
            and not os.path.exists(parsed.database):
        raise StoreError(f"no database at {parsed.database}",
                         hint="check --db; `contention run` or `contention import` creates one")
    engine = make_engine(parsed, shown)
    check_reachable(engine, shown)
    try:
        upgrade(engine, create=create, shown=shown)
    except StoreError:
        engine.dispose()
        raise
    return Store(engine, shown)


class Store:
    """Documents, events with their evidence, episodes and runs in one database.

    Every write is one transaction: it is stored whole or not at all. Re-putting what is
    already stored adds nothing. Reads never change the database.
    """

    def __init__(self, engine: Engine, url: str) -> None:
        self._engine = engine
        self.url = url
        self.dialect: str = engine.dialect.name

    # -- plumbing ---------------------------------------------------------------------------
    def _write(self, what: str, work: Callable[[Connection], T]) -> T:
        for attempt in range(_RETRIES):
            try:
                with self._engine.connect() as conn:
                    conn.info["write"] = True
                    with conn.begin():
                        return work(conn)
            except (DBAPIError, *DRIVER_ERRORS) as exc:
                state = getattr(getattr(exc, "orig", exc), "sqlstate", None)
                if state in _RETRY_STATES and attempt + 1 < _RETRIES:
                    time.sleep(0.05 * (attempt + 1))
                    continue
                raise StoreError(f"{what} refused, nothing written: {reason(exc)}", where=self.url) from exc
            except SQLAlchemyError as exc:
                raise StoreError(f"{what} failed, nothing written: {reason(exc)}", where=self.url) from exc
        raise AssertionError("unreachable")

    @contextmanager
    def _read(self, what: str) -> Iterator[Connection]:
        try:
            with self._engine.connect() as conn, conn.begin():
                yield conn
        except (SQLAlchemyError, *DRIVER_ERRORS) as exc:
            raise StoreError(f"{what} failed: {reason(exc)}", where=self.url) from exc

    # -- runs -------------------------------------------------------------------------------
    def begin_run(self, *, inputs: list[str], engine: str = "local", version: str, command: str = "run",
                  driver: str | None = None) -> int:
        """Record the start of a run; RETURNS (int): its id, to pass to the put_* calls and finish_run.

        driver: ``host:pid`` of the process running it (lets ``runs()`` tell live runs from interrupted ones).
        """
        sql = text("INSERT INTO runs (started, command, inputs, version, engine, state, driver, heartbeat) "
                   "VALUES (:started, :command, :inputs, :version, :engine, 'running', :driver, :started) "
                   "RETURNING id")
        params = {"started": now(), "command": command, "inputs": json.dumps(list(inputs), ensure_ascii=False),
                  "version": version, "engine": engine, "driver": driver}
        return int(self._write("begin_run", lambda c: c.execute(sql, params).scalar_one()))

    def resume_run(self, run_id: int, *, engine: str, driver: str | None = None) -> None:
        """Take over unfinished run ``run_id`` (state back to running, this driver); its committed chunks stay."""
        sql = text("UPDATE runs SET state = 'running', finished = NULL, error = NULL, engine = :engine, "
                   "driver = :driver, heartbeat = :now WHERE id = :id AND state <> 'done'")
        params = {"engine": engine, "driver": driver, "now": now(), "id": int(run_id)}
        if self._write("resume_run", lambda c: c.execute(sql, params).rowcount) != 1:
            raise StoreError(f"run {run_id} cannot be resumed (no such run, or it is done)", where=self.url)

    def unfinished_run(self, *, inputs: list[str], command: str = "run") -> int | None:
        """The latest run of ``command`` over exactly ``inputs`` if it stopped unfinished (failed or interrupted), or None.

        A run that still looks alive (``runs.run_state``) is not taken over.
        """
        from .runs import run_state

        wanted = list(inputs)
        for r in reversed(self.runs()):
            if r["command"] == command and r["inputs"] == wanted:
                return int(r["id"]) if run_state(r) in ("failed", "interrupted") else None
        return None

    def put_chunk(self, run_id: int, chunk: int, *, digest: str, docs: Sequence[Document], events: Sequence[Event],
                  counts: dict[str, int], tally: dict[str, Any], where: str | None = None) -> dict[str, int]:
        """Store one chunk of a run: its documents, its events and its progress row, in ONE transaction.

        Either all of it is stored or none of it, so a run killed at any moment has stored whole
        chunks only. ``events`` are the chunk's events as coded: reports of one act are merged here,
        across the chunk's documents and with the stored events (``write.link_events``), so how the
        input was cut into chunks does not change what is stored.
        counts: documents and skipped_known of the chunk (events and new_* are measured here).
        where: the files the chunk came from, named in the error if the database refuses it.
        RETURNS (dict): ``counts`` with events (new ones plus those of earlier runs that the chunk's
        reports tell again), new_documents and new_events filled in.
        """
        def work(conn: Connection) -> dict[str, int]:
            out = dict(counts)
            out["new_documents"] = write.put_documents(conn, docs, run_id)
            added, linked = write.link_events(conn, events, run_id)
            out["new_events"], out["events"] = added, added + linked
            write.put_chunk_progress(conn, run_id, chunk, digest, out, json.dumps(tally, ensure_ascii=False))
            return out
        return self._write(f"storing chunk {chunk}" + (f" ({where})" if where else ""), work)

    def doc_id_hashes(self, doc_ids: Iterable[str]) -> dict[str, str]:
        """doc_id -> content hash of the stored documents among ``doc_ids``."""
        wanted = sorted(set(doc_ids))
        out: dict[str, str] = {}
        with self._read("doc_id_hashes") as conn:
            cursor = conn.connection.cursor()
            mark = "%s" if self.dialect == "postgresql" else "?"
            for i in range(0, len(wanted), read.IN_CHUNK):
                part = wanted[i:i + read.IN_CHUNK]
                cursor.execute(f"SELECT doc_id, content_hash FROM documents WHERE doc_id IN ({', '.join([mark] * len(part))})",
                               part)
                out.update((r[0], r[1]) for r in cursor.fetchall())
        return out

    def run_chunks(self, run_id: int) -> list[dict[str, Any]]:
        """The committed chunks of run ``run_id``, in order: chunk, digest, the counts, tally, committed."""
        with self._read("run_chunks") as conn:
            return read.run_chunks(conn, int(run_id))

    def finish_run(self, run_id: int, *, state: str = "done", counts: dict[str, int] | None = None,
                   error: str | None = None) -> None:
        """Mark run ``run_id`` finished with ``state`` (done, failed, ...), its counts and error, if any."""
        sql = text("UPDATE runs SET finished = :finished, state = :state, counts = :counts, error = :error "
                   "WHERE id = :id")
        params = {"finished": now(), "state": state, "counts": json.dumps(dict(counts or {})), "error": error,
                  "id": int(run_id)}
        if self._write("finish_run", lambda c: c.execute(sql, params).rowcount) != 1:
            raise StoreError(f"no run {run_id}", where=self.url)

    def runs(self) -> list[dict[str, Any]]:
        """Every run, oldest first: id, started, finished, command, inputs, version, engine, state, counts, error."""
        with self._read("runs") as conn:
            return read.runs(conn)

    # -- writes -----------------------------------------------------------------------------
    def put_documents(self, docs: Iterable[Document], *, run_id: int | None = None) -> int:
        """Store documents; one already stored under the same doc_id or text is left as it is.

        RETURNS (int): how many were newly added.
        """
        batch = list(docs)
        return self._write("put_documents", lambda c: write.put_documents(c, batch, run_id))

    def put_records(self, docs: Iterable[Document], events: Iterable[Event], *,
                    run_id: int | None = None) -> tuple[int, int]:
        """Store documents and the events that point into them in ONE transaction (imports).

        RETURNS (new documents, new events).
        """
        doc_batch, event_batch = list(docs), list(events)
        return self._write("put_records", lambda c: (write.put_documents(c, doc_batch, run_id),
                                                     write.put_events(c, event_batch, run_id)))

    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        """Which of these content hashes (``Document.content_hash``) are stored already."""
        wanted = sorted(set(hashes))
        with self._read("known_hashes") as conn:
            return set(read.in_chunks(conn, "SELECT content_hash FROM documents WHERE content_hash IN ({marks})",
                                      wanted))

    def put_events(self, events: Iterable[Event], *, run_id: int | None = None) -> int:
        """Store events (idempotent on ``Event.key``) with every evidence span, primary and more.

        An event stored earlier keeps its attributes, but new evidence spans for it are added.
        RETURNS (int): how many events were newly added.
        """
        batch = list(events)
        return self._write("put_events", lambda c: write.put_events(c, batch, run_id))

    def put_episodes(self, episodes: Iterable[Episode], *, replace: bool = True) -> int:
        """Store episodes; ``replace`` drops all stored episodes first. RETURNS (int): episodes written."""
        batch = list(episodes)
        return self._write("put_episodes", lambda c: write.put_episodes(c, batch, replace))

    # -- reads ------------------------------------------------------------------------------
    def events(self, *, country: str | None = None, admin1: str | None = None, type: str | None = None,
               family: str | None = None, modality: str | None = None, origin: str | None = None,
               preemptive: bool | None = None, date_from: str | None = None, date_to: str | None = None,
               text: str | None = None, doc_id: str | None = None, event_key: str | None = None,
               limit: int | None = None, offset: int = 0, sort: str | None = None,
               descending: bool = False) -> list[Event]:
        """Events matching every given filter, ordered by date (undated first) then key, paged by limit/offset.

        country, admin1, type, family, modality, origin, doc_id, event_key: exact values; preemptive: True/False.
        date_from, date_to: ISO dates (2011, 2011-12, 2011-12-16); an event matches when its own
        span overlaps the range (a month-only date covers its month); undated events match no range.
        text: full-text search (``search`` syntax) over the event's evidence and its document.
        The other read methods (events_frame, count_events, count_by, export) take the same filters.
        sort: a column from ``filters.SORTABLE`` (default: the date); descending: reverse it.
        """
        f = Filters(country=country, admin1=admin1, type=type, family=family, modality=modality, origin=origin,
                    preemptive=preemptive, date_from=date_from, date_to=date_to, text=text, doc_id=doc_id,
                    event_key=event_key)
        with self._read("events") as conn:
            return [e for page in read.iter_events(conn, f, limit, offset, (sort, descending)) for e in page]

    def events_frame(self, *, limit: int | None = None, offset: int = 0, columns: Sequence[str] | None = None,
                     **filters: Any) -> pd.DataFrame:
        """Events matching ``filters`` as a DataFrame, one row per event.

        columns: a subset of ``read.FRAME_COLUMNS`` to read (default: all of them, in that order).
        """
        f = Filters.of(filters)
        with self._read("events_frame") as conn:
            frames = list(read.iter_frames(conn, f, limit, offset, tuple(columns or read.FRAME_COLUMNS)))
        return frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)

    def count_events(self, **filters: Any) -> int:
        """How many events match ``filters``."""
        f = Filters.of(filters)
        with self._read("count_events") as conn:
            return read.count_events(conn, f)

    def count_by(self, *, by: Sequence[str] = ("country", "family", "year"), **filters: Any) -> pd.DataFrame:
        """Counts of events matching ``filters`` per group (the repertoire table); one row per group.

        by: columns to group on, from ``read.GROUPABLE`` (``year`` is the year of the event date).
        RETURNS (DataFrame): the ``by`` columns and ``events``, ordered by the ``by`` columns.
        """
        f = Filters.of(filters)
        with self._read("count_by") as conn:
            return read.count_by(conn, f, by)

    def facet_counts(self, *, by: Sequence[str], top: int = 12, **filters: Any) -> dict[str, pd.DataFrame]:
        """Per column of ``by`` (from ``read.GROUPABLE``), its ``top`` most frequent values among the events
        matching ``filters``: column -> DataFrame(value, events, n_values). The filter is evaluated once."""
        f = Filters.of(filters)
        with self._read("facet_counts") as conn:
            return read.facet_counts(conn, f, by, top)

    def document(self, doc_id: str) -> Document | None:
        """The document stored under ``doc_id``, or None."""
        with self._read("document") as conn:
            found = read.documents(conn, None, 0, doc_id=doc_id)
        return found[0] if found else None

    def documents(self, *, limit: int | None = None, offset: int = 0) -> list[Document]:
        """Stored documents ordered by doc_id, paged by limit/offset."""
        with self._read("documents") as conn:
            return read.documents(conn, limit, offset)

    def search(self, query: str, *, limit: int = 50) -> list[dict[str, Any]]:
        """Full-text search over documents and evidence, best first.

        query: words (all must match), ``word*`` prefix, ``"a phrase"``, ``a OR b``, ``-word``.
        RETURNS (list[dict]): kind ('document' | 'evidence'), doc_id, event_key, title, snippet
        (matches in [brackets]), score (higher is better; comparable within one back end only).
        """
        with self._read("search") as conn:
            return read.search(conn, query, limit)

    def episodes(self, *, country: str | None = None, region: str | None = None, limit: int | None = None,
                 offset: int = 0, episode_id: str | None = None) -> list[Episode]:
        """Stored episodes, by start date, optionally of one country, region (admin1) or id, paged by limit/offset."""
        with self._read("episodes") as conn:
            return read.episodes(conn, country, region, limit, offset, episode_id)

    def events_of(self, keys: Sequence[str], *, columns: Sequence[str] = ("event_key", "type", "family", "date",
                                                                         "modality")) -> pd.DataFrame:
        """The events with these keys (machine coding) as a frame of ``columns``; unknown keys are absent."""
        with self._read("events_of") as conn:
            return read.frame_of_keys(conn, keys, columns)

    def count_episodes(self, *, country: str | None = None, region: str | None = None) -> int:
        """How many episodes (of one country, region) are stored."""
        with self._read("count_episodes") as conn:
            return read.count_episodes(conn, country, region)

    def episode_ids(self, keys: Sequence[str]) -> dict[str, str]:
        """event key -> id of the stored episode it belongs to (keys in none are absent)."""
        with self._read("episode_ids") as conn:
            return read.episode_ids_of(conn, keys)

    def stream(self, fmt: str, *, sort: str | None = None, descending: bool = False,
               **filters: Any) -> Iterator[bytes]:
        """The events matching ``filters`` as csv | jsonl | parquet bytes, page by page (never all in memory)."""
        chosen = _export.format_of("", fmt)
        f = Filters.of(filters)
        order = (sort, descending)
        with self._read("stream") as conn:
            if chosen == "jsonl":
                yield from _export.stream_jsonl(read.iter_events(conn, f, None, 0, order))
            else:
                frames = read.iter_frames(conn, f, None, 0, read.FRAME_COLUMNS, order)
                yield from (_export.stream_csv if chosen == "csv" else _export.stream_parquet)(frames)

    def export(self, path: str, *, fmt: str | None = None, **filters: Any) -> int:
        """Write events matching ``filters`` to ``path`` (csv | jsonl | parquet, by suffix unless ``fmt``).

        Exports describe themselves: JSONL rows are ``Event.to_dict()`` and CSV and Parquet rows are
        ``events_frame`` rows, each plus ``export.EXPORT_EXTRA`` (date bounds, evidence offsets, the
        document's URL, title and date, the episode, coordinates, the review status); Parquet carries the
        contention and taxonomy versions and the query as metadata; and ``<path>.codebook.md`` beside
        it describes every column and code.
        RETURNS (int): rows written.
        """
        chosen = _export.format_of(path, fmt)
        f = Filters.of(filters)
        try:
            with self._read("export") as conn:
                if chosen == "jsonl":
                    rows = _export.write_jsonl_described(conn, path, read.iter_events(conn, f, None, 0))
                    columns = ("(Event.to_dict() keys)", *_export.EXPORT_EXTRA)
                else:
                    frames = _export.with_extras(conn, read.iter_frames(conn, f, None, 0))
                    if chosen == "csv":
                        rows = _export.write_csv(path, frames)
                    else:
                        about = _export.description(filters, chosen)
                        rows = _export.write_parquet_described(path, frames, about)
                    columns = _export.EXPORT_COLUMNS
            _export.write_codebook(path, _export.description(filters, chosen, rows), columns)
            return rows
        except OSError as exc:
            raise StoreError(f"cannot write {path}: {exc.strerror or exc}") from exc

    # -- review ------------------------------------------------------------------------------
    def add_user(self, name: str, password_hash: str) -> None:
        """Create (or replace) reviewer ``name`` with an already hashed password (see ``review.accounts``)."""
        self._write("add_user", lambda c: review.add_user(c, name, password_hash))

    def remove_user(self, name: str) -> bool:
        """Remove reviewer ``name`` and end its sessions (its audit entries stay); RETURNS whether it existed."""
        return bool(self._write("remove_user", lambda c: review.remove_user(c, name)))

    def users(self) -> list[dict[str, Any]]:
        """Every reviewer: name, created, sessions (how many are open)."""
        with self._read("users") as conn:
            return review.users(conn)

    def add_session(self, session_id: str, name: str, expires: str) -> None:
        """Record a session of reviewer ``name`` until ``expires`` (ISO time); ``session_id`` is a hash, not the token."""
        self._write("add_session", lambda c: review.add_session(c, session_id, name, expires))

    def session_user(self, session_id: str) -> str | None:
        """The reviewer of session ``session_id`` while it is open, else None."""
        with self._read("session") as conn:
            return review.session_user(conn, session_id)

    def drop_session(self, session_id: str) -> None:
        """End session ``session_id`` (sign-out)."""
        self._write("drop_session", lambda c: review.drop_session(c, session_id))

    def user_password(self, name: str) -> str | None:
        """The stored password hash of reviewer ``name``, or None when there is no such reviewer."""
        with self._read("user") as conn:
            return review.user_password(conn, name)

    def review_states(self, keys: Sequence[str] | None = None, *, doc_id: str | None = None) -> dict[str, dict[str, Any]]:
        """The review overlay per event key (of ``keys``, of one document, or all); unreviewed keys are absent."""
        with self._read("review_states") as conn:
            return review.states(conn, None if keys is None else list(keys), doc_id)

    def record_review(self, *, who: str, action: str, reason: str,
                      changes: dict[str, dict[str, Any] | None]) -> int:
        """Set the overlay of each key in ``changes`` (None clears it) and log it; RETURNS (int): the audit entry id."""
        return self._write("review", lambda c: review.record(c, who, action, reason, changes))

    def undo_review(self, entry_id: int, *, who: str, reason: str = "") -> int:
        """Undo audit entry ``entry_id`` (itself logged); RETURNS (int): the new entry's id."""
        return self._write("undo", lambda c: review.undo(c, entry_id, who, reason))

    def audit_log(self, *, event_key: str | None = None, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        """Audit entries newest first: id, who, at, action, reason, changes [{event_key, before, after}], undoes, undone_by."""
        with self._read("audit_log") as conn:
            return review.audit(conn, event_key, limit, offset)

    def close(self) -> None:
        """Release every connection."""
        self._engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.url!r})"
