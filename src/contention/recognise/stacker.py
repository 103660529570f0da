"""The last decision, learned: does this sentence state an asserted event of this type?

A logistic regression over, per sentence and type, the recogniser's probabilities (type stated,
asserted), what the pack's rules found (``features.rule_features``), whether the language has a
pack, and their products, each also by family and with a bias per type; and, from the document's other
sentences (``doc_features``), how strongly another sentence of the same document states the type, and whether
this one is the document's strongest for it (a retelling of an act told better elsewhere, or the telling
itself). It is fitted on out-of-fold
scores of the coded reports (a recogniser that never saw the document scored each sentence), so it
learns how far to trust the model and the rules on text like the user's, type by type; its
coefficients ship in ``recogniser.json``. Fitting needs scikit-learn (training only); using it, numpy.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..taxonomy import EVENT_TYPES, FAMILIES, family

N_TYPES = len(EVENT_TYPES)
_FAMILY = np.array([FAMILIES.index(family(t)) for t in EVENT_TYPES])
BASE = 8


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-4, 1 - 1e-4)
    return np.log(p / (1 - p))


DOC = 3
FLOOR = -9.2  # logit of the smallest probability (1e-4): "no other sentence"
CONFIDENT = -1.0  # logit (p ~ .27) above which the document's strongest sentence for a type counts as sure


def doc_features(types: np.ndarray, docs: np.ndarray | None = None) -> np.ndarray:
    """(n, 23, DOC) features of each sentence within its document: the strongest logit of the type among the
    document's *other* sentences (scaled), whether this sentence is the strongest, and whether it is the strongest
    and fairly sure. ``docs``: a document key per row (None: all rows are one document, as at run time).
    Cross-validated on the coded reports (episode folds): type F1 .639 -> .645, recognition .684 -> .690."""
    lp = _logit(types)
    out = np.zeros(types.shape + (DOC,), dtype=np.float32)
    keys = np.zeros(len(types), dtype=np.int64) if docs is None else np.unique(docs, return_inverse=True)[1]
    for key in np.unique(keys):
        rows = np.where(keys == key)[0]
        block = lp[rows]
        if len(rows) == 1:
            other = np.full_like(block, FLOOR)
        else:
            top2 = np.sort(block, axis=0)[-2:]  # (2, 23): second best and best of each type
            best = block.argmax(0)
            other = np.broadcast_to(top2[1], block.shape).copy()
            other[best, np.arange(block.shape[1])] = top2[0]
        strongest = (block >= other).astype(np.float32)
        out[rows, :, 0] = np.maximum(other, FLOOR) / 5
        out[rows, :, 1] = strongest
        out[rows, :, 2] = strongest * (block > CONFIDENT)
    return out


def features(types: np.ndarray, asserted: np.ndarray, rules: np.ndarray, docs: np.ndarray | None = None) -> np.ndarray:
    """(n, 23, k) features for n sentences: ``types``/``asserted`` (n, 23) probabilities, ``rules`` (n, 47);
    ``docs`` a document key per row (None: one document)."""
    n = len(types)
    lp, la = _logit(types), _logit(asserted)
    hit, cue, pack = rules[:, :N_TYPES], rules[:, N_TYPES:2 * N_TYPES], rules[:, -1:]
    base = np.stack([lp, la, hit, cue, np.repeat(pack, N_TYPES, 1), hit * lp, lp * pack,
                     np.repeat(hit.sum(1, keepdims=True), N_TYPES, 1)], axis=2)  # (n, 23, BASE)
    fam = np.zeros((n, N_TYPES, len(FAMILIES) * BASE), dtype=np.float32)
    for j in range(N_TYPES):
        f = _FAMILY[j]
        fam[:, j, f * BASE:(f + 1) * BASE] = base[:, j]
    onehot = np.broadcast_to(np.eye(N_TYPES, dtype=np.float32), (n, N_TYPES, N_TYPES))
    return np.concatenate([base, fam, onehot, doc_features(types, docs)], axis=2).astype(np.float32)


@dataclass(frozen=True)
class Stacker:
    coef: np.ndarray      # (k,)
    intercept: float

    def predict(self, types: np.ndarray, asserted: np.ndarray, rules: np.ndarray,
                docs: np.ndarray | None = None) -> np.ndarray:
        """(n, 23) probability that each sentence states an asserted event of each type (``docs``: a document key
        per row; None, as at run time: the rows are the sentences of one document)."""
        if len(types) == 0:
            return np.zeros((0, N_TYPES), dtype=np.float32)
        z = np.clip(features(types, asserted, rules, docs) @ self.coef + self.intercept, -30.0, 30.0)
        return (1.0 / (1.0 + np.exp(-z))).astype(np.float32)

    def to_json(self) -> dict:  # type: ignore[type-arg]
        return {"coef": [round(float(c), 6) for c in self.coef], "intercept": round(float(self.intercept), 6)}

    @classmethod
    def from_json(cls, d: dict | None) -> "Stacker | None":  # type: ignore[type-arg]
        if not d:
            return None
        return cls(np.asarray(d["coef"], dtype=np.float32), float(d["intercept"]))


def fit(types: np.ndarray, asserted: np.ndarray, rules: np.ndarray, target: np.ndarray, known: np.ndarray,
        C: float = 1.0, docs: np.ndarray | None = None) -> Stacker:
    """Fit on sentences' out-of-fold scores; ``target`` (n, 23) asserted types, ``known`` (n, 23) 0 where a
    type is not to be learned (a likely retelling); ``docs`` the document of each row."""
    from sklearn.linear_model import LogisticRegression

    F = features(types, asserted, rules, docs)
    X = F.reshape(-1, F.shape[2])
    y, m = target.reshape(-1), known.reshape(-1) > 0
    clf = LogisticRegression(C=C, max_iter=5000).fit(X[m], y[m])
    return Stacker(clf.coef_[0].astype(np.float32), float(clf.intercept_[0]))


def cross_fit(types: np.ndarray, asserted: np.ndarray, rules: np.ndarray, target: np.ndarray, known: np.ndarray,
              groups: list[str], k: int = 5, C: float = 1.0, docs: np.ndarray | None = None) -> np.ndarray:
    """Out-of-fold stacker decisions (each sentence decided by a stacker fitted on the other folds' documents)."""
    from sklearn.model_selection import GroupKFold

    docs = np.zeros(len(types), dtype=np.int64) if docs is None else np.asarray(docs)
    out = np.zeros_like(types)
    for tr, te in GroupKFold(k).split(types, groups=groups):
        model = fit(types[tr], asserted[tr], rules[tr], target[tr], known[tr], C, docs[tr])
        out[te] = model.predict(types[te], asserted[te], rules[te], docs[te])
    return out
