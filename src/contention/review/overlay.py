"""Machine events + review states -> the reviewed events.

A state is a dict: ``status`` (confirmed | corrected | deleted | merged | split | added),
``attrs`` (corrected taxonomy attributes), ``extra_evidence`` (spans taken over in a merge),
``merged_into`` (the key a merged event went into), ``event`` (a whole event a reviewer coded),
``doc_id``. Reviewed events keep the key they are reviewed under (``review_key``).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from ..records import Event, Evidence
from ..taxonomy import COUNT_KEYS

#: Statuses under which the event is not in the reviewed data (it lives on elsewhere or was wrong).
GONE = ("deleted", "merged", "split")
#: Attributes a reviewer may correct, in the taxonomy's terms.
EDITABLE = ("type", "date", "country", "admin1", "place", "actor", "actor_type", "modality", "preemptive",
            "claims", *COUNT_KEYS)


def with_attrs(event: Event, attrs: Mapping[str, Any]) -> Event:
    """``event`` with the corrected ``attrs`` (counts by name, claims as a list)."""
    counts = dict(event.counts)
    plain: dict[str, Any] = {}
    for name, value in attrs.items():
        if name in COUNT_KEYS:
            if value is None:
                counts.pop(name, None)
            else:
                counts[name] = int(value)
        elif name == "claims":
            plain["claims"] = tuple(value or ())
        elif name in EDITABLE:
            plain[name] = value
    return event.with_(counts=counts, **plain)


def evidence_of(d: Mapping[str, Any]) -> Evidence:
    return Evidence(doc_id=d["doc_id"], start=int(d["start"]), end=int(d["end"]), text=d["text"])


def added_event(state: Mapping[str, Any]) -> Event:
    """The event a reviewer coded (or split off), from its state."""
    d = state["event"]
    more = tuple(evidence_of(e) for e in d.get("more_evidence") or ())
    base = Event(type=d["type"], evidence=evidence_of(d["evidence"]), more_evidence=more, origin="reviewed",
                 rule="review")
    return with_attrs(base, {k: v for k, v in d.items() if k in EDITABLE})


def reviewed(event: Event | None, state: Mapping[str, Any] | None) -> Event | None:
    """The reviewed form of ``event`` under ``state``; None when review took it out."""
    if state is None:
        return event
    status = state.get("status")
    if status in GONE:
        return None
    if status == "added":
        return added_event(state)
    if event is None:
        return None
    out = with_attrs(event, state.get("attrs") or {})
    extra = tuple(evidence_of(e) for e in state.get("extra_evidence") or ())
    return out.with_(more_evidence=out.more_evidence + extra) if extra else out


def reviewed_events(machine: Iterable[tuple[str, Event]], states: Mapping[str, Mapping[str, Any]],
                    *, include_added: bool = True) -> Iterator[tuple[str, Event, str]]:
    """(review key, reviewed event, status) for every machine event still in, then every added one."""
    for key, event in machine:
        state = states.get(key)
        out = reviewed(event, state)
        if out is not None:
            yield key, out, (state or {}).get("status", "machine")
    if include_added:
        for key in sorted(states):
            state = states[key]
            if state.get("status") == "added":
                yield key, added_event(state), "added"
