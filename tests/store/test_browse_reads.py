"""The store's reads behind browsing: sort on any column, paged episodes, events by key, streamed downloads."""
from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from contention.errors import StoreError
from contention.records import Episode, Event
from contention.store import Store
from contention.store.filters import SORTABLE


@pytest.fixture
def loaded(store: Store, documents, events, episodes) -> Store:
    store.put_documents(documents)
    store.put_events(events)
    store.put_episodes(episodes)
    return store


@pytest.mark.parametrize("sort,field", [("type", "type"), ("date", "date"), ("origin", "origin"), ("actor", "actor")])
@pytest.mark.parametrize("descending", [False, True])
def test_store_sort_both_ways_missing_values_at_the_start_ascending(loaded: Store, sort: str, field: str,
                                                                    descending: bool) -> None:
    got = loaded.events(sort=sort, descending=descending)
    values = [getattr(e, field) for e in got]
    present = [v for v in values if v is not None]
    assert present == sorted(present, reverse=descending) and len(got) == 7
    missing = [i for i, v in enumerate(values) if v is None]
    if missing:  # missing values first ascending, last descending, on both back ends
        assert missing == (list(range(len(missing))) if not descending else list(range(7 - len(missing), 7)))


def test_store_sort_pages_do_not_overlap(loaded: Store) -> None:
    pages = [loaded.events(sort="type", limit=3, offset=o) for o in (0, 3, 6)]
    keys = [e.key for page in pages for e in page]
    assert len(keys) == len(set(keys)) == 7


@pytest.mark.parametrize("bad", ["evidence; DROP TABLE events", "nope"])
def test_store_sort_on_an_unknown_column_is_refused(loaded: Store, bad: str) -> None:
    with pytest.raises(StoreError, match="cannot sort"):
        loaded.events(sort=bad)
    assert "nope" not in SORTABLE


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_store_stream_matches_the_export(loaded: Store, fmt: str, tmp_path) -> None:
    data = b"".join(loaded.stream(fmt, country="KZ", sort="date", descending=True))
    path = tmp_path / f"out.{fmt}"
    n = loaded.export(str(path), country="KZ")
    if fmt == "jsonl":
        rows = [json.loads(line) for line in data.decode("utf-8").splitlines()]
        assert len(rows) == n == 7 and {r["type"] for r in rows} == {e.type for e in loaded.events()}
        return
    read = pd.read_csv if fmt == "csv" else pd.read_parquet
    streamed, exported = read(io.BytesIO(data)), read(path)
    assert len(streamed) == len(exported) == n
    assert sorted(streamed["event_key"]) == sorted(exported["event_key"])
    dates = streamed["date"].dropna().tolist()
    assert dates == sorted(dates, reverse=True)


def test_store_stream_of_nothing_is_a_valid_file(loaded: Store) -> None:
    data = b"".join(loaded.stream("parquet", country="ZZ"))
    assert len(pd.read_parquet(io.BytesIO(data))) == 0


def test_store_episodes_paged_and_counted(loaded: Store, episodes: list[Episode]) -> None:
    assert loaded.count_episodes() == 3 and loaded.count_episodes(country="KZ") == 2
    assert loaded.count_episodes(country="KZ", region="Mangystau") == 2
    first, second = loaded.episodes(limit=2), loaded.episodes(limit=2, offset=2)
    assert [e.episode_id for e in first + second] == [e.episode_id for e in loaded.episodes()]
    one = loaded.episodes(episode_id="ep-2011")[0]
    assert one.protest_keys == episodes[0].protest_keys and set(one.response_keys) == set(episodes[0].response_keys)


def test_store_events_of_keys_and_their_episodes(loaded: Store, events: list[Event]) -> None:
    keys = [events[0].key, events[3].key, "no-such-key"]
    frame = loaded.events_of(keys)
    assert sorted(frame["event_key"]) == sorted(keys[:2])
    assert loaded.episode_ids(keys) == {events[0].key: "ep-2011", events[3].key: "ep-2022"}


def test_store_facet_counts_agree_with_count_by(loaded: Store) -> None:
    columns = ["country", "admin1", "family", "type", "modality", "origin", "year"]
    for filters in ({}, {"family": "repression"}, {"text": "Zhanaozen"}):
        facets = loaded.facet_counts(by=columns, top=2, **filters)
        for column in columns:
            table = loaded.count_by(by=(column,), **filters)
            table = table[table[column].notna()]
            expected = {str(v): int(n) for v, n in zip(table[column], table["events"])}
            got = dict(zip(facets[column]["value"].astype(str), facets[column]["events"]))
            assert len(got) == min(2, len(expected)) and all(expected[v] == n for v, n in got.items())
            assert not len(facets[column]) or facets[column]["n_values"].iloc[0] == len(expected)
            assert list(facets[column]["events"]) == sorted(facets[column]["events"], reverse=True)
