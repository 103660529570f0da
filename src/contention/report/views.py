"""Turn the event, document and episode tables into the plain records the report template shows.

Nothing here writes HTML: text stays text (the template escapes it) and charts get numbers.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable, Mapping

import pandas as pd

from ..ingest.segment import split_sentences
from ..taxonomy import FAMILIES, RESPONSE_FAMILIES, family as type_family

EVENT_COLUMNS: tuple[str, ...] = (
    "event_key", "type", "family", "date", "country", "admin1", "place", "actor", "actor_type",
    "modality", "preemptive", "origin", "doc_id", "evidence", "evidence_start", "evidence_end",
    "killed", "injured", "detained", "participants", "claims",
)
COUNT_COLUMNS: tuple[str, ...] = ("participants", "killed", "injured", "detained")


def clean(value: Any) -> Any:
    """None for pandas' missing values (NaN, NA, NaT), the value otherwise."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def safe_url(url: Any) -> str | None:
    """The URL when it is a plain http(s) link, else None (no ``javascript:`` or ``data:`` hrefs)."""
    url = clean(url)
    if isinstance(url, str) and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def parse_day(iso: Any) -> date | None:
    """A day for an ISO date as precise as known: a month maps to its 15th, a year to 1 July."""
    iso = clean(iso)
    if not isinstance(iso, str) or not iso[:4].isdigit():
        return None
    parts = iso.split("-")
    try:
        if len(parts) >= 3:
            return date(int(parts[0]), int(parts[1]), int(parts[2][:2]))
        if len(parts) == 2:
            return date(int(parts[0]), int(parts[1]), 15)
        return date(int(parts[0]), 7, 1)
    except ValueError:
        return None


def year_of(iso: Any) -> str | None:
    iso = clean(iso)
    return iso[:4] if isinstance(iso, str) and iso[:4].isdigit() else None


def normalise_events(events: pd.DataFrame) -> pd.DataFrame:
    """A copy with every report column present, ``family`` filled from ``type`` and defaults set."""
    df = events.copy()
    for col in EVENT_COLUMNS:
        if col not in df.columns:
            df[col] = None
    df["family"] = [clean(f) or type_family(clean(t)) for f, t in zip(df["family"], df["type"])]
    df["modality"] = [clean(m) or "asserted" for m in df["modality"]]
    df["origin"] = [clean(o) or "extracted" for o in df["origin"]]
    df["preemptive"] = [bool(clean(p)) for p in df["preemptive"]]
    return df


def is_imported(origin: Any) -> bool:
    return str(clean(origin) or "").startswith("imported")


# ------------------------------------------------------------------------------------- summary
@dataclass(frozen=True)
class Summary:
    """The numbers in the report's header."""

    n_documents: int
    n_events: int
    n_asserted: int
    by_family: dict[str, int]  # asserted events per family
    by_modality: dict[str, int]
    extracted: int
    imported: int
    n_episodes: int


def summarise(df: pd.DataFrame, documents: Mapping[str, Any], episodes: pd.DataFrame | None) -> Summary:
    asserted = df[df["modality"] == "asserted"]
    fam = Counter(asserted["family"])
    imported = sum(is_imported(o) for o in df["origin"])
    return Summary(
        n_documents=len(documents),
        n_events=len(df),
        n_asserted=len(asserted),
        by_family={f: fam.get(f, 0) for f in _ordered_families(fam)},
        by_modality=dict(Counter(df["modality"])),
        extracted=len(df) - imported,
        imported=imported,
        n_episodes=0 if episodes is None else len(episodes),
    )


def _ordered_families(seen: Iterable[str]) -> list[str]:
    extra = sorted(set(seen) - set(FAMILIES))
    return list(FAMILIES) + extra


# ---------------------------------------------------------------------------------- repertoire
@dataclass(frozen=True)
class RepertoireRow:
    period: str
    counts: dict[str, int]
    total: int

    def share(self, fam: str) -> float:
        return 100 * self.counts.get(fam, 0) / self.total if self.total else 0.0


def repertoire(df: pd.DataFrame) -> list[RepertoireRow]:
    """Asserted responses per year and family, years in order; undated responses are left out."""
    resp = df[(df["modality"] == "asserted") & df["family"].isin(RESPONSE_FAMILIES)]
    table: dict[str, Counter[str]] = {}
    for iso, fam in zip(resp["date"], resp["family"]):
        year = year_of(iso)
        if year:
            table.setdefault(year, Counter())[fam] += 1
    return [RepertoireRow(y, {f: table[y].get(f, 0) for f in RESPONSE_FAMILIES}, sum(table[y].values()))
            for y in sorted(table)]


# ---------------------------------------------------------------------------------- event rows
@dataclass(frozen=True)
class Context:
    """The document sentence(s) around an evidence span, split so the span can be marked."""

    before: str
    span: str
    after: str
    located: bool  # False when the span could not be found in the document


@dataclass(frozen=True)
class EventView:
    key: str
    type: str
    family: str
    date: str
    place: str
    actor: str
    modality: str
    preemptive: bool
    origin: str
    counts: str
    claims: str
    doc_id: str
    context: Context


def locate(text: str | None, evidence: str | None, start: Any, end: Any) -> tuple[int, int] | None:
    """The span of the evidence in the document: the stored offsets when they agree, else a search."""
    if not text:
        return None
    start, end = clean(start), clean(end)
    if start is not None and end is not None:
        s, e = int(start), int(end)
        if 0 <= s < e <= len(text) and (not evidence or text[s:e] == evidence):
            return s, e
    if evidence:
        at = text.find(evidence)
        if at >= 0:
            return at, at + len(evidence)
    return None


def context(text: str | None, evidence: str | None, start: Any, end: Any) -> Context:
    """The evidence in its sentence(s): widened to the sentences it overlaps."""
    span = locate(text, evidence, start, end)
    if span is None or text is None:
        return Context("", evidence or "", "", False)
    s, e = span
    sents = [x for x in split_sentences(text) if x.start < e and x.end > s]
    lo = min([x.start for x in sents] + [s])
    hi = max([x.end for x in sents] + [e])
    return Context(text[lo:s], text[s:e], text[e:hi], True)


def event_views(df: pd.DataFrame, documents: Mapping[str, Mapping[str, Any]]) -> list[EventView]:
    """One view per event, ordered by date (undated last), then type."""
    views = [_event_view(r, documents.get(str(clean(r.doc_id)), {})) for r in df.itertuples()]
    return sorted(views, key=lambda v: (v.date == "", v.date, v.type))


def _event_view(r: Any, doc: Mapping[str, Any]) -> EventView:
    where = ", ".join(str(x) for x in (clean(r.place), clean(r.admin1), clean(r.country)) if x)
    actor = clean(r.actor) or ""
    if clean(r.actor_type):
        actor = f"{actor} ({r.actor_type})" if actor else f"({r.actor_type})"
    counts = ", ".join(f"{c} {int(clean(getattr(r, c)))}" for c in COUNT_COLUMNS if clean(getattr(r, c)) is not None)
    return EventView(
        key=str(r.event_key), type=str(r.type), family=str(r.family), date=str(clean(r.date) or ""),
        place=where, actor=actor, modality=str(r.modality), preemptive=bool(r.preemptive),
        origin=str(r.origin), counts=counts, claims=_claims(clean(r.claims)), doc_id=str(clean(r.doc_id) or ""),
        context=context(doc.get("text"), clean(r.evidence), r.evidence_start, r.evidence_end),
    )


def _claims(claims: Any) -> str:
    if claims is None:
        return ""
    if isinstance(claims, str):
        return claims
    try:
        return ", ".join(str(c) for c in claims)
    except TypeError:
        return str(claims)


# ------------------------------------------------------------------------------- document views
@dataclass(frozen=True)
class DocView:
    doc_id: str
    title: str
    url: str | None
    raw_url: str
    published: str
    source: str
    event_keys: tuple[str, ...]
    segments: tuple[tuple[str, bool], ...]  # (text, is evidence)


def document_views(df: pd.DataFrame, documents: Mapping[str, Mapping[str, Any]]) -> list[DocView]:
    """Every document, with its text cut into plain and evidence segments, in doc_id order."""
    by_doc: dict[str, list[Any]] = {}
    for r in df.itertuples():
        by_doc.setdefault(str(clean(r.doc_id)), []).append(r)
    out = []
    for doc_id in sorted(documents):
        doc = documents[doc_id]
        rows = by_doc.get(doc_id, [])
        text = str(clean(doc.get("text")) or "")
        spans = [locate(text, clean(r.evidence), r.evidence_start, r.evidence_end) for r in rows]
        out.append(DocView(
            doc_id=doc_id, title=str(clean(doc.get("title")) or doc_id), url=safe_url(doc.get("url")),
            raw_url=str(clean(doc.get("url")) or ""), published=str(clean(doc.get("published")) or ""),
            source=str(clean(doc.get("source")) or ""), event_keys=tuple(str(r.event_key) for r in rows),
            segments=segments(text, [s for s in spans if s]),
        ))
    return out


def segments(text: str, spans: list[tuple[int, int]]) -> tuple[tuple[str, bool], ...]:
    """Cut ``text`` into (piece, marked) segments, merging overlapping evidence spans."""
    merged: list[list[int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    out: list[tuple[str, bool]] = []
    pos = 0
    for s, e in merged:
        if s > pos:
            out.append((text[pos:s], False))
        out.append((text[s:e], True))
        pos = e
    if pos < len(text):
        out.append((text[pos:], False))
    return tuple(out)
