"""Records <-> table rows: the only place that knows how an Event or Document is laid out in SQL."""
from __future__ import annotations

import calendar
import json
import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from ..errors import StoreError
from ..records import Document, Episode, Event, Evidence
from ..taxonomy import COUNT_KEYS

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

DOCUMENT_COLUMNS = ("doc_id", "content_hash", "text", "lang", "published", "url", "title", "source", "first_run")
EVENT_COLUMNS = (
    "event_key", "type", "family", "date", "date_lo", "date_hi", "year", "country", "admin1", "place",
    "actor", "actor_type", "participants", "killed", "injured", "detained", "counts", "claims",
    "modality", "preemptive", "origin", "rule", "confidence", "source_id", "lang_pack",
    "doc_id", "evidence_start", "evidence_end", "run_id", "created", "link_block", "link_seq",
)
EVIDENCE_COLUMNS = ("event_key", "doc_id", "start_char", "end_char", "text", "is_primary")


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def date_bounds(date: str | None) -> tuple[str | None, str | None, int | None]:
    """First day, last day and year of an ISO date as precise as known: ``2011-12`` -> 2011-12-01, 2011-12-31, 2011.

    An unreadable or impossible date (2011-02-31, 2011-13) keeps no bounds (it is still stored as given).
    """
    match = _DATE.match(date or "")
    if not match:
        return None, None, None
    year, month, day = match.group(1), match.group(2), match.group(3)
    if day:
        if not 1 <= int(month) <= 12 or not 1 <= int(day) <= calendar.monthrange(int(year), int(month))[1]:
            return None, None, int(year)
        return f"{year}-{month}-{day}", f"{year}-{month}-{day}", int(year)
    if month:
        if not 1 <= int(month) <= 12:
            return None, None, int(year)
        last = calendar.monthrange(int(year), int(month))[1]
        return f"{year}-{month}-01", f"{year}-{month}-{last:02d}", int(year)
    return f"{year}-01-01", f"{year}-12-31", int(year)


def is_date(value: str | None) -> bool:
    """Whether ``value`` is a possible ISO date of any precision (2011, 2011-12, 2011-12-16)."""
    return date_bounds(value)[0] is not None


def document_row(doc: Document, run_id: int | None) -> tuple[Any, ...]:
    return (doc.doc_id, doc.content_hash, doc.text, doc.lang, doc.published, doc.url, doc.title, doc.source, run_id)


def document_from(row: Mapping[str, Any]) -> Document:
    return Document(doc_id=row["doc_id"], text=row["text"], lang=row["lang"], published=row["published"],
                    url=row["url"], title=row["title"], source=row["source"])


def _count(event: Event, key: str) -> int | None:
    value = event.counts.get(key)
    if value is None:
        return None
    try:
        return int(value)
    except (TypeError, ValueError) as exc:
        raise StoreError(f"count {key}={value!r} is not a whole number", where=f"event {event.key}") from exc


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True) if value else ("{}" if isinstance(value, dict) else "[]")


def event_row(event: Event, key: str, run_id: int | None, created: str, *, pg: bool,
              seq: int | None = None) -> tuple[Any, ...]:
    """One events row in EVENT_COLUMNS order (``key`` is ``event.key``); ``pg`` keeps booleans as booleans.

    seq: the event's place in its link block (``events.link_seq``), when it was linked.
    """
    from ..link.dedupe import block_key

    lo, hi, year = date_bounds(event.date)
    counts = {k: _count(event, k) for k in event.counts}
    return (
        key, event.type, event.family, event.date, lo, hi, year, event.country, event.admin1,
        event.place, event.actor, event.actor_type, *(counts.get(k) for k in COUNT_KEYS),
        _json(counts), _json(list(event.claims)),
        event.modality, bool(event.preemptive) if pg else int(bool(event.preemptive)), event.origin, event.rule,
        float(event.confidence), event.source_id, event.lang_pack, event.evidence.doc_id, event.evidence.start,
        event.evidence.end, run_id, created, block_key(event), seq,
    )


def evidence_rows(event: Event, key: str, *, pg: bool) -> list[tuple[Any, ...]]:
    """One evidence row per span of the event with ``key``, the primary one first."""
    return [(key, ev.doc_id, ev.start, ev.end, ev.text, (i == 0) if pg else int(i == 0))
            for i, ev in enumerate(event.all_evidence())]


def loads(value: Any) -> Any:
    """JSON as stored: a string on SQLite, already decoded from JSONB on PostgreSQL."""
    return json.loads(value) if isinstance(value, str) else value


def event_from(row: Mapping[str, Any], evidence: Sequence[Mapping[str, Any]]) -> Event:
    """Rebuild an Event from its row and its evidence rows (primary first, then in stored order)."""
    spans = [Evidence(doc_id=e["doc_id"], start=e["start_char"], end=e["end_char"], text=e["text"]) for e in evidence]
    primary = [s for s, e in zip(spans, evidence) if e["is_primary"]]
    first = primary[0] if primary else Evidence(row["doc_id"], row["evidence_start"], row["evidence_end"], "")
    return Event(
        type=row["type"], evidence=first, date=row["date"], country=row["country"], admin1=row["admin1"],
        place=row["place"], actor=row["actor"], actor_type=row["actor_type"], counts=loads(row["counts"]) or {},
        claims=tuple(loads(row["claims"]) or ()), modality=row["modality"], preemptive=bool(row["preemptive"]),
        more_evidence=tuple(s for s in spans if s is not first), origin=row["origin"], rule=row["rule"],
        confidence=float(row["confidence"]), source_id=row["source_id"], lang_pack=row["lang_pack"],
    )


def episode_from(row: Mapping[str, Any], members: Sequence[Mapping[str, Any]]) -> Episode:
    ordered = sorted(members, key=lambda m: m["ordinal"])
    return Episode(
        episode_id=row["episode_id"], country=row["country"], admin1=row["admin1"], place=row["place"],
        start=row["start_date"], end=row["end_date"], label=row["label"],
        protest_keys=tuple(m["event_key"] for m in ordered if m["role"] == "protest"),
        response_keys=tuple(m["event_key"] for m in ordered if m["role"] == "response"),
    )
