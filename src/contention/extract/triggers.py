"""Find event triggers of a language pack in a sentence, resolving overlaps."""
from __future__ import annotations

import re
import re._constants as _sre
import re._parser as _sre_parse
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

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


P = TypeVar("P")
Plan = tuple[tuple[Trigger, bool, tuple[str, ...] | None], ...]  # (trigger, matched on the original case, needles)
#: id(pack) -> (the pack's triggers, their plan); the triggers are kept to tell a reused id from the same pack
_PLAN: dict[int, tuple[tuple[Trigger, ...], Plan]] = {}

_REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT)


def needles(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Strings of which every match of ``pattern`` contains at least one, lower-cased; None when the
    pattern promises none of two characters or more.

    A sentence that holds none of them cannot match, so the pattern is not run on it: one substring
    test per needle instead of trying each alternative of a long pattern at every position.
    """
    found = _required(_sre_parse.parse(pattern.pattern, pattern.flags).data)
    return None if found is None else tuple(sorted({n.lower() for n in found}))


def _required(items: list) -> set[str] | None:
    """The best set of literals one of which every match of the sequence ``items`` contains."""
    options: list[set[str]] = []
    run: list[str] = []
    for op, av in items:
        if op is _sre.LITERAL:
            run.append(chr(av))
            continue
        if run:
            options.append({"".join(run)})
            run = []
        found = None
        if op is _sre.SUBPATTERN and not ((av[1] | av[2]) & ~re.IGNORECASE):  # a group that changes no flag but case:
            found = _required(av[3].data)  # its literals, lower-cased, are still in the lower-cased sentence
        elif op is _sre.BRANCH:  # every alternative must promise something
            found = set()
            for branch in av[1]:
                one = _required(branch.data)
                if one is None:
                    found = None
                    break
                found |= one
        elif op in _REPEATS and av[0] >= 1:
            found = _required(av[2].data)
        if found:
            options.append(found)
    if run:
        options.append({"".join(run)})
    options = [o for o in options if min(map(len, o)) >= 2]
    if not options:
        return None
    return max(options, key=lambda o: (min(map(len, o)), -len(o)))


def pack_plan(cache: dict[int, tuple[tuple[Any, ...], P]], pack: LangPack, items: tuple[Any, ...],
              build: Callable[[tuple[Any, ...]], P]) -> P:
    """``build(items)`` for a pack's ``items`` (its triggers, its actor patterns), cached by the pack's id; the items are
    kept beside the plan, so a pack made later at a reused id gets a plan of its own."""
    entry = cache.get(id(pack))
    if entry is None or entry[0] is not items:
        entry = cache[id(pack)] = (items, build(items))
    return entry[1]


def holds_needle(low: str, need: tuple[str, ...] | None) -> bool:
    """Whether the lower-cased text may match a pattern with these needles (None: a pattern without any)."""
    return need is None or any(n in low for n in need)


def _plan(pack: LangPack) -> Plan:
    return pack_plan(_PLAN, pack, pack.triggers, lambda ts: tuple(
        (t, bool(t.pattern.flags & re.IGNORECASE), needles(t.pattern)) for t in ts))


def find_matches(sentence: str, pack: LangPack, *, document: str = "") -> list[Match]:
    """All trigger matches in ``sentence``; a match inside a longer or higher-priority match is dropped.

    Overlaps between different triggers are resolved by priority, then length ("hunger strike"
    beats "strike", "riot police" beats "riot").
    """
    found: list[Match] = []
    low = lower_keep_offsets(sentence)
    low_document: list[str] = []
    for t, cased, need in _plan(pack):
        if not holds_needle(low, need):
            continue
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
