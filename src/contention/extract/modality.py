"""Modality of a trigger in its clause: asserted, negated, planned or habitual."""
from __future__ import annotations

import re

from .lexicon import LangPack

# A clause ends at these; cues further away do not reach the trigger.
_CLAUSE_BREAK = re.compile(r"[;:()\[\]]|,\s|\s[–—-]\s|\.\s")
WINDOW = 60  # characters before a trigger in which a cue counts (calibrated on our own examples)


def clause_before(sentence: str, start: int, *, window: int = WINDOW) -> str:
    """The text of the trigger's clause before it, at most ``window`` characters."""
    head = sentence[max(0, start - window):start]
    breaks = list(_CLAUSE_BREAK.finditer(head))
    return head[breaks[-1].end():] if breaks else head


def modality_of(sentence: str, start: int, end: int, pack: LangPack, *, implied: str | None = None,
                event_type: str = "") -> tuple[str, str | None]:
    """(modality, cue) for the trigger at ``sentence[start:end]``.

    Negation beats plans, plans beat habits. ``implied`` is the modality a trigger carries itself
    (e.g. "shoot to kill" orders are planned by rule 14).
    """
    before = clause_before(sentence, start)
    after = sentence[end:end + 25]
    checks = [("negated", before), ("negated_after", after), ("planned", before), ("planned_after", after)]
    if event_type.startswith("protest."):
        checks.append(("planned_protest", before))  # "announced a strike" is a plan; "announced a curfew" is the act
    checks.append(("habitual", before + sentence[start:end + 40]))
    for name, scope in checks:
        if name == "planned" and _announced(pack, sentence[:start]):
            continue  # "announced that subsidies would be paid": the announcement is the act
        rx = pack.cue(name)
        if rx is not None:
            m = rx.search(scope)
            if m:
                return name.split("_")[0], m.group(0)
    if implied:
        return implied, None
    return "asserted", None


def _announced(pack: LangPack, scope: str) -> bool:
    rx = pack.cue("announced")
    return bool(rx is not None and rx.search(scope))
