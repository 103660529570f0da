"""Out-of-fold scores: the recogniser's reading of each training sentence by a model that did not see
its document. ``OOFScorer`` plays them back through the extractor, so that cross-validated event-level
figures come from the very code path users run.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ..ingest.segment import Sentence
from ..records import Document
from ..taxonomy import EVENT_TYPES
from .runtime import Scores


class OOFScorer:
    """Scores looked up by (document id, sentence start); sentences it has no row for score zero."""

    def __init__(self, doc_ids: Sequence[str], starts: Sequence[int], scores: Scores) -> None:
        self.index = {(d, int(s)): i for i, (d, s) in enumerate(zip(doc_ids, starts))}
        self.scores = scores
        self.missing = 0

    def __call__(self, doc: Document, sentences: Sequence[Sentence], rules: np.ndarray | None = None) -> Scores:
        rows = [self.index.get((doc.doc_id, s.start), -1) for s in sentences]
        self.missing += sum(r < 0 for r in rows)
        n = len(EVENT_TYPES)
        if not rows:
            return Scores.empty()
        idx = np.array([max(r, 0) for r in rows])
        out = self.scores.take(idx)
        hole = np.array([r < 0 for r in rows])
        if hole.any():
            out.types[hole] = 0.0
            out.asserted[hole] = 0.0
        assert out.types.shape[1] == n
        return out

    def save(self, path: Path) -> None:
        keys = sorted(self.index, key=self.index.get)  # type: ignore[arg-type]
        np.savez_compressed(path, doc_ids=np.array([k[0] for k in keys]), starts=np.array([k[1] for k in keys]),
                            types=self.scores.types, asserted=self.scores.asserted,
                            modality=self.scores.modality, preemptive=self.scores.preemptive)

    @classmethod
    def load(cls, path: Path) -> "OOFScorer":
        with np.load(path) as z:
            s = Scores(z["types"], z["asserted"], z["modality"], z["preemptive"])
            return cls([str(d) for d in z["doc_ids"]], [int(x) for x in z["starts"]], s)

