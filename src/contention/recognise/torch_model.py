"""The e5 encoder and the recogniser's heads as a torch module (training and ONNX export only).

torch is a training-time dependency (``pip install contention[train]``); the runtime runs the exported
ONNX graph (``recognise.runtime``). The word embeddings stay frozen and outside the module: the
caller looks rows up (``E5File.q4_rows``) and passes ``embeddings`` of shape (batch, tokens, 384),
which keeps the 96 M-parameter table out of every file we write.
"""
from __future__ import annotations

import math

import numpy as np
import torch
from torch import nn

from ..taxonomy import EVENT_TYPES, MODALITIES
from .e5file import E5File

N_TYPES = len(EVENT_TYPES)
N_MODALITIES = len(MODALITIES)


class Layer(nn.Module):
    def __init__(self, hidden: int, heads: int, ff: int, eps: float) -> None:
        super().__init__()
        self.heads, self.hd = heads, hidden // heads
        self.scale = 1.0 / math.sqrt(self.hd)
        self.q, self.k, self.v = nn.Linear(hidden, hidden), nn.Linear(hidden, hidden), nn.Linear(hidden, hidden)
        self.ao = nn.Linear(hidden, hidden)
        self.aln = nn.LayerNorm(hidden, eps=eps)
        self.fi, self.fo = nn.Linear(hidden, ff), nn.Linear(ff, hidden)
        self.oln = nn.LayerNorm(hidden, eps=eps)

    def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        def split(y: torch.Tensor) -> torch.Tensor:
            return y.reshape(y.shape[0], y.shape[1], self.heads, self.hd).transpose(1, 2)

        q, k, v = split(self.q(x)), split(self.k(x)), split(self.v(x))
        att = torch.softmax((q @ k.transpose(-1, -2)) * self.scale + bias, dim=-1)
        ctx = (att @ v).transpose(1, 2).reshape(x.shape)
        x = self.aln(x + self.ao(ctx))
        return self.oln(x + self.fo(nn.functional.gelu(self.fi(x))))


class Recogniser(nn.Module):
    """Embeddings (given) -> position/type embeddings + LayerNorm -> ``n_layers`` BERT layers ->
    mean pooling -> heads: event types (multi-label, any modality), whether each type's event is
    asserted, the modality of the sentence's other events, and preemptive (of its responses)."""

    def __init__(self, hidden: int = 384, heads: int = 12, ff: int = 1536, n_layers: int = 6,
                 max_positions: int = 512, eps: float = 1e-12, dropout: float = 0.1) -> None:
        super().__init__()
        self.pos = nn.Embedding(max_positions, hidden)
        self.type0 = nn.Parameter(torch.zeros(hidden))
        self.eln = nn.LayerNorm(hidden, eps=eps)
        self.layers = nn.ModuleList(Layer(hidden, heads, ff, eps) for _ in range(n_layers))
        self.drop = nn.Dropout(dropout)
        # e5's sentence vectors share a large common direction (all cosines are high): the heads read
        # them standardised by the training set's mean and spread (``standardise``), else a linear head
        # trained for a few hundred steps cannot separate them
        self.register_buffer("mu", torch.zeros(hidden))
        self.register_buffer("sigma", torch.ones(hidden))
        self.types = nn.Linear(hidden, N_TYPES)
        self.asserted = nn.Linear(hidden, N_TYPES)  # P(asserted | type stated), per type
        self.modality = nn.Linear(hidden, N_MODALITIES)
        self.preemptive = nn.Linear(hidden, 1)

    def encode(self, embeddings: torch.Tensor, mask: torch.Tensor, upto: int | None = None,
               start: int = 0) -> torch.Tensor:
        """Hidden states after layers [start, upto); ``start`` > 0 takes hidden states of layer ``start``."""
        x = embeddings
        if start == 0:
            positions = torch.arange(x.shape[1], device=x.device)
            x = self.eln(x + self.pos(positions)[None] + self.type0)
        bias = (1.0 - mask[:, None, None, :].to(x.dtype)) * -1e4
        for layer in self.layers[start:upto]:
            x = layer(x, bias)
        return x

    def pooled(self, hidden: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        m = mask.to(hidden.dtype)[..., None]
        return (hidden * m).sum(1) / m.sum(1).clamp(min=1.0)

    def heads(self, pooled: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
        z = self.drop((pooled - self.mu) / self.sigma)
        return self.types(z), self.asserted(z), self.modality(z), self.preemptive(z)[:, 0]

    def forward(self, embeddings: torch.Tensor, mask: torch.Tensor, start: int = 0):  # type: ignore[no-untyped-def]
        return self.heads(self.pooled(self.encode(embeddings, mask, start=start), mask))


def from_e5(f: E5File, n_layers: int) -> Recogniser:
    """A recogniser whose encoder is the first ``n_layers`` layers of e5 (heads freshly initialised)."""
    c = f.config
    model = Recogniser(c.hidden, c.heads, c.ff, n_layers, c.max_positions, c.eps)
    sd = model.state_dict()

    def put(name: str, arr: np.ndarray) -> None:
        sd[name].copy_(torch.from_numpy(np.ascontiguousarray(arr)).reshape(sd[name].shape))

    put("pos.weight", f.tensor("emb.pos").reshape(c.max_positions, c.hidden))
    put("type0", f.tensor("emb.type").reshape(c.type_vocab, c.hidden)[0])
    put("eln.weight", f.tensor("emb.ln.w"))
    put("eln.bias", f.tensor("emb.ln.b"))
    for i in range(n_layers):
        for ours, theirs, cols in (("q", "q", c.hidden), ("k", "k", c.hidden), ("v", "v", c.hidden),
                                   ("ao", "ao", c.hidden), ("fi", "fi", c.hidden), ("fo", "fo", c.ff)):
            put(f"layers.{i}.{ours}.weight", f.tensor(f"l{i}.{theirs}.w", cols))
            put(f"layers.{i}.{ours}.bias", f.tensor(f"l{i}.{theirs}.b"))
        for ours, theirs in (("aln", "aln"), ("oln", "oln")):
            put(f"layers.{i}.{ours}.weight", f.tensor(f"l{i}.{theirs}.w"))
            put(f"layers.{i}.{ours}.bias", f.tensor(f"l{i}.{theirs}.b"))
    model.load_state_dict(sd)
    return model


class WordEmbeddings:
    """The frozen word-embedding table, dequantised once (250k x 384 fp32, ~384 MB)."""

    def __init__(self, f: E5File) -> None:
        c = f.config
        self.table = torch.from_numpy(f.tensor("emb.word", c.hidden))

    def __call__(self, ids: torch.Tensor) -> torch.Tensor:
        return self.table[ids]
