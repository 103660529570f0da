"""Reads: every filter, paging, the events frame and exports."""
from __future__ import annotations

import csv
import json

import pandas as pd
import pytest

from contention.store.export import EXPORT_EXTRA

from contention.errors import StoreError
from contention.records import Event
from contention.store import Store, read
from contention.store.read import FRAME_COLUMNS


@pytest.fixture
def loaded(store: Store, documents, events) -> Store:
    store.put_documents(documents)
    store.put_events(events)
    return store


def _keys(found: list[Event]) -> set[str]:
    return {e.key for e in found}


@pytest.mark.parametrize(
    ("filters", "expect"),
    [
        ({"country": "KZ"}, {0, 1, 2, 3, 4, 5, 6}),
        ({"country": "KG"}, set()),
        ({"admin1": "Almaty"}, {6}),
        ({"type": "response.detention"}, {2, 4}),
        ({"family": "repression"}, {1, 2, 4}),
        ({"family": "accommodation"}, {5}),
        ({"modality": "planned"}, {5}),
        ({"origin": "imported:acled"}, {6}),
        ({"preemptive": True}, {4}),
        ({"preemptive": False}, {0, 1, 2, 3, 5, 6}),
        ({"doc_id": "en-1"}, {0, 1, 2}),
        ({"date_from": "2011-12-17"}, {2, 3, 4, 6}),
        ({"date_to": "2011-05-31"}, {0}),
        ({"date_from": "2011-05-15", "date_to": "2011-05-15"}, {0}),  # a month-only date covers its month
        ({"date_from": "2022-01-10", "date_to": "2022"}, {4}),
        ({"date_from": "2011", "date_to": "2011"}, {0, 1, 2}),
        ({"country": "KZ", "type": "response.detention", "date_from": "2022-01-01"}, {4}),
    ],
)
def test_store_event_filters(loaded: Store, events: list[Event], filters: dict, expect: set[int]) -> None:
    found = loaded.events(**filters)
    assert _keys(found) == {events[i].key for i in expect}
    assert loaded.count_events(**filters) == len(expect)
    assert len(loaded.events_frame(**filters)) == len(expect)


@pytest.mark.parametrize(
    ("query", "expect"),
    [
        ("depot", {6}),  # evidence of an imported event, no document behind it
        ("DEPOT", {6}),
        ("DEP*", {6}),
        ("fire", {0, 1, 2}),  # the document matches, so every event of it does
        ("задержала", {2, 3, 4, 5}),  # ru-1 matches; 2 also by its more_evidence
        ("ЗАДЕРЖ*", {2, 3, 4, 5}),
        ("depot OR bonuses", {0, 1, 2, 6}),
        ("nothing-like-this", set()),
        ("", set()),
    ],
)
def test_store_text_filter(loaded: Store, events: list[Event], query: str, expect: set[int]) -> None:
    assert _keys(loaded.events(text=query)) == {events[i].key for i in expect}
    assert loaded.count_events(text=query) == len(expect)


@pytest.mark.parametrize("page", [2])
def test_store_paging_is_stable_and_complete(loaded: Store, events: list[Event], page: int) -> None:
    seen: list[str] = []
    for offset in range(0, len(events) + page, page):
        seen += [e.key for e in loaded.events(limit=page, offset=offset)]
    assert sorted(seen) == sorted(e.key for e in events) and len(seen) == len(set(seen))
    dated = [e.date for e in loaded.events(limit=100) if e.date]
    assert dated == sorted(dated)
    assert loaded.events(limit=100, offset=3) == loaded.events()[3:]
    assert loaded.events(offset=3) == loaded.events()[3:]


@pytest.mark.parametrize(("filters", "message"), [({"colour": "red"}, "unknown event filter colour"),
                                                  ({"date_from": "last week"}, "not a date"), ({"date_to": "2011-02-31"}, "not a date"),
                                                  ({"country": "Narnia"}, "not a country")])
def test_store_bad_filter_is_store_error(loaded: Store, filters: dict, message: str) -> None:
    with pytest.raises(StoreError, match=message):
        loaded.count_events(**filters)
    with pytest.raises(StoreError, match=message):
        loaded.events_frame(**filters)


@pytest.mark.parametrize("chunk", [2])
def test_store_streamed_pages_are_whole(loaded: Store, events: list[Event], tmp_path, monkeypatch, chunk: int) -> None:
    monkeypatch.setattr(read, "STREAM_CHUNK", chunk)  # many round trips over one cursor
    assert {e.key: e for e in loaded.events()} == {e.key: e for e in events}
    assert loaded.export(str(tmp_path / "all.jsonl")) == len(events) == len(loaded.events_frame())
    assert loaded.export(str(tmp_path / "all.parquet")) == len(pd.read_parquet(tmp_path / "all.parquet"))


def test_store_events_frame_rows(loaded: Store, events: list[Event]) -> None:
    frame = loaded.events_frame()
    assert tuple(frame.columns) == FRAME_COLUMNS
    row = frame.set_index("event_key").loc[events[2].key]
    assert row["evidence"] == events[2].evidence.text
    assert row["detained"] == 30 and row["participants"] == 2000 and pd.isna(row["killed"])
    assert row["family"] == "repression" and row["preemptive"] is False or row["preemptive"] == False
    rally = frame.set_index("event_key").loc[events[3].key]
    assert rally["claims"] == "prices;political" and rally["doc_id"] == "ru-1"
    assert frame.loc[frame.event_key == events[6].key, "source_id"].item() == "KAZ123"
    assert list(frame.columns) == list(loaded.events_frame(country="ZZ").columns)


def test_store_events_frame_column_subset(loaded: Store) -> None:
    full = loaded.events_frame().set_index("event_key")
    cols = ("event_key", "type", "date", "evidence", "detained")
    part = loaded.events_frame(columns=cols)
    assert tuple(part.columns) == cols
    part = part.set_index("event_key")
    pd.testing.assert_frame_equal(part, full[list(cols[1:])])
    no_text = loaded.events_frame(columns=("event_key", "place"), modality="asserted")
    assert set(no_text["event_key"]) == set(full.index[full["modality"] == "asserted"])
    with pytest.raises(StoreError, match="no event column nonsense"):
        loaded.events_frame(columns=("event_key", "nonsense"))


def test_rebuilt_episodes_equal_those_of_the_full_frame(loaded: Store) -> None:
    # the rebuild reads only the columns episode building needs; it must not change a thing
    from contention.link.episodes import build_episodes
    from contention.pipeline import rebuild_episodes

    expected, _ = build_episodes(loaded.events_frame())
    assert expected and rebuild_episodes(loaded) == len(expected)
    assert sorted(loaded.episodes(), key=lambda e: e.episode_id) == sorted(expected, key=lambda e: e.episode_id)


@pytest.mark.parametrize("suffix", ["jsonl", "csv", "parquet"])
def test_store_export_formats(loaded: Store, events: list[Event], tmp_path, suffix: str) -> None:
    path = tmp_path / f"out.{suffix}"
    assert loaded.export(str(path), family="repression") == 3
    wanted = {e.key: e for e in events if e.family == "repression"}
    if suffix == "jsonl":
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        # Event.to_dict() and, after it, what makes the file self-describing (tests/store/test_export_described.py)
        assert {r["event_key"]: {k: r[k] for k in wanted[r["event_key"]].to_dict()} for r in rows} == \
            {k: json.loads(json.dumps(e.to_dict())) for k, e in wanted.items()}
        assert all(set(EXPORT_EXTRA) <= set(r) for r in rows)
    elif suffix == "csv":
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert {r["event_key"] for r in rows} == set(wanted) and list(rows[0]) == list(FRAME_COLUMNS + EXPORT_EXTRA)
    else:
        frame = pd.read_parquet(path)
        assert set(frame["event_key"]) == set(wanted) and list(frame.columns) == list(FRAME_COLUMNS + EXPORT_EXTRA)


@pytest.mark.parametrize(("name", "fmt"), [("out.txt", None), ("out.csv", "xml")])
def test_store_export_unknown_format(loaded: Store, tmp_path, name: str, fmt) -> None:
    with pytest.raises(StoreError, match="unknown format"):
        loaded.export(str(tmp_path / name), fmt=fmt)


@pytest.mark.parametrize("fmt", ["csv"])
def test_store_export_fmt_overrides_suffix(loaded: Store, tmp_path, fmt: str) -> None:
    path = tmp_path / "events.dat"
    assert loaded.export(str(path), fmt=fmt) == 7
    assert path.read_text(encoding="utf-8").startswith("event_key,type,family")


@pytest.mark.parametrize(
    ("by", "filters", "expect"),
    [
        (("country", "family", "year"), {},
         [("KZ", "accommodation", None, 1), ("KZ", "protest", 2011, 1), ("KZ", "protest", 2019, 1),
          ("KZ", "protest", 2022, 1), ("KZ", "repression", 2011, 2), ("KZ", "repression", 2022, 1)]),
        (("type",), {"preemptive": True}, [("response.detention", 1)]),
    ],
)
def test_store_count_by(loaded: Store, by, filters, expect) -> None:
    frame = loaded.count_by(by=by, **filters)
    assert list(frame.columns) == [*by, "events"]
    got = [tuple(None if pd.isna(v) else v for v in row) for row in frame.itertuples(index=False)]
    assert sorted(got, key=repr) == sorted(expect, key=repr)


@pytest.mark.parametrize("by", [("evidence",), ()])
def test_store_count_by_rejects_columns(loaded: Store, by) -> None:
    with pytest.raises(StoreError, match="cannot group"):
        loaded.count_by(by=by)
