"""Grounding an event in place and time from its document: lists of places, the place a preposition
marks, the document's main place and country, the story's month or day, "N days after ..." dating.

Pure functions over the gazetteer's and the date grammar's mentions; the extractor calls them.
"""
from __future__ import annotations

import re
from collections import Counter

from ..ingest.segment import Sentence
from ..records import Event
from ..resolve.dates import DateMention
from ..resolve.gazetteer import PlaceMention
from .triggers import Match

NO_DATE_ROLES = {"until", "duration", "scheduled", "publication"}


# Words that may stand between the places of one list ("in Almaty, Astana and other cities",
# "the Atyrau and West Kazakhstan regions, as well as the capital Nur-Sultan").
_GLUE_WORDS = ("and|und|et|y|e|i|и|та|і|й|ja|og|oraz|or|also|as|well|to|in|the|capital|city|cities|of|town|towns|"
               "regions?|provinces?|oblasts?|в|во|у|на|w|we|à|a|en|der|em|no|na|di|ed|та|також|а|также|столиц\\w*|город\\w*|област\\w*")


_LIST_GLUE = re.compile(r"^[\s,]*(?:(?:" + _GLUE_WORDS + r")\b[\s,]*)*$", re.IGNORECASE)


MAIN_PLACE_SHARE = 1.5  # the document's main place is mentioned at least this many times more than the next one


def main_place(places: tuple[PlaceMention, ...], country: str | None) -> PlaceMention | None:
    """The town the document is about (rule 2: places may come from the document's own context)."""
    counts = Counter(p.place.name for p in places if p.place.kind == "place" and not p.demonym and p.place.country == country)
    if not counts:
        return None
    (top, n), *rest = counts.most_common(2)
    if n < 2 or (rest and n < MAIN_PLACE_SHARE * rest[0][1]):
        return None
    return next(p for p in places if p.place.name == top)


STORY_MONTH_MIN = 3  # mentions a month needs to override the publication month as the story's time


def story_date(dates: list[DateMention], anchor: str | None) -> str | None:
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
        return story_day(dates, month, anchor)
    if months:
        return story_day(dates, months.most_common(1)[0][0], None)
    if anchor:
        return anchor[:4]
    years = Counter(d.year for d in dates if d.year and d.role == "point" and not d.relative)
    return str(years.most_common(1)[0][0]) if years else None


def story_day(dates: list[DateMention], month: str, anchor: str | None) -> str:
    """The day the story is about, when the text dwells on one day of its month (else the month)."""
    days = Counter(d.iso() for d in dates if d.day and d.role not in NO_DATE_ROLES and (d.iso() or "").startswith(month))
    if anchor and len(anchor) == 10 and anchor.startswith(month):
        days[anchor] += 1
    if not days:
        return month
    (top, n), *rest = days.most_common(2)
    return top if not rest or n > rest[0][1] else month


def doc_country(places: tuple[PlaceMention, ...]) -> str | None:
    votes: Counter[str] = Counter()
    for p in places:
        votes[p.place.country] += 0.5 if p.demonym else 1.0
    return votes.most_common(1)[0][0] if votes else None


def time_unit(word: str) -> str:
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


def place_groups(m: Match, sent: Sentence, places: list[PlaceMention]) -> list[PlaceMention | None]:
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


def grounded(ev: Event, pm: PlaceMention | None) -> Event:
    if pm is None:
        return ev
    p = pm.place
    if p.kind == "country":
        return ev.with_(country=p.country)
    if p.kind == "admin1":
        return ev.with_(country=p.country, admin1=p.name)
    return ev.with_(country=p.country, admin1=p.admin1, place=p.name)
