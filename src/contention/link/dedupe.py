"""The same event told by several documents is stored once, with every document's evidence.

Events are blocked on (type, modality, country, place or region, date); within a block the first
event is kept and the others' evidence is added to it. Dates must agree at the precision both give
(a day-precise and a month-precise report of the same month merge, keeping the day), so
different days stay different events (coding rule 1).

The merge is greedy in input order, so the result depends only on the order of the events, never
on how they were cut into chunks: a chunk's events are merged with ``seed``, the stored events of
their blocks in the order they were stored (``block_key`` is the block as the store indexes it).
"""
from __future__ import annotations

from typing import Iterable

from ..records import Event


def _block(ev: Event) -> tuple:
    return (ev.type, ev.modality, ev.country, ev.place or ev.admin1)


def block_key(ev: Event) -> str:
    """The block of ``ev`` with its origin as one string (the store's ``events.link_block``)."""
    return "\x1f".join((ev.type, ev.modality, ev.country or "", ev.place or ev.admin1 or "", ev.origin))


def _dates_agree(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return a == b
    return a.startswith(b) or b.startswith(a)


def merge_across_documents(events: Iterable[Event], seed: Iterable[Event] = ()) -> list[Event]:
    """Merge reports of one act from different documents; within a document nothing is merged here.

    seed: events merged before ``events`` (the stored ones), in their order; they come first in the
    result, each as it is after the merge (more evidence, a finer date, more counts), and no event of
    ``events`` is kept apart when it merges into one of them.
    """
    kept: list[Event] = []
    blocks: dict[tuple, list[int]] = {}
    for ev in seed:
        blocks.setdefault(_block(ev), []).append(len(kept))
        kept.append(ev)
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
