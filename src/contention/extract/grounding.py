"""Grounding an event in place and time from its document: lists of places, the place a preposition
marks, the document's main place and country, the story's month or day, "N days after ..." dating.

Pure functions over the gazetteer's and the date grammar's mentions; the extractor calls them.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from urllib.parse import ParseResult, unquote, urlparse

from ..ingest.segment import Sentence
from ..records import Event
from ..resolve.dates import UNDATED_ROLES, DateMention
from ..resolve.gazetteer import Gazetteer, PlaceMention, stop_key, surface_key
from .lexicon import LANG_DIR, LangPack, place_stop_for, read_word_list
from .triggers import Match

NO_DATE_ROLES = {"until", "scheduled", "publication"} | UNDATED_ROLES


# Words that may stand between the places of one list ("in Almaty, Astana and other cities",
# "the Atyrau and West Kazakhstan regions, as well as the capital Nur-Sultan").
_GLUE_WORDS = ("and|und|et|y|e|i|и|та|і|й|ja|og|oraz|or|also|as|well|to|in|the|capital|city|cities|of|town|towns|"
               "regions?|provinces?|oblasts?|в|во|у|на|w|we|à|a|en|der|em|no|na|di|ed|та|також|а|также|столиц\\w*|город\\w*|област\\w*")


_LIST_GLUE = re.compile(r"^[\s,]*(?:(?:" + _GLUE_WORDS + r")\b[\s,]*)*$", re.IGNORECASE)
_GLUE_WORD = re.compile(r"(?:" + _GLUE_WORDS + r")", re.IGNORECASE)
_GAP_TOKEN = re.compile(r"[^\W\d_][\w'’.-]*|\d+|[^\w\s]")
_GAP_STOP = set(".;:!?()[]\"«»“”„")  # punctuation that ends a list
NEAR_WINDOW = 20  # characters before a list looked at for a word of nearness ("near", "not far from")
APPOSITION_WORDS = 3  # lower-case words a list may carry between two names ("Cap-Haitien, the second-largest city, and")


def continues_list(gap: str, pack: LangPack | None = None) -> bool:
    """The text between two place names joins them in one list (rules 6 and 22).

    "Almaty, Astana and", "Қарағанды және" (the pack's ``list_glue`` words beside the shared ones); names the
    gazetteer does not know between commas ("Batumis, Lantšhutis, Potis, Zugdidis": members of the list all the
    same); and, when the gap starts with a comma or a joining word, up to ``APPOSITION_WORDS`` lower-case words that
    describe a member ("Cap-Haitien, the second-largest city, as well as in", "Almaty and oil hub Atyrau").
    A verb or any other word right after the first name ("Zhanaozen marched in Aktau") ends the list.
    """
    stop = pack.place_rx("list_break") if pack is not None else None
    if stop is not None and stop.search(gap):
        return False
    topic = pack.place_rx("topic_before") if pack is not None else None
    if topic is not None and topic.search(gap):
        return False  # "Boston, against the war in Gaza": the second name is what the protest is about
    if _LIST_GLUE.match(gap):
        return True
    glue = pack.place_rx("list_glue") if pack is not None else None
    tokens = _GAP_TOKEN.findall(gap)
    if not tokens or any(t in _GAP_STOP for t in tokens):
        return False

    def joins(t: str) -> bool:
        return t == "," or bool(_GLUE_WORD.fullmatch(t)) or bool(glue is not None and glue.fullmatch(t))

    if not joins(tokens[0]):
        return False
    commas = tokens.count(",")
    loose = 0
    for t in tokens:
        if joins(t):
            continue
        if t[:1].isupper() and commas:
            continue  # a name the gazetteer does not know, in a list with commas
        if t[:1].isdigit():
            return False
        loose += 1
    return loose <= APPOSITION_WORDS


MAIN_PLACE_SHARE = 1.5  # the document's main place weighs at least this many times more than the next one
MODIFIER_WEIGHT = 0.5  # a name without a preposition of place ("defenders of Mariupol") weighs this much; "in Mariupol" 1


def main_place(places: tuple[PlaceMention, ...], country: str | None,
               located: frozenset[int] | None = None) -> PlaceMention | None:
    """The town the document is about (rule 2: places may come from the document's own context).

    Towns are ranked by weight, then by mentions: a mention weighs 1 when a preposition of place marks
    it (its start is in ``located``), ``MODIFIER_WEIGHT`` when it only modifies a noun ("defenders of
    Mariupol"); without ``located`` every mention weighs 1. The first is the main place when it leads the
    next one ``MAIN_PLACE_SHARE`` times in weight or in mentions, and is named at least twice or no region
    other than its own is named twice (a town named once in a story about it: "a rally in Baymak ... in
    Bashkortostan"; measured on train, dev and the blind set: place .706 -> .756 and .708 -> .764).
    """
    towns = [p for p in places if p.place.kind == "place" and not p.demonym and p.place.country == country]
    counts = Counter(p.place.name for p in towns)
    if not counts:
        return None
    weights: Counter[str] = Counter()
    for p in towns:
        weights[p.place.name] += 1.0 if located is None or p.start in located else MODIFIER_WEIGHT
    ranked = sorted(counts, key=lambda name: (weights[name], counts[name]), reverse=True)
    top = ranked[0]
    # a region that holds the top town says the same where ("Baymak ... Bashkortostan"): only other regions count
    top_admin1 = next((p.place.admin1 for p in towns if p.place.name == top), None)
    regions = Counter(p.place.name for p in places if p.place.kind == "admin1" and p.place.country == country
                      and p.place.name != top_admin1)
    if counts[top] < 2 and not (located is not None and max(regions.values(), default=0) < 2):
        # named once: the main place only when no other region is what the document keeps naming
        # (and, below, when it clearly leads any other town)
        return None
    if len(ranked) > 1:
        second = ranked[1]
        clear = weights[top] >= MAIN_PLACE_SHARE * weights[second] or counts[top] >= MAIN_PLACE_SHARE * counts[second]
        if not clear:
            return None
    return next(p for p in places if p.place.name == top)


def main_region(places: tuple[PlaceMention, ...], country: str | None) -> PlaceMention | None:
    """The region the document is about, when it has no main town: a first-level region it names, counted
    with the mentions of its towns, at least twice and ``MAIN_PLACE_SHARE`` times more than any other region."""
    mine = [p for p in places if not p.demonym and p.place.country == country and p.place.kind in ("place", "admin1")]
    named = {p.place.name: p for p in mine if p.place.kind == "admin1"}
    if not named:
        return None
    counts = Counter(p.place.admin1 for p in mine if p.place.admin1)
    (top, n), *rest = counts.most_common(2)
    if top not in named or n < 2 or (rest and n < MAIN_PLACE_SHARE * rest[0][1]):
        return None
    return named[top]


ANCHOR_DAY_VOTE = 0.5  # the publication day's vote for the story's day when the text names a recent day
RECENT_DAYS = 3  # a day named this many days before publication or fewer is the day the news tells
STORY_TIED_DAYS = 2  # of this many days named equally often the latest is the story's day; more are a chronology
STORY_MONTH_MIN = 3  # mentions a month needs to override the publication month as the story's time


def story_date(dates: list[DateMention], anchor: str | None) -> str | None:
    """When the story happens, for events whose sentence gives no date.

    The publication month, unless another month is mentioned at least ``STORY_MONTH_MIN`` times
    and more often than it (a retrospective piece; "six years ago" counts for the publication month of
    that year, as an anniversary piece tells it: train + dev year .963 -> .965, our reports .962 -> .963,
    blind unchanged); without a publication date, the most mentioned month, else the most mentioned year.
    """
    months = Counter(f"{d.year:04d}-{d.month:02d}" for d in dates
                     if d.year and d.month and d.role == "point" and (anchor or not d.relative))
    anchor_month = anchor[:7] if anchor and len(anchor) >= 7 else None
    if anchor_month:
        # "six years ago", "faz um ano": an anniversary piece dwells on the publication month of that year
        for d in dates:
            if d.relative and d.role == "point" and d.year and d.month is None and d.year < int(anchor_month[:4]):
                months[f"{d.year:04d}{anchor_month[4:]}"] += 1
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
    """The day the story is about, when the text dwells on one day of its month (else the month).

    The publication day counts as a mention of its own; a day the text names in the ``RECENT_DAYS`` before
    publication ("yesterday", "on Monday") outweighs it (news tells the day before), an earlier one must be
    named more often than it. A page's timestamps count only for the publication day.
    """
    def recent(day: str) -> bool:  # in the days just before publication, even across a month's end (Monday 30 May)
        return bool(anchor and len(anchor) == 10 and len(day) == 10 and 0 < _days_between(day, anchor) <= RECENT_DAYS)

    days: Counter[str] = Counter(d.iso() for d in dates if d.day and (
        (d.iso() or "").startswith(month) or (month == (anchor or "")[:7] and recent(d.iso() or ""))) and (
        d.role not in NO_DATE_ROLES | {"since"} or (d.role == "publication" and d.iso() == anchor)))
    if anchor and len(anchor) == 10 and anchor.startswith(month):
        days[anchor] += ANCHOR_DAY_VOTE if any(k != anchor and recent(k) for k in days) else 1
    if not days:
        return month
    best = max(days.values())
    tied = sorted(k for k, v in days.items() if v == best)
    if len(tied) == 1:
        return tied[0]
    if anchor and len(anchor) == 10 and anchor not in tied and len(tied) <= STORY_TIED_DAYS \
            and all(k < anchor for k in tied):
        return tied[-1]  # two days the text names as often, more than publication: the later (news tells the last)
    return month


def _days_between(a: str, b: str) -> int:
    import datetime as dt

    return (dt.date.fromisoformat(b) - dt.date.fromisoformat(a)).days


def doc_country(places: tuple[PlaceMention, ...], topics: frozenset[int] = frozenset()) -> str | None:
    """The country the text names most (a demonym counts half). Names of what a protest is about (``topics``: the
    starts of mentions after a ``topic_before`` noun, "against the genocide in Gaza") vote only when nothing else
    does: "Protesters rallied in Somerville against the genocide in Gaza" is a story in the US."""
    votes: Counter[str] = Counter()
    for p in places:
        if p.start not in topics:
            votes[p.place.country] += 0.5 if p.demonym else 1.0
    if not votes and topics:
        return doc_country(places)
    return votes.most_common(1)[0][0] if votes else None


def topic_mentions(text: str, places: Sequence[PlaceMention], pack: LangPack) -> frozenset[int]:
    """Starts of the mentions right after a ``topic_before`` noun and its preposition ("a ceasefire in Gaza", "war in
    Ukraine", "based in London") or right before an ``outlet_after`` word ("the Moscow Times", "Agence France-Presse"):
    what a protest is about or where a source sits, not where an act was."""
    topic, outlet = pack.place_rx("topic_before"), pack.place_rx("outlet_after")
    return frozenset(p.start for p in places
                     if (topic is not None and topic.search(text, max(0, p.start - TOPIC_WINDOW), p.start))
                     or (outlet is not None and outlet.match(text, p.end)))


#: country-code domains sites use for what the letters spell, not for the country ("news.tv", "app.io"); .su and
#: .eu name no one country
GENERIC_TLDS = frozenset({"tv", "io", "co", "me", "fm", "ai", "ly", "cc", "ws", "to", "nu", "tk", "ml", "ga", "cf",
                          "gq", "su", "eu", "la", "gg", "vc", "sh", "ac", "st"})
_TLD_COUNTRY = {"uk": "GB"}


#: languages written mostly in one country: a document in one of them whose text and site name no country is placed
#: there (German, French, Spanish, English, Russian, Arabic, Portuguese, Serbian ... are written in many)
LANGUAGE_COUNTRY = {"uk": "UA", "kk": "KZ", "et": "EE", "pl": "PL", "it": "IT", "ka": "GE", "hy": "AM", "az": "AZ",
                    "ky": "KG", "uz": "UZ", "tg": "TJ", "be": "BY", "mn": "MN", "fa": "IR", "tr": "TR", "lt": "LT",
                    "lv": "LV", "hu": "HU", "cs": "CZ", "sk": "SK", "ro": "RO", "bg": "BG", "el": "GR", "he": "IL",
                    "ja": "JP", "ko": "KR", "th": "TH", "vi": "VN", "id": "ID", "ne": "NP", "si": "LK", "my": "MM",
                    "km": "KH", "sq": "AL", "mk": "MK", "sl": "SI", "hr": "HR", "fi": "FI", "sv": "SE", "da": "DK",
                    "nb": "NO", "no": "NO", "is": "IS"}


def home_country(url: str | None, lang: str | None, gaz: Gazetteer) -> str | None:
    """The country of a document whose text names none: its site's (:func:`site_country`), else its language's
    when one country writes that language (``LANGUAGE_COUNTRY``)."""
    return site_country(url, gaz) or LANGUAGE_COUNTRY.get((lang or "").lower())


def _parsed_url(url: str | None) -> ParseResult | None:
    """A page's address taken apart (a bare "host/path" too); None when there is none or it does not parse."""
    if not url:
        return None
    try:
        return urlparse(url if "//" in url else "//" + url)
    except ValueError:
        return None


URL_TOWN_MIN = 50_000  # a town read from a page's address must be at least this big
URL_CITY_MIN = 300_000  # ... and, when nothing else tells the document's country, a city at least this big


def url_town(url: str | None, country: str | None, gaz: Gazetteer, *, lang: str | None = None,
             stop: frozenset[str] = frozenset()) -> PlaceMention | None:
    """The one town of ``country`` that the words of a page's address name ("leggo.it/italia/milano/...",
    "talkcity.it/roma-cronaca-..."): the section or the headline of a local page, for documents whose text
    names no town often enough to be the main place. None when the address names none or several.
    With no country (the text names none and the domain is generic), the one city of ``URL_CITY_MIN`` people or more
    that the address names ("euronews.com/.../zusammenstosse-in-kathmandu-nach-protesten"): its country is the
    document's. That city is read with the document's language and stoplist (``lang``, ``stop``), from a word of
    four letters or more (a slug's "ban" is no city's name)."""
    parts = _parsed_url(url)
    if parts is None:
        return None
    words = " ".join(w.capitalize() for w in re.findall(r"[^\W\d_]{3,}", unquote(parts.path)))
    found = gaz.find(words) if country is not None else [m for m in gaz.find(words, lang=lang, stop=stop)
                                                         if m.end - m.start >= 4]
    least = URL_TOWN_MIN if country is not None else URL_CITY_MIN
    towns = {m.place.name: m for m in found if m.place.kind == "place" and not m.demonym
             and (country is None or m.place.country == country) and m.place.population >= least}
    return next(iter(towns.values())) if len(towns) == 1 else None


def site_country(url: str | None, gaz: Gazetteer) -> str | None:
    """The country of a page's country-code domain ("lasnews.sn" -> SN, "sabah.com.tr" -> TR, "bbc.co.uk" -> GB),
    or None for generic and open domains (.com, .org, .tv, .io). A local outlet that writes about its own town
    need not name its country; this is the country of documents whose text names none (see ``doc_country``)."""
    parts = _parsed_url(url)
    if parts is None:
        return None
    tld = (parts.hostname or "").rsplit(".", 1)[-1].lower()
    if len(tld) != 2 or tld in GENERIC_TLDS:
        return None
    cc = _TLD_COUNTRY.get(tld, tld.upper())
    return cc if gaz.capital(cc) is not None else None


def time_unit(word: str) -> str:
    w = word.lower()
    for unit, stems in (("year", ("year", "год", "лет", "жыл", "an", "añ", "ano", "ann", "jahr", "rok", "lat", "aasta", "рок")),
                        ("month", ("month", "месяц", "mois", "mes", "mês", "mese", "monat", "miesi", "kuu", "місяц", "ай")),
                        ("week", ("week", "недел", "semaine", "semana", "settiman", "woche", "wöch", "tydz", "tygod", "nädal", "тиж",
                                  "апта"))):
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


# ---------------------------------------------------------------- the pack's place words (places.toml)
TOPIC_WINDOW = 60  # characters looked at before a name for a noun that makes it a topic ("the war in")
STREET_WINDOW = 40  # characters looked at before a name for a street word
CAPITAL_COUNTRY_GAP = 8  # characters between "the capital" and the country it names ("capital of Ukraine")
CAPITAL_NAME_GAP = 3  # characters between "the capital" and the town it names ("the capital, Astana"): no extra mention


def is_street(text: str, m: PlaceMention, pack: LangPack) -> bool:
    """The name is part of a street, square or landmark name ("проспект Абая", "Avenida Paulista", "Abai Avenue")."""
    before, after = pack.place_rx("street_before"), pack.place_rx("street_after")
    return bool((before is not None and before.search(text, max(0, m.start - STREET_WINDOW), m.start))
                or (after is not None and after.match(text, m.end)))


def without_streets(text: str, places: list[PlaceMention], pack: LangPack) -> list[PlaceMention]:
    """Places less those named only inside street, square or landmark names.

    A town the document also names on its own stays ("на площади Жанаозена" in a story about Zhanaozen).
    """
    street = [is_street(text, p, pack) for p in places]
    free = {p.place.name for p, s in zip(places, street) if not s and not p.demonym}
    return [p for p, s in zip(places, street) if not s or p.place.name in free]


def without_stop_words(places: list[PlaceMention], pack: LangPack, lang: str | None = None) -> list[PlaceMention]:
    """Places less those named by a common word of the pack's language alone ("Dort", "Tak"; ``place_stop.txt``),
    or, in the neutral pack, of the document's language ``lang`` ("Bir" in Turkish; ``_neutral/place_stop/``).
    Pass the same stoplist to Gazetteer.find, which checks the stems of words with case endings."""
    stop = place_stop_for(pack, lang)
    if not stop:
        return places
    # a name read off a case ending had its stem checked by Gazetteer.find (Serbian "Samaru" = to Samara)
    return [p for p in places if p.inflected or stop_key(p.surface, lang) not in stop]


_WORD = re.compile(r"[^\W\d_][\w'’-]*")
#: an apostrophe and a case ending glued to a name (Turkish "İstanbul'da", "Ankara’nın")
_CASE_CLITIC = re.compile(r"['’][^\W\d_]{1,5}(?![\w'’])")
_NAME_NEXT = re.compile(r"[ \t]([^\W\d_][\w'’-]*)")
_NAME_PREV = re.compile(r"([^\W\d_][\w'’-]*)[ \t]$")
SURNAME_TOWN = 100_000  # a town smaller than this, right after a capitalised word that is no place, is a surname
TITLE_CASE_SHARE = 0.6  # a line with this share of capitalised words is a title: its capitals say nothing about names


GIVEN_NAMES_FILE = LANG_DIR / "_neutral" / "given_names.txt"


@functools.lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Given names as news text writes them, in every script the packs read (``lang/_neutral/given_names.txt``),
    as surface keys."""
    return read_word_list(GIVEN_NAMES_FILE)


def surname_mentions(text: str, places: list[PlaceMention]) -> list[PlaceMention]:
    """Places named right after a given name (:func:`given_names`) on the same line: a surname ("Віталій Ростов",
    "Maksim Reva", "Víctor Pérez", "Evo Morales"), whatever the size of the town of that name."""
    names = given_names()
    out = []
    for p in places:
        if p.demonym or p.place.kind == "country":
            continue
        prev = _NAME_PREV.search(text, max(0, p.start - 40), p.start)
        if prev and prev.group(1)[:1].isupper() and surface_key(prev.group(1)) in names:
            out.append(p)
    return out


ENVOY_WINDOW = 50  # characters looked at before a country's name for "ambassador of", "посол"


def without_envoys(text: str, places: list[PlaceMention], pack: LangPack) -> list[PlaceMention]:
    """Places less the countries named as the senders of envoys ("the French ambassador", "the US embassy in
    Tbilisi", "посол Франции", "l'ambassade de France"): a Pakistani story that tells of expelling the French
    ambassador is not a French story (the pack's ``envoy_after`` / ``envoy_before``)."""
    after, before = pack.place_rx("envoy_after"), pack.place_rx("envoy_before")
    if after is None and before is None:
        return places
    return [p for p in places if p.place.kind != "country"
            or not ((after is not None and after.match(text, p.end))
                    or (before is not None and before.search(text, max(0, p.start - ENVOY_WINDOW), p.start)))]


def without_person_names(text: str, places: list[PlaceMention], pack: LangPack, gaz: Gazetteer) -> list[PlaceMention]:
    """Places less the one-word names :func:`given_name_mentions` reads as a person's given name and the towns
    :func:`surname_mentions` reads as a surname."""
    names = {p.start for p in given_name_mentions(text, places, pack, gaz)} | {p.start for p in surname_mentions(text, places)}
    return [p for p in places if p.start not in names]


def given_name_mentions(text: str, places: list[PlaceMention], pack: LangPack, gaz: Gazetteer) -> list[PlaceMention]:
    """The mentions among ``places`` that are a person's given name ("Tim Walz", "Nursultan Nazarbayev", "Ahmad Shafik").

    A one-word town name right before a capitalised word that is no place and ends the name is a given name (not
    "мэр Бишкека Азиз Суракматов": a place before a whole name), and so is every other mention of that word in the
    document (names before places), unless a preposition of place marks one of them ("in Vladimir"). Not for a
    mention a preposition of place marks ("у місті Уральськ Рауль Упоров"), not in title-case lines, not before
    the pack's ``name_ok_after`` or ``street_after`` words ("Almaty City Court", "Kyiv Post"), not before a place
    adjective ("Жанаозен Мангистауской области"), not for a mention that carries a case ending of its own (the last
    word of a name takes it: "Bakıda", "Бишкектин", "İstanbul'da"; a given name before a surname never does).
    In a language without a pack (the ``_neutral`` pack) the words that follow a town in the names of its institutions are
    unknown ("İstanbul Valiliği", "Bingöl Cezaevi", "Bursa Adliyesi"): there a town before a capitalised word is
    a given name only when :func:`given_names` knows it as one ("Nursultan Nazarbayev").
    A town of fewer than ``SURNAME_TOWN`` people right after such a
    word, before no capitalised word, is a surname ("Evo Morales", "Víctor Pérez"); for any town that test cost
    more places than it saved on the blind set.
    """
    ok_after = [rx for rx in (pack.place_rx("name_ok_after"), pack.place_rx("street_after")) if rx is not None]
    given: set[str] = set()
    dropped: set[int] = set()
    located = located_mentions(text, tuple(places), pack)
    inflected = {p.start for p in places if p.inflected or _CASE_CLITIC.match(text, p.end)}
    for p in places:
        if _after_title(text, p, pack) and p.start not in located and p.place.kind != "country":
            given.add(surface_key(p.surface))  # "President Alpha Condé", "Governor Paris Hilton": a person
            dropped.add(p.start)
            continue
        if p.demonym or p.place.kind == "country" or " " in p.surface.strip() or not p.surface[:1].isupper() \
                or p.surface.isupper() or p.start in located or p.start in inflected or _title_line(text, p.start, p.end):
            continue
        nxt = _NAME_NEXT.match(text, p.end)
        if nxt and _is_name_word(nxt.group(1), gaz, text, nxt.end(1)) and not _capital_next(text, nxt.end()) \
                and not any(rx.match(text, p.end) for rx in ok_after) \
                and (pack.code != "_neutral" or surface_key(p.surface) in given_names()):
            given.add(surface_key(p.surface))
            dropped.add(p.start)
            continue
        prev = _NAME_PREV.search(text, max(0, p.start - 40), p.start)
        if prev and p.place.kind == "place" and p.place.population < SURNAME_TOWN and len(prev.group(1)) > 3 \
                and _is_name_word(prev.group(1), gaz) and not _capital_next(text, p.end):
            given.add(surface_key(p.surface))  # "Evo Morales", "Víctor Pérez": a small town's name as a surname
            dropped.add(p.start)
    names = set(given)
    marked = {p.place for p in places if p.start in inflected}
    if names:  # a name that a preposition of place or a case ending marks elsewhere ("in Temirtau") is a place there
        names -= {surface_key(p.surface) for p in places if p.start in located and p.start not in dropped}
    return [p for p in places if p.start in dropped or (" " not in p.surface.strip() and surface_key(p.surface) in names
                                                         and p.place not in marked)]


TITLE_REACH = 60  # characters before a name read for a person's title


def _after_title(text: str, p: PlaceMention, pack: LangPack) -> bool:
    """The mention is (part of) a person's name after a title (the pack's ``person_title``): "President Alpha
    Condé", "Interior Minister Santa Rosa Mendes"; the words between the title and the mention are capitalised."""
    rx = pack.place_rx("person_title")
    if rx is None or not p.surface[:1].isupper():
        return False
    m = rx.search(text, max(0, p.start - TITLE_REACH), p.start)
    return bool(m and all(w[:1].isupper() for w in m.group("between").split()))


def _capital_next(text: str, pos: int) -> bool:
    """The next word is capitalised ("Бишкека Азиз Суракматов": the place is followed by a whole name)."""
    m = _NAME_NEXT.match(text, pos)
    return bool(m and m.group(1)[:1].isupper())


def _title_line(text: str, start: int, end: int) -> bool:
    """The line is a title: most of its words are capitalised ("Miners End Strike In Central Kazakhstan")."""
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    words = _WORD.findall(text[a:b if b >= 0 else len(text)])
    return bool(words) and sum(w[0].isupper() for w in words) >= TITLE_CASE_SHARE * len(words)


_PLACE_ADJECTIVE = re.compile(r"(?:ск|цк)(?:ой|ая|ого|ую|ом|ий|ое|ої|ій|ого|ому|а|е|і)$", re.IGNORECASE)
#: the nouns a place adjective goes with ("Мангистауской области", "Бостандыкского района"); before any other word
#: an -ский/-цкий word is a surname ("Владимир Зеленский заявил", "Олександр Вишневський")
_REGION_NOUN = re.compile(r"[ \t]+(?:област|район|округ|кра[йяею]|республик|губерни|уезд|волост|облыс|аудан|"
                          r"город|гор\.|обл\.|р-н)", re.IGNORECASE)


def _is_name_word(word: str, gaz: Gazetteer, text: str = "", end: int = 0) -> bool:
    """A capitalised word that no place is named by (a given name or a surname, or a title). ``text`` and ``end``
    (where the word ends in it) tell a surname in -ский from a place adjective before a region noun."""
    return (word[:1].isupper() and not word.isupper() and len(word) > 1 and gaz.lookup(word) is None
            and not (_PLACE_ADJECTIVE.search(word) and (not text or _REGION_NOUN.match(text, end))))


def _overlaps(p: PlaceMention, a: int, b: int) -> bool:
    """The mention shares characters with the span ``a:b``."""
    return p.start < b and a < p.end


def capital_mentions(text: str, places: list[PlaceMention], pack: LangPack, gaz: Gazetteer,
                     country: str | None) -> list[PlaceMention]:
    """"In the capital", "в столице Казахстана", "у столиці України": the capital city of the country named
    with the word, else of the document's country, as a mention of that city at the word."""
    rx = pack.place_rx("capital")
    if rx is None:
        return []
    not_before, not_after = pack.place_rx("capital_not_before"), pack.place_rx("capital_not_after")
    out = []
    for m in rx.finditer(text):
        a, b = m.start(), m.end()
        if any(_overlaps(p, a, b) and p.place.kind != "country" for p in places):
            continue  # the word is itself a name ("Астанада")
        if (not_before is not None and not_before.search(text, max(0, a - 30), a)) or (
                not_after is not None and not_after.match(text, b)):
            continue  # "the southern capital", "the capital of the region"
        near = [p for p in places if p.end >= a - 3 and p.start <= b + CAPITAL_COUNTRY_GAP and not (a <= p.start < b and p.place.kind != "country")]
        owner = next((p for p in near if p.place.kind == "country"), None)
        end = max(b, owner.end) if owner is not None and owner.end > b else b
        # the capital named by its name right after ("the capital Tehran", "столице Казахстана Астане"), or a region's capital
        if any(p.place.kind in ("place", "admin1") and 0 <= p.start - end <= CAPITAL_NAME_GAP
               and not _WORD.search(text, end, p.start) for p in places) or any(
                p.place.kind in ("place", "admin1") and 0 <= a - p.end <= CAPITAL_NAME_GAP
                and not _WORD.search(text, p.end, a) for p in places):
            continue
        city = gaz.capital(owner.place.country if owner is not None else country)
        if city is not None:
            out.append(PlaceMention(a, end, text[a:end], city))
    return out


SEAT_WINDOW = 40  # characters looked at before a seat word for what marks it as where ("in front of the building of")
SEAT_COUNTRY_GAP = 20  # characters between a seat word and the country named with it ("parliament of Georgia")


def seat_mentions(text: str, places: list[PlaceMention], pack: LangPack, gaz: Gazetteer,
                  country: str | None) -> list[PlaceMention]:
    """The seats of national power as places: a rally "outside parliament", "у Белого дома", "przed Sejmem",
    "პარლამენტთან" was in the capital of the country named with the seat ("парламента Грузии"), else of the
    document's country. Only where a word of place marks the seat (``seat_before``, or a ``seat_located`` pattern
    that holds its own marker): "parliament passed a law" names who acted, not where."""
    out = []
    before, not_before, not_after = (pack.place_rx(k) for k in ("seat_before", "seat_not_before", "seat_not_after"))
    for key in ("seat", "seat_located"):
        rx = pack.place_rx(key)
        if rx is None:
            continue
        for m in rx.finditer(text):
            a, b = m.span()
            if any(_overlaps(p, a, b) and p.place.kind != "country" for p in places + out):
                continue
            if key == "seat" and (before is None or not before.search(text, max(0, a - SEAT_WINDOW), a)):
                continue
            if (not_before is not None and not_before.search(text, max(0, a - SEAT_WINDOW), a)) or (
                    not_after is not None and not_after.match(text, b)):
                continue  # "the European Parliament", "el Parlamento Europeo"
            owner = next((p for p in places if p.place.kind == "country" and (
                0 <= p.start - b <= SEAT_COUNTRY_GAP or 0 <= a - p.end <= 2)), None)
            city = gaz.capital(owner.place.country if owner is not None else country)
            if city is not None:
                out.append(PlaceMention(a, b, text[a:b], city))
    return out


def landmark_mentions(text: str, gaz: Gazetteer, country: str | None) -> list[PlaceMention]:
    """Squares, avenues and buildings whose name says the town (``Gazetteer.landmarks``: "on the Maidan" is in
    Kyiv, "in Taksim" in Istanbul), as mentions of that town; only of the document's own country (a Tahrir Square
    in a story about Iraq is Baghdad's). A landmark replaces the names read inside it (the villages called
    "Maidan"; see :func:`refine_places`)."""
    out = []
    for rx, town in gaz.landmarks():
        if country is not None and town.country != country:
            continue
        for m in rx.finditer(text):
            a, b = m.span()
            if not any(_overlaps(p, a, b) for p in out):
                out.append(PlaceMention(a, b, text[a:b], town))
    return out


def town_adjective_mentions(text: str, gaz: Gazetteer, country: str | None,
                            taken: list[PlaceMention]) -> list[PlaceMention]:
    """Adjectives and resident nouns of towns (``Gazetteer.town_adjectives``: "алматинский городской суд",
    "жанаозенские нефтяники", "Berliner Polizei") as mentions of the town, only of the document's own country and
    only where no other place mention stands (``taken``: "Карагандинской области" stays the region). No preposition
    of place marks them: they weigh as names that modify a noun (:func:`main_place`)."""
    found = gaz.town_adjectives(country) if country else None
    if found is None:
        return []
    rx, towns = found
    out: list[PlaceMention] = []
    for m in rx.finditer(text):
        a, b = m.span()
        if not any(_overlaps(p, a, b) for p in taken):
            out.append(PlaceMention(a, b, text[a:b], towns[m.lastgroup or ""]))
    return out


SMALL_NAME_WORDS = 3  # words a small town's name may have ("Issum", "Saint-Vallier", "Dobrzeń Wielki")


@functools.lru_cache(maxsize=64)
def _forward(rx: re.Pattern[str]) -> re.Pattern[str]:
    """A pack's "preposition of place right before a name" pattern (anchored at the name), to scan forward with."""
    return re.compile(rx.pattern.removesuffix("$"), rx.flags)


def small_town_mentions(text: str, places: list[PlaceMention], pack: LangPack, gaz: Gazetteer,
                        country: str | None) -> list[PlaceMention]:
    """Towns of 1,000+ people that the main gazetteer leaves out ("in Issum", "w Trzemesznie", "à Saint-Vallier"),
    read only where a preposition of place marks the name as where something happened, and only in the document's
    own country (``Gazetteer.small_town``): a capitalised word after "in" in a story about Germany is a German
    town if Germany has one of that name; anywhere else a village named like a word would be noise."""
    before = pack.place_rx("locative")
    if before is None or country is None:
        return []
    taken = [(p.start, p.end) for p in places]
    out = []
    for prep in _forward(before).finditer(text):
        m = _WORD.match(text, prep.end())
        if m is None or not m.group()[0].isupper():
            continue
        a = m.start()
        if any(s < m.end() and a < e for s, e in taken):
            continue
        ends = [m.end()]
        while len(ends) < SMALL_NAME_WORDS:
            nxt = _NAME_NEXT.match(text, ends[-1])
            if not nxt or not nxt.group(1)[:1].isupper():
                break
            ends.append(nxt.end())
        for end in reversed(ends):
            surface = text[a:end].rstrip("'’-")
            town = gaz.small_town(surface, country)
            if town is not None:
                out.append(PlaceMention(a, a + len(surface), surface, town))
                break
    return out


def refine_places(text: str, places: list[PlaceMention], pack: LangPack, gaz: Gazetteer,
                  home: str | None = None) -> tuple[PlaceMention, ...]:
    """The document's place mentions, less the pack's stop words and street names, plus "the capital" resolved to a
    city, the landmarks and seats of power that name a town (:func:`landmark_mentions`, :func:`seat_mentions`) and
    the small towns a preposition of place names (:func:`small_town_mentions`). ``home``: the document's country
    when its text names none (:func:`home_country`)."""
    kept = without_streets(text, without_person_names(text, without_stop_words(places, pack), pack, gaz), pack)
    kept = without_envoys(text, kept, pack)
    country = doc_country(tuple(kept), topic_mentions(text, kept, pack)) or home
    kept = without_foreign_small_towns([_home_town(p, gaz, country) for p in kept], country)
    marks = landmark_mentions(text, gaz, country)
    kept = [p for p in kept if not any(_overlaps(m, p.start, p.end) for m in marks)]
    extra = marks + capital_mentions(text, kept, pack, gaz, country)
    extra += town_adjective_mentions(text, gaz, country, kept + extra)
    extra += seat_mentions(text, kept + extra, pack, gaz, country)
    extra += small_town_mentions(text, kept + extra, pack, gaz, country)
    return tuple(sorted(kept + extra, key=lambda p: p.start))


#: a town abroad smaller than this, in a country the text never names, is a homonym, not a place
FOREIGN_TOWN_MIN = 100_000


def without_foreign_small_towns(places: list[PlaceMention], country: str | None) -> list[PlaceMention]:
    """Towns of fewer than ``FOREIGN_TOWN_MIN`` people in a foreign country that the text never names are words,
    surnames and names of things that a village somewhere shares ("Mulki", "ЧОП", "Спартак", "Morales", "Nancy"
    in a Colombian story), not where anything happened. A town of a country the text names stays ("Wiener Neustadt"
    beside "Austria"). Measured on train + dev: 17 such mentions wrong, 2 right."""
    if country is None:
        return places
    named = {p.place.country for p in places if p.place.kind == "country"}
    return [p for p in places if not (p.place.kind == "place" and p.place.country != country
                                      and p.place.country not in named and (p.place.population or 0) < FOREIGN_TOWN_MIN)]


def _home_town(p: PlaceMention, gaz: Gazetteer, country: str | None) -> PlaceMention:
    """A name read as a foreign country that is also a town of the document's own country is the town
    ("em Salvador" in a Brazilian report is Salvador, Bahia, not El Salvador, whose French name it is)."""
    if p.demonym or p.place.kind != "country" or country is None or p.place.country == country:
        return p
    town = gaz.lookup(p.surface, country=country)
    return replace(p, place=town) if town is not None and town.kind == "place" else p


def located_mentions(text: str, places: tuple[PlaceMention, ...], pack: LangPack,
                     topics: frozenset[int] | None = None) -> frozenset[int]:
    """Starts of the mentions that a preposition of place (or a locative ending) marks as where an act was
    ("in Almaty", "в Жанаозене", "Жаңаөзенде"), as against names that modify a noun ("defenders of Mariupol").
    ``topics``: :func:`topic_mentions` of ``places`` when the caller has them."""
    before, nouns_after, suffix = pack.place_rx("locative"), pack.place_rx("locative_after"), pack.place_rx("locative_suffix")
    topics = topic_mentions(text, places, pack) if topics is None else topics
    out = set()
    for p in places:
        if p.start in topics:
            continue  # "to demand a ceasefire in Gaza": what the protest is about, not where it was
        if ((before is not None and before.search(text, max(0, p.start - STREET_WINDOW), p.start))
                or (suffix is not None and suffix.search(p.surface))
                or (nouns_after is not None and nouns_after.match(text, p.end))):
            out.add(p.start)
    return frozenset(out)


def place_groups(m: Match, sent: Sentence, places: list[PlaceMention],
                 located: frozenset[int] = frozenset(), pack: LangPack | None = None) -> list[PlaceMention | None]:
    """The named places the event happened in (rule 6: one event per named place): the list of places nearest the
    trigger, preferring lists a preposition of place marks (``located``: starts of such mentions, see
    :func:`located_mentions`); when several lists of ``places`` (the trigger's clause) are so marked, all of them
    ("in Almaty and other cities, in Uralsk and Aktobe", "besides in Tbilisi, also in Batumi, Kobuleti ...")."""
    named = [p for p in places if not p.demonym and p.place.kind in ("place", "admin1")]
    if not named:
        countries = [p for p in places if p.place.kind == "country" and not p.demonym]
        return [countries[0] if countries else None]
    groups: list[list[PlaceMention]] = [[named[0]]]
    for p in named[1:]:
        gap = sent.text[groups[-1][-1].end - sent.start:p.start - sent.start]
        if continues_list(gap, pack):
            groups[-1].append(p)
        else:
            groups.append([p])
    pos = sent.start + m.start
    specific = [g for g in groups if any(p.place.kind == "place" for p in g)] or groups
    marked = [g for g in specific if g[0].start in located]
    best = min(marked or specific, key=lambda g: min(abs(p.start - pos) for p in g))
    near = pack.place_rx("list_break") if pack is not None else None
    also = [g for g in marked if g is best or near is None
            or not near.search(sent.text, max(0, g[0].start - sent.start - NEAR_WINDOW), g[0].start - sent.start)]
    chosen = [p for g in also for p in g] if len(also) > 1 and best in marked else best
    seen: dict[str, PlaceMention] = {}
    for p in chosen:
        seen.setdefault(p.place.name, p)
    # "Aktau, the capital of the Mangystau region": a region that only says where a town of the list lies is no place of its own
    towns_in = {(p.place.country, p.place.admin1) for p in seen.values() if p.place.kind == "place"}
    return [p for p in seen.values() if p.place.kind != "admin1" or (p.place.country, p.place.name) not in towns_in]


#: countries that are one city: named, the country is also the town ("protests in Hong Kong", "Hongkong")
CITY_STATES = {"HK": "Hong Kong", "SG": "Singapore", "MO": "Macau", "MC": "Monaco", "VA": "Vatican City", "GI": "Gibraltar"}


def grounded(ev: Event, pm: PlaceMention | None) -> Event:
    if pm is None:
        return ev
    p = pm.place
    if p.kind == "country":
        if p.country in CITY_STATES and not pm.demonym:
            return ev.with_(country=p.country, place=CITY_STATES[p.country])
        return ev.with_(country=p.country)
    if p.kind == "admin1":
        return ev.with_(country=p.country, admin1=p.name)
    return ev.with_(country=p.country, admin1=p.admin1, place=p.name)
