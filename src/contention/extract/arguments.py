"""Arguments of an event from its sentence: actor, actor type, counts and claims."""
from __future__ import annotations

import re

from ..taxonomy import is_response
from .lexicon import ActorPattern, LangPack
from .triggers import holds_needle, needles, pack_plan

# Who is implied when a response names no agent (coding rule 11).
IMPLIED_ACTOR_TYPE = {
    "response.detention": "security_forces",
    "response.dispersal": "security_forces",
    "response.physical_force": "security_forces",
    "response.lethal_force": "security_forces",
    "response.prosecution": "judiciary",
}

_NUM = re.compile(r"(?<![\w.,])(\d{1,3}(?:[ ,.\u00a0\u202f]\d{3})+|\d+)(?:[.,]\d+)?(?!\s*(?:%|percent|процент|години|года|году|год|лет|years?|jahre|ans|años|anni|lat|tenge|тенге|euros?|dollars?|\$|usd))", re.IGNORECASE)
COUNT_WINDOW = 40  # characters between a number and the word that says what it counts


def find_actor(sentence: str, start: int, pack: LangPack, *, event_type: str) -> tuple[str | None, str | None]:
    """The actor phrase nearest the trigger with the right role, and its actor type."""
    want = "state" if is_response(event_type) else "protester"
    best: tuple[int, str, str] | None = None
    low = sentence.lower()
    for a, need in _actor_plan(pack):
        if a.role not in (want, "any") or not holds_needle(low, need):
            continue
        for m in a.pattern.finditer(sentence):
            # prefer actors before the trigger (subjects) over those after it
            dist = start - m.end() if m.end() <= start else (m.start() - start) * 2 + 10
            if best is None or dist < best[0]:
                best = (dist, m.group(0), a.actor_type)
    if best is None:
        return None, IMPLIED_ACTOR_TYPE.get(event_type)
    return _LEADING_GLUE.sub("", best[1].strip()), best[2]


ActorPlan = tuple[tuple[ActorPattern, tuple[str, ...] | None], ...]  # (actor pattern, its needles)
#: id(pack) -> (the pack's actor patterns, their plan): see ``triggers.pack_plan``
_ACTOR_PLAN: dict[int, tuple[tuple[ActorPattern, ...], ActorPlan]] = {}


def _actor_plan(pack: LangPack) -> ActorPlan:
    return pack_plan(_ACTOR_PLAN, pack, pack.actors, lambda acts: tuple((a, needles(a.pattern)) for a in acts))


_LEADING_GLUE = re.compile(r"^(?:and|or|but|и|а|или|et|ou|y|o|e|und|oder|i|oraz|та|і|ja)\s+", re.IGNORECASE)


def _value(text: str, pack: LangPack) -> int | None:
    t = text.lower()
    if t in pack.numbers:
        return pack.numbers[t]
    if t in pack.vague_numbers:
        return pack.vague_numbers[t]
    digits = re.sub(r"[ ,.\u00a0\u202f]", "", t)
    return int(digits) if digits.isdigit() else None


_TIME_UNIT = re.compile(r"[\s-]*(?:years?|months?|weeks?|days?|hours?|minutes?|decades?|лет|год\w*|месяц\w*|дн(?:я|ей)|сут\w*|недел\w+|час\w*|"
                        r"ans?\b|années?|mois|jours?|años?|meses|días|anos?|dias|anni|mesi|giorni|jahre?n?|monate?n?|tage?n?|lat\b|"
                        r"miesi\w+|dni\b|aasta\w*|päeva\w*|рок\w*|місяц\w*|жыл\w*|ай\b|күн\w*)", re.IGNORECASE)


def _numbers(sentence: str, pack: LangPack) -> list[tuple[int, int, int]]:
    return [n for n in _all_numbers(sentence, pack) if not _TIME_UNIT.match(sentence, n[1])]


def _all_numbers(sentence: str, pack: LangPack) -> list[tuple[int, int, int]]:
    out = []
    for m in _NUM.finditer(sentence):
        v = _value(m.group(1), pack)
        if v is not None and not (1900 <= v <= 2100 and len(m.group(1)) == 4):
            out.append((m.start(), m.end(), v))
    if pack.number_rx is not None:
        for m in pack.number_rx.finditer(sentence):
            v = _value(m.group(1), pack)
            if v is not None:
                out.append((m.start(), m.end(), v))
    out.sort()
    return _apply_multipliers(sentence, out, pack)


def _apply_multipliers(sentence: str, nums: list[tuple[int, int, int]], pack: LangPack) -> list[tuple[int, int, int]]:
    out: list[tuple[int, int, int]] = []
    for s, e, v in nums:
        word = sentence[s:e].lower()
        if word in pack.multipliers and out and 0 <= s - out[-1][1] <= 2:
            ps, _, pv = out.pop()
            out.append((ps, e, pv * pack.multipliers[word]))
        elif word in pack.multipliers:
            out.append((s, e, pack.multipliers[word]))
        else:
            out.append((s, e, v))
    return out


def find_counts(sentence: str, pack: LangPack, *, event_type: str) -> dict[str, int]:
    """Numbers the sentence states for participants, killed, injured, detained."""
    nums = _numbers(sentence, pack)
    if not nums:
        return {}
    keys = ("killed", "injured", "detained") if is_response(event_type) else ("participants", "killed", "injured")
    out: dict[str, int] = {}
    for key in keys:
        rx = pack.cue(f"count_{key}")
        if rx is None:
            continue
        for m in rx.finditer(sentence):
            best = min(nums, key=lambda n: min(abs(n[0] - m.end()), abs(m.start() - n[1])))
            gap = min(abs(best[0] - m.end()), abs(m.start() - best[1]))
            if gap <= COUNT_WINDOW and key not in out:
                out[key] = best[2]
    return out


def find_claims(text: str, pack: LangPack) -> tuple[str, ...]:
    return tuple(c for c, rx in pack.claims if rx is not None and rx.search(text))
