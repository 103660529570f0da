"""The same event told by several documents is stored once, with every document's evidence.

Events are blocked on (type, modality, country, place or region, date); within a block the first
event is kept and the others' evidence is added to it. Dates must agree at the precision both give
(a day-precise and a month-precise report of the same month merge, keeping the day), so
different days stay different events (coding rule 1).
"""
from __future__ import annotations

from typing import Iterable

from ..records import Event


def _block(ev: Event) -> tuple:
    return (ev.type, ev.modality, ev.country, ev.place or ev.admin1)


def _dates_agree(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return a == b
    return a.startswith(b) or b.startswith(a)


def merge_across_documents(events: Iterable[Event]) -> list[Event]:
    """Merge reports of one act from different documents; within a document nothing is merged here."""
    kept: list[Event] = []
    blocks: dict[tuple, list[int]] = {}
    for ev in events:
        idxs = blocks.setdefault(_block(ev), [])
        hit = next((i for i in idxs if kept[i].doc_id != ev.doc_id and _dates_agree(kept[i].date, ev.date)
                    and ev.origin == kept[i].origin), None)
        if hit is None:
            idxs.append(len(kept))
            kept.append(ev)
            continue
        base = kept[hit]
        extra = tuple(e for e in ev.all_evidence() if e not in base.all_evidence())
        date = ev.date if len(ev.date or "") > len(base.date or "") else base.date
        counts = {**ev.counts, **base.counts}
        kept[hit] = base.with_(more_evidence=base.more_evidence + extra, date=date, counts=counts)
    return kept
