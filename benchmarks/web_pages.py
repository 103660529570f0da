"""Benchmark the dashboard's pages over the full Mass Mobilization file: p50/p95 of 50 requests each, and the report's size.

Run: PYTHONPATH=src python benchmarks/web_pages.py [--db /tmp/mm-pages.db] [--requests 50] [--report]
The file (shared/data/mass-mobilization/mmALL_073120_full.csv.gz) is imported with
``contention import mm`` into a SQLite file unless --db already holds it. The app is served by
uvicorn on a free port in a thread and called over real HTTP with httpx. One request per page
warms the process (the chart engine, Natural Earth, town coordinates load once); it is not counted.
Every counted request asks for something not asked before:
  /events    page 1..n of the unfiltered list, alternating with one country's first page (facets
             are computed for every new filter set; a new page of the same filters reuses them);
  /episodes  page 1..n (each page draws its own timeline of 50 episodes);
  /map       one country each (the map is drawn anew).
--report also builds the offline report from the store and prints its size. Beside wall-clock
times it prints CPU time per request (the process's, client and server): on a machine shared
with other work, wall-clock time grows with the load and CPU time does not.
Prints a markdown table.
"""
from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from tests.shared_path import SHARED  # noqa: E402

from contention.store import open_store  # noqa: E402

MM_FULL = SHARED / "data" / "mass-mobilization" / "mmALL_073120_full.csv.gz"


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def load(db: Path) -> str:
    url = f"sqlite:///{db}"
    if db.exists():
        with open_store(url) as store:
            if store.count_events() > 20_000:
                return f"{store.count_events():,} events, {store.count_episodes():,} episodes (reused)"
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "contention", "import", "mm", str(MM_FULL), "--db", url, "-q"], check=True)
    with open_store(url) as store:
        return (f"{store.count_events():,} events, {store.count_episodes():,} episodes; "
                f"import took {time.perf_counter() - t0:.0f} s")


def serve(db_url: str) -> str:
    import uvicorn

    from contention.serve import create_app

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db_url), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}"


def timed(client: httpx.Client, paths: list[str]) -> tuple[list[float], list[float], int]:
    """Wall-clock ms per request, CPU ms per request (this process: client and server threads,
    so the figure does not depend on what else the machine runs), and the largest page."""
    out, cpu, size = [], [], 0
    for path in paths:
        t0, c0 = time.perf_counter(), time.process_time()
        reply = client.get(path)
        out.append(1000 * (time.perf_counter() - t0))
        cpu.append(1000 * (time.process_time() - c0))
        assert reply.status_code == 200, (path, reply.status_code, reply.text[:300])
        size = max(size, len(reply.content))
    return out, cpu, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "mm-pages.db")
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--report", action="store_true")
    args = parser.parse_args()
    n = args.requests
    print(load(args.db))
    url = f"sqlite:///{args.db}"
    with open_store(url) as store:
        countries = list(store.count_by(by=("country",)).sort_values("events", ascending=False)["country"].dropna())
    base = serve(url)
    with httpx.Client(base_url=base, timeout=120) as client:
        for warm in ("/events", "/episodes", "/map?country=US"):
            client.get(warm)
        cases = {
            "`/events` (page k, or one country's page 1)": [f"/events?page={i // 2 + 2}" if i % 2 == 0 else
                                                           f"/events?country={countries[i // 2 + 1]}" for i in range(n)],
            "`/episodes` (page k of 50 episodes, with its timeline)": [f"/episodes?page={i + 2}" for i in range(n)],
            "`/map` (one country, its regions)": [f"/map?country={c}" for c in countries[2:2 + min(n, 20)]],
        }
        print("\n| request | n | p50 | p95 | max | CPU p50 | CPU p95 | largest page |\n" + "|---" * 8 + "|")
        for name, paths in cases.items():
            ms, cpu, size = timed(client, paths)
            print(f"| {name} | {len(ms)} | {pct(ms, 50):.0f} ms | **{pct(ms, 95):.0f} ms** | {max(ms):.0f} ms "
                  f"| {pct(cpu, 50):.0f} ms | {pct(cpu, 95):.0f} ms | {size / 1024:.0f} KiB |")
    if args.report:
        from contention.report.from_store import build_from_store

        out = Path(tempfile.mkdtemp(prefix="mm-report-"))
        t0 = time.perf_counter()
        with open_store(url) as store:
            path = build_from_store(store, out)
        print(f"\nreport: {path.stat().st_size / 2**20:.2f} MiB ({path}), built in {time.perf_counter() - t0:.0f} s; "
              + ", ".join(f"{p.name} {p.stat().st_size / 2**20:.1f} MiB" for p in sorted(out.iterdir()) if p != path))


if __name__ == "__main__":
    main()
