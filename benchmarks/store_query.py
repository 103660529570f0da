"""Benchmark the store: load N synthetic events into SQLite, then time filtered paged queries and the repertoire.

Run: PYTHONPATH=src python benchmarks/store_query.py [--events 1000000] [--db /tmp/bench.db] [--keep]
Prints a markdown table. Loading goes through Store.put_events in big batches (one transaction
and one executemany per table each), i.e. the same path the pipeline uses.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from contention.records import Event, Evidence
from contention.store import open_store
from contention.taxonomy import EVENT_TYPES

COUNTRIES = ("KZ", "RU", "KG", "UZ", "TJ", "BY", "AM", "AZ", "GE", "UA", "MN", "TM", "MD", "IR", "TR",
             "CN", "EG", "DZ", "VE", "BO")
WORDS = ("workers", "police", "students", "strike", "rally", "square", "detained", "dispersed", "wages",
         "митинг", "полиция", "задержаны", "забастовка", "рабочие", "акимат", "бастующие", "oil", "prices")
QUERIES = 50
BATCH = 100_000


def synthetic(n: int, seed: int = 7) -> list[Event]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        year, month, day = rng.randint(2000, 2024), rng.randint(1, 12), rng.randint(1, 28)
        date = f"{year}-{month:02d}-{day:02d}" if i % 4 else f"{year}-{month:02d}"
        words = " ".join(rng.choice(WORDS) for _ in range(8))
        out.append(Event(
            type=rng.choice(EVENT_TYPES), evidence=Evidence(f"doc-{i // 3}", (i % 3) * 100, (i % 3) * 100 + 60, words),
            date=date, country=rng.choice(COUNTRIES), admin1=f"region-{rng.randint(1, 15)}",
            counts={"detained": rng.randint(0, 50)} if i % 5 == 0 else {}, preemptive=i % 17 == 0,
        ))
    return out


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", default=None, help="SQLite file (default: a temporary file, removed after)")
    parser.add_argument("--keep", action="store_true", help="keep the database file")
    args = parser.parse_args()
    path = Path(args.db or os.path.join(tempfile.mkdtemp(prefix="contention-bench-"), "bench.db"))
    if path.exists():
        path.unlink()

    rows = []
    with open_store(f"sqlite:///{path}") as store:
        load_s = 0.0
        t_gen = time.perf_counter()
        for start in range(0, args.events, BATCH):
            batch = synthetic(min(BATCH, args.events - start), seed=start)
            t0 = time.perf_counter()
            store.put_events(batch)
            load_s += time.perf_counter() - t0
        total_s = time.perf_counter() - t_gen
        rows.append(("load (put_events, 100k per transaction)", f"{args.events:,} events",
                     f"{load_s:.1f} s in store ({args.events / load_s:,.0f} ev/s); {total_s:.1f} s with generation"))

        rng = random.Random(11)
        for name, call in (
            ("events(country, type, date range, limit 50)", lambda f: store.events(limit=50, **f)),
            ("events_frame(same)", lambda f: store.events_frame(limit=50, **f)),
            ("count_events(same)", lambda f: store.count_events(**f)),
            ("events(same + text='полиция', limit 50)", lambda f: store.events(limit=50, text="полиция", **f)),
        ):
            times, sizes = [], []
            for _ in range(QUERIES):
                y = rng.randint(2000, 2022)
                f = {"country": rng.choice(COUNTRIES), "type": rng.choice(EVENT_TYPES),
                     "date_from": f"{y}-{rng.randint(1, 12):02d}", "date_to": f"{y + rng.randint(0, 2)}-12-31"}
                t0 = time.perf_counter()
                got = call(f)
                times.append((time.perf_counter() - t0) * 1000)
                sizes.append(got if isinstance(got, int) else len(got))
            rows.append((name, f"{QUERIES} queries, median {statistics.median(sizes):.0f} rows",
                         f"p50 {pct(times, 50):.1f} ms, p95 {pct(times, 95):.1f} ms"))

        times = []
        for _ in range(5):
            t0 = time.perf_counter()
            frame = store.count_by(by=("country", "family", "year"))
            times.append((time.perf_counter() - t0) * 1000)
        rows.append(("count_by(country, family, year), all events", f"5 runs, {len(frame)} groups",
                     f"p50 {pct(times, 50):.0f} ms, max {max(times):.0f} ms"))
        times = []
        for _ in range(20):
            t0 = time.perf_counter()
            store.search("задерж* полиция", limit=50)
            times.append((time.perf_counter() - t0) * 1000)
        rows.append(("search('задерж* полиция', limit 50)", "20 runs", f"p50 {pct(times, 50):.0f} ms, p95 {pct(times, 95):.0f} ms"))

    size_mb = path.stat().st_size / 1e6 + sum(p.stat().st_size for p in path.parent.glob(path.name + "-*")) / 1e6
    rows.append(("database file", str(path.name), f"{size_mb:,.0f} MB"))
    print("| measure | workload | result |\n|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    if not args.keep and not args.db:
        for p in path.parent.glob(path.name + "*"):
            p.unlink()
        path.parent.rmdir()


if __name__ == "__main__":
    main()
