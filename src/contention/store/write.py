"""The write paths: documents, events with their evidence, episodes; one transaction each (opened by the caller).

Rows are de-duplicated and sorted by key before they go in, so two PostgreSQL writers that
insert overlapping batches take their row locks in the same order and cannot deadlock each
other; ``ON CONFLICT DO NOTHING`` makes every insert idempotent and lets concurrent writers
add the same row without losing either's work.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import Connection

from ..records import Document, Episode, Event
from .read import in_chunks
from .rows import DOCUMENT_COLUMNS, EVENT_COLUMNS, EVIDENCE_COLUMNS, document_row, event_row, evidence_rows, now

#: From this many events a PostgreSQL write goes through COPY into a temporary table.
PG_BULK_MIN = 1000
#: From this many documents likewise: a document row is ~1.5 KB of text, so COPY pays off sooner.
PG_BULK_DOCS_MIN = 200


def _insert_sql(table: str, columns: Sequence[str], dialect: str) -> str:
    mark = "%s" if dialect == "postgresql" else "?"
    return (f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join([mark] * len(columns))}) "
            "ON CONFLICT DO NOTHING")


def _many(conn: Connection, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> int:
    """executemany on the driver's cursor; returns how many rows were inserted."""
    if not rows:
        return 0
    cursor = conn.connection.cursor()
    cursor.executemany(_insert_sql(table, columns, conn.dialect.name), rows)
    return max(int(cursor.rowcount), 0)


def _copy(conn: Connection, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]], order: str) -> int:
    """PostgreSQL: COPY ``rows`` into a temporary twin of ``table``, then one INSERT ... ON CONFLICT DO NOTHING."""
    cols = ", ".join(columns)
    staging = f"_in_{table}"
    cursor = conn.connection.cursor()
    cursor.execute(f"CREATE TEMP TABLE {staging} ON COMMIT DROP AS SELECT {cols} FROM {table} WITH NO DATA")
    with cursor.copy(f"COPY {staging} ({cols}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
    cursor.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {staging} ORDER BY {order} "
                   "ON CONFLICT DO NOTHING")
    inserted = max(int(cursor.rowcount), 0)
    cursor.execute(f"DROP TABLE {staging}")
    return inserted


def _sqlite_indexed(conn: Connection, table: str, columns: str, insert: Callable[[], int]) -> int:
    """SQLite: run ``insert`` and add the rows it created to ``<table>_fts`` in one statement.

    Rowids of an INTEGER PRIMARY KEY grow past the current maximum, and the write holds the
    database lock (BEGIN IMMEDIATE), so the new rows are exactly those above the old maximum.
    """
    cursor = conn.connection.cursor()
    before = cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}").fetchone()[0]
    added = insert()
    if added:
        cursor.execute(f"INSERT INTO {table}_fts (rowid, {columns}) SELECT id, {columns} FROM {table} WHERE id > ?",
                       (before,))
    return added


def put_documents(conn: Connection, docs: Iterable[Document], run_id: int | None) -> int:
    """Insert documents not yet stored (by doc_id or by content hash); returns how many were added."""
    unique: dict[str, tuple[Any, ...]] = {}
    for doc in docs:
        unique.setdefault(doc.doc_id, document_row(doc, run_id))
    rows = [unique[k] for k in sorted(unique)]
    if conn.dialect.name == "sqlite":
        return _sqlite_indexed(conn, "documents", "title, text", lambda: _many(conn, "documents", DOCUMENT_COLUMNS, rows))
    if len(rows) >= PG_BULK_DOCS_MIN:
        return _copy(conn, "documents", DOCUMENT_COLUMNS, rows, "doc_id")
    return _many(conn, "documents", DOCUMENT_COLUMNS, rows)


def put_events(conn: Connection, events: Iterable[Event], run_id: int | None) -> int:
    """Insert events not yet stored (by key) and every evidence span not yet stored; returns events added."""
    pg = conn.dialect.name == "postgresql"
    created = now()
    by_key: dict[str, Event] = {}
    spans: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    for event in events:
        key = event.key  # a sha256 each time it is read
        if by_key.setdefault(key, event) is event:
            for row in evidence_rows(event, key, pg=pg):
                spans.setdefault(row[:4], row)  # a merged event re-put with more evidence adds the new spans
    rows = [event_row(by_key[k], k, run_id, created, pg=pg) for k in sorted(by_key)]
    evidence = [spans[k] for k in sorted(spans)]
    if pg and len(rows) >= PG_BULK_MIN:
        added = _copy(conn, "events", EVENT_COLUMNS, rows, "event_key")
        _copy(conn, "evidence", EVIDENCE_COLUMNS, evidence, "event_key, doc_id, start_char, end_char")
        return added
    added = _many(conn, "events", EVENT_COLUMNS, rows)
    if pg:
        _many(conn, "evidence", EVIDENCE_COLUMNS, evidence)
    else:
        _sqlite_indexed(conn, "evidence", "text", lambda: _many(conn, "evidence", EVIDENCE_COLUMNS, evidence))
    return added


def put_chunk_progress(conn: Connection, run_id: int, chunk: int, digest: str, counts: dict[str, int],
                       tally: str) -> None:
    """Record chunk ``chunk`` of run ``run_id`` as committed, in the caller's transaction, and beat the run's heart.

    A resumed run whose input changed under it re-codes the chunk; the row then takes the new counts.
    """
    cols = ("run_id", "chunk", "digest", "documents", "new_documents", "skipped_known", "events", "new_events",
            "tally", "committed")
    stamp = now()
    row = (run_id, chunk, digest, *(int(counts.get(k, 0)) for k in cols[3:8]), tally, stamp)
    mark = "%s" if conn.dialect.name == "postgresql" else "?"
    tally_mark = f"CAST({mark} AS JSONB)" if conn.dialect.name == "postgresql" else mark
    marks = ", ".join([mark] * 8 + [tally_mark, mark])
    update = ", ".join(f"{c} = excluded.{c}" for c in cols[2:])
    cursor = conn.connection.cursor()
    cursor.execute(f"INSERT INTO run_chunks ({', '.join(cols)}) VALUES ({marks}) "
                   f"ON CONFLICT (run_id, chunk) DO UPDATE SET {update}", row)
    cursor.execute(f"UPDATE runs SET heartbeat = {mark} WHERE id = {mark}", (stamp, run_id))


def put_episodes(conn: Connection, episodes: Iterable[Episode], replace: bool) -> int:
    """Store episodes; ``replace`` first drops every stored episode (they are derived data, recomputed whole)."""
    cursor = conn.connection.cursor()
    if replace:
        cursor.execute("DELETE FROM episode_events")
        cursor.execute("DELETE FROM episodes")
    unique: dict[str, Episode] = {}
    for ep in episodes:
        unique.setdefault(ep.episode_id, ep)
    if not replace and unique:
        existing = _existing_episodes(conn, list(unique))
        unique = {k: v for k, v in unique.items() if k not in existing}
    heads = [(e.episode_id, e.country, e.admin1, e.place, e.start, e.end, e.label)
             for e in (unique[k] for k in sorted(unique))]
    members = [(e.episode_id, role, i, key) for e in unique.values()
               for role, keys in (("protest", e.protest_keys), ("response", e.response_keys))
               for i, key in enumerate(keys)]
    added = _many(conn, "episodes", ("episode_id", "country", "admin1", "place", "start_date", "end_date", "label"),
                  heads)
    _many(conn, "episode_events", ("episode_id", "role", "ordinal", "event_key"), sorted(members))
    return added


def _existing_episodes(conn: Connection, ids: list[str]) -> set[str]:
    return set(in_chunks(conn, "SELECT episode_id FROM episodes WHERE episode_id IN ({marks})", ids))
