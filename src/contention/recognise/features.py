"""What the language pack's rules found in a sentence, as numbers the recogniser's heads read.

Per sentence, 47 values: for each of the 23 types, whether a (non-participant) trigger of the pack
matched (block 1) and whether such a match stands under a modality cue (negated, planned, habitual,
demanded: block 2); and whether the language has a pack at all (last value). The same function feeds
training and the extractor, so the recogniser learns how far to trust each rule in each language.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..extract.lexicon import LangPack
from ..extract.modality import modality_at
from ..extract.triggers import Match
from ..taxonomy import EVENT_TYPES

N_TYPES = len(EVENT_TYPES)
WIDTH = 2 * N_TYPES + 1
_INDEX = {t: i for i, t in enumerate(EVENT_TYPES)}


def rule_features(text: str, matches: Sequence[Match], pack: LangPack | None) -> np.ndarray:
    v = np.zeros(WIDTH, dtype=np.float32)
    if pack is None or not pack.triggers:
        return v
    v[-1] = 1.0
    for m in matches:
        if m.trigger.weak:
            continue
        j = _INDEX[m.type]
        v[j] = 1.0
        modality = modality_at(text, m.start, m.end, pack, implied=m.trigger.modality, event_type=m.type)[0]
        if modality != "asserted":
            v[N_TYPES + j] = 1.0
    return v


def features_for(texts: Sequence[str], langs: Sequence[str | None]) -> np.ndarray:
    """``rule_features`` of bare sentences (training data), each with its language's pack."""
    from ..extract.extractor import pack_for
    from ..extract.triggers import find_matches

    out = np.zeros((len(texts), WIDTH), dtype=np.float32)
    for i, (t, lang) in enumerate(zip(texts, langs)):
        pack = pack_for(lang)
        if pack is not None:
            out[i] = rule_features(t, find_matches(t, pack), pack)
    return out
