"""Reviewed documents as a gold file in the dev-set format, so users grow their own benchmark.

One JSON object per line: ``{"doc_id", "url", "lang", "published", "text", "events": [...]}``
with the events in the taxonomy's form, as reviewed. A document counts as reviewed when a
reviewer has touched at least one of its events (or added one).
"""
from __future__ import annotations

import json
from typing import Any

from ..store import Store
from .overlay import reviewed_events


def gold_documents(store: Store) -> list[dict[str, Any]]:
    """The reviewed documents with their reviewed events, by doc_id."""
    states = store.review_states()
    doc_ids = sorted({str(s.get("doc_id")) for s in states.values() if s.get("doc_id")})
    out = []
    for doc_id in doc_ids:
        doc = store.document(doc_id)
        if doc is None:
            continue
        machine = ((e.key, e) for e in store.events(doc_id=doc_id))
        events = [ev for _, ev, _ in reviewed_events(machine, states, include_added=False)]
        events += [ev for key, ev, _ in reviewed_events((), states) if ev.doc_id == doc_id]
        events.sort(key=lambda e: (e.evidence.start, e.type))
        out.append({"doc_id": doc.doc_id, "url": doc.url, "lang": doc.lang, "published": doc.published,
                    "text": doc.text, "events": [e.to_taxonomy() for e in events]})
    return out


def write_gold(store: Store, path: str) -> int:
    """Write the gold file; RETURNS (int): documents written."""
    docs = gold_documents(store)
    with open(path, "w", encoding="utf-8") as out:
        out.writelines(json.dumps(d, ensure_ascii=False) + "\n" for d in docs)
    return len(docs)
