"""Find and resolve date expressions in news text (taxonomy coding rule 8).

A small regex grammar, the same for every language, filled from the language pack's
``lang/<code>/dates.toml`` (month and weekday names in all their forms, year words, role words,
number words, relative words). Adding a language or a form touches no code.

Choices the spec leaves open:

- A surface is the date expression itself; prepositions and role words ("in", "в", "since",
  "jusqu'au") are read for the role but are not part of the surface. Modifiers that change the
  meaning ("last Friday", "в минувшую пятницу", "nesta terça") are part of it.
- Ranges ("2011-2012", "16-18 December") are one ``point`` mention dated to their start.
  Decades ("the 2010s", "в 2010-х") are not dates and are not returned.
- "This week" / "last week" / "N weeks ago" resolve to the month of the day they point at.
- Durations ("seven months", "six-day", "for 12 days") come back with role ``duration`` and no
  date; "two days ago" is a relative date instead.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..errors import ConfigError
from ..extract.lexicon import load_date_terms, pack_codes

__all__ = ["DateMention", "date_languages", "find_dates", "parse_published"]

FLAGS = re.IGNORECASE | re.UNICODE
ROLES = ("point", "since", "until", "scheduled", "duration", "publication", "benchmark")
#: roles whose date dates nothing, not even the story: a length ("seven months") or a point of comparison
UNDATED_ROLES = frozenset({"duration", "benchmark"})
#: How far before a since-date a benchmark word is looked for ("the largest protest since 2004").
BENCHMARK_CHARS = 100
#: How far back (characters) role words and year/month context words are looked for.
CONTEXT_CHARS = 40
YEAR = r"(?:1[89]|20)\d\d"  # 1800-2099: plausible years in protest news; "2,000"/"3500" stay numbers


@dataclass(frozen=True)
class DateMention:
    """One date expression: its span in the text, its resolved parts and its role.

    ``role`` is one of "point", "since", "until", "scheduled", "duration", "publication", "benchmark" (the
    point of comparison of "the largest protest since 2004", "for the first time since 1990": not a date of the act);
    ``relative`` is true when the date was counted from the anchor (weekday, "yesterday", "this week").
    """

    start: int
    end: int
    surface: str
    year: int | None
    month: int | None
    day: int | None
    role: str = "point"
    relative: bool = False

    def iso(self) -> str | None:
        """ISO date as precise as known ("2011-12-16", "2011-12", "2011"); None without a year."""
        if self.year is None:
            return None
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


Ymd = tuple[int | None, int | None, int | None]


# --------------------------------------------------------------------------- grammar

def _alt(items: list[str] | str | None) -> str:
    if not items:
        return r"(?!x)x"  # matches nothing
    if isinstance(items, str):
        items = [items]
    return "(?:" + "|".join(f"(?:{p})" for p in items) + ")"


def _word(items: list[str] | str | None) -> str:
    return rf"(?<!\w){_alt(items)}(?!\w)"


def _flat(table: dict[str, list[str] | str]) -> list[str]:
    out: list[str] = []
    for v in table.values():
        out.extend([v] if isinstance(v, str) else v)
    return out


def _keyed(table: dict[str, Any], where: str) -> tuple[tuple[re.Pattern[str], int], ...]:
    return tuple((_compile(_alt(v), where), int(k)) for k, v in table.items())


def _compile(pattern: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern, FLAGS)
    except re.error as exc:
        raise ConfigError(f"bad regular expression in date terms: {exc}", where=where) from exc


@dataclass(frozen=True)
class _Grammar:
    lang: str
    months: tuple[tuple[re.Pattern[str], int], ...]
    weekdays: tuple[tuple[re.Pattern[str], int], ...]
    numbers: tuple[tuple[re.Pattern[str], int], ...]
    units: tuple[tuple[re.Pattern[str], str], ...]
    rules: tuple[tuple[str, re.Pattern[str], tuple[str, ...]], ...]  # (kind, pattern, gates) in priority order
    gates: dict[str, re.Pattern[str]]  # cheap searches that rule a rule out: no digit, no month name …
    relative: re.Pattern[str]
    role_before: tuple[tuple[str, re.Pattern[str]], ...]
    role_after: tuple[tuple[str, re.Pattern[str]], ...]
    year_context: re.Pattern[str]
    month_context: re.Pattern[str]
    ambiguous_month: re.Pattern[str]
    last: re.Pattern[str]
    this: re.Pattern[str]
    next: re.Pattern[str]
    this_year: re.Pattern[str]
    habitual: re.Pattern[str]
    ambiguous_weekday: re.Pattern[str]
    weekday_context: re.Pattern[str]
    role_form: tuple[tuple[str, re.Pattern[str]], ...]
    slash_mdy: bool
    point_after: re.Pattern[str] = re.compile(r"(?!x)x")
    benchmark: re.Pattern[str] = re.compile(r"(?!x)x")
    solar_months: tuple[tuple[re.Pattern[str], int], ...] = ()  # Solar Hijri month names (``[solar_months]``)


def _rules(t: dict[str, Any]) -> list[tuple[str, str]]:
    w = t.get("words", {})
    opt = t.get("options", {})
    mon = _word(_flat(t.get("months", {})) + _flat(t.get("months_abbr", {})))
    full = _word(_flat(t.get("months", {})))
    wd = _word(_flat(t.get("weekdays", {})))
    suf = _alt(w.get("day_suffix", [r"\."]))
    of = _word(w.get("of"))
    yw = _word(w.get("year_after"))
    rel = t.get("relative", {})
    yrel = _word((rel.get("this_year") or []) + (rel.get("last_year") or []))
    num = _alt(_flat(t.get("numbers", {})))
    units = _alt(_flat(t.get("units", {})))
    rng = _word(w.get("range_to"))
    mod = _word((w.get("last") or []) + (w.get("this") or []) + (w.get("next") or []))
    day = r"(?<![\d.,:/])(?P<d>[0-3]?\d)(?![\d:])"
    y = rf"(?P<y>{YEAR})(?!\d)"
    yyear = rf"(?:,?\s+(?:{of}\s+)?{y}(?:\.?\s*{yw})?|\s+(?P<yrel>{yrel}))"
    rules = [
        ("iso", (rf"(?<![\d.\-/]){y}-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)(?![\d])"
                r"(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?")),
        ("num", rf"(?<![\d.\-/])(?P<a>[0-3]?\d)(?P<sep>[./])(?P<b>[01]?\d)(?P=sep){y}(?:\.?\s*{yw})?"),
        ("ymd", rf"(?:(?<!\d){y}\.?\s*{yw}|(?P<yrel>{yrel}))\s+(?:{of}\s+)?(?P<d>[0-3]?\d)(?:{suf})?\s*(?P<m>{mon})"),
        ("ym", rf"(?:(?<!\d){y}\.?\s*{yw}|(?P<yrel>{yrel}))\s+(?:{of}\s+)?(?P<m>{mon})"),
        ("dmy", (rf"(?:(?<![\d.,:/])(?P<d0>[0-3]?\d)(?:{suf})?(?:\s*[-–—]\s*|\s+{rng}\s+))?{day}(?:{suf})?\s*"
                rf"(?:{of}\s+)?(?P<m>{mon}){yyear}?")),
    ]
    if opt.get("month_day", False):  # "suffix": only with a day suffix (Kazakh "сәуірдің 19-ы")
        need = "" if opt["month_day"] == "suffix" else "?"
        rules.append(("mdy", (rf"(?P<m>{mon})\s+(?:{of}\s+)?(?P<d>[0-3]?\d)(?:{suf}){need}(?![\d\w])"
                             rf"(?:,?\s+{y})?")))
        # year, month, day in that order ("2008 թ. մարտի 1-ին", "2022 оны 12 дугаар сарын 5-нд")
        rules.append(("ymdn", (rf"(?:(?<!\d){y}\.?\s*{yw}|(?P<yrel>{yrel}))\s+(?:{of}\s+)?(?P<m>{mon})\s+"
                              rf"(?P<d>[0-3]?\d)(?:{suf}){need}(?![\d\w])")))
    if t.get("solar_months"):  # "26 آبان 1398", "۲۵ آبان": a Solar Hijri day, month and (optional) year
        solar, sw = _alt(_flat(t["solar_months"])), _alt(w.get("solar_month_word"))  # "آبان", "آبان‌ماه", "آبانماه"
        rules.append(("solar", rf"(?<![\d.,:/])(?P<d>\d{{1,2}})\s*(?P<sm>{solar})(?:[\s\u200c]*{sw})?(?!\w)"
                               rf"(?:\s+(?P<sy>\d{{4}})(?!\d))?"))
    rules += [
        ("my", rf"(?P<m>{mon}){yyear}"),
        ("month", rf"(?P<m>{full})"),
        ("year", (rf"(?<![\d$€£¥.,\-/]){y}(?:\s*[-–—/]\s*(?P<y2>(?:1[89]|20)?\d\d)(?!\d))?"
                 rf"(?:\.?\s*(?P<yw>{yw}))?(?![\d]|[.,]\d|\s*%|-?х|s\b|'s)")),
        ("dayonly", (rf"{_word(w.get('day_word'))}\s+(?P<dn>[0-3]?\d)(?![\d:/]|[.,]\d)"
                    rf"(?!(?:{suf})?\s*(?:{of}\s+)?{mon})")),
        ("weekday", (rf"(?:(?P<mod>{mod})\s+)?(?P<w>{wd})(?:\s+(?P<mod2>{mod}))?(?:\s+{_word(w.get('time_of_day'))})?"
                    rf"(?:\s*\((?P<dn>[0-3]?\d)\)|,\s*(?P<dn2>[0-3]?\d)(?=\s*[,;)]|\.(?:\s|$)(?!\s*{mon})))?")),
        ("count", (rf"(?:(?P<agob>{_word(w.get('ago_before'))})\s+)?(?:(?<![\d.,])(?P<n>\d{{1,3}}|{num})(?:\s+|-))?"
                  rf"(?<!\w)(?P<unit>{units})(?!\w)(?:\s+(?P<agoa>{_word(w.get('ago_after'))}))?")),
    ]
    return rules


#: What a rule needs in the sentence before it is worth running (speed only; the rule checks again).
_GATES: dict[str, tuple[str, ...]] = {
    "iso": ("digit",), "num": ("digit",), "ymd": ("digit", "month"), "ym": ("month",), "dmy": ("digit", "month"),
    "mdy": ("digit", "month"), "ymdn": ("digit", "month"), "my": ("month",), "month": ("month",), "year": ("digit",),
    "dayonly": ("digit",), "weekday": ("weekday",), "count": ("unit",), "solar": ("digit", "solar"),
}


def _gates(t: dict[str, Any]) -> dict[str, str]:
    return {
        "digit": r"\d",
        "month": _word(_flat(t.get("months", {})) + _flat(t.get("months_abbr", {}))),
        "weekday": _word(_flat(t.get("weekdays", {}))),
        "unit": _word(_flat(t.get("units", {}))),
        "solar": rf"(?<!\w){_alt(_flat(t.get('solar_months', {})))}",  # "اسفندماه": the month word glued on
    }


@functools.cache
def _grammar(lang: str) -> _Grammar:
    t = load_date_terms(lang)
    where = f"lang/{lang}/dates.toml"
    w = t.get("words", {})
    roles = t.get("roles", {})
    rel = t.get("relative", {})
    # Longest phrases first: "hier soir" (last night) before "hier" (yesterday).
    ordered = sorted(((k, sorted(_as_list(v), key=len, reverse=True)) for k, v in rel.items() if k in _RELATIVE and v),
                     key=lambda kv: -len(kv[1][0]))
    rel_rx = "|".join(f"(?P<{k}>{_word(v)})" for k, v in ordered)
    ctx = list(w.get("year_before") or [])
    for r in ("since", "until", "scheduled", "publication"):
        ctx += roles.get(r) or []
    mon_ctx = (w.get("month_before") or []) + [p for r in ("since", "until", "scheduled") for p in roles.get(r) or []]
    return _Grammar(
        lang=lang,
        months=_keyed({k: _as_list(v) + _as_list(t.get("months_abbr", {}).get(k)) for k, v in t.get("months", {}).items()},
                      where),
        weekdays=_keyed(t.get("weekdays", {}), where),
        numbers=_keyed(t.get("numbers", {}), where),
        units=tuple((_compile(_alt(v), where), k) for k, v in t.get("units", {}).items()),
        rules=tuple((k, _compile(r"(?<!\w)" + p, where), _GATES.get(k, ())) for k, p in _rules(t)),
        gates={k: _compile(p, where) for k, p in _gates(t).items()},
        relative=_compile(rf"(?<!\w)(?:{rel_rx})" if rel_rx else r"(?!x)x", where),
        role_before=tuple((r, _compile(rf"(?<!\w){_alt(roles[r])}(?:\s+{_word(w.get('month_before'))})?\s*$", where))
                          for r in ("publication", "scheduled", "since", "until", "duration") if roles.get(r)),
        role_after=tuple((r[:-6], _compile(rf"^\s*{_word(roles[r])}", where))
                         for r in ("since_after", "until_after") if roles.get(r)),
        point_after=_compile(rf"\W{{0,3}}{_word(roles['point_after'])}" if roles.get("point_after") else r"(?!x)x", where),
        # a benchmark word, a few words, a since-word, a few words, the date: "the largest protest since 2004", "for the
        # first time since the dictatorship ended in 1990"
        benchmark=_compile(_benchmark(roles), where),
        year_context=_compile(rf"(?<!\w){_alt(ctx)}\W{{0,2}}$", where),
        month_context=_compile(rf"(?<!\w){_alt(mon_ctx)}\W{{0,2}}$", where),
        ambiguous_month=_compile(_alt(t.get("options", {}).get("ambiguous_months")), where),
        last=_compile(_alt(w.get("last")), where),
        this=_compile(_alt(w.get("this")), where),
        next=_compile(_alt(w.get("next")), where),
        this_year=_compile(_alt(rel.get("this_year")), where),
        habitual=_compile(rf"(?<!\w){_alt(w.get('habitual'))}\s*$", where),
        ambiguous_weekday=_compile(_alt(t.get("options", {}).get("ambiguous_weekdays")), where),
        weekday_context=_compile(rf"(?<!\w){_alt(w.get('weekday_before'))}\s*$", where),
        role_form=tuple((r[:-5], _compile(rf"(?:{_alt(roles[r])})$", where))
                        for r in ("since_form", "until_form") if roles.get(r)),
        slash_mdy=t.get("options", {}).get("slash", "dmy") == "mdy",
        solar_months=_keyed(t.get("solar_months", {}), where),
    )


def _benchmark(roles: dict) -> str:
    """A benchmark word, up to four words, a since-word, then the date: "the largest protest since 2004"; after a
    since-word of three letters or more, up to ten words may come before the date ("for the first time since the
    dictatorship ended in 1990"); a shorter one ("с", "з", "od") is also "with", "from": the date must follow it."""
    since = _as_list(roles.get("since"))
    if not roles.get("benchmark") or not since:
        return r"(?!x)x"
    long = [w for w in since if len(w.split("(")[0]) >= 3]
    short = [w for w in since if w not in long]
    gap = r"[^\w.;:!?]+"  # between words, within one clause
    word = r"(?:(?-i:[A-Z][a-z]{0,3}\.)|\w+)"  # a word, or an abbreviation with its full stop ("Gen.")
    tail = rf"(?:{_word(long)}(?:{gap}{word}){{0,10}}?|{_word(short)})" if short else rf"{_word(long)}(?:{gap}{word}){{0,10}}?"
    return rf"{_word(roles['benchmark'])}(?:{gap}\w+){{0,4}}?{gap}{tail}[^\w.;:!?]*$"


def _as_list(v: list[str] | str | None) -> list[str]:
    return [] if v is None else [v] if isinstance(v, str) else list(v)


def _lookup(table: tuple[tuple[re.Pattern[str], Any], ...], text: str) -> Any:
    for rx, value in table:
        if rx.fullmatch(text):
            return value
    return None


def date_languages() -> list[str]:
    """Codes of the languages that ship date terms (``lang/<code>/dates.toml``)."""
    return pack_codes("dates.toml")


# --------------------------------------------------------------------------- anchors and arithmetic

@dataclass(frozen=True)
class _Anchor:
    year: int
    month: int | None
    day: int | None

    @property
    def date(self) -> dt.date | None:
        return dt.date(self.year, self.month, self.day) if self.month and self.day else None


_ISO_RX = re.compile(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def _anchor(value: str | None) -> _Anchor | None:
    if not value:
        return None
    m = _ISO_RX.match(value)
    if not m:
        raise ConfigError(f"anchor {value!r} is not an ISO date", hint="use YYYY, YYYY-MM or YYYY-MM-DD")
    y, mo, d = (int(g) if g else None for g in m.groups())
    return _Anchor(y, mo, d)  # type: ignore[arg-type]


def _year_for(month: int, day: int | None, a: _Anchor | None, future: bool) -> int | None:
    """Rule 8: the latest such date not after the anchor (the earliest not before it when future)."""
    if a is None:
        return None
    if a.month is None:
        return a.year
    here, there = (month, day or 0), (a.month, a.day or 0)
    if future:
        return a.year + 1 if (month, day or 99) < (a.month, a.day or 0) else a.year
    if day is None or a.day is None:
        return a.year - 1 if month > a.month else a.year
    return a.year - 1 if here > there else a.year


def _nearest_year(month: int, day: int | None, a: _Anchor | None) -> int | None:
    """The year (the anchor's, or one either side) that puts month/day nearest the anchor."""
    if a is None:
        return None
    if a.month is None:
        return a.year
    here = lambda y: y * 372 + (month - 1) * 31 + (day or 15)  # noqa: E731 - a rough day count is enough
    there = a.year * 372 + (a.month - 1) * 31 + (a.day or 15)
    return min((a.year, a.year - 1, a.year + 1), key=lambda y: abs(here(y) - there))


def _shift(a: _Anchor | None, days: int, precision: str = "day") -> Ymd:
    if a is None:
        return None, None, None
    if a.date is None:
        return a.year, a.month, None
    d = a.date + dt.timedelta(days=days)
    return (d.year, d.month, d.day) if precision == "day" else (d.year, d.month, None)


def _months_back(a: _Anchor | None, n: int) -> Ymd:
    if a is None:
        return None, None, None
    if a.month is None:
        return a.year, None, None
    k = a.year * 12 + a.month - 1 - n
    return k // 12, k % 12 + 1, None


def _weekday(a: _Anchor | None, wd: int, direction: int, strict: bool) -> Ymd:
    """The date of weekday ``wd`` counted from the anchor (back when direction < 0)."""
    if a is None:
        return None, None, None
    if a.date is None:
        return a.year, a.month, None
    delta = (wd - a.date.weekday()) % 7 if direction > 0 else (a.date.weekday() - wd) % 7
    if strict and delta == 0:
        delta = 7
    return _shift(a, delta * direction)


def _is_weekday(ymd: Ymd, wd: int) -> bool:
    """The date is a day of the week ``wd`` (0 = Monday); False when it has no year or month, or is no date."""
    y, mo, d = ymd
    try:
        return y is not None and mo is not None and d is not None and dt.date(y, mo, d).weekday() == wd
    except ValueError:
        return False


def _day_near(a: _Anchor | None, day: int, future: bool) -> Ymd:
    """Year and month for a bare day number ("nesta terça (18)"), counted from the anchor."""
    if a is None or a.month is None:
        return None, None, day
    if a.day is None:
        return a.year, a.month, day
    if not future and day > a.day:
        y, m, _ = _months_back(a, 1)
        return y, m, day
    if future and day < a.day:
        y, m, _ = _months_back(a, -1)
        return y, m, day
    return a.year, a.month, day


#: Relative words of ``[relative]`` and what they resolve to: (unit, offset from the anchor).
_RELATIVE: dict[str, tuple[str, int]] = {
    "today": ("day", 0), "tonight": ("day", 0), "yesterday": ("day", -1), "last_night": ("day", -1),
    "day_before_yesterday": ("day", -2), "tomorrow": ("day", 1), "day_after_tomorrow": ("day", 2),
    "this_week": ("week", 0), "last_week": ("week", -1), "next_week": ("week", 1),
    "this_month": ("month", 0), "last_month": ("month", -1), "next_month": ("month", 1),
    "this_year": ("year", 0), "last_year": ("year", -1), "next_year": ("year", 1),
}


def _relative(name: str, a: _Anchor | None) -> Ymd:
    unit, k = _RELATIVE[name]
    if unit == "day":
        return _shift(a, k)
    if unit == "week":
        return _shift(a, 7 * k, "month")
    if unit == "month":
        return _months_back(a, -k)
    return (a.year + k, None, None) if a else (None, None, None)


# --------------------------------------------------------------------------- matching

@dataclass(frozen=True)
class _Ctx:
    g: _Grammar
    text: str
    anchor: _Anchor | None
    future: bool
    nearest: bool = False


Resolved = tuple[Ymd, bool, str | None]  # (year, month, day), relative?, forced role


def _r_iso(m: re.Match[str], c: _Ctx) -> Resolved | None:
    return (int(m["y"]), int(m["m"]), int(m["d"])), False, None


def _r_num(m: re.Match[str], c: _Ctx) -> Resolved | None:
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    if m["sep"] == "/" and c.g.slash_mdy and a <= 12 and not _after_anchor(y, a, b, c):
        a, b = b, a  # 12/16/2011 in English; 16/12/2011 stays day-first, and so does 10/05/2024 published in May
    return (y, b, a), False, None


def _after_anchor(y: int, month: int, day: int, c: _Ctx) -> bool:
    """The month-first reading of a slash date falls after the publication date while the day-first one does not
    ("10/05/2024" in a report of 15 May 2024 is 10 May, written day-first as most English outside the US does)."""
    anchor = c.anchor.date if c.anchor is not None else None
    if anchor is None or c.future or day > 12:
        return False
    try:
        return dt.date(y, month, day) > anchor >= dt.date(y, day, month)
    except ValueError:
        return False


def _month(m: re.Match[str], c: _Ctx) -> int | None:
    """The month a matched month word names; None when no month reads it (then the match is no date). Lower case
    as the month tables are written: Turkish and Azerbaijani "İyun" lowers to "i" and a combining dot, read as "i"."""
    word = m["m"].lower().replace("i\u0307", "i").rstrip(".")
    return _cached_lookup(c.g.lang, "months", word)


@functools.lru_cache(maxsize=4096)
def _cached_lookup(lang: str, table: str, text: str) -> int | None:
    g = _grammar(lang)
    return _lookup(getattr(g, table), text)  # type: ignore[no-any-return]


def _year_of(m: re.Match[str], c: _Ctx, month: int, day: int | None) -> int | None:
    gd = m.groupdict()
    if gd.get("y"):
        return int(gd["y"])
    if gd.get("yrel"):
        if c.anchor is None:
            return None
        return c.anchor.year + (0 if c.g.this_year.fullmatch(gd["yrel"]) else -1)
    if c.nearest and not c.future:
        return _nearest_year(month, day, c.anchor)
    return _year_for(month, day, c.anchor, c.future)


def _r_dm(m: re.Match[str], c: _Ctx) -> Resolved | None:
    mon = _month(m, c)
    if mon is None:
        return None
    gd = m.groupdict()
    day = int(gd.get("d0") or gd["d"]) if gd.get("d") else None  # a range "16-18 December" is dated to its start
    return (_year_of(m, c, mon, day), mon, day), False, None


def _r_month(m: re.Match[str], c: _Ctx) -> Resolved | None:
    if c.g.ambiguous_month.fullmatch(m["m"]) and not _context(c, m.start(), c.g.month_context):
        return None
    return _r_dm(m, c)


def _context(c: _Ctx, start: int, rx: re.Pattern[str]) -> bool:
    return rx.search(c.text, max(0, start - CONTEXT_CHARS), start) is not None


def _r_year(m: re.Match[str], c: _Ctx) -> Resolved | None:
    if not m["yw"] and not m["y2"] and not _context(c, m.start(), c.g.year_context):
        return None
    if m["y2"]:
        y1, y2 = int(m["y"]), m["y2"]
        second = int(y2) if len(y2) == 4 else y1 // 100 * 100 + int(y2)
        if not y1 < second <= y1 + 20:
            return None
    return (int(m["y"]), None, None), False, None


def _r_weekday(m: re.Match[str], c: _Ctx) -> Resolved | None:
    wd = _cached_lookup(c.g.lang, "weekdays", m["w"])  # as written first: "(?-i:Sat)" names only "Sat"
    if wd is None:
        wd = _cached_lookup(c.g.lang, "weekdays", m["w"].lower())
    if wd is None:
        return None
    mod = m["mod"] or m["mod2"] or ""
    if not mod and c.g.ambiguous_weekday.fullmatch(m["w"]) and not _context(c, m.start(), c.g.weekday_context):
        return None  # Portuguese "segunda"/"quarta" are also ordinals
    if _context(c, m.start(), c.g.habitual):  # "every Thursday" is a pattern, not a date
        return None
    if m["dn"]:  # "nesta terça (18)": the weekday and its day of the month
        return _day_near(c.anchor, int(m["dn"]), c.future), True, None
    if m["dn2"]:  # "neste sábado, 6, ...": the same, when that day of the month is that weekday
        ymd = _day_near(c.anchor, int(m["dn2"]), c.future)
        if _is_weekday(ymd, wd):
            return ymd, True, None
    if mod and c.g.next.fullmatch(mod):
        return _weekday(c.anchor, wd, 1, True), True, None
    if mod and c.g.last.fullmatch(mod):
        return _weekday(c.anchor, wd, -1, True), True, None
    return _weekday(c.anchor, wd, 1 if c.future else -1, False), True, None


def _r_count(m: re.Match[str], c: _Ctx) -> Resolved | None:
    if not m["n"] and not (m["agob"] or m["agoa"]):
        return None  # a bare unit word ("week") is neither a date nor a duration
    n = 1 if not m["n"] else int(m["n"]) if m["n"].isdigit() else _cached_lookup(c.g.lang, "numbers", m["n"].lower())
    unit = _lookup(c.g.units, m["unit"])
    if n is None or unit is None:
        return None
    if not (m["agob"] or m["agoa"]):
        return (None, None, None), False, "duration"
    if unit == "day":
        return _shift(c.anchor, -n), True, None
    if unit == "week":
        return _shift(c.anchor, -7 * n, "month"), True, None
    if unit == "month":
        return _months_back(c.anchor, n), True, None
    return ((c.anchor.year - n) if c.anchor else None, None, None), True, None


def solar_to_gregorian(jy: int, jm: int, jd: int) -> tuple[int, int, int]:
    """A Solar Hijri (Jalali) date as a Gregorian one: its day count by the Iranian calendar's 33-year cycles, read as
    a proleptic Gregorian ordinal."""
    jy += 1595
    days = -355668 + 365 * jy + (jy // 33) * 8 + ((jy % 33) + 3) // 4 + jd + ((jm - 1) * 31 if jm < 7 else (jm - 7) * 30 + 186)
    g = dt.date.fromordinal(days - 365)
    return g.year, g.month, g.day


def _r_solar(m: re.Match[str], c: _Ctx) -> Resolved | None:
    """A Solar Hijri date: with its year, converted; without, the latest such day not after the anchor (rule 8)."""
    month = _cached_lookup(c.g.lang, "solar_months", m["sm"].lower())
    day = int(m["d"])
    if month is None or not 1 <= day <= 31 or (month > 6 and day > 30):
        return None
    if m["sy"] and 1300 <= int(m["sy"]) <= 1499:
        return solar_to_gregorian(int(m["sy"]), month, day), False, None
    if c.anchor is None or c.anchor.month is None:
        return None
    anchor = (c.anchor.year, c.anchor.month, c.anchor.day or 31)
    dates = [solar_to_gregorian(jy, month, day) for jy in (c.anchor.year - 622, c.anchor.year - 621, c.anchor.year - 620)]
    if c.future:
        later = [d for d in dates if d >= anchor]
        return (min(later) if later else dates[-1]), False, None
    earlier = [d for d in dates if d <= anchor]
    return (max(earlier) if earlier else dates[0]), False, None


_RESOLVERS: dict[str, Callable[[re.Match[str], _Ctx], Resolved | None]] = {
    "iso": _r_iso, "num": _r_num, "ymd": _r_dm, "ym": _r_dm, "dmy": _r_dm, "mdy": _r_dm, "ymdn": _r_dm, "my": _r_dm,
    "month": _r_month, "dayonly": lambda m, c: (_day_near(c.anchor, int(m["dn"]), c.future), True, None), "year": _r_year, "weekday": _r_weekday, "count": _r_count,
    "solar": _r_solar,
}


def _valid(y: int | None, mo: int | None, d: int | None) -> bool:
    if mo is not None and not 1 <= mo <= 12:
        return False
    if d is not None:
        if mo is None or not 1 <= d <= 31:
            return False
        try:
            dt.date(y or 2000, mo, d)  # 2000 is a leap year: 29 February without a year stays valid
        except ValueError:
            return False
    return True


def _candidates(c: _Ctx) -> list[tuple[int, int, int, re.Match[str], str]]:
    out = []
    present: dict[str, bool] = {}
    for prio, (kind, rx, gates) in enumerate(c.g.rules):
        if not all(present.setdefault(gt, c.g.gates[gt].search(c.text) is not None) for gt in gates):
            continue
        for m in rx.finditer(c.text):
            if m.end() > m.start():
                out.append((m.start(), -(m.end() - m.start()), prio, m, kind))
    for m in c.g.relative.finditer(c.text):
        out.append((m.start(), -(m.end() - m.start()), len(c.g.rules), m, "relative"))
    out.sort(key=lambda x: x[:3])
    return out


#: "(Interfax, December 18)": a source and the date of its report, cited in parentheses after a statement.
_CITATION_BEFORE = re.compile(r"\(\s*[^\W\d_][^()\d,;.]{0,40},\s*$")
_CITATION_AFTER = re.compile(r"\s*\)")


def _role(c: _Ctx, start: int, end: int) -> str:
    role = _role_words(c, start, end)
    if role in ("since", "until") and c.g.point_after.match(c.text, end):
        return "point"  # "until October 20, when the curfew was imposed": the date of what follows
    if role in ("since", "point") and c.g.benchmark.search(c.text, max(0, start - BENCHMARK_CHARS), start):
        return "benchmark"  # "the largest protest since 2004", "впервые с 2004 года": a comparison, not a start
    if role == "point" and _CITATION_BEFORE.search(c.text, max(0, start - CONTEXT_CHARS), start) \
            and _CITATION_AFTER.match(c.text, end):
        return "publication"  # the date of a cited report, not of the act
    return role


def _role_words(c: _Ctx, start: int, end: int) -> str:
    window = c.text[max(0, start - CONTEXT_CHARS):start]
    for role, rx in c.g.role_before:
        if rx.search(window):
            return role
    for role, rx in c.g.role_form:  # Estonian case endings: "jaanuarist" (since), "jaanuarini" (until)
        if rx.search(c.text, start, end):
            return role
    after = c.text[end:end + CONTEXT_CHARS]
    for role, rx in c.g.role_after:
        if rx.search(after):
            return role
    return "point"


def _resolve(kind: str, m: re.Match[str], c: _Ctx) -> Resolved | None:
    if kind == "relative":
        name = m.lastgroup or ""
        return _relative(name, c.anchor), True, None
    return _RESOLVERS[kind](m, c)


def find_dates(text: str, *, lang: str, anchor: str | None = None, future: bool = False,
               nearest: bool = False) -> list[DateMention]:
    """Every date expression in ``text``, in order, resolved against ``anchor`` (taxonomy rule 8).

    text: a sentence or a document.
    lang: a language code with ``lang/<code>/dates.toml``.
    anchor: ISO date of any precision (publication date or dateline) that fills missing years and
        from which weekdays and "yesterday" are counted; None leaves partial dates without a year.
    future: count weekdays forward (planned events).
    nearest: the anchor is a date of the story itself (no publication date: the text's first full
        date), not the time of writing: a day and month without a year take the year that puts them
        nearest the anchor ("16 December 2011 ... on 17 December" is 2011-12-17, "... on 3 January"
        2012-01-03), not the latest one before it.
    RETURNS (list[DateMention]): non-overlapping mentions sorted by position.
    """
    c = _Ctx(_grammar(lang), text, _anchor(anchor), future, nearest)
    out: list[DateMention] = []
    last_end = -1
    for start, _neg, _prio, m, kind in _candidates(c):
        if start < last_end:
            continue
        role = _role(c, start, m.end())
        if role == "scheduled" and not c.future:  # "planned for Saturday" counts forward (rule 8)
            c = _Ctx(c.g, c.text, c.anchor, True, c.nearest)
            res = _resolve(kind, m, c)
            c = _Ctx(c.g, c.text, c.anchor, False, c.nearest)
        elif role == "since" and c.nearest:  # "on strike since May": a start lies before the story's date
            res = _resolve(kind, m, _Ctx(c.g, c.text, c.anchor, False, False))
        else:
            res = _resolve(kind, m, c)
        if res is None or not _valid(*res[0]):
            continue
        (y, mo, d), rel, forced = res
        out.append(DateMention(start, m.end(), m.group(0), y, mo, d, forced or role, rel))
        last_end = m.end()
    return _drop_named_weekdays(out, text)


_GAP = re.compile(r"[\s,]*")


def _drop_named_weekdays(ms: list[DateMention], text: str) -> list[DateMention]:
    """ "Friday, February 8, 2008": the weekday only names the full date that follows it."""
    keep = []
    for i, m in enumerate(ms):
        nxt = ms[i + 1] if i + 1 < len(ms) else None
        if (m.relative and nxt is not None and nxt.day is not None and not nxt.relative
                and _GAP.fullmatch(text, m.end, nxt.start) and " " not in m.surface.strip()):
            continue
        keep.append(m)
    return keep


# --------------------------------------------------------------------------- publication dates

_PUB_ISO = re.compile(r"\s*(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?(?:[T ].*)?\s*$")


def parse_published(value: str | None) -> str | None:
    """Normalise a publication date string in any common format or pack language to ISO.

    value: "2021-04-20T10:00:00Z", "20.04.2021", "19 jun 2013", "Вт, 04 янв 2022", "Friday, February 8, 2008".
    RETURNS (str | None): ISO of the precision given ("2013-06-19", "2020-09", "2013"), None when unreadable.
    """
    if not value or not value.strip():
        return None
    m = _PUB_ISO.match(value)
    if m:
        parts = [int(g) for g in m.groups() if g]
        if _valid(parts[0], *(parts[1:] + [None, None])[:2]):
            return "-".join([f"{parts[0]:04d}"] + [f"{p:02d}" for p in parts[1:]])
    best: DateMention | None = None
    for lang in date_languages():
        for d in find_dates(value, lang=lang):
            if d.year is not None and not d.relative and (best is None or _precision(d) > _precision(best)):
                best = d
    return best.iso() if best else None


def _precision(d: DateMention) -> int:
    return sum(x is not None for x in (d.year, d.month, d.day))
