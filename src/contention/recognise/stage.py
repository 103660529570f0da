"""The recogniser as a stage of the extractor: sentences and their rule matches in, matches out.

``RecogniserStage.apply`` is what ``extract.extractor`` calls for every document. Where the scores
come from is pluggable (``Scorer``): the shipped ONNX model (``default_stage``), or, for honest
cross-validation, the out-of-fold scores of a model that never saw the document
(``benchmarks/recogniser_cv.py``).
"""
from __future__ import annotations

import functools
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from ..extract.lexicon import LangPack
from ..extract.triggers import Match
from ..ingest.segment import Sentence
from ..records import Document
from .features import N_TYPES, WIDTH, rule_features
from .reconcile import Policy, sentence_matches
from .stacker import Stacker
from .runtime import Scores

#: (document, its readable sentences, their rule features) -> scores
Scorer = Callable[[Document, Sequence[Sentence], np.ndarray], Scores]
MIN_CHARS = 12  # shorter "sentences" (bylines, numbers, captions' leftovers) are not read


def readable(s: Sentence) -> bool:
    return len(s.text.strip()) >= MIN_CHARS


@dataclass
class RecogniserStage:
    scorer: Scorer
    policy: Policy
    stacker: Stacker | None = None
    name: str = "recogniser"

    def scores(self, doc: Document, sentences: Sequence[Sentence], matches: Sequence[Sequence[Match]] | None = None,
               pack: LangPack | None = None) -> tuple[list[int], Scores]:
        idx = [i for i, s in enumerate(sentences) if readable(s)]
        rules = np.zeros((len(idx), WIDTH), dtype=np.float32)
        if matches is not None:
            for k, i in enumerate(idx):
                rules[k] = rule_features(sentences[i].text, matches[i], pack)
            if self.policy.read == "rule_hits" and pack is not None and pack.triggers:
                # only the sentences where the pack's rules found an act: the recogniser confirms,
                # relabels or vetoes them, and adds nothing elsewhere (languages without a pack: all)
                keep = [k for k in range(len(idx)) if rules[k, :N_TYPES].any()]
                idx, rules = [idx[k] for k in keep], rules[keep]
        scores = self.scorer(doc, [sentences[i] for i in idx], rules)
        decision = scores.decision
        if self.stacker is not None:
            decision = self.stacker.predict(scores.types, scores.asserted, rules)
        return idx, replace(scores, decision=decision, rules=rules)

    def apply(self, doc: Document, sentences: Sequence[Sentence], matches: Sequence[Sequence[Match]],
              pack: LangPack | None = None) -> list[list[Match]]:
        idx, scores = self.scores(doc, sentences, matches, pack)
        out = [list(m) for m in matches]
        for k, i in enumerate(idx):
            out[i] = sentence_matches(sentences[i].text, matches[i], scores, k, self.policy)
        return out


def model_scorer() -> Scorer:
    from .runtime import load_recogniser

    rec = load_recogniser()
    return lambda doc, sents, rules: rec.score([s.text for s in sents], rules)


#: "on": the shipped recogniser reads every sentence of every document (the default when it is installed);
#: "fast": it reads only the sentences where the pack's rules found an act (every sentence where no pack exists):
#: 10.1 instead of 6.9 news-length documents a second per core, CV type F1 .647 instead of .657 (BENCHMARKS.md);
#: "off": rules only. Override with CONTENTION_RECOGNISER_MODE.
MODE = os.environ.get("CONTENTION_RECOGNISER_MODE", "on")
MODES = ("on", "fast", "off")


def set_mode(mode: str) -> None:
    """Turn the shipped recogniser on or off for this process and the workers it starts (their environment)."""
    global MODE
    if mode not in MODES:
        from ..errors import ConfigError

        raise ConfigError(f"recogniser must be one of {MODES}, not {mode!r}")
    MODE = mode
    os.environ["CONTENTION_RECOGNISER_MODE"] = mode
    default_stage.cache_clear()


@functools.lru_cache(maxsize=1)
def default_stage() -> RecogniserStage | None:
    """The shipped recogniser with its cross-validated policy, or None when it cannot run here."""
    from .runtime import available, load_recogniser

    if MODE == "off" or not available():
        return None
    rec = load_recogniser()
    policy = Policy.from_meta(rec.meta)
    if MODE == "fast":
        policy = replace(policy, read="rule_hits")
    return RecogniserStage(model_scorer(), policy, Stacker.from_json(rec.meta.get("stacker")))
