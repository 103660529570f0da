"""A reviewer's acts as overlay changes: each returns {event key: new state or None} for ``Store.record_review``.

They check the act and compute the states; they never write. Keys of new events start with
``r`` and are random, so two reviewers coding the same span get two events to merge or delete.
"""
from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import Any

from ..errors import InputError
from ..records import Document, Event
from ..store.rows import is_date
from ..taxonomy import ACTOR_TYPES, COUNT_KEYS, EVENT_TYPES, MODALITIES
from .overlay import EDITABLE, GONE, reviewed

State = dict[str, Any]
Changes = dict[str, State | None]


def clean_attrs(raw: Mapping[str, Any]) -> dict[str, Any]:
    """Form values -> taxonomy attributes: blanks become None, counts ints, claims a list; bad codes refused."""
    out: dict[str, Any] = {}
    for name, value in raw.items():
        if name not in EDITABLE:
            continue
        value = value.strip() if isinstance(value, str) else value
        if value == "":
            value = None
        if name in COUNT_KEYS and value is not None:
            try:
                value = int(value)
            except (TypeError, ValueError) as exc:
                raise InputError(f"{name} must be a whole number, not {value!r}") from exc
            if value < 0:
                raise InputError(f"{name} cannot be negative")
        elif name == "preemptive":
            value = value in (True, "true", "on", "1", "yes")
        elif name == "claims" and isinstance(value, str):
            value = [c.strip() for c in value.split(",") if c.strip()]
        out[name] = value
    _check(out)
    return out


def _check(attrs: Mapping[str, Any]) -> None:
    if "type" in attrs and attrs["type"] not in EVENT_TYPES:
        raise InputError(f"unknown event type {attrs['type']!r}")
    if "modality" in attrs and attrs["modality"] not in MODALITIES:
        raise InputError(f"unknown modality {attrs['modality']!r}")
    if attrs.get("actor_type") is not None and attrs["actor_type"] not in ACTOR_TYPES:
        raise InputError(f"unknown actor type {attrs['actor_type']!r}")
    if attrs.get("date") is not None and not is_date(str(attrs["date"])):
        raise InputError(f"date {attrs['date']!r} is not a date", hint="use 2011, 2011-12 or 2011-12-16")


def _live(key: str, event: Event | None, state: State | None) -> None:
    if state is not None and state.get("status") in GONE:
        raise InputError(f"event {key} is {state['status']}; undo that first")
    if reviewed(event, state) is None:
        raise InputError(f"no event {key}")


def _base(state: State | None, doc_id: str) -> State:
    base = dict(state or {})
    base.setdefault("doc_id", doc_id)
    return base


def confirm(key: str, event: Event | None, state: State | None) -> Changes:
    _live(key, event, state)
    new = _base(state, _doc(event, state))
    if new.get("status") not in ("added", "corrected"):
        new["status"] = "confirmed"
    new["confirmed"] = True
    return {key: new}


def correct(key: str, event: Event | None, state: State | None, attrs: Mapping[str, Any]) -> Changes:
    _live(key, event, state)
    current = reviewed(event, state)
    assert current is not None
    changed = {k: v for k, v in attrs.items() if _value(current, k) != v}
    if not changed:
        raise InputError("nothing changed")
    new = _base(state, current.doc_id)
    if new.get("status") == "added":
        new["event"] = {**new["event"], **changed}
    else:
        new["status"] = "corrected"
        new["attrs"] = {**(new.get("attrs") or {}), **changed}
    return {key: new}


def _value(event: Event, name: str) -> Any:
    if name in COUNT_KEYS:
        return event.counts.get(name)
    if name == "claims":
        return list(event.claims)
    return getattr(event, name)


def delete(key: str, event: Event | None, state: State | None) -> Changes:
    _live(key, event, state)
    return {key: {**_base(state, _doc(event, state)), "status": "deleted"}}


def merge(key: str, event: Event | None, state: State | None,
          other_key: str, other: Event | None, other_state: State | None) -> Changes:
    """``other`` is the same act as ``key``'s event: its evidence joins ``key``, it goes out."""
    if other_key == key:
        raise InputError("an event cannot be merged with itself")
    _live(key, event, state)
    _live(other_key, other, other_state)
    gone = reviewed(other, other_state)
    assert gone is not None
    keep = _base(state, _doc(event, state))
    spans = [e.to_dict() for e in gone.all_evidence()]
    if keep.get("status") == "added":
        keep["event"] = {**keep["event"], "more_evidence": keep["event"].get("more_evidence", []) + spans}
    else:
        keep["status"] = keep.get("status") if keep.get("status") == "corrected" else "confirmed"
        keep["extra_evidence"] = list(keep.get("extra_evidence") or []) + spans
    return {key: keep, other_key: {**_base(other_state, gone.doc_id), "status": "merged", "merged_into": key}}


def split(key: str, event: Event | None, state: State | None, parts: list[Mapping[str, Any]]) -> Changes:
    """One event that is several acts: it goes out and each part (attributes over it) comes in as a new event."""
    _live(key, event, state)
    current = reviewed(event, state)
    assert current is not None
    if len(parts) < 2:
        raise InputError("a split needs at least two parts")
    out: Changes = {key: {**_base(state, current.doc_id), "status": "split"}}
    for attrs in parts:
        out[new_key()] = added_state(current, attrs, split_from=key)
    return out


def code_new(doc: Document, start: int, end: int, attrs: Mapping[str, Any]) -> Changes:
    """A new event from characters ``start``..``end`` of ``doc``."""
    if not 0 <= start < end <= len(doc.text):
        raise InputError(f"span {start}-{end} is not inside the document ({len(doc.text)} characters)")
    if "type" not in attrs or attrs["type"] is None:
        raise InputError("a new event needs a type")
    evidence = {"doc_id": doc.doc_id, "start": start, "end": end, "text": doc.text[start:end]}
    event = {"evidence": evidence, "modality": "asserted", **attrs}
    return {new_key(): {"status": "added", "doc_id": doc.doc_id, "event": event}}


def added_state(base: Event, attrs: Mapping[str, Any], *, split_from: str | None = None) -> State:
    event = {name: _value(base, name) for name in EDITABLE}
    event.update(attrs)
    event["evidence"] = base.evidence.to_dict()
    state: State = {"status": "added", "doc_id": base.doc_id, "event": event}
    if split_from:
        state["split_from"] = split_from
    return state


def new_key() -> str:
    return "r" + secrets.token_hex(10)


def _doc(event: Event | None, state: State | None) -> str:
    if event is not None:
        return event.doc_id
    return str((state or {}).get("doc_id"))
