"""Language packs: the data files of ``contention/lang/<code>/`` compiled for matching.

A pack is plain data (TOML), so a user adds a language or a term without touching code:

- ``pack.toml``      name, script, how the lexicon was built, which packs it extends
- ``triggers.toml``  ``[[trigger]]`` entries: an event ``type``, regex ``patterns`` (matched
                     case-insensitively on a sentence), optional ``with`` / ``without`` regexes
                     that must / must not occur in the same sentence, ``preemptive``, ``priority``
- ``cues.toml``      modality cues (negation, planned, habitual, refusal), protest context words,
                     preemption cues, cause links
- ``actors.toml``    actor phrases and their actor types
- ``claims.toml``    claim words
- ``numbers.toml``   number words and vague quantities
- ``dates.toml``     month and weekday names (all grammatical forms as regexes), relative words, and
                     the date grammar's ``[months_abbr]``, ``[words]``, ``[roles]``, ``[numbers]``, ``[units]``,
                     ``[options]``
                     (read by :func:`load_date_terms`; see ``contention.resolve.dates``)
- ``places.toml``    ``[places]``: words that make a name a street, square or landmark (``street_before``,
                     ``street_after``), the words for "the capital" (``capital``, with ``capital_not_before``
                     / ``capital_not_after`` exclusions) and the prepositions of place (``locative``,
                     ``place_nouns``, ``locative_suffix``, ``locative_after``); see ``extract.grounding``
- ``place_stop.txt`` common words of the language that never resolve as a place on their own ("Dort", "Casa",
                     "Tak"), one a line; generated with Hunspell dictionaries by ``scripts/build_place_stoplists.py``
                     below its marker, written by hand above it (``place_stop``). Languages without a pack have
                     theirs in ``_neutral/place_stop/<lang>.txt`` ("bir" in Turkish), used for documents in that
                     language (``neutral_place_stop``)
- ``examples.jsonl`` sentences with the events they must yield (they run as tests)
"""
from __future__ import annotations

import functools
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..taxonomy import ACTOR_TYPES, CLAIMS, EVENT_TYPES

LANG_DIR = Path(__file__).resolve().parent.parent / "lang"
#: Where a user's own packs live (``contention lang new`` writes there, never into the installed package).
USER_LANG_ENV = "CONTENTION_LANG_DIR"


def user_lang_dir() -> Path:
    """The user's pack folder: $CONTENTION_LANG_DIR, else $XDG_DATA_HOME/contention/lang, else
    ~/.local/share/contention/lang. A pack there is found before an installed pack of the same code."""
    if os.environ.get(USER_LANG_ENV):
        return Path(os.environ[USER_LANG_ENV])
    data = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data) / "contention" / "lang"


def pack_dir(code: str) -> Path:
    """The folder of pack ``code``: the user's when it has one there, else the installed one."""
    mine = user_lang_dir() / code
    return mine if (mine / "pack.toml").exists() or (mine / "dates.toml").exists() else LANG_DIR / code


def pack_codes(marker: str = "pack.toml") -> list[str]:
    """Codes of the packs (the user's and the installed ones) that have the file ``marker``."""
    found = set()
    for root in (LANG_DIR, user_lang_dir()):
        if root.is_dir():
            found.update(p.name for p in root.iterdir() if (p / marker).exists() and not p.name.startswith("_"))
    return sorted(found)
FLAGS = re.IGNORECASE | re.UNICODE


def _rx(patterns: list[str] | str | None, where: str, *, lowered: bool = False) -> re.Pattern[str] | None:
    """One regex for a list of patterns. ``lowered``: to be matched on lower-cased text (twice as fast
    as IGNORECASE), unless a pattern asks for case with ``(?-i:...)``."""
    if not patterns:
        return None
    if isinstance(patterns, str):
        patterns = [patterns]
    joined = "|".join(f"(?:{p})" for p in patterns)
    flags = re.UNICODE if lowered and not needs_case(joined) else FLAGS
    try:
        return re.compile(joined, flags)
    except re.error as exc:
        raise ConfigError(f"bad regular expression: {exc}", where=where) from exc


@dataclass(frozen=True)
class Trigger:
    id: str
    type: str
    pattern: re.Pattern[str]
    with_: re.Pattern[str] | None = None
    without: re.Pattern[str] | None = None
    preemptive: bool = False
    priority: int = 0
    modality: str | None = None  # a trigger that itself implies a modality ("called for a rally")
    scope: str = "sentence"  # where with/without look: "sentence" or "document"
    weak: bool = False  # a participant mention ("protesters"): only codes a protest the document does not already have
    yields_to: tuple[str, ...] = ()  # types that, found in the same sentence, make this trigger step aside


@dataclass(frozen=True)
class ActorPattern:
    pattern: re.Pattern[str]
    actor_type: str
    role: str  # "state" (acts for the state), "protester", "any"


@dataclass(frozen=True)
class LangPack:
    code: str
    name: str
    triggers: tuple[Trigger, ...]
    cues: dict[str, re.Pattern[str] | None]
    actors: tuple[ActorPattern, ...]
    claims: tuple[tuple[str, re.Pattern[str]], ...]
    numbers: dict[str, int]
    vague_numbers: dict[str, int]
    multipliers: dict[str, int]
    months: tuple[tuple[re.Pattern[str], int], ...]
    weekdays: tuple[tuple[re.Pattern[str], int], ...]
    relative: dict[str, re.Pattern[str] | None]
    number_rx: re.Pattern[str] | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    places: dict[str, re.Pattern[str] | None] = field(default_factory=dict)
    place_stop: frozenset[str] = frozenset()  # surface keys (see resolve.gazetteer.surface_key) never a place alone
    ordinals: dict[str, int] = field(default_factory=dict)  # ordinal words ("third", "третий"): numbers.toml [ordinals]

    def cue(self, name: str) -> re.Pattern[str] | None:
        return self.cues.get(name)

    def place_rx(self, name: str) -> re.Pattern[str] | None:
        """A compiled ``places.toml`` entry (see :data:`PLACE_KEYS`), or None when the pack has none."""
        return self.places.get(name)


#: what ``places.toml`` may hold, and how each list is framed when compiled (``<P>`` = the joined patterns,
#: ``<N>`` = the joined ``place_nouns``)
PLACE_KEYS = {
    # a word right before a name that makes it a street, square or landmark ("проспект Абая", "Avenida Paulista")
    "street_before": r"(?<!\w)(?:<P>)[\s«\"„“'’-]*$",
    # a word right after a name that makes it a street or square ("Abai Avenue", "Абай даңғылы", "Karl-Marx-Straße")
    "street_after": r"[\s»\"“'’-]*(?:<P>)",
    # a word right after a name that makes it a news outlet's or agency's ("Washington Post", "Agence France-Presse"):
    # where a source sits, not where an act was (a topic: no vote for the document's country, never an event's place)
    "outlet_after": r"[\s-]*(?:<P>)",
    # "the capital" ("в столице", "dans la capitale"): the capital city of the country named with it, else of the document
    "capital": r"(?:<P>)",
    # text right before / after a capital word that makes it another capital ("южной столице", "capital of the region")
    "capital_not_before": r"(?:<P>)\s*$",
    "capital_not_after": r"\s*(?:<P>)",
    # the seats of national power ("parliament", "the Sejm", "Белый дом"): the capital of the document's country,
    # where a word of ``seat_before`` right before it marks it as where an act was ("outside parliament")
    "seat": r"(?<!\w)(?:<P>)",
    "seat_before": r"(?<!\w)(?:<P>)\s+(?:[^\s.!?;:]+\s+){0,2}$",
    # text right before a seat word that makes it another seat ("European Parliament", "regional parliament")
    "seat_not_before": r"(?:<P>)\s*$",
    "seat_not_after": r"\s*(?:<P>)",
    # a seat with what marks it as where, in one pattern (for languages without a pack: "პარლამენტთან", "Meclis önünde")
    "seat_located": r"(?<!\w)(?:<P>)",
    # a preposition of place before a name marks where an act was ("в Жанаозене", "in the village of Shetpe")
    "locative": r"(?<!\w)(?:<P>)\s+(?:(?:<N>)\s+){0,3}$",
    # town-type words that may stand between the preposition and the name ("the", "city of", "города")
    "place_nouns": "",
    # a case ending of the name itself that marks where ("Жаңаөзенде")
    "locative_suffix": r"(?:<P>)$",
    # a word right after the name that marks where ("Жаңаөзен қаласында")
    "locative_after": r"\s+(?:<P>)",
    # a capitalised word after a town name that makes it an institution's name, not a person's ("Almaty City Court")
    "name_ok_after": r"\s+(?:<P>)",
    # a word that may stand between the names of one list of places ("және", "czy", "as well as"), matched whole
    "list_glue": r"(?:<P>)",
    # words of nearness or direction that end a list and mark a name as a landmark, not a place of the act
    # ("Shetpe, near Zhanaozen and not far from Aktau", "около Жанаозена")
    "list_break": r"(?<!\w)(?:<P>)(?!\w)",
    # words right before a name that make it no place of the act: what a protest is about ("a ceasefire in Gaza",
    # "против войны в Газе") or where an organisation is based ("based in London"); not marked as where an act was
    "topic_before": r"(?<!\w)(?:<P>)\s+$",
    # a country's envoys and foreign office, after its name or demonym ("the French ambassador", "the US embassy",
    # "US-Botschaft", "АҚШ елшілігі") or before it ("ambassador of France", "посол Франции", "l'ambassade de
    # France"): the country that sent them, not where anything happened
    "envoy_after": r"(?:['’]s)?[\s-]+(?:<P>)",
    "envoy_before": r"(?<!\w)(?:<P>)\s*$",
    # a title right before a person's name ("President Alpha Condé", "Interior Minister Santa Rosa Mendes", "el
    # presidente Alpha Condé"): a place name among the name's words is the person's; up to two words between
    # (the given names), each capitalised (checked in code). Not for languages that put a place's genitive after a
    # title ("мэр Бишкека", "Bürgermeister Berlins")
    "person_title": r"(?<!\w)(?:<P>)\s+(?P<between>(?:[^\W\d_][\w'’.-]*\s+){0,2})$",
}


def _load_toml(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML: {exc}", where=str(path)) from exc


def _merged(code: str, name: str, seen: tuple[str, ...] = ()) -> dict[str, Any]:
    """The TOML file ``name`` of pack ``code``, with the packs it ``extends`` merged under it."""
    base = pack_dir(code)
    meta = _load_toml(base / "pack.toml").get("pack", {})
    data: dict[str, Any] = {}
    for parent in meta.get("extends", []):
        if parent in seen:
            raise ConfigError(f"language packs extend each other in a loop: {seen + (parent,)}")
        _deep_merge(data, _merged(parent, name, seen + (code,)))
    _deep_merge(data, _load_toml(base / name))
    return data


def _deep_merge(into: dict[str, Any], new: dict[str, Any]) -> None:
    for k, v in new.items():
        if isinstance(v, list) and isinstance(into.get(k), list):
            into[k] = into[k] + v
        elif isinstance(v, dict) and isinstance(into.get(k), dict):
            _deep_merge(into[k], v)
        else:
            into[k] = v


_ESCAPE = re.compile(r"\\.")


def needs_case(pattern: str) -> bool:
    """A pattern that cares about case (``(?-i:``) or spells an upper-case letter must see the original text."""
    bare = _ESCAPE.sub("", pattern)
    return "(?-i:" in pattern or any(c.isupper() for c in bare)


def lower_keep_offsets(text: str) -> str:
    """``text`` lower-cased without changing any offset (characters whose lower case is longer stay)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _triggers(raw: list[dict[str, Any]], where: str) -> tuple[Trigger, ...]:
    out = []
    for i, t in enumerate(raw):
        tid = t.get("id") or f"{t.get('type')}#{i}"
        if t.get("type") not in EVENT_TYPES:
            raise ConfigError(f"trigger {tid!r} has unknown type {t.get('type')!r}", where=where)
        if t.get("patterns") == []:
            continue  # written as "patterns = []": a trigger still to fill in (a new pack's template), not a typo
        pat = _rx(t.get("patterns"), f"{where} trigger {tid}", lowered=True)
        if pat is None:
            raise ConfigError(f"trigger {tid!r} has no patterns", where=where)
        out.append(Trigger(
            id=tid, type=t["type"], pattern=pat,
            with_=_rx(t.get("with"), f"{where} trigger {tid}", lowered=True),
            without=_rx(t.get("without"), f"{where} trigger {tid}", lowered=True),
            preemptive=bool(t.get("preemptive", False)), priority=int(t.get("priority", 0)),
            modality=t.get("modality"), scope=t.get("scope", "sentence"),
            weak=bool(t.get("weak", False)), yields_to=tuple(t.get("yields_to", ())),
        ))
    return tuple(out)


def available_packs() -> list[str]:
    """Codes of the language packs: the installed ones and the user's (``user_lang_dir``)."""
    return list(_available_packs(str(user_lang_dir())))


@functools.lru_cache(maxsize=4)
def _available_packs(_user_dir: str) -> tuple[str, ...]:
    return tuple(pack_codes("pack.toml"))


@functools.lru_cache(maxsize=None)
def load_pack(code: str) -> LangPack:
    """Load and compile the language pack ``code`` (cached; packs are read-only)."""
    base = pack_dir(code)
    if not (base / "pack.toml").exists():
        raise ConfigError(f"no language pack {code!r}", hint=f"installed: {', '.join(available_packs())}; "
                          f"scaffold one with `contention lang new {code}`")
    meta = _load_toml(base / "pack.toml").get("pack", {})
    where = str(base)
    trig = _merged(code, "triggers.toml")
    cues_raw = _merged(code, "cues.toml")
    actors_raw = _merged(code, "actors.toml")
    claims_raw = _merged(code, "claims.toml")
    nums = _merged(code, "numbers.toml")
    dates = _merged(code, "dates.toml")
    actors = []
    for a in actors_raw.get("actor", []):
        if a.get("actor_type") not in ACTOR_TYPES:
            raise ConfigError(f"actor {a!r} has unknown actor_type", where=where)
        actors.append(ActorPattern(_rx(a["patterns"], where), a["actor_type"], a.get("role", "any")))  # type: ignore[arg-type]
    claims = []
    for c, pats in claims_raw.get("claims", {}).items():
        if c not in CLAIMS:
            raise ConfigError(f"unknown claim {c!r}", where=where)
        claims.append((c, _rx(pats, where)))
    words = {k.lower(): int(v) for k, v in nums.get("words", {}).items()}
    return LangPack(
        code=code, name=meta.get("name", code),
        triggers=_triggers(trig.get("trigger", []), where),
        cues={k: _rx(v, f"{where}/cues.toml {k}") for k, v in cues_raw.get("cues", {}).items()},
        actors=tuple(actors), claims=tuple(claims),  # type: ignore[arg-type]
        numbers=words,
        vague_numbers={k.lower(): int(v) for k, v in nums.get("vague", {}).items()},
        multipliers={k.lower(): int(v) for k, v in nums.get("multipliers", {}).items()},
        months=tuple((_rx(p, where), int(m)) for m, p in dates.get("months", {}).items()),  # type: ignore[misc]
        weekdays=tuple((_rx(p, where), int(d)) for d, p in dates.get("weekdays", {}).items()),  # type: ignore[misc]
        relative={k: _rx(v, where) for k, v in dates.get("relative", {}).items()},
        number_rx=_number_rx(words, nums),
        meta=meta,
        places=_place_terms(_merged(code, "places.toml").get("places", {}), f"{where}/places.toml"),
        place_stop=load_place_stop(code),
        ordinals={k.lower(): int(v) for k, v in nums.get("ordinals", {}).items()},
    )


def load_place_stop(code: str) -> frozenset[str]:
    """The pack's place stoplist (``place_stop.txt``: one word a line, ``#`` comments), as gazetteer surface keys."""
    return read_word_list(LANG_DIR / code / "place_stop.txt")


@functools.lru_cache(maxsize=None)
def neutral_place_stop(lang: str | None) -> frozenset[str]:
    """The place stoplist of a language without a pack (``_neutral/place_stop/<lang>.txt``: "bir" in Turkish),
    for documents in that language only; empty for other languages."""
    code = (lang or "").partition("-")[0].lower()
    if not code.isalpha():
        return frozenset()
    return read_word_list(LANG_DIR / "_neutral" / "place_stop" / f"{code}.txt")


def place_stop_for(pack: LangPack, lang: str | None = None) -> frozenset[str]:
    """The stoplist for a document read by ``pack`` in language ``lang``: the pack's own, or, for the neutral pack,
    the document language's."""
    return neutral_place_stop(lang) if pack.code == "_neutral" else pack.place_stop


def read_word_list(path: Path) -> frozenset[str]:
    """The words of a list file (one a line, ``#`` starts a comment) as :func:`~contention.resolve.gazetteer.surface_key`
    keys; empty when the file is missing."""
    from ..resolve.gazetteer import surface_key

    if not path.exists():
        return frozenset()
    words = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(surface_key(w) for w in words if w)


def _place_terms(raw: dict[str, Any], where: str) -> dict[str, re.Pattern[str] | None]:
    unknown = set(raw) - set(PLACE_KEYS)
    if unknown:
        raise ConfigError(f"unknown [places] keys {sorted(unknown)}; known: {sorted(PLACE_KEYS)}", where=where)
    joined = {k: "|".join(f"(?:{p})" for p in ([v] if isinstance(v, str) else v)) for k, v in raw.items() if v}
    out: dict[str, re.Pattern[str] | None] = {}
    for key, body in joined.items():
        if key == "place_nouns":
            continue
        frame = PLACE_KEYS[key].replace("<N>", joined.get("place_nouns", "(?!)"))
        try:
            out[key] = re.compile(frame.replace("<P>", body), FLAGS)
        except re.error as exc:
            raise ConfigError(f"bad regular expression in [places] {key}: {exc}", where=where) from exc
    return out


def _number_rx(words: dict[str, int], nums: dict[str, Any]) -> re.Pattern[str] | None:
    keys = sorted(set(words) | {k.lower() for k in nums.get("vague", {})} | {k.lower() for k in nums.get("multipliers", {})},
                  key=len, reverse=True)
    if not keys:
        return None
    return re.compile(r"\b(" + "|".join(re.escape(k) for k in keys) + r")\b", FLAGS)


#: date terms of languages without a pack: ``lang/_neutral/dates/<code>.toml`` (read for documents in them)
NEUTRAL_DATES = LANG_DIR / "_neutral" / "dates"
#: languages that read another's date terms (Croatian and Bosnian write months as Serbian Latin does, or in their
#: own names, which the Serbian file lists too)
DATE_TERMS_OF = {"hr": "sr", "bs": "sr", "cnr": "sr", "sh": "sr"}


@functools.cache
def neutral_date_languages() -> tuple[str, ...]:
    """Languages without a pack that ship date terms (``lang/_neutral/dates/<code>.toml``), and their aliases
    (cached: the parse asks for every document)."""
    have = sorted(p.stem for p in NEUTRAL_DATES.glob("*.toml")) if NEUTRAL_DATES.is_dir() else []
    return tuple(have + sorted(k for k, v in DATE_TERMS_OF.items() if v in have))


@functools.cache
def load_date_terms(code: str) -> dict[str, Any]:
    """The merged ``dates.toml`` of pack ``code`` as plain data (cached; read-only by convention).

    Needs only ``lang/<code>/dates.toml``, not a full pack, so the date grammar works for any
    language that ships date terms; a language without a pack may have them in ``lang/_neutral/dates/<code>.toml``.
    Raises ConfigError when there is none.
    """
    if not (pack_dir(code) / "dates.toml").exists():
        own = NEUTRAL_DATES / f"{DATE_TERMS_OF.get(code, code)}.toml"
        if code not in available_packs() and own.exists():
            return _load_toml(own)
        have = pack_codes("dates.toml") + list(neutral_date_languages())
        raise ConfigError(f"no date terms for language {code!r}", hint=f"installed: {', '.join(have)}")
    return _merged(code, "dates.toml")
