"""Run states as a reader sees them: a run still marked ``running`` whose driver is gone is ``interrupted``."""
from __future__ import annotations

import os
import socket
from datetime import UTC, datetime
from typing import Any

#: A running run on another machine counts as interrupted after this long without a committed chunk.
STALE_SECONDS = 3600
STATES = ("running", "done", "failed", "partial", "interrupted")


def run_state(run: dict[str, Any], *, host: str | None = None, now: datetime | None = None) -> str:
    """The state of ``run`` (a ``Store.runs()`` row): its stored state, unless it says running but cannot be."""
    if run["state"] != "running":
        return str(run["state"])
    host = host or socket.gethostname()
    driver_host, _, pid = (run.get("driver") or "").rpartition(":")
    if driver_host == host and pid.isdigit():
        return "running" if _alive(int(pid)) else "interrupted"
    beat = run.get("heartbeat") or run["started"]
    age = ((now or datetime.now(UTC)) - datetime.fromisoformat(beat)).total_seconds()
    return "running" if age < STALE_SECONDS else "interrupted"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # a zombie (killed, not yet reaped by its parent) is not running either
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return True


def run_listing(store: Any) -> list[dict[str, Any]]:
    """Every run with its effective state and counts; counts of unfinished runs are summed from their chunks."""
    out = []
    for r in store.runs():
        counts = r["counts"] or {}
        row = {"id": r["id"], "state": run_state(r), "engine": r["engine"], "started": r["started"],
               "finished": r["finished"], "inputs": r["inputs"], "chunks": r["chunks"], "error": r["error"]}
        for name in ("documents", "new_documents", "events", "new_events"):
            row[name] = int(counts.get(name, r[f"chunk_{name}"]) if r["finished"] else r[f"chunk_{name}"])
        out.append(row)
    return out
