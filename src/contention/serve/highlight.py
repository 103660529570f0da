"""A document's text cut into runs, each marked with the evidence spans that cover it (for <mark>)."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
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
