"""Find event triggers of a language pack in a sentence, resolving overlaps."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import LangPack, Trigger, lower_keep_offsets


@dataclass(frozen=True)
class Match:
    """A trigger found in a sentence; offsets are relative to the sentence text."""

    trigger: Trigger
    start: int
    end: int

    @property
    def type(self) -> str:
        return self.trigger.type

    @property
    def text_len(self) -> int:
        return self.end - self.start


def _search(rx: re.Pattern[str], text: str, low: str) -> re.Match[str] | None:
    return rx.search(text if rx.flags & re.IGNORECASE else low)


def _allowed(t: Trigger, sentence: str, low: str, document: str, low_document: list[str]) -> bool:
    if t.scope == "document":
        if not low_document:
            low_document.append(lower_keep_offsets(document))  # once per call, not once per match
        sentence, low = document, low_document[0]
    if t.with_ is not None and not _search(t.with_, sentence, low):
        return False
    if t.without is not None and _search(t.without, sentence, low):
        return False
    return True


_PLAN: dict[int, tuple[tuple[Trigger, bool], ...]] = {}  # id(pack) -> (trigger, matched on the original case)


def _plan(pack: LangPack) -> tuple[tuple[Trigger, bool], ...]:
    plan = _PLAN.get(id(pack))
    if plan is None:
        plan = _PLAN[id(pack)] = tuple((t, bool(t.pattern.flags & re.IGNORECASE)) for t in pack.triggers)
    return plan


def find_matches(sentence: str, pack: LangPack, *, document: str = "") -> list[Match]:
    """All trigger matches in ``sentence``; a match inside a longer or higher-priority match is dropped.

    Overlaps between different triggers are resolved by priority, then length ("hunger strike"
    beats "strike", "riot police" beats "riot").
    """
    found: list[Match] = []
    low = lower_keep_offsets(sentence)
    low_document: list[str] = []
    for t, cased in _plan(pack):
        for m in t.pattern.finditer(sentence if cased else low):
            if m.end() > m.start() and _allowed(t, sentence, low, document, low_document):
                found.append(Match(t, m.start(), m.end()))
    found.sort(key=lambda m: (-m.trigger.priority, -m.text_len, m.start))
    kept: list[Match] = []
    for m in found:
        # only triggers of the same kind compete for a span: "met with striking workers" is a
        # negotiation *and* a strike, but "hunger strike" is not also a strike
        if not any(m.start < k.end and k.start < m.end and _kind(k) == _kind(m) for k in kept):
            kept.append(m)
    types = {m.type for m in kept}
    kept = [m for m in kept if not (set(m.trigger.yields_to) & types)]
    return sorted(kept, key=lambda m: m.start)


def _kind(m: Match) -> str:
    return m.type.split(".")[0]
