"""Exports describe themselves: a CSV, JSONL or Parquet file read alone says when (date bounds), where
(coordinates), from what (document URL, title, date; evidence offsets), in which episode and how sure
(review status); Parquet carries the versions and the query; a codebook file lies beside each."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from contention.records import Document, Episode, Event
from contention.store import Store
from contention.store.export import COLUMN_NOTES, EXPORT_COLUMNS


@pytest.fixture
def loaded(store: Store, documents: list[Document], events: list[Event], episodes: list[Episode]) -> Store:
    store.put_documents(documents)
    store.put_events(events)
    store.put_episodes(episodes)
    fire = events[1]
    store.record_review(who="ana", action="confirm", reason="checked",
                        changes={fire.key: {"status": "confirmed", "doc_id": fire.doc_id}})
    return store


def _check_rows(rows: list[dict], events: list[Event], documents: list[Document]) -> None:
    by_key = {r["event_key"]: r for r in rows}
    texts = {d.doc_id: d for d in documents}
    strike, fire = events[0], events[1]
    s = by_key[strike.key]
    assert (s["date_lo"], s["date_hi"]) == ("2011-05-01", "2011-05-31")
    doc = texts[strike.doc_id]
    assert doc.text[int(s["evidence_start"]):int(s["evidence_end"])] == strike.evidence.text
    assert (s["doc_url"], s["doc_title"], s["doc_published"]) == (doc.url, doc.title, doc.published)
    assert s["episode_id"] == "ep-2011"
    assert abs(float(s["latitude"]) - 43.34) < 0.1 and abs(float(s["longitude"]) - 52.86) < 0.1  # Zhanaozen
    assert s["review_status"] == "machine" and by_key[fire.key]["review_status"] == "confirmed"


@pytest.mark.parametrize("suffix", ["csv", "jsonl", "parquet"])
def test_export_is_self_describing(loaded: Store, events: list[Event], documents: list[Document], tmp_path: Path,
                                   suffix: str) -> None:
    path = tmp_path / f"events.{suffix}"
    assert loaded.export(str(path), country="KZ") == sum(1 for e in events if e.country == "KZ")
    if suffix == "csv":
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        assert list(frame.columns) == list(EXPORT_COLUMNS)
        rows = frame.replace("", None).to_dict("records")
    elif suffix == "jsonl":
        rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]
    else:
        table = pq.read_table(path)
        assert table.schema.names == list(EXPORT_COLUMNS)
        meta = {k.decode(): v.decode() for k, v in (table.schema.metadata or {}).items()}
        assert meta["contention.taxonomy_version"] == "1.2.1" and json.loads(meta["contention.query"]) == {"country": "KZ"}
        assert meta["contention.version"]
        rows = table.to_pandas().to_dict("records")
    _check_rows(rows, events, documents)
    book = (tmp_path / f"events.{suffix}.codebook.md").read_text(encoding="utf-8")
    assert 'query: {"country": "KZ"}' in book and "taxonomy version: 1.2.1" in book
    assert "`response.lethal_force`" in book  # the taxonomy's codes are in it
    if suffix != "jsonl":
        assert all(f"| `{c}` | {COLUMN_NOTES[c]} |" in book for c in EXPORT_COLUMNS)
