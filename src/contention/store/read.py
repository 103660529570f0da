"""The read paths: events (as records or as a frame), documents, episodes, runs, search."""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import pandas as pd
from sqlalchemy import Connection, text

from ..errors import StoreError
from ..records import Document, Episode, Event
from . import fts
from .filters import Filters, order_by, where
from .rows import document_from, episode_from, event_from, loads

#: Keys per "IN (...)" list: well under SQLite's and PostgreSQL's parameter limits.
IN_CHUNK = 500
#: Rows fetched per round trip when events are streamed (export, frames).
STREAM_CHUNK = 5000

_EVENT_SELECT = (
    "SELECT e.event_key, e.type, e.date, e.country, e.admin1, e.place, e.actor, e.actor_type, e.counts, "
    "e.claims, e.modality, e.preemptive, e.origin, e.rule, e.confidence, e.source_id, e.lang_pack, "
    "e.doc_id, e.evidence_start, e.evidence_end FROM events e"
)
FRAME_COLUMNS = (
    "event_key", "type", "family", "date", "country", "admin1", "place", "actor", "actor_type", "modality",
    "preemptive", "origin", "rule", "doc_id", "evidence", "killed", "injured", "detained", "participants",
    "claims", "source_id",
)
#: SQL for each frame column (``evidence`` is the text of the event's primary evidence).
_FRAME_SQL = {c: f"e.{c}" for c in FRAME_COLUMNS} | {"evidence": "ev.text AS evidence"}
_EVIDENCE_JOIN = (" LEFT JOIN evidence ev ON ev.event_key = e.event_key AND ev.doc_id = e.doc_id "
                  "AND ev.start_char = e.evidence_start AND ev.end_char = e.evidence_end")


def _frame_select(columns: Sequence[str]) -> str:
    bad = [c for c in columns if c not in _FRAME_SQL]
    if bad or not columns:
        raise StoreError(f"no event column {', '.join(bad) or '(none given)'}", hint=f"use {', '.join(FRAME_COLUMNS)}")
    join = _EVIDENCE_JOIN if "evidence" in columns else ""
    return f"SELECT {', '.join(_FRAME_SQL[c] for c in columns)} FROM events e{join}"


_FRAME_SELECT = _frame_select(FRAME_COLUMNS)


def in_chunks_rows(conn: Connection, sql: str, values: Sequence[Any]) -> list[tuple[Any, ...]]:
    """Like ``in_chunks`` but every row whole."""
    mark = "%s" if conn.dialect.name == "postgresql" else "?"
    out: list[tuple[Any, ...]] = []
    cursor = conn.connection.cursor()
    for i in range(0, len(values), IN_CHUNK):
        part = list(values[i:i + IN_CHUNK])
        cursor.execute(sql.format(marks=", ".join([mark] * len(part))), part)
        out.extend(tuple(row) for row in cursor.fetchall())
    return out


def in_chunks(conn: Connection, sql: str, values: Sequence[Any]) -> list[Any]:
    """Run ``sql`` (with ``{marks}`` where the IN list goes) over ``values`` in chunks; first column of each row."""
    mark = "%s" if conn.dialect.name == "postgresql" else "?"
    out: list[Any] = []
    cursor = conn.connection.cursor()
    for i in range(0, len(values), IN_CHUNK):
        part = list(values[i:i + IN_CHUNK])
        cursor.execute(sql.format(marks=", ".join([mark] * len(part))), part)
        out.extend(row[0] for row in cursor.fetchall())
    return out


def _paged(sql: str, dialect: str, limit: int | None, offset: int, params: dict[str, Any]) -> str:
    if limit is not None:
        params.update(limit=int(limit), offset=int(offset))
        return f"{sql} LIMIT :limit OFFSET :offset"
    if offset:
        params["offset"] = int(offset)
        return f"{sql} LIMIT -1 OFFSET :offset" if dialect == "sqlite" else f"{sql} OFFSET :offset"
    return sql


def _filtered(select: str, conn: Connection, f: Filters, limit: int | None, offset: int,
              sort: tuple[str | None, bool] = (None, False)) -> tuple[str, dict[str, Any]]:
    dialect = conn.dialect.name
    clause, params = where(f, dialect)
    sql = f"{select} WHERE {clause} ORDER BY {order_by(dialect, *sort)}"
    return _paged(sql, dialect, limit, offset, params), params


def iter_events(conn: Connection, f: Filters, limit: int | None, offset: int,
                sort: tuple[str | None, bool] = (None, False)) -> Iterator[list[Event]]:
    """Matching events in pages of up to STREAM_CHUNK, each page with all its evidence."""
    sql, params = _filtered(_EVENT_SELECT, conn, f, limit, offset, sort)
    result = conn.execution_options(stream_results=True).execute(text(sql), params)
    for part in result.mappings().partitions(STREAM_CHUNK):
        evidence = _evidence_for(conn, [r["event_key"] for r in part])
        yield [event_from(r, evidence.get(r["event_key"], [])) for r in part]


def _evidence_for(conn: Connection, keys: list[str]) -> dict[str, list[dict[str, Any]]]:
    mark = "%s" if conn.dialect.name == "postgresql" else "?"
    out: dict[str, list[dict[str, Any]]] = {}
    cursor = conn.connection.cursor()
    cols = ("event_key", "doc_id", "start_char", "end_char", "text", "is_primary")
    for i in range(0, len(keys), IN_CHUNK):
        part = keys[i:i + IN_CHUNK]
        cursor.execute(f"SELECT {', '.join(cols)} FROM evidence WHERE event_key IN ({', '.join([mark] * len(part))}) "
                       "ORDER BY event_key, id", part)
        for row in cursor.fetchall():
            out.setdefault(row[0], []).append(dict(zip(cols, row)))
    return out


def iter_frames(conn: Connection, f: Filters, limit: int | None, offset: int,
                columns: Sequence[str] = FRAME_COLUMNS,
                sort: tuple[str | None, bool] = (None, False)) -> Iterator[pd.DataFrame]:
    """Matching events as DataFrames of up to STREAM_CHUNK rows, ``columns`` (of FRAME_COLUMNS) in order."""
    sql, params = _filtered(_frame_select(columns), conn, f, limit, offset, sort)
    result = conn.execution_options(stream_results=True).execute(text(sql), params)
    yielded = False
    for part in result.partitions(STREAM_CHUNK):
        yielded = True
        yield _frame([tuple(r) for r in part], columns)
    if not yielded:
        yield _frame([], columns)


def _frame(rows: list[tuple[Any, ...]], columns: Sequence[str] = FRAME_COLUMNS) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(rows, columns=list(columns))
    if "preemptive" in frame:
        frame["preemptive"] = frame["preemptive"].astype(bool)
    if "claims" in frame:
        frame["claims"] = [";".join(loads(c) or ()) for c in frame["claims"]]
    for name in ("killed", "injured", "detained", "participants"):
        if name in frame:
            frame[name] = frame[name].astype("Int64")
    return frame


def count_events(conn: Connection, f: Filters) -> int:
    clause, params = where(f, conn.dialect.name)
    return int(conn.execute(text(f"SELECT COUNT(*) FROM events e WHERE {clause}"), params).scalar() or 0)


#: Columns count_by may group on.
GROUPABLE = ("country", "admin1", "place", "type", "family", "modality", "origin", "preemptive", "actor_type", "year")


def count_by(conn: Connection, f: Filters, by: Sequence[str]) -> pd.DataFrame:
    """Event counts grouped by ``by`` (a subset of GROUPABLE): one row per group, column ``events`` last."""
    columns = list(by)
    bad = [c for c in columns if c not in GROUPABLE]
    if bad or not columns:
        raise StoreError(f"cannot group events by {', '.join(bad) or 'nothing'}", hint=f"use {', '.join(GROUPABLE)}")
    clause, params = where(f, conn.dialect.name)
    cols = ", ".join(f"e.{c}" for c in columns)
    sql = f"SELECT {cols}, COUNT(*) AS events FROM events e WHERE {clause} GROUP BY {cols} ORDER BY {cols}"
    frame = pd.DataFrame.from_records([tuple(r) for r in conn.execute(text(sql), params)], columns=columns + ["events"])
    if "year" in columns:
        frame["year"] = frame["year"].astype("Int64")
    if "preemptive" in columns:
        frame["preemptive"] = frame["preemptive"].astype(bool)
    return frame


def facet_counts(conn: Connection, f: Filters, columns: Sequence[str], top: int) -> dict[str, pd.DataFrame]:
    """Per column, the ``top`` most frequent values among matching events (value, events), and how many values.

    The filter runs once: matching rows are materialised, then each column is grouped over them.
    RETURNS (dict): column -> DataFrame(value, events, n_values), most frequent first.
    """
    bad = [c for c in columns if c not in GROUPABLE]
    if bad or not columns:
        raise StoreError(f"cannot group events by {', '.join(bad) or 'nothing'}", hint=f"use {', '.join(GROUPABLE)}")
    clause, params = where(f, conn.dialect.name)
    cast = "TEXT" if conn.dialect.name == "sqlite" else "text"
    parts = [f"SELECT '{c}' AS facet, CAST({c} AS {cast}) AS value, COUNT(*) AS events FROM m "
             f"WHERE {c} IS NOT NULL GROUP BY {c}" for c in columns]
    sql = (f"WITH m AS MATERIALIZED (SELECT {', '.join(f'e.{c}' for c in columns)} FROM events e WHERE {clause}) "
           + " UNION ALL ".join(parts))
    rows = pd.DataFrame.from_records([tuple(r) for r in conn.execute(text(sql), params)],
                                     columns=["facet", "value", "events"])
    out = {}
    for c in columns:
        mine = rows[(rows["facet"] == c) & (rows["value"].astype(str) != "")]
        mine = mine.sort_values(["events", "value"], ascending=[False, True])
        out[c] = mine.head(top)[["value", "events"]].assign(n_values=len(mine)).reset_index(drop=True)
    return out


def documents(conn: Connection, limit: int | None, offset: int, doc_id: str | None = None) -> list[Document]:
    params: dict[str, Any] = {}
    sql = "SELECT doc_id, text, lang, published, url, title, source FROM documents"
    if doc_id is not None:
        sql += " WHERE doc_id = :doc_id"
        params["doc_id"] = doc_id
    sql = _paged(sql + " ORDER BY doc_id", conn.dialect.name, limit, offset, params)
    return [document_from(r) for r in conn.execute(text(sql), params).mappings()]


def _episode_where(country: str | None, region: str | None, episode_id: str | None) -> tuple[str, dict[str, Any]]:
    pairs = {"country": country, "admin1": region, "episode_id": episode_id}
    params = {k: v for k, v in pairs.items() if v is not None}
    return (" WHERE " + " AND ".join(f"p.{k} = :{k}" for k in params)) if params else "", params


def episodes(conn: Connection, country: str | None, region: str | None = None, limit: int | None = None,
             offset: int = 0, episode_id: str | None = None) -> list[Episode]:
    clause, params = _episode_where(country, region, episode_id)
    sql = "SELECT p.episode_id, p.country, p.admin1, p.place, p.start_date, p.end_date, p.label FROM episodes p" + clause
    heads = list(conn.execute(text(_paged(sql + " ORDER BY p.start_date, p.episode_id", conn.dialect.name, limit,
                                          offset, params)), params).mappings())
    members: dict[str, list[dict[str, Any]]] = {}
    if limit is None and episode_id is None:
        rows = conn.execute(text("SELECT m.episode_id, m.role, m.ordinal, m.event_key FROM episode_events m "
                                 "JOIN episodes p ON p.episode_id = m.episode_id" + clause), params)
    else:
        ids = [h["episode_id"] for h in heads]
        found = in_chunks_rows(conn, "SELECT episode_id, role, ordinal, event_key FROM episode_events "
                                     "WHERE episode_id IN ({marks})", ids)
        rows = [dict(zip(("episode_id", "role", "ordinal", "event_key"), r)) for r in found]  # type: ignore[assignment]
    for row in (rows.mappings() if hasattr(rows, "mappings") else rows):
        members.setdefault(row["episode_id"], []).append(dict(row))
    return [episode_from(h, members.get(h["episode_id"], [])) for h in heads]


def frame_of_keys(conn: Connection, keys: Sequence[str], columns: Sequence[str]) -> pd.DataFrame:
    """The events with these keys as a frame of ``columns`` (FRAME_COLUMNS without evidence), any order."""
    bad = [c for c in columns if c not in FRAME_COLUMNS or c == "evidence"]
    if bad:
        raise StoreError(f"no event column {', '.join(bad)}", hint=f"use {', '.join(FRAME_COLUMNS)}")
    rows = in_chunks_rows(conn, f"SELECT {', '.join(columns)} FROM events WHERE event_key IN ({{marks}})", list(keys))
    return _frame(rows, columns)


def count_episodes(conn: Connection, country: str | None, region: str | None = None) -> int:
    clause, params = _episode_where(country, region, None)
    return int(conn.execute(text("SELECT COUNT(*) FROM episodes p" + clause), params).scalar_one())


def episode_ids_of(conn: Connection, keys: Sequence[str]) -> dict[str, str]:
    """event key -> the episode it belongs to (keys in no episode are absent)."""
    return dict(in_chunks_rows(conn, "SELECT event_key, episode_id FROM episode_events WHERE event_key IN ({marks})",
                               list(keys)))


def runs(conn: Connection) -> list[dict[str, Any]]:
    sql = ("SELECT r.id, r.started, r.finished, r.command, r.inputs, r.version, r.engine, r.state, r.counts, r.error, "
           "r.driver, r.heartbeat, COUNT(c.chunk) AS chunks, COALESCE(SUM(c.documents), 0) AS chunk_documents, "
           "COALESCE(SUM(c.new_documents), 0) AS chunk_new_documents, COALESCE(SUM(c.events), 0) AS chunk_events, "
           "COALESCE(SUM(c.new_events), 0) AS chunk_new_events "
           "FROM runs r LEFT JOIN run_chunks c ON c.run_id = r.id GROUP BY r.id ORDER BY r.id")
    rows = conn.execute(text(sql)).mappings()
    return [{**r, "inputs": loads(r["inputs"]), "counts": loads(r["counts"])} for r in rows]


def run_chunks(conn: Connection, run_id: int) -> list[dict[str, Any]]:
    rows = conn.execute(text("SELECT chunk, digest, documents, new_documents, skipped_known, events, new_events, tally, "
                             "committed FROM run_chunks WHERE run_id = :r ORDER BY chunk"), {"r": run_id}).mappings()
    return [{**r, "tally": loads(r["tally"])} for r in rows]


def search(conn: Connection, query: str, limit: int) -> list[dict[str, Any]]:
    """Documents and evidence spans matching ``query``, best first; see ``fts`` for the query language."""
    parsed = fts.parse(query)
    if parsed.empty or limit <= 0:
        return []
    if conn.dialect.name == "sqlite":
        sql, params = _search_sqlite(fts.to_fts5(parsed))
    else:
        sql, params = _search_pg(parsed)
    params["limit"] = int(limit)
    return [dict(r) for r in conn.execute(text(sql), params).mappings()]


def _search_sqlite(match: str) -> tuple[str, dict[str, Any]]:
    # bm25 (FTS5 "rank") is lower-is-better; it is negated so that higher is better on both back ends.
    sql = (
        "SELECT * FROM (SELECT 'document' AS kind, d.doc_id AS doc_id, NULL AS event_key, d.title AS title, "
        "snippet(documents_fts, -1, '[', ']', '…', 16) AS snippet, -documents_fts.rank AS score "
        "FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid "
        "WHERE documents_fts MATCH :q ORDER BY documents_fts.rank LIMIT :limit) "
        "UNION ALL SELECT * FROM (SELECT 'evidence' AS kind, ev.doc_id AS doc_id, ev.event_key AS event_key, "
        "NULL AS title, snippet(evidence_fts, 0, '[', ']', '…', 16) AS snippet, -evidence_fts.rank AS score "
        "FROM evidence_fts JOIN evidence ev ON ev.id = evidence_fts.rowid "
        "WHERE evidence_fts MATCH :q ORDER BY evidence_fts.rank LIMIT :limit) "
        "ORDER BY score DESC, kind, doc_id LIMIT :limit"
    )
    return sql, {"q": match}


def _search_pg(parsed: fts.Query) -> tuple[str, dict[str, Any]]:
    expr, params = fts.to_tsquery(parsed)
    # ts_headline is costly, so it runs only on the rows that survive the LIMIT.
    sql = (
        "SELECT kind, doc_id, event_key, title, ts_headline('simple', body, " + expr + ", "
        "'StartSel=[, StopSel=], MaxWords=24, MinWords=8, MaxFragments=1, FragmentDelimiter=…') AS snippet, "
        "score FROM (SELECT * FROM ("
        "SELECT 'document' AS kind, d.doc_id, CAST(NULL AS TEXT) AS event_key, d.title, d.text AS body, "
        "ts_rank(d.tsv, " + expr + ") AS score FROM documents d WHERE d.tsv @@ " + expr +
        " UNION ALL SELECT 'evidence', ev.doc_id, ev.event_key, NULL, ev.text, ts_rank(ev.tsv, " + expr + ") "
        "FROM evidence ev WHERE ev.tsv @@ " + expr + ") hits ORDER BY score DESC, kind, doc_id LIMIT :limit) top "
        "ORDER BY score DESC, kind, doc_id"
    )
    return sql, params
