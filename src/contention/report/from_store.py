"""Build the offline report from what a store holds (the I/O side of the report)."""
from __future__ import annotations

from pathlib import Path

from .offline import MAX_EVENTS, build_report

REPORT_FILE = "index.html"


def build_from_store(store, out_dir: str | Path, *, title: str = "contention report") -> Path:  # type: ignore[no-untyped-def]
    """Write ``out_dir/index.html`` from every event, document and episode in ``store``."""
    events = store.events_frame()
    docs = {d.doc_id: {"title": d.title, "url": d.url, "published": d.published, "source": d.source, "text": d.text}
            for d in store.documents()}
    episodes, episode_map, sections = _learning(store, events)
    runs = store.runs()
    run_info = {k: runs[-1].get(k) for k in ("id", "started", "version", "engine", "inputs")} if runs else None
    out = Path(out_dir) / REPORT_FILE
    out.parent.mkdir(parents=True, exist_ok=True)
    exports = {}
    if len(events) > MAX_EVENTS:  # the report lists some events; the full table goes beside it
        for fmt in ("csv", "jsonl"):
            store.export(str(out.parent / f"events.{fmt}"))
            exports[fmt] = f"events.{fmt}"
    return build_report(events, docs, out, episodes=episodes, episode_map=episode_map,
                        learning_sections=sections, title=title, run_info=run_info, exports=exports)


def _learning(store, events):  # type: ignore[no-untyped-def]
    """Episodes, the event->episode map and the learning sections."""
    from .learning_sections import learning_sections

    return learning_sections(events)
