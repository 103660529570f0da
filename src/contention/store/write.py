"""The write paths: documents, events with their evidence, episodes; one transaction each (opened by the caller).

Rows are de-duplicated and sorted by key before they go in, so two PostgreSQL writers that
insert overlapping batches take their row locks in the same order and cannot deadlock each
other; ``ON CONFLICT DO NOTHING`` makes every insert idempotent and lets concurrent writers
add the same row without losing either's work.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import Connection

from ..records import Document, Episode, Event
from ..taxonomy import COUNT_KEYS
from .read import IN_CHUNK, in_chunks
from .rows import (DOCUMENT_COLUMNS, EVENT_COLUMNS, EVIDENCE_COLUMNS, date_bounds, document_row, event_row,
                   evidence_rows, loads, now)

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


def put_events(conn: Connection, events: Iterable[Event], run_id: int | None,
               seqs: dict[str, int] | None = None) -> int:
    """Insert events not yet stored (by key) and every evidence span not yet stored; returns events added.

    seqs: event key -> its place in its link block (``link_events``), for linked events.
    """
    pg = conn.dialect.name == "postgresql"
    seqs = seqs or {}
    created = now()
    by_key: dict[str, Event] = {}
    spans: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    for event in events:
        key = event.key  # a sha256 each time it is read
        if by_key.setdefault(key, event) is event:
            for row in evidence_rows(event, key, pg=pg):
                spans.setdefault(row[:4], row)  # a merged event re-put with more evidence adds the new spans
    rows = [event_row(by_key[k], k, run_id, created, pg=pg, seq=seqs.get(k)) for k in sorted(by_key)]
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


#: Any constant: PostgreSQL writers that link a chunk queue on this advisory lock, so that two drivers
#: never both store, unseen by the other, a first report of the same act.
_PG_LINK_LOCK = 7_334_102

_SEED_SELECT = ("SELECT event_key, link_block, link_seq, type, modality, country, admin1, place, origin, date, "
                "counts, doc_id, evidence_start, evidence_end, run_id FROM events WHERE link_block IN ({marks}) ")


def link_events(conn: Connection, events: Sequence[Event], run_id: int | None) -> tuple[int, int]:
    """Store a chunk's events merged with the stored reports of the same acts, in the caller's transaction.

    Reports of one act are merged (``merge_across_documents``) over the chunk's events AND the stored
    events of their blocks, taken first in the order they were stored: the same greedy merge as over
    the whole input at once, so chunk size and run boundaries change nothing. A stored event that
    absorbs a report gains its evidence spans (and a finer date, and counts it lacked); the rest of
    the chunk's events are stored new, numbered after their block's last event.
    RETURNS (new events, events stored by earlier runs that gained evidence): so that a run's
    events are those its reports tell, each counted once, whatever the chunks.
    """
    from ..link.dedupe import block_key, merge_across_documents
    from ..records import Evidence

    if not events:
        return 0, 0
    pg = conn.dialect.name == "postgresql"
    if pg:
        conn.connection.cursor().execute("SELECT pg_advisory_xact_lock(%s)", (_PG_LINK_LOCK,))
    blocks = sorted({block_key(e) for e in events})
    rows = _seed_rows(conn, blocks)
    seeds = [Event(type=r[3], modality=r[4], country=r[5], admin1=r[6], place=r[7], origin=r[8], date=r[9],
                   counts=loads(r[10]) or {}, evidence=Evidence(r[11], r[12], r[13], "")) for r in rows]
    kept = merge_across_documents(events, seed=seeds)
    last: dict[str, int] = {}
    for r in rows:
        last[r[1]] = max(last.get(r[1], 0), r[2] or 0)
    linked = 0
    evidence: list[tuple[Any, ...]] = []
    for row, before, after in zip(rows, seeds, kept, strict=False):
        if after is before:
            continue
        linked += row[14] != run_id
        key = row[0]
        evidence.extend((key, ev.doc_id, ev.start, ev.end, ev.text, False if pg else 0)
                        for ev in after.more_evidence if ev.text)
        if after.date != before.date or dict(after.counts) != dict(before.counts):
            _update_linked(conn, key, after)
    new = kept[len(seeds):]
    seqs: dict[str, int] = {}
    for ev in new:
        b = block_key(ev)
        last[b] = last.get(b, 0) + 1
        seqs[ev.key] = last[b]
    added = put_events(conn, new, run_id, seqs)
    if evidence:
        rows_in = sorted({r[:4]: r for r in evidence}.values())
        if pg:
            _many(conn, "evidence", EVIDENCE_COLUMNS, rows_in)
        else:
            _sqlite_indexed(conn, "evidence", "text", lambda: _many(conn, "evidence", EVIDENCE_COLUMNS, rows_in))
    return added, linked


def _seed_rows(conn: Connection, blocks: list[str]) -> list[tuple[Any, ...]]:
    """The stored events of ``blocks``: in each block, in the order they were stored (then by key)."""
    mark = "%s" if conn.dialect.name == "postgresql" else "?"
    cursor = conn.connection.cursor()
    out: list[tuple[Any, ...]] = []
    for i in range(0, len(blocks), IN_CHUNK):
        part = blocks[i:i + IN_CHUNK]
        cursor.execute(_SEED_SELECT.format(marks=", ".join([mark] * len(part))), part)
        out.extend(tuple(r) for r in cursor.fetchall())
    out.sort(key=lambda r: (r[1], r[2] is not None, r[2] or 0, r[0]))
    return out


def _update_linked(conn: Connection, key: str, event: Event) -> None:
    """A stored event's date, bounds and counts after a merge (its key and attributes otherwise stay)."""
    lo, hi, year = date_bounds(event.date)
    counts = {k: int(v) for k, v in event.counts.items() if v is not None}
    mark = "%s" if conn.dialect.name == "postgresql" else "?"
    sets = ["date", "date_lo", "date_hi", "year", "counts", *COUNT_KEYS]
    values = [event.date, lo, hi, year, json.dumps(counts, ensure_ascii=False, sort_keys=True),
              *(counts.get(k) for k in COUNT_KEYS)]
    assign = ", ".join(f"{c} = {mark}" if c != "counts" or mark == "?" else f"{c} = CAST({mark} AS JSONB)" for c in sets)
    conn.connection.cursor().execute(f"UPDATE events SET {assign} WHERE event_key = {mark}", (*values, key))


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
