"""One parse of a document that every later stage reads: sentences, clauses, character offsets and the mentions
in them (places, dates, the given names of people that are not places).

Built once per document by :func:`parse_document`; the extractor's stages (document context, per-sentence
grounding, the rule-3 gate) read it instead of splitting and scanning the text again. Plain data, no behaviour.
Sentences are exactly those of :func:`contention.ingest.segment.split_sentences` (the learned recogniser trains
on them); clause spans are relative to their sentence (see :func:`clause_spans`).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from ..ingest.segment import Sentence, split_sentences
from ..resolve.dates import UNDATED_ROLES, DateMention, find_dates, parse_published
from ..resolve.gazetteer import Gazetteer, PlaceMention
from .grounding import given_name_mentions, located_mentions, refine_places, topic_mentions
from .lexicon import LangPack, load_date_terms, neutral_date_languages, place_stop_for

# Clauses of a sentence: places and same-type triggers are grouped within a clause.
_CLAUSE = re.compile(r"\s[–—]\s|;\s|\(|\)|,\s(?=(?:and|but|while|whereas|as well as|и|а|но|et|mais|y|pero|e|ma|und|aber|i|ale|та|і|але)\s)")


#: Clauses for dating: also split at a spaced hyphen written for a dash ("On Saturday Mulki - who had formed his
#: government in May 2016 - met ..."). Not for places: a hyphen also sets off a name's gloss inside a list of places
#: ("in the capital Nursultan - ex Astana - and in Almaty").
_DATE_CLAUSE = re.compile(_CLAUSE.pattern.replace("[–—]", "[–—-]", 1))


def clause_spans(text: str, *, for_dates: bool = False) -> list[tuple[int, int]]:
    """Clause spans of a sentence, relative to it: split at dashes, semicolons, brackets and ", and"
    (``for_dates``: and at a spaced hyphen)."""
    spans, start = [], 0
    for m in (_DATE_CLAUSE if for_dates else _CLAUSE).finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


@dataclass(frozen=True)
class DocParse:
    """A document read once: its sentences with their clauses, and its place, date and name mentions.

    ``anchor`` is the date relative dates were resolved against (the publication date, else the text's first full
    date, then ``nearest`` is true); ``places`` are the refined place mentions (stop words, given names and street
    names removed, "the capital" resolved); ``located`` holds the starts of the place mentions a preposition of place
    marks; ``names`` are one-word names read as a person's given name, not a place ("Tim" in "Tim Walz").
    All offsets are into ``text``.
    """

    text: str
    sentences: tuple[Sentence, ...]
    clauses: tuple[tuple[tuple[int, int], ...], ...]  # per sentence, spans relative to the sentence
    anchor: str | None
    story_anchor: str | None
    dates: tuple[DateMention, ...]
    places: tuple[PlaceMention, ...]
    located: frozenset[int]
    names: tuple[PlaceMention, ...] = ()
    home: str | None = None  # the site's or the language's country, for a text that names none (``grounding.home_country``)
    topics: frozenset[int] = frozenset()  # starts of the place mentions a protest is about (``grounding.topic_mentions``)

    def in_sentence(self, sent: Sentence) -> tuple[list[DateMention], list[PlaceMention]]:
        """The date and place mentions that start inside ``sent``."""
        return ([d for d in self.dates if sent.start <= d.start < sent.end],
                [p for p in self.places if sent.start <= p.start < sent.end])


def parse_document(text: str, published: str | None, pack: LangPack, gaz: Gazetteer,
                   lang: str | None = None, home: str | None = None) -> DocParse:
    """Read a document once (see :class:`DocParse`). ``lang``: the text's own language when the pack is not
    its language's (the neutral pack): the gazetteer then reads that language's case endings. ``home``: the
    country of a document whose text names none (its site's or its language's, ``grounding.home_country``)."""
    sentences = tuple(split_sentences(text))
    anchor = parse_published(published) if published else None
    # the stoplist is read inside find (one-word names, and the stems of words with case endings)
    found = gaz.find(text, lang=lang or pack.code, stop=place_stop_for(pack, lang))
    names = given_name_mentions(text, found, pack, gaz)
    places = refine_places(text, found, pack, gaz, home)
    topics = topic_mentions(text, places, pack)
    # a language without a pack may still ship its month and weekday names (lang/_neutral/dates/<code>.toml)
    date_lang = lang if pack.code == "_neutral" and lang in neutral_date_languages() else pack.code
    dates = not_named(text, find_dates(text, lang=date_lang, anchor=anchor), pack, places)
    story_anchor = anchor
    if anchor is None:
        # Without a publication date, the first full date of the text resolves day-month mentions
        # (rule 8); but a "scheduled for"/"until"/"from" date does not say when the story happens.
        firm = [d for d in dates if d.year is not None and d.role not in UNDATED_ROLES and not d.relative]
        if firm:
            anchor = firm[0].iso()
            dates = not_named(text, find_dates(text, lang=date_lang, anchor=anchor, nearest=True), pack, places)
            story_anchor = next((d.iso() for d in firm if d.role == "point"), None)
    else:
        dates = text_anchored_years(text, dates)
    dates = mark_timestamps(text, dates, date_lang, parse_published(published) if published else None)
    return DocParse(text, sentences, tuple(tuple(clause_spans(s.text)) for s in sentences), anchor, story_anchor,
                    tuple(dates), places, located_mentions(text, places, pack, topics), tuple(names), home, topics)


STREET_DATE_WINDOW = 40  # characters before a date looked at for a street or square word


def not_named(text: str, dates: list[DateMention], pack: LangPack, places: tuple[PlaceMention, ...]) -> list[DateMention]:
    """The date mentions less those that are part of a name: inside a longer place name ("Rio de Janeiro"), or
    right after the pack's ``street_before`` word ("Plaza de Mayo", "Avenida 9 de Julio", "проспект 25 Октября",
    "Praça XV de Novembro")."""
    street = pack.place_rx("street_before")

    def named(d: DateMention) -> bool:
        if any(p.start <= d.start and d.end <= p.end and p.end - p.start > d.end - d.start for p in places):
            return True
        if street is None:
            return False
        gap = _ROMAN_DAY.search(text, max(0, d.start - 12), d.start)  # "Praça XV de Novembro"
        end = gap.start() + 1 if gap else d.start
        return bool(street.search(text, max(0, end - STREET_DATE_WINDOW), end))

    return [d for d in dates if not named(d)]


_ROMAN_DAY = re.compile(r"\s[IVXL]{1,5}\s+(?:de\s+|do\s+)?$")


TEXT_ANCHOR_CHARS = 1500  # a date with its year dates the day-and-month dates this close after it (rule 8, v1.2.1)
TEXT_ANCHOR_DAYS = 62  # ... when they fall this many days after it or fewer in its year
TEXT_ANCHOR_EVE = 7  # ... or this many days before it (the account steps back to the eve: "on the evening of the 26th")
_YEAR_IN = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)")


def text_anchored_years(text: str, dates: list[DateMention]) -> list[DateMention]:
    """Rule 8 (v1.2.1): an anchor in the text beats the publication-year default. A day or month written without a
    year ("Demonstracja 29 marca", "on 17 December") after a date that gives its year in another year than the
    default ("29 marca 2008 roku", "16 December 2011") takes that year, when it falls on that date or within
    ``TEXT_ANCHOR_DAYS`` after it (the account goes on from it; into the next year across a new year) or
    ``TEXT_ANCHOR_EVE`` days before it. The account may run on over paragraphs: an anniversary piece opens with "ten
    years ago, on the night of 27 April 2007" and tells the night in the paragraphs after it ("on the evening of 26
    April", "on the night of the 27th"), which the publication year would put ten years later (measured on train +
    dev, our own coded reports and the blind set: blind type F1 .645 -> .651, our reports' year .956 -> .962)."""
    out: list[DateMention] = []
    last: DateMention | None = None  # the latest date with a written year
    for d in dates:
        written = bool(_YEAR_IN.search(d.surface))
        if written and not d.relative and d.year is not None and d.month is not None and d.role != "publication" and d.role not in UNDATED_ROLES:
            last = d
        elif (not written and not d.relative and d.year is not None and d.month is not None and last is not None
              and last.year != d.year and 0 <= d.start - last.end <= TEXT_ANCHOR_CHARS):
            assert last.year is not None and last.month is not None
            year = _anchored_year(last, d.month, d.day)
            if year is not None and year != d.year:
                d = replace(d, year=year)
        out.append(d)
    return out


def _anchored_year(last: DateMention, month: int, day: int | None) -> int | None:
    """The year that puts ``month``/``day`` from ``TEXT_ANCHOR_EVE`` days before the written date ``last`` to
    ``TEXT_ANCHOR_DAYS`` after it; None when no year does."""
    assert last.year is not None and last.month is not None
    start = dt.date(last.year, last.month, last.day or 1)
    for year in (last.year, last.year + 1, last.year - 1):
        try:
            gap = (dt.date(year, month, day or 1) - start).days
        except ValueError:
            continue
        if -TEXT_ANCHOR_EVE <= gap <= TEXT_ANCHOR_DAYS:
            return year
    return None


#: a clock time: a line that gives one with its date is a page's timestamp ("Last updated at 14:17 15 May 2005",
#: "29 листопада 2014, 17:10", "Atualizado em 5 dez 2016, 15h53")
_CLOCK = re.compile(r"(?<![\d.,])(?:[01]?\d|2[0-3])(?::|h)[0-5]\d(?!\d)(?:\s*(?:GMT|UTC|MSK|CET|[ap]\.?m\.?))?", re.IGNORECASE)
TIMESTAMP_LINE = 120  # characters: a longer line is running text, whatever it holds


FOOTER_SHARE = 0.75  # a timestamp line this far into the text is a footer or a related-article list


def mark_timestamps(text: str, dates: list[DateMention], lang: str, published: str | None = None) -> list[DateMention]:
    """Boilerplate timestamps date no event: the dates on a page's update line ("Last updated at 14:17 15 May 2005",
    "Atualizado em 5 dez 2016, 15h53"; the pack's ``[roles] updated`` words in dates.toml) and on a timestamp line in
    the last quarter of the text (a date with a clock time on a short line: footers, related-article lists) get the
    role "publication", so that no sentence takes their day. An update stamp of the publication day itself (or of a
    page with no publication date) is kept: it is then the page's dateline. A "published" line at the top stays: it is the
    document's dateline, and undated sentences after it take its day (rule 8)."""
    words = load_date_terms(lang).get("roles", {}).get("updated") or []
    updated = re.compile(r"(?<!\w)(?:" + "|".join(f"(?:{w})" for w in words) + r")(?!\w)", re.IGNORECASE) if words else None
    out = []
    for d in dates:
        a = text.rfind("\n", 0, d.start) + 1
        b = text.find("\n", d.end)
        line = text[a:b if b >= 0 else len(text)]
        if d.role != "publication" and len(line) <= TIMESTAMP_LINE and (
                (updated is not None and updated.search(line) and published is not None
                 and not (d.iso() or "").startswith(published))
                or (_CLOCK.search(line) and d.start >= FOOTER_SHARE * len(text))):
            d = replace(d, role="publication")
        out.append(d)
    return out
