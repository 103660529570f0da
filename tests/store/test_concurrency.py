"""Concurrent writers with overlapping batches lose nothing and double-count nothing."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from contention.records import Event, Evidence
from contention.store import open_store
from contention.store.write import PG_BULK_MIN


def _event(i: int) -> Event:
    return Event(type="protest.strike", evidence=Evidence(f"doc-{i % 50}", i, i + 3, f"span {i}"),
                 date="2021-0" + str(1 + i % 9), country="KZ", counts={"participants": i})


@pytest.mark.parametrize(("writers", "batch"), [(4, 150), (3, PG_BULK_MIN + 100)])
def test_store_concurrent_overlapping_writers(store_url: str, writers: int, batch: int) -> None:
    open_store(store_url).close()
    # writer w writes events [w*batch/2, w*batch/2 + batch): each overlaps its neighbours by half
    ranges = [range(w * batch // 2, w * batch // 2 + batch) for w in range(writers)]

    def work(indices: range) -> int:
        with open_store(store_url) as store:
            chunk = batch if batch >= PG_BULK_MIN else 50
            events = [_event(i) for i in indices]
            return sum(store.put_events(events[j:j + chunk]) for j in range(0, len(events), chunk))

    with ThreadPoolExecutor(writers) as pool:
        added = list(pool.map(work, ranges))
    distinct = len(set().union(*ranges))
    with open_store(store_url) as store:
        assert store.count_events() == distinct
        assert sum(added) == distinct
        assert len(store.events_frame()) == distinct
