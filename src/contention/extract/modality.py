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


def _announced(pack: LangPack, scope: str) -> bool:
    rx = pack.cue("announced")
    return bool(rx is not None and rx.search(scope))
