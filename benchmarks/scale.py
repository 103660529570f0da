"""Benchmark the engines: docs/s for local, processes(2), dask(1) and dask(2); driver RSS while streaming; COPY rate.

Run (from the repository root; it starts its own throwaway PostgreSQL 15 unless --db is given):
    PYTHONPATH=src:. python benchmarks/scale.py [--docs 10000] [--stream-docs 100000] [--db postgresql://...]
Documents are news-length reports generated from our own templated sentences (tests/engine/corpus.py).
Each engine codes the same corpus into a fresh database; "docs/s" counts from the start of the run
(engine start-up included) to the last committed chunk; the episode rebuild after that is not counted.
Prints markdown tables.
"""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from tests.engine.corpus import documents, write_corpus

from contention.pipeline import run
from contention.records import Document, Event, Evidence
from contention.store import open_store

PG_BIN = Path(os.environ.get("CONTENTION_PG_BIN", "/usr/lib/postgresql/15/bin"))
#: RSS samples per second while streaming.
SAMPLE_HZ = 4


@contextlib.contextmanager
def throwaway_postgres() -> Iterator[str]:
    """A PostgreSQL server in a temporary folder (as the postgres user when root); yields the admin URL."""
    root = Path(tempfile.mkdtemp(prefix="scale-pg-"))
    as_pg = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if os.geteuid() == 0:
        shutil.chown(root, user="postgres")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    sh = lambda *a: subprocess.run([*as_pg, *a], check=True, capture_output=True)
    sh(str(PG_BIN / "initdb"), "-D", str(root / "data"), "-U", "postgres", "--auth=trust", "-E", "UTF8",
       "--locale=C.UTF-8")
    sh(str(PG_BIN / "pg_ctl"), "-D", str(root / "data"), "-o", f"-c listen_addresses=127.0.0.1 -p {port} -k {root}",
       "-l", str(root / "log"), "-w", "start")
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*as_pg, str(PG_BIN / "pg_ctl"), "-D", str(root / "data"), "-m", "fast", "-w", "stop"],
                       check=False, capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


def fresh_db(admin_url: str, name: str) -> str:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    return admin_url.rsplit("/", 1)[0] + "/" + name


def rss_mib() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def timed_run(corpus: Path, url: str, engine: str, workers: int | None, chunk_size: int,
              samples: list[tuple[float, float]] | None = None) -> dict[str, float]:
    """One pipeline run; RETURNS seconds to the last chunk, total seconds, documents and events stored."""
    last = [0.0]
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(1 / SAMPLE_HZ):
            samples.append((time.perf_counter() - t0, rss_mib()))  # type: ignore[union-attr]

    t0 = time.perf_counter()
    sampler = threading.Thread(target=sample, daemon=True)
    if samples is not None:
        sampler.start()
    with open_store(url) as store:
        summary = run([corpus], store=store, engine=engine, workers=workers, chunk_size=chunk_size,
                      progress=lambda n: last.__setitem__(0, time.perf_counter() - t0))
    total = time.perf_counter() - t0
    stop.set()
    return {"coded_s": last[0], "total_s": total, "docs": summary.documents, "new_docs": summary.new_documents,
            "events": summary.new_events}


def copy_rate(admin_url: str, n_docs: int) -> dict[str, float]:
    """Documents + 3 events each through Store.put_chunk (COPY path) into a fresh database, in chunks of 2,000."""
    url = fresh_db(admin_url, "scale_copy")
    docs = [Document(**d) for d in documents(n_docs, long=True)]
    t_docs = t_all = 0.0
    with open_store(url) as store:
        run_id = store.begin_run(inputs=["copy"], version="bench")
        for n in range(0, n_docs, 2000):
            part = [d for d in docs[n:n + 2000]]
            events = [Event(type="protest.strike", evidence=Evidence(d.doc_id, 3 * j, 3 * j + 2, "xx"), country="KZ",
                            date=f"2021-0{1 + j}-1{j}", place="Almaty", counts={"participants": j + 1})
                      for d in part for j in range(3)]
            t = time.perf_counter()
            store.put_chunk(run_id, n // 2000, digest=str(n), docs=part, events=[], counts={}, tally={})
            t_docs += time.perf_counter() - t
            t = time.perf_counter()
            store.put_chunk(run_id, n // 2000 + 10**6, digest=str(n), docs=[], events=events, counts={}, tally={})
            t_all += time.perf_counter() - t
    return {"docs_per_s": n_docs / t_docs, "events_per_s": 3 * n_docs / t_all}


def machine() -> str:
    with open("/proc/meminfo") as f:
        mem = int(f.readline().split()[1]) / 2**20
    load = os.getloadavg()[0]
    return (f"{os.cpu_count()} cores, {mem:.0f} GiB RAM, {platform.python_implementation()} "
            f"{platform.python_version()}, load average at start {load:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000, help="documents for the engine comparison")
    parser.add_argument("--stream-docs", type=int, default=100_000, help="documents streamed for the memory profile")
    parser.add_argument("--stream-chunk", type=int, default=2000, help="chunk size while streaming")
    parser.add_argument("--copy-docs", type=int, default=20_000, help="documents for the COPY rate")
    parser.add_argument("--engines", default="local,processes:2,dask:1,dask:2",
                        help="engines to compare on --docs documents ('none': only the streaming and COPY parts)")
    parser.add_argument("--db", default=None, help="admin URL of a PostgreSQL server (default: start one)")
    args = parser.parse_args()
    print(f"command: `PYTHONPATH=src:. python {' '.join(sys.argv)}`  ")
    print(f"machine: {machine()}  ")
    print(f"date: {dt.datetime.now(dt.UTC).isoformat(timespec='minutes')}\n")
    with tempfile.TemporaryDirectory() as tmp, (contextlib.nullcontext(args.db) if args.db
                                                else throwaway_postgres()) as admin:
        corpus = write_corpus(Path(tmp) / "corpus", args.docs, files=10, long=True)
        print("| engine | workers | docs | stored docs | events | s to last chunk | docs/s | total s (with episodes) |")
        print("|---|---|---|---|---|---|---|---|")
        for spec in ([] if args.engines == "none" else args.engines.split(",")):
            engine, _, w = spec.partition(":")
            workers = int(w) if w else None
            r = timed_run(corpus, fresh_db(admin, f"scale_{engine}_{w or 1}"), engine, workers, 2000)
            print(f"| {engine} | {workers or 1} | {r['docs']} | {r['new_docs']} | {r['events']} | {r['coded_s']:.1f} "
                  f"| {r['docs'] / r['coded_s']:.1f} | {r['total_s']:.1f} |", flush=True)
        shutil.rmtree(corpus)
        stream = write_corpus(Path(tmp) / "stream", args.stream_docs, files=20, long=True)
        samples: list[tuple[float, float]] = []
        before = rss_mib()
        r = timed_run(stream, fresh_db(admin, "scale_stream"), "dask", 2, args.stream_chunk, samples)
        coding = [m for t, m in samples if t <= r["coded_s"]]
        tenth = max(1, len(coding) // 10)
        print(f"\nstreaming {r['docs']} documents through dask(2), chunks of {args.stream_chunk}: "
              f"{r['docs'] / r['coded_s']:.1f} docs/s\n")
        print("| driver RSS (MiB) | before | first 10% of coding | middle 10% | last 10% | max while coding "
              "| max incl. episode rebuild |")
        print("|---|---|---|---|---|---|---|")
        mid = len(coding) // 2
        print(f"| | {before:.0f} | {max(coding[:tenth]):.0f} | {max(coding[mid:mid + tenth]):.0f} "
              f"| {max(coding[-tenth:]):.0f} | {max(coding):.0f} | {max(m for _, m in samples):.0f} |")
        c = copy_rate(admin, args.copy_docs)
        print(f"\nCOPY into PostgreSQL (Store.put_chunk, chunks of 2,000): {c['docs_per_s']:.0f} documents/s, "
              f"{c['events_per_s']:.0f} events/s")


if __name__ == "__main__":
    main()
