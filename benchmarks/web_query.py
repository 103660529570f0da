"""Benchmark the dashboard: p50/p95 latency of the events page and /api/events over 1M events in SQLite.

Run: PYTHONPATH=src python benchmarks/web_query.py [--events 1000000] [--db /tmp/web-bench.db] [--requests 50]
An existing --db with events is reused (no reload). Loading goes through Store.put_events with
store_query.py's generator (the pipeline's own write path). The app is served by uvicorn on a
free port in a thread and called over real HTTP with httpx; each request is a filtered query
(country + type + date range), the page's first page of 50 rows with its total count.
Prints a markdown table.
"""
from __future__ import annotations

import argparse
from dataclasses import replace
import random
import socket
import sys
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from store_query import BATCH, COUNTRIES, pct, synthetic

from contention.store import open_store
from contention.taxonomy import EVENT_TYPES

WARMUP = 5


def load(path: Path, n: int) -> str:
    with open_store(f"sqlite:///{path}") as store:
        have = store.count_events()
        if have >= n:
            return f"{have:,} events stored (reused)"
        t0 = time.perf_counter()
        start = have
        while have < n:
            # store_query's generator restarts its doc ids each batch, so keys of two batches can
            # collide (and ON CONFLICT drops them): give each batch its own documents
            batch = [e.with_(evidence=replace(e.evidence, doc_id=f"b{start}-{e.evidence.doc_id}"))
                     for e in synthetic(min(BATCH, n - have), seed=start)]
            store.put_events(batch)
            start += BATCH
            have = store.count_events()
        return f"{have:,} events stored; loading took {time.perf_counter() - t0:.0f} s"


def serve(db_url: str) -> tuple[str, object]:
    import uvicorn

    from contention.serve import create_app

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db_url), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", server


def queries(n: int, seed: int = 11) -> list[dict[str, str]]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        y = rng.randint(2000, 2022)
        out.append({"country": rng.choice(COUNTRIES), "type": rng.choice(EVENT_TYPES),
                    "from": f"{y}-{rng.randint(1, 12):02d}", "to": f"{y + rng.randint(0, 2)}-12-31"})
    return out


def time_path(client: httpx.Client, path: str, params: list[dict[str, str]]) -> tuple[list[float], list[int]]:
    for p in params[:WARMUP]:
        client.get(path, params=p).raise_for_status()
    times, sizes = [], []
    for p in params:
        t0 = time.perf_counter()
        reply = client.get(path, params=p)
        times.append((time.perf_counter() - t0) * 1000)
        reply.raise_for_status()
        sizes.append(len(reply.content))
    return times, sizes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", default="/tmp/contention-web-bench.db")
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()
    path = Path(args.db)
    loaded = load(path, args.events)
    url, server = serve(f"sqlite:///{path}")
    params = queries(args.requests)
    rows = [("database", f"{args.events:,} synthetic events asked", loaded)]
    searched = [{**p, "q": "полиция"} for p in params]
    with httpx.Client(base_url=url, timeout=60) as client:
        for path_, ps, what in (("/events", params, ""), ("/api/events", params, ""),
                                ("/events", searched, "&q=полиция"), ("/api/events", searched, "&q=полиция")):
            times, sizes = time_path(client, path_, ps)
            rows.append((f"GET {path_}?country&type&from&to{what} (page 1, 50 rows + total)",
                         f"{len(times)} requests, median {sorted(sizes)[len(sizes) // 2] / 1000:.0f} kB",
                         f"p50 {pct(times, 50):.1f} ms, p95 {pct(times, 95):.1f} ms, max {max(times):.1f} ms"))
    server.should_exit = True  # type: ignore[attr-defined]
    print("| measure | workload | result |\n|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
