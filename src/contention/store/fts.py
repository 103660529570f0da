"""User search text -> a safe full-text query for SQLite FTS5 or PostgreSQL tsquery.

The query language is small and the same on both back ends:
``word`` (all words must match), ``word*`` (prefix), ``"two words"`` (phrase),
``a OR b`` (either), ``-word`` (exclude). Only word characters reach the database engine's
query parser, each term quoted, so no user input can be an FTS syntax error; a query with no
positive term matches nothing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r'(-?)"([^"]*)"(\*?)|(\S+)')
_WORD = re.compile(r"[^\W_]+")  # letters and digits; "_" is punctuation to every engine
#: PostgreSQL configurations ORed for every term: exact words, Russian stems, English stems.
PG_CONFIGS = ("simple", "russian", "english")


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]
    prefix: bool = False
    negated: bool = False


@dataclass(frozen=True)
class Query:
    """All ``groups`` must match (each group: any of its terms), and none of ``excluded``."""

    groups: tuple[tuple[Term, ...], ...]
    excluded: tuple[Term, ...]

    @property
    def empty(self) -> bool:
        return not self.groups


def parse(query: str) -> Query:
    """Parse user search text into terms; anything that is not a word character is dropped."""
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    join_next = False
    for match in _TOKEN.finditer(query or ""):
        if match.group(4) == "OR":
            join_next = bool(groups)
            continue
        term = _term(match)
        if term is None:
            continue
        if term.negated:
            excluded.append(term)
        elif join_next:
            groups[-1].append(term)
        else:
            groups.append([term])
        join_next = False
    return Query(tuple(tuple(g) for g in groups), tuple(excluded))


def _term(match: re.Match[str]) -> Term | None:
    if match.group(4) is None:  # a quoted phrase
        negated, body, prefix = match.group(1) == "-", match.group(2), match.group(3) == "*"
    else:
        raw = match.group(4)
        negated = raw.startswith("-") and len(raw) > 1
        body = raw[1:] if negated else raw
        prefix = body.endswith("*")
    words = tuple(w.lower() for w in _WORD.findall(body))
    return Term(words, prefix, negated) if words else None


def to_fts5(query: Query) -> str:
    """The FTS5 MATCH string: every term a quoted phrase, ``*`` outside the quotes."""
    def term(t: Term) -> str:
        return '"' + " ".join(t.words) + '"' + (" *" if t.prefix else "")

    def group(g: tuple[Term, ...]) -> str:
        return "(" + " OR ".join(term(t) for t in g) + ")"

    out = " AND ".join(group(g) for g in query.groups)
    if query.excluded:
        out = f"({out}) NOT ({' OR '.join(term(t) for t in query.excluded)})"
    return out


def to_tsquery(query: Query, prefix: str = "q") -> tuple[str, dict[str, str]]:
    """A PostgreSQL tsquery expression with bound parameters ``:<prefix>N``.

    Each term becomes the OR of its query under the three configurations, so an English
    stem, a Russian stem or the exact word can match; ``to_tsquery`` only ever sees word
    characters joined by ``<->`` (phrase) with an optional ``:*`` (prefix).
    """
    params: dict[str, str] = {}

    def term(t: Term) -> str:
        name = f"{prefix}{len(params)}"
        params[name] = " <-> ".join(t.words) + (":*" if t.prefix else "")
        return "(" + " || ".join(f"to_tsquery('{cfg}', :{name})" for cfg in PG_CONFIGS) + ")"

    parts = ["(" + " || ".join(term(t) for t in g) + ")" for g in query.groups]
    parts += [f"!!{term(t)}" for t in query.excluded]
    return "(" + " && ".join(parts) + ")", params
