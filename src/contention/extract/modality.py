"""Modality of a trigger in its clause: asserted, negated, planned or habitual.

Two more outcomes than the taxonomy's modalities: ``demanded`` (a response that protesters demand,
ask or request: "workers demanded that the company raise wages" states no concession, so it codes
no event at all) and the plain modalities above.
"""
from __future__ import annotations

import re

from .lexicon import LangPack

# A clause ends at these; cues further away do not reach the trigger.
_CLAUSE_BREAK = re.compile(r"[;:()\[\]]|,\s|\s[–—-]\s|\.\s")
WINDOW = 60  # characters before a trigger in which a cue counts (calibrated on our own examples)
AFTER = 25  # characters after a trigger in which an *_after cue counts
LIST_WINDOW = 160  # characters before a trigger in which a list of demands may start
LIST_SUBJECT_WORDS = 2  # words after an item's article in which an actor makes it a clause's subject
LIST_ITEM_WORDS = 8  # words of an item of a list before its trigger ("the release of people detained")
# A list of demands runs through commas and "and", but not through these.
_LIST_BREAK = re.compile(r"[;:()\[\]]|\s[–—-]\s|\.\s")
_LIST_COMMA = re.compile(r",\s+")
# Quotation marks inside a clause do not end a word for the cues ('will propose "a range of measures').
_QUOTES = str.maketrans({c: " " for c in "\"“”«»„‟"})

#: not a modality of the taxonomy: the act is only demanded by someone, it codes no event
DEMANDED = "demanded"


def clause_before(sentence: str, start: int, *, window: int = WINDOW) -> str:
    """The text of the trigger's clause before it, at most ``window`` characters."""
    head = sentence[max(0, start - window):start]
    breaks = list(_CLAUSE_BREAK.finditer(head))
    return head[breaks[-1].end():] if breaks else head


def modality_of(sentence: str, start: int, end: int, pack: LangPack, *, implied: str | None = None,
                event_type: str = "") -> tuple[str, str | None]:
    """(modality, cue) for the trigger at ``sentence[start:end]``; see :func:`modality_at`."""
    modality, cue, _ = modality_at(sentence, start, end, pack, implied=implied, event_type=event_type)
    return modality, cue


def modality_at(sentence: str, start: int, end: int, pack: LangPack, *, implied: str | None = None,
                event_type: str = "") -> tuple[str, str | None, int | None]:
    """(modality, cue, where the cue starts in ``sentence``) for the trigger at ``sentence[start:end]``.

    Negation beats demands, demands beat plans, plans beat habits. ``implied`` is the modality a
    trigger carries itself (e.g. "shoot to kill" orders are planned by rule 14). A response in the
    scope of a ``demand`` cue is :data:`DEMANDED` (no event).
    """
    before = clause_before(sentence, start).translate(_QUOTES)
    b0 = start - len(before)
    after = sentence[end:end + AFTER].translate(_QUOTES)
    checks = [("negated", before, b0), ("negated_after", after, end)]
    if event_type.startswith("response."):
        # "asked the party to reinstate the union": the demanded act did not happen
        checks += [("demand", before, b0), ("demand_after", after, end)]
        listed = demand_list(sentence, start, pack)
        if listed is not None:
            checks.append(("demand", *listed))
    checks += [("planned", before, b0), ("planned_after", after, end)]
    if event_type.startswith("protest."):
        checks.append(("planned_protest", before, b0))  # "announced a strike" is a plan; "announced a curfew" is the act
    checks.append(("habitual", before + sentence[start:end + 40], b0))
    for name, scope, offset in checks:
        if name == "planned" and _announced(pack, sentence[:start]):
            continue  # "announced that subsidies would be paid": the announcement is the act
        rx = pack.cue(name)
        if rx is not None:
            m = rx.search(scope)
            if m:
                modality = DEMANDED if name.startswith("demand") else name.split("_")[0]
                return modality, m.group(0), offset + m.start()
    if implied:
        return implied, None, None
    return "asserted", None, None


def demand_list(sentence: str, start: int, pack: LangPack) -> tuple[str, int] | None:
    """(text, offset) of the clause that opens a list of demands the trigger at ``start`` stands in, else None.

    "exigen la renuncia de Boluarte, el cierre del Congreso, una nueva Constitución": a comma ends the trigger's
    clause for the other cues, but when every segment after the demand opens like a noun phrase (the pack's
    ``list_item`` cue: an article or determiner) and the trigger is among the first ``LIST_ITEM_WORDS`` words of
    its own, the segments are items of the demand and the demand reaches the trigger."""
    item = pack.cue("list_item")
    if item is None:
        return None
    a = max(0, start - LIST_WINDOW)
    head = sentence[a:start]
    breaks = list(_LIST_BREAK.finditer(head))
    if breaks:
        a, head = a + breaks[-1].end(), head[breaks[-1].end():]
    commas = list(_LIST_COMMA.finditer(head))
    if not commas:
        return None
    last = _last_item(head[commas[-1].end():], item)
    opening = item.match(last)
    if len(last.split()) > LIST_ITEM_WORDS or opening is None or _actor_opens(last[opening.end():], pack):
        return None
    demand = pack.cue("demand")
    # walk back over the items: each segment after a comma opens like an item, until one ends with the demand
    for k in range(len(commas) - 1, -1, -1):
        opening = item.match(head, commas[k].end())
        if opening is None or _actor_opens(head[opening.end():], pack):
            return None
        lo = commas[k - 1].end() if k else 0
        segment = head[lo:commas[k].start()].translate(_QUOTES)
        if demand is not None and demand.search(segment):
            return segment, a + lo
    return None


def _last_item(segment: str, item: re.Pattern[str]) -> str:
    """The last item of ``segment``, the one that holds the trigger: "and"/"y" with an article opens another item
    ("the payment of late wages and a new constitution")."""
    starts = [m.start() for m in re.finditer(r"(?<=\s)\w", segment)
              if (o := item.match(segment, m.start())) is not None and " " in o.group().strip()]
    return segment[starts[-1]:] if starts else segment


def _actor_opens(text: str, pack: LangPack) -> bool:
    """Whether an actor ("the police", "los manifestantes") opens ``text``: the subject of a clause of its own,
    not an item of a list of demands ("demanded higher wages, the police detained twenty")."""
    words = " ".join(text.split()[:LIST_SUBJECT_WORDS])
    return any(a.pattern.search(words) for a in pack.actors)


def _announced(pack: LangPack, scope: str) -> bool:
    rx = pack.cue("announced")
    return bool(rx is not None and rx.search(scope))
