"""Run states as ``contention runs`` shows them, and run progress rows on both back ends."""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime

import pytest

from contention.records import Document
from contention.store import open_store
from contention.store.runs import run_state

NOW = datetime(2026, 1, 2, 12, 0, tzinfo=UTC)


def _dead_pid() -> int:
    proc = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                          check=True)
    return int(proc.stdout)


@pytest.mark.parametrize(("state", "driver", "beat", "expected"), [
    ("done", "h:1", "2026-01-01T00:00:00+00:00", "done"),
    ("failed", None, None, "failed"),
    ("running", "here:self", "2026-01-02T11:59:00+00:00", "running"),
    ("running", "here:dead", "2026-01-02T11:59:00+00:00", "interrupted"),
    ("running", "elsewhere:1", "2026-01-02T11:30:00+00:00", "running"),
    ("running", "elsewhere:1", "2026-01-02T10:00:00+00:00", "interrupted"),
])
def test_runs_state(state: str, driver: str | None, beat: str | None, expected: str) -> None:
    if driver == "here:self":
        driver = f"here:{os.getpid()}"
    elif driver == "here:dead":
        driver = f"here:{_dead_pid()}"
    run = {"state": state, "driver": driver, "heartbeat": beat, "started": "2026-01-01T00:00:00+00:00"}
    assert run_state(run, host="here", now=NOW) == expected


@pytest.mark.parametrize("chunks", [2])
def test_runs_put_chunk_is_one_transaction_and_resumable(store_url: str, chunks: int) -> None:
    with open_store(store_url) as store:
        run_id = store.begin_run(inputs=["x"], version="t", driver="here:1")
        for n in range(chunks):
            docs = [Document(doc_id=f"{n}-{i}", text=f"text {n} {i}") for i in range(3)]
            out = store.put_chunk(run_id, n, digest=f"d{n}", docs=docs, events=[], counts={"documents": 3},
                                  tally={"languages": {"en": 3}})
            assert out["new_documents"] == 3
        assert store.unfinished_run(inputs=["x"]) is None  # its heart beat just now: not taken over
        store.finish_run(run_id, state="interrupted")
        assert store.unfinished_run(inputs=["x"]) == run_id
        store.resume_run(run_id, engine="local")
        rows = store.run_chunks(run_id)
        assert [(r["chunk"], r["documents"], r["new_documents"], r["tally"]) for r in rows] == \
            [(n, 3, 3, {"languages": {"en": 3}}) for n in range(chunks)]
        store.finish_run(run_id, state="done")
        assert store.unfinished_run(inputs=["x"]) is None
        with pytest.raises(Exception, match="cannot be resumed"):
            store.resume_run(run_id, engine="local")
