"""Rules and recogniser, one decision per sentence and type.

The language pack's triggers find *where* an act is told (their span anchors modality cues, dates,
places and actors); the recogniser says *what* a sentence states. Per sentence and event type:

- a rule match is kept when the recogniser gives its type at least ``keep`` (else it is vetoed),
  except for types the policy trusts the rules on, and participant mentions (``weak`` triggers,
  which the merge stage already treats as background);
- a type the recogniser gives at least ``add`` with no kept rule match becomes a match of its own,
  anchored on a vetoed rule match of the same family when there is one (the recogniser relabels the
  act the rule found, e.g. arrests the rule read as force), else on the whole sentence; its modality
  then comes from the recogniser (``asserted`` head), since no cue can be placed around it.

The thresholds live in ``recogniser.json`` beside the weights and were chosen by cross-validation on
the training reports (``benchmarks/recogniser_cv.py``), never on the blind set.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from ..extract.lexicon import Trigger
from ..extract.triggers import Match
from ..taxonomy import EVENT_TYPES, MODALITIES, family
from .features import N_TYPES
from .runtime import Scores

_NEVER = re.compile(r"(?!)")
MODEL_RULE = "model"


@dataclass(frozen=True)
class Policy:
    add: float = 0.5                 # a type with no rule match is added at this probability
    keep: float = 0.1                # a rule match survives at this probability of its type
    asserted: float = 0.5            # a model-only event is asserted when P(asserted | type) reaches this
    preemptive: float = 0.5
    add_by_family: dict[str, float] = field(default_factory=dict)   # per-family overrides of ``add``
    keep_by_family: dict[str, float] = field(default_factory=dict)
    trust_rules: frozenset[str] = frozenset()   # types where a rule match is never vetoed
    decide: float = 0.4              # with a stacker: an asserted event of the type is stated at this probability
    decide_keep: float = 0.2         # with a stacker: a rule match survives at this probability
    decide_without_pack: float | None = None  # ``decide`` in a language without a pack (no rule says anything; the stacker runs lower)
    decide_by_family: dict[str, float] = field(default_factory=dict)  # per-family overrides of ``decide`` (pack languages)
    read: str = "all"                # "all" sentences, or only those where the rules found an act ("rule_hits")

    @classmethod
    def from_meta(cls, meta: dict) -> "Policy":  # type: ignore[type-arg]
        p = meta.get("policy") or {}
        return cls(add=float(p.get("add", cls.add)), keep=float(p.get("keep", cls.keep)),
                   asserted=float(p.get("asserted", cls.asserted)), preemptive=float(p.get("preemptive", cls.preemptive)),
                   add_by_family={k: float(v) for k, v in (p.get("add_by_family") or {}).items()},
                   keep_by_family={k: float(v) for k, v in (p.get("keep_by_family") or {}).items()},
                   trust_rules=frozenset(p.get("trust_rules") or ()),
                   decide=float(p.get("decide", cls.decide)), decide_keep=float(p.get("decide_keep", cls.decide_keep)),
                   decide_without_pack=(None if p.get("decide_without_pack") is None
                                        else float(p["decide_without_pack"])),
                   decide_by_family={k: float(v) for k, v in (p.get("decide_by_family") or {}).items()},
                   read=str(p.get("read", cls.read)))

    def decide_at(self, rules: np.ndarray | None, t: str | None = None) -> float:
        """``decide`` for type ``t`` in a sentence with these rule features (``decide_without_pack`` where they say
        "no pack", else the family's own threshold where the policy gives one)."""
        if self.decide_without_pack is not None and rules is not None and rules[-1] == 0:
            return self.decide_without_pack
        if t is not None:
            return self.decide_by_family.get(family(t), self.decide)
        return self.decide

    def add_at(self, t: str) -> float:
        return self.add_by_family.get(family(t), self.add)

    def keep_at(self, t: str) -> float:
        return self.keep_by_family.get(family(t), self.keep)


def _trigger(t: str, modality: str | None, preemptive: bool) -> Trigger:
    return Trigger(id=f"{MODEL_RULE}:{t.split('.', 1)[1]}", type=t, pattern=_NEVER, modality=modality,
                   preemptive=preemptive)


def sentence_matches(text: str, rules: Sequence[Match], scores: Scores, i: int, policy: Policy) -> list[Match]:
    """The matches of one sentence after the recogniser has read it (row ``i`` of ``scores``)."""
    p = scores.types[i]
    q = None if scores.decision is None else scores.decision[i]
    cued = None if scores.rules is None else scores.rules[i, N_TYPES:2 * N_TYPES]
    kept, vetoed = [], []
    for m in rules:
        t = m.type
        j = EVENT_TYPES.index(t)
        if q is not None:
            # a match under a modality cue (planned, negated ...) is not an asserted event: the stacker does
            # not judge it, the cues do
            ok = q[j] >= policy.decide_keep or (cued is not None and cued[j] > 0)
        else:
            ok = p[j] >= policy.keep_at(t)
        if m.trigger.weak or t in policy.trust_rules or ok:
            kept.append(m)
        else:
            vetoed.append(m)
    have = {m.type for m in kept if not m.trigger.weak}
    row = None if scores.rules is None else scores.rules[i]
    added = []
    for j, t in enumerate(EVENT_TYPES):
        if t in have:
            continue
        if q is not None and q[j] >= policy.decide_at(row, t):
            modality = None
        elif p[j] >= policy.add_at(t) and (q is None or scores.asserted[i, j] < policy.asserted):
            # stated but not as an act that happened: the recogniser's modality (scored apart)
            if scores.asserted[i, j] >= policy.asserted:
                modality = None
            else:
                other = scores.modality[i].copy()
                other[MODALITIES.index("asserted")] = -1.0
                modality = MODALITIES[int(other.argmax())]
        else:
            continue
        pre = t.startswith("response.") and (t == "response.surveillance"
                                             or bool(scores.preemptive[i] >= policy.preemptive))
        anchor = next((m for m in vetoed if family(m.type) == family(t)), None)
        if anchor is not None:
            start, end = anchor.start, anchor.end
        else:
            start, end = 0, len(text)
            # the whole sentence is the span: no cue can stand around it, so the modality is the recogniser's
            modality = modality or "asserted"
        added.append(Match(_trigger(t, modality, pre), start, end))
    return sorted(kept + added, key=lambda m: m.start)

