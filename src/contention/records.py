"""The plain records every stage passes on: Document, Evidence, Event, Episode.

Records are frozen dataclasses; stages return new records instead of changing their input,
which is what lets the same stage run in-process, in a pool or on a Dask worker.
An ``Event`` follows ``shared/spec/taxonomy.md`` one-to-one (``to_taxonomy()`` gives the contract
form) and always carries the evidence it came from; merging reports keeps every evidence.
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Mapping

from .taxonomy import family as _family


def content_hash(text: str) -> str:
    """Stable id of a text: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Document:
    """One report. ``published`` is an ISO date (``2011-12-21``, ``2017-01``) or None."""

    doc_id: str
    text: str
    lang: str | None = None
    published: str | None = None
    url: str | None = None
    title: str | None = None
    source: str | None = None  # the file it was read from, when there is one

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Evidence:
    """The span of a document that states an event: ``text == document.text[start:end]``."""

    doc_id: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Event:
    """One coded event, in the taxonomy's terms, with its evidence.

    ``evidence`` is the first (primary) evidence; ``more_evidence`` holds the spans of other
    reports of the same act, so a merge never loses one. ``origin`` says where the event
    came from: ``extracted`` or ``imported:<dataset>``. ``rule`` names the lexicon entry or
    feature that decided the type (shown by ``contention explain``).
    """

    type: str
    evidence: Evidence
    date: str | None = None
    country: str | None = None
    admin1: str | None = None
    place: str | None = None
    actor: str | None = None
    actor_type: str | None = None
    counts: Mapping[str, int] = field(default_factory=dict)
    claims: tuple[str, ...] = ()
    modality: str = "asserted"
    preemptive: bool = False
    more_evidence: tuple[Evidence, ...] = ()
    origin: str = "extracted"
    rule: str | None = None
    confidence: float = 1.0
    source_id: str | None = None  # the id in an imported dataset
    lang_pack: str | None = None  # which language pack coded it ("none" when no pack)

    @property
    def family(self) -> str:
        return _family(self.type)

    @property
    def doc_id(self) -> str:
        return self.evidence.doc_id

    @property
    def key(self) -> str:
        """Stable identity of the event: same document, type, span -> same key."""
        e = self.evidence
        raw = f"{e.doc_id}|{self.type}|{e.start}|{e.end}|{self.modality}|{self.place}|{self.origin}|{self.source_id}"
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:20]

    def all_evidence(self) -> tuple[Evidence, ...]:
        return (self.evidence,) + self.more_evidence

    def with_(self, **changes: Any) -> "Event":
        return replace(self, **changes)

    def to_taxonomy(self) -> dict[str, Any]:
        """The event exactly in the form of the taxonomy contract."""
        return {
            "type": self.type,
            "date": self.date,
            "country": self.country,
            "admin1": self.admin1,
            "place": self.place,
            "actor": self.actor,
            "actor_type": self.actor_type,
            "counts": dict(self.counts),
            "claims": list(self.claims),
            "modality": self.modality,
            "preemptive": self.preemptive,
            "evidence": self.evidence.text,
        }

    def to_dict(self) -> dict[str, Any]:
        """The contract form plus provenance (offsets, document, origin, rule)."""
        out = self.to_taxonomy()
        out.update(
            event_key=self.key,
            doc_id=self.doc_id,
            evidence_start=self.evidence.start,
            evidence_end=self.evidence.end,
            family=self.family,
            origin=self.origin,
            rule=self.rule,
            confidence=self.confidence,
            more_evidence=[ev.to_dict() for ev in self.more_evidence],
        )
        return out


@dataclass(frozen=True)
class Episode:
    """Protest events and the responses to them, grouped by place and time."""

    episode_id: str
    country: str | None
    admin1: str | None
    place: str | None
    start: str | None
    end: str | None
    protest_keys: tuple[str, ...] = ()
    response_keys: tuple[str, ...] = ()
    label: str = ""


@dataclass(frozen=True)
class DocResult:
    """What extraction made of one document: its events, or why it has none."""

    doc_id: str
    events: tuple[Event, ...]
    lang: str | None = None
    lang_pack: str | None = None
    note: str | None = None  # a discard reason or a warning (e.g. no language pack)

    def to_dict(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "events": [e.to_taxonomy() for e in self.events]}
