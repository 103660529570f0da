"""The reviewer's desk: look an event up with its review state, carry out one act, list reviewed events.

These are the functions the web app and the CLI call; ``ops`` decides, the Store writes.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ..errors import InputError
from ..records import Event
from ..store import Store
from ..store.rows import date_bounds
from . import ops
from .overlay import reviewed, reviewed_events

ACTIONS = ("confirm", "correct", "delete", "merge", "split", "code")


def lookup(store: Store, key: str) -> tuple[Event | None, dict[str, Any] | None]:
    """The machine event stored under ``key`` (None for a reviewer's own) and its review state (None if unreviewed)."""
    found = store.events(event_key=key, limit=1)
    state = store.review_states([key]).get(key)
    return (found[0] if found else None), state


def current(store: Store, key: str) -> Event | None:
    """The reviewed form of event ``key`` (None when absent or taken out by review)."""
    return reviewed(*lookup(store, key))


def act(store: Store, action: str, key: str | None, *, who: str, reason: str = "",
        attrs: Mapping[str, Any] | None = None, other_key: str | None = None,
        parts: list[Mapping[str, Any]] | None = None, doc_id: str | None = None,
        start: int | None = None, end: int | None = None) -> int:
    """Carry out one review act and log it; RETURNS (int): the audit entry id. Bad acts raise InputError."""
    if action == "code":
        doc = store.document(doc_id or "")
        if doc is None:
            raise InputError(f"no document {doc_id}")
        changes = ops.code_new(doc, int(start or 0), int(end or 0), ops.clean_attrs(attrs or {}))
        return store.record_review(who=who, action=action, reason=reason, changes=changes)
    if action not in ACTIONS or key is None:
        raise InputError(f"unknown review action {action!r}", hint=f"use {', '.join(ACTIONS)}")
    event, state = lookup(store, key)
    if action == "confirm":
        changes = ops.confirm(key, event, state)
    elif action == "correct":
        changes = ops.correct(key, event, state, ops.clean_attrs(attrs or {}))
    elif action == "delete":
        changes = ops.delete(key, event, state)
    elif action == "merge":
        other, other_state = lookup(store, other_key or "")
        changes = ops.merge(key, event, state, other_key or "", other, other_state)
    else:
        changes = ops.split(key, event, state, [ops.clean_attrs(p) for p in parts or []])
    return store.record_review(who=who, action=action, reason=reason, changes=changes)


def reviewed_of(store: Store, **filters: Any) -> Iterator[tuple[str, Event, str]]:
    """(key, reviewed event, status) of every machine event matching ``filters``, then the reviewers' own
    events matching the exact-value filters (their reviewed attributes are what is compared)."""
    states = store.review_states()
    machine = ((e.key, e) for e in store.events(**filters))
    for key, event, status in reviewed_events(machine, states, include_added=False):
        yield key, event, status
    for key, event, status in reviewed_events((), states):
        if matches(event, filters):
            yield key, event, status


def matches(event: Event, filters: Mapping[str, Any]) -> bool:
    for name, want in filters.items():
        if name in ("country", "admin1", "type", "family", "modality", "origin", "preemptive", "doc_id"):
            if getattr(event, name) != want:
                return False
        elif name in ("date_from", "date_to"):
            lo, hi, _ = date_bounds(event.date)
            bound = date_bounds(str(want))[0 if name == "date_from" else 1]
            if lo is None or hi is None or (hi < bound if name == "date_from" else lo > bound):  # type: ignore[operator]
                return False
        elif name == "text":
            words = [w.lower() for w in str(want).split() if not w.startswith("-")]
            if not all(w.strip('"*') in event.evidence.text.lower() for w in words):
                return False  # a plain word test: reviewers' own events are few and not in the index
    return True


def export_reviewed(store: Store, path: str, **filters: Any) -> int:
    """Write the reviewed events matching ``filters`` to ``path`` (.jsonl or .csv); RETURNS (int): rows.

    Each row is ``Event.to_dict()`` with ``event_key`` the key it is reviewed under and ``review_status``.
    """
    import json

    import pandas as pd

    rows = []
    for key, event, status in reviewed_of(store, **filters):
        rows.append({**event.to_dict(), "event_key": key, "review_status": status})
    if path.endswith((".jsonl", ".json", ".ndjson")):
        with open(path, "w", encoding="utf-8") as out:
            out.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    elif path.endswith(".csv"):
        frame = pd.DataFrame(rows)
        for col in ("counts", "claims", "more_evidence"):
            if col in frame:
                frame[col] = [json.dumps(v, ensure_ascii=False) for v in frame[col]]
        frame.to_csv(path, index=False)
    else:
        raise InputError(f"cannot export reviewed events to {path}", hint="use .jsonl or .csv")
    return len(rows)
