"""The same run on every engine, into a real PostgreSQL; exactly once when a worker or the driver is killed."""
from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from contention.pipeline import run
from contention.records import Document, Event, Evidence
from contention.store import open_store

from .conftest import N_DOCS
from .corpus import unique_texts

pytestmark = [pytest.mark.postgres]
CHUNK, BATCH = 110, 40  # 3 chunks of up to 3 batches each
SRC = Path(__file__).resolve().parents[2] / "src"


def _stored(url: str) -> tuple[set[str], list[str], int]:
    """Event keys, taxonomy dicts (as sorted JSON) and document count of the database at ``url``."""
    with open_store(url) as store:
        events = store.events()
        docs = len(store.documents())
    keys = [e.key for e in events]
    assert len(keys) == len(set(keys))
    return set(keys), sorted(json.dumps(e.to_taxonomy(), sort_keys=True) for e in events), docs


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[set[str], list[str], int]:
    """What the in-process engine stores for the corpus (SQLite; the events must not depend on the back end)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('ref') / 'ref.db'}"
    with open_store(url) as store:
        summary = run([corpus], store=store, engine="local", chunk_size=CHUNK, batch_size=BATCH)
    assert summary.documents == N_DOCS and summary.new_documents == unique_texts(N_DOCS)
    assert summary.new_events == summary.events > N_DOCS  # a first run: every event it tells is new
    return _stored(url)


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["processes", "dask"])
def test_engine_same_events_as_in_process(engine: str, corpus: Path, reference, engine_db: str, dask_cluster) -> None:
    scheduler = dask_cluster.scheduler_address if engine == "dask" else None
    with open_store(engine_db) as store:
        summary = run([corpus], store=store, engine=engine, workers=2, scheduler=scheduler, chunk_size=CHUNK,
                      batch_size=BATCH)
        again = run([corpus], store=store, engine=engine, workers=2, scheduler=scheduler, chunk_size=CHUNK,
                    batch_size=BATCH)
    keys, dicts, docs = _stored(engine_db)
    assert keys == reference[0]
    assert dicts == reference[1]
    assert docs == reference[2] == summary.new_documents
    assert summary.new_events == len(keys)
    assert (again.new_documents, again.new_events, again.skipped_known) == (0, 0, N_DOCS)


@pytest.mark.slow
def test_engine_worker_killed_mid_run(corpus: Path, reference, engine_db: str, dask_cluster) -> None:
    from distributed import Client

    killed: list[str] = []

    def kill_a_busy_worker() -> None:
        with Client(dask_cluster.scheduler_address) as client:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and not killed:
                busy = [w for w, tasks in client.processing().items() if tasks]
                if busy:
                    pid = client.run(os.getpid, workers=[busy[0]])[busy[0]]
                    os.kill(pid, signal.SIGKILL)  # the worker process dies mid-task, as on a lost machine
                    killed.append(busy[0])
                time.sleep(0.02)

    killer = threading.Thread(target=kill_a_busy_worker)
    killer.start()
    with open_store(engine_db) as store:
        summary = run([corpus], store=store, engine="dask", scheduler=dask_cluster.scheduler_address,
                      chunk_size=CHUNK, batch_size=BATCH)
    killer.join()
    assert killed, "no worker was busy: the test did not kill anything"
    with Client(dask_cluster.scheduler_address) as client:
        client.wait_for_workers(2, timeout=30)
        assert killed[0] not in client.scheduler_info()["workers"]  # that worker really died
    keys, dicts, docs = _stored(engine_db)
    assert (keys, dicts, docs) == reference
    assert summary.new_documents == docs and summary.new_events == len(keys)


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "contention", *args]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(SRC)}


def _committed_chunks(url: str) -> int:
    import psycopg

    with psycopg.connect(url) as conn:
        return int(conn.execute("SELECT COUNT(*) FROM run_chunks").fetchone()[0])


@pytest.mark.slow
def test_engine_driver_killed_then_resumed(corpus: Path, reference, engine_db: str, tmp_path: Path,
                                           dask_cluster) -> None:
    # killed: a run on its own LocalCluster (started by the CLI); resumed: on the existing cluster (--scheduler)
    chunks = -(-N_DOCS // CHUNK)
    open_store(engine_db).close()
    cmd = _cli("run", str(corpus), "--db", engine_db, "--engine", "dask", "--no-report", "-q",
               "--chunk-size", str(CHUNK), "--batch-size", str(BATCH))
    proc = subprocess.Popen([*cmd, "--workers", "2"], env=_env(), cwd=tmp_path, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while _committed_chunks(engine_db) < 1 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)  # the driver and its LocalCluster: nothing gets to clean up
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    done_before = _committed_chunks(engine_db)
    assert 1 <= done_before < chunks, "the run must be killed between its first and its last chunk"

    listing = subprocess.run(_cli("runs", "--db", engine_db), env=_env(), cwd=tmp_path, capture_output=True,
                             text=True, check=True)
    assert "interrupted" in listing.stdout.splitlines()[1]

    resumed = subprocess.run([*cmd, "--resume", "--scheduler", dask_cluster.scheduler_address], check=False, env=_env(), cwd=tmp_path, capture_output=True, text=True,
                             timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    keys, dicts, docs = _stored(engine_db)
    assert (keys, dicts, docs) == reference
    with open_store(engine_db) as store:
        runs = store.runs()
        chunk_rows = store.run_chunks(runs[0]["id"])
    assert len(runs) == 1 and runs[0]["state"] == "done"  # the same run, continued
    assert [c["chunk"] for c in chunk_rows] == list(range(chunks))
    counts = runs[0]["counts"]
    assert counts["documents"] == N_DOCS and counts["new_documents"] == docs == unique_texts(N_DOCS)
    assert counts["new_events"] == counts["events"] == len(keys)
    assert f"{N_DOCS} documents ({docs} new" in resumed.stdout
    listing = subprocess.run(_cli("runs", "--db", engine_db), env=_env(), cwd=tmp_path, capture_output=True,
                             text=True, check=True)
    assert listing.stdout.splitlines()[1].split()[:2] == ["1", "done"]


def _write_overlapping(url: str, run_no: int, lo: int, hi: int, rounds: int) -> tuple[int, int]:
    """One writer process: documents lo..hi and three events each, in ``rounds`` chunks of one transaction."""
    added_docs = added_events = 0
    with open_store(url) as store:
        run_id = store.begin_run(inputs=[f"writer {run_no}"], version="test")
        ids = list(range(lo, hi))
        step = -(-len(ids) // rounds)
        for n in range(rounds):
            part = ids[n * step:(n + 1) * step]
            docs = [Document(doc_id=f"d{i}", text=f"Report {i}: the strike went on.", lang="en") for i in part]
            # a place per document: strikes in different towns are different acts, which linking keeps apart
            events = [Event(type="protest.strike", evidence=Evidence(f"d{i}", j, j + 6, "strike"), country="KZ",
                            place=f"Town {i}", date="2021-05-0" + str(1 + j)) for i in part for j in range(3)]
            out = store.put_chunk(run_id, n, digest=str(n), docs=docs, events=events,
                                  counts={"documents": len(docs), "events": len(events)}, tally={})
            added_docs += out["new_documents"]
            added_events += out["new_events"]
        store.finish_run(run_id)
    return added_docs, added_events


@pytest.mark.slow
def test_engine_two_writer_processes_overlapping_batches(engine_db: str) -> None:
    open_store(engine_db).close()
    # writer 0: 0..1800, writer 1: 600..2400 -> 1200 documents (3600 events) written by both; COPY paths on both
    spans = [(0, 1800), (600, 2400)]
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(2) as pool:
        added = pool.starmap(_write_overlapping, [(engine_db, w, lo, hi, 2) for w, (lo, hi) in enumerate(spans)])
    with open_store(engine_db) as store:
        assert len(store.documents()) == 2400 == sum(a[0] for a in added)
        assert store.count_events() == 3 * 2400 == sum(a[1] for a in added)
        assert [len(store.run_chunks(r["id"])) for r in store.runs()] == [2, 2]


def test_dask_engine_keeps_no_batch_after_its_result() -> None:
    # Dask's comms remember their last 1,000 messages by default, and a submitted task's message carries
    # its batch: the driver then held ~1,000 batches of documents (memory grew over a 100k-document run).
    # And releasing a future only sends a message: the LocalCluster's scheduler (in this process) held the
    # last batches until it got round to it, so a count taken at once saw 0 to 3 batches (a flaky test).
    # map() now returns once the scheduler has forgotten its tasks. What may remain is the comm's last
    # payload (a local of its send loop until the next message), which holds at most the batches sent in
    # one flush: never more than the in-flight window, whatever the input's length.
    import gc

    from contention.engine.dask_cluster import IN_FLIGHT_PER_THREAD, DaskEngine

    window = IN_FLIGHT_PER_THREAD * 1
    with DaskEngine(workers=1) as engine:
        for attempt in range(10):  # the old race showed within the first maps
            marker = f"held-by-dask-{attempt}-"
            batches = ([Document(doc_id=f"{marker}{i}-{j}", text="The workers went on strike." * 20) for j in range(25)]
                       for i in range(40))
            sizes = list(engine.map(len, batches))
            scheduled = engine.client.run_on_scheduler(lambda dask_scheduler: len(dask_scheduler.tasks))
            gc.collect()
            gc.collect()  # Dask's messages form reference cycles of two generations
            alive = [o for o in gc.get_objects() if type(o) is Document and o.doc_id.startswith(marker)]
            assert sizes == [25] * 40
            assert scheduled == 0, f"map {attempt}: the scheduler still holds {scheduled} tasks after map() returned"
            assert len(alive) <= 25 * window, f"map {attempt}: {len(alive) // 25} batches of 40 still held by the driver"
