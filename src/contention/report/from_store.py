"""Build the offline report from what a store holds (the I/O side of the report)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from .offline import MAX_EVENTS, build_report

REPORT_FILE = "index.html"


def build_from_store(store, out_dir: str | Path, *, title: str = "contention report",  # type: ignore[no-untyped-def]
                     **learning: Any) -> Path:
    """Write ``out_dir/index.html`` from every event, document and episode in ``store``.

    learning: ``country``, ``landmark``, ``origin``, ``window_years`` for the learning section
        (see ``learning_sections.plan``); the estimates go to ``learning-estimates.csv``/``.json``
        beside the report.
    """
    events = store.events_frame()
    docs = {d.doc_id: {"title": d.title, "url": d.url, "published": d.published, "source": d.source, "text": d.text}
            for d in store.documents()}
    results: list = []  # type: ignore[type-arg]
    episodes, episode_map, sections = _learning(store, events, results=results, **learning)
    runs = store.runs()
    run_info = {k: runs[-1].get(k) for k in ("id", "started", "version", "engine", "inputs")} if runs else None
    out = Path(out_dir) / REPORT_FILE
    out.parent.mkdir(parents=True, exist_ok=True)
    exports = {}
    if len(events) > MAX_EVENTS:  # the report lists some events; the full table goes beside it
        for fmt in ("csv", "jsonl"):
            store.export(str(out.parent / f"events.{fmt}"))
            exports[fmt] = f"events.{fmt}"
    path = build_report(events, docs, out, episodes=episodes, episode_map=episode_map,
                        learning_sections=sections, title=title, run_info=run_info, exports=exports)
    from .learning_sections import write_tables

    write_tables(results, out_dir)
    return path


def _learning(store, events, **learning):  # type: ignore[no-untyped-def]
    """Episodes, the event->episode map and the learning sections."""
    from .learning_sections import learning_sections, plan

    requests, options = plan(events, **learning)
    return learning_sections(events, requests=requests, **options)
