"""A document's text cut into runs, each marked with the evidence spans that cover it (for <mark>)."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
import re
from itertools import pairwise


@dataclass(frozen=True)
class Run:
    text: str
    start: int
    keys: tuple[str, ...] = ()   # events whose evidence covers this run
    focus: bool = False           # covered by a span of the event in focus
    primary: bool = False         # covered by the primary span of the event in focus


def runs(text: str, spans: Iterable[tuple[int, int, str, bool, bool]]) -> list[Run]:
    """Cut ``text`` at every span edge; spans are (start, end, event key, in focus, primary)."""
    spans = [(max(0, s), min(len(text), e), k, f, p) for s, e, k, f, p in spans if e > s]
    edges = sorted({0, len(text), *(s for s, *_ in spans), *(e for _, e, *_ in spans)})
    out = []
    for lo, hi in pairwise(edges):
        cover = [sp for sp in spans if sp[0] <= lo and hi <= sp[1]]
        out.append(Run(text[lo:hi], lo, tuple(dict.fromkeys(sp[2] for sp in cover)),
                       any(sp[3] for sp in cover), any(sp[3] and sp[4] for sp in cover)))
    return out


# ------------------------------------------------------------------------------- search terms
_BRACKETED = re.compile(r"\[([^\[\]]{1,200})\]")


def snippet_runs(snippet: str) -> list[tuple[str, bool]]:
    """A search snippet (matches in [brackets]) as (text, matched) pieces, brackets dropped."""
    out: list[tuple[str, bool]] = []
    pos = 0
    for m in _BRACKETED.finditer(snippet or ""):
        if m.start() > pos:
            out.append((snippet[pos:m.start()], False))
        out.append((m.group(1), True))
        pos = m.end()
    if pos < len(snippet or ""):
        out.append((snippet[pos:], False))
    return out


def term_pattern(query: str | None) -> re.Pattern[str] | None:
    """A case-insensitive pattern for the positive terms of a search (``word*`` as a prefix), or None."""
    from ..store import fts

    if not query:
        return None
    parsed = fts.parse(query)
    alts = []
    for group in parsed.groups:
        for term in group:
            words = r"\W+".join(re.escape(w) for w in term.words)
            alts.append(rf"\b{words}\w*" if term.prefix else rf"\b{words}\b")
    return re.compile("|".join(sorted(alts, key=len, reverse=True)), re.I) if alts else None


def term_runs(text: str, pattern: re.Pattern[str] | None) -> list[tuple[str, bool]]:
    """``text`` as (text, matched) pieces for the search terms of ``pattern``."""
    if pattern is None or not text:
        return [(text or "", False)]
    out: list[tuple[str, bool]] = []
    pos = 0
    for m in pattern.finditer(text):
        if m.start() > pos:
            out.append((text[pos:m.start()], False))
        out.append((m.group(), True))
        pos = m.end()
    if pos < len(text):
        out.append((text[pos:], False))
    return out
