"""Writes: idempotent puts, whole-or-nothing batches, runs and episodes."""
from __future__ import annotations

import pytest

from contention.errors import StoreError
from contention.records import Document, Event, Evidence
from contention.store import Store, open_store
from contention.store.write import PG_BULK_MIN


def _synthetic(n: int, *, doc: str = "bulk-doc", bad_at: int | None = None) -> list[Event]:
    out = []
    for i in range(n):
        counts = {"killed": -1} if i == bad_at else {"detained": i % 7}
        out.append(Event(type="response.detention", evidence=Evidence(doc, i, i + 5, f"span {i}"),
                         date=f"20{10 + i % 12}-0{1 + i % 9}", country="KZ", counts=counts))
    return out


@pytest.mark.parametrize("repeat", [2])
def test_store_put_documents_twice_adds_nothing(store: Store, documents: list[Document], repeat: int) -> None:
    assert store.put_documents(documents) == len(documents)
    for _ in range(repeat):
        assert store.put_documents(documents) == 0
    assert store.documents() == sorted(documents, key=lambda d: d.doc_id)
    assert store.document("ru-1") == documents[1]
    assert store.document("missing") is None


@pytest.mark.parametrize("other_id", ["copy-of-en-1"])
def test_store_same_text_under_new_id_is_not_added(store: Store, documents: list[Document], other_id: str) -> None:
    store.put_documents(documents)
    copy = Document(other_id, documents[0].text, lang="en")
    assert store.put_documents([copy]) == 0
    assert store.document(other_id) is None
    assert store.known_hashes([copy.content_hash, "0" * 16]) == {copy.content_hash}


def test_store_documents_paging(store: Store, documents: list[Document]) -> None:
    store.put_documents(documents)
    pages = [store.documents(limit=1, offset=i) for i in range(4)]
    assert [p[0].doc_id for p in pages[:3]] == ["en-1", "kk-1", "ru-1"] and pages[3] == []


def test_store_put_events_roundtrip_and_idempotent(store: Store, documents, events: list[Event]) -> None:
    store.put_documents(documents)
    assert store.put_events(events) == len(events)
    assert store.put_events(events) == 0
    assert store.put_events(list(reversed(events)) + events) == 0
    stored = {e.key: e for e in store.events()}
    assert stored == {e.key: e for e in events}
    assert store.count_events() == len(events)


def test_store_reput_with_more_evidence_adds_spans(store: Store, events: list[Event]) -> None:
    first = events[0]
    store.put_events([first])
    extra = Evidence("other-doc", 3, 9, "struck")
    assert store.put_events([first.with_(more_evidence=(extra,))]) == 0
    (again,) = store.events(doc_id=first.doc_id, type=first.type)
    assert again.more_evidence == (extra,) and again.evidence == first.evidence


@pytest.mark.parametrize("size", [5, PG_BULK_MIN + 200])
def test_store_bad_row_fails_whole_batch(store: Store, events: list[Event], size: int) -> None:
    store.put_events(events)
    before = store.events()
    batch = _synthetic(size, bad_at=size - 2)  # the database refuses killed = -1 near the end
    with pytest.raises(StoreError, match="nothing written"):
        store.put_events(batch)
    assert store.count_events() == len(events)
    assert store.events() == before
    assert store.count_events(doc_id="bulk-doc") == 0


@pytest.mark.parametrize("value", ["many", None])
def test_store_count_that_is_not_a_number_is_refused(store: Store, events: list[Event], value) -> None:
    bad = events[1].with_(counts={"killed": value or [1]})
    with pytest.raises(StoreError, match="not a whole number"):
        store.put_events([events[0], bad])
    assert store.count_events() == 0


@pytest.mark.parametrize("size", [PG_BULK_MIN + 500])
def test_store_large_batch_idempotent(store: Store, size: int) -> None:
    batch = _synthetic(size)
    assert store.put_events(batch) == size
    assert store.put_events(batch[: size // 2]) == 0
    assert store.count_events() == size
    assert store.count_events(date_from="2015", date_to="2015") == sum(1 for e in batch if e.date.startswith("2015"))


def test_store_runs_recorded(store: Store, documents) -> None:
    run = store.begin_run(inputs=["a.jsonl", "б.jsonl"], version="0.1.0")
    assert store.put_documents(documents, run_id=run) == 3
    store.finish_run(run, counts={"documents": 3})
    failed = store.begin_run(inputs=[], engine="dask", version="0.1.0", command="import")
    store.finish_run(failed, state="failed", error="boom")
    first, second = store.runs()
    assert first["id"] == run and first["inputs"] == ["a.jsonl", "б.jsonl"] and first["state"] == "done"
    assert first["counts"] == {"documents": 3} and first["finished"] >= first["started"]
    assert second["engine"] == "dask" and second["command"] == "import" and second["error"] == "boom"


@pytest.mark.parametrize("run_id", [999])
def test_store_finish_unknown_run_is_error(store: Store, run_id: int) -> None:
    with pytest.raises(StoreError, match="no run 999"):
        store.finish_run(run_id)


@pytest.mark.parametrize("run_id", [999])
def test_store_put_with_unknown_run_is_refused(store: Store, documents, run_id: int) -> None:
    with pytest.raises(StoreError):
        store.put_documents(documents, run_id=run_id)
    assert store.documents() == []


def test_store_episodes_replace_and_filter(store: Store, events, episodes) -> None:
    store.put_events(events)
    assert store.put_episodes(episodes) == 3
    assert store.episodes() == sorted(episodes, key=lambda e: e.start)
    assert [e.episode_id for e in store.episodes(country="KZ")] == ["ep-2011", "ep-2022"]
    assert store.put_episodes(episodes[:1]) == 1
    assert store.episodes() == episodes[:1]
    assert store.put_episodes(episodes, replace=False) == 2
    assert len(store.episodes()) == 3


def test_store_reopen_keeps_data(store_url: str, documents, events) -> None:
    with open_store(store_url) as first:
        first.put_documents(documents)
        first.put_events(events)
    with open_store(store_url) as second:
        assert second.count_events() == len(events) and len(second.documents()) == 3
