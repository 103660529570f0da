"""Write matching events to CSV, JSONL (``Event.to_dict()`` per line) or Parquet, streamed page by page."""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

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
