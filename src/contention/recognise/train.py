"""Train the recogniser (torch; ``pip install contention[train]``).

The encoder is the first ``layers`` layers of multilingual-e5-small. The bottom ``frozen`` layers are
never trained, so their output for each training sentence is computed once and cached on disk
(``TokenCache``); training then runs only the top layers and the heads, which is what makes a
five-fold cross-validation and the final fit affordable on two cores. Deterministic given a seed on one machine
(floating-point sums differ across CPUs, and training amplifies the difference: docs/recogniser.md).
"""
from __future__ import annotations

import hashlib
import math
import os
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from torch import nn

from .data import Example, label_arrays
from .features import WIDTH, features_for
from .e5file import E5File, load
from .tokenizer import load_tokenizer
from .torch_model import Recogniser, WordEmbeddings, from_e5

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Settings:
    layers: int = 6          # encoder depth kept from e5 (inference cost grows with it)
    frozen: int = 2          # bottom layers never trained (cached); 2 beat 4 by .005 type F1 in CV
    max_tokens: int = 96
    epochs: int = 5          # 5 beat 3 in CV (2 folds: sentence micro-AP .553 -> .591, type F1 .617 -> .623)
    batch: int = 32
    lr: float = 2e-4         # top layers; 2e-4 beat 1e-4 in CV (3 folds: sentence micro-AP +.02-.03, event type F1 level)
    head_lr: float = 5e-3    # a few hundred steps: the heads must move fast (their biases start at the priors)
    weight_decay: float = 0.01
    seed: int = 13
    rule_dropout: float = 0.3  # share of clauses and weak labels read without their rule features
    extra_per_epoch: int = 9000  # clauses, our reports and weak labels read per epoch, in turn (9000 beat 6000 in CV)
    threads: int = 2


def _key(text: str, s: Settings) -> str:
    return hashlib.sha1(f"{s.layers}:{s.frozen}:{s.max_tokens}:{text}".encode()).hexdigest()


class TokenCache:
    """Hidden states after the frozen layers, per sentence (fp16, on disk, keyed by text and settings)."""

    def __init__(self, directory: Path, settings: Settings, model: Recogniser, words: WordEmbeddings) -> None:
        self.dir, self.s, self.model, self.words = directory, settings, model, words
        self.dir.mkdir(parents=True, exist_ok=True)
        self.tok = load_tokenizer(settings.max_tokens)
        self.mem: dict[str, np.ndarray] = {}
        self._load()

    def _files(self) -> list[Path]:
        return sorted(self.dir.glob(f"L{self.s.frozen}-T{self.s.max_tokens}-*.npz"))

    def _load(self) -> None:
        for path in self._files():
            with np.load(path) as z:
                for k in z.files:
                    self.mem[k] = z[k]

    def fill(self, texts: Sequence[str], progress: Progress | None = None) -> None:
        todo = sorted({t for t in texts if _key(t, self.s) not in self.mem}, key=len)
        if not todo:
            return
        new: dict[str, np.ndarray] = {}
        t0 = time.time()
        self.model.eval()
        with torch.no_grad():
            for b in range(0, len(todo), 64):
                part = todo[b:b + 64]
                ids, mask = self.tok.pad_batch(part)
                ids_t, mask_t = torch.from_numpy(ids), torch.from_numpy(mask)
                h = self.model.encode(self.words(ids_t), mask_t, upto=self.s.frozen)
                for i, text in enumerate(part):
                    n = int(mask[i].sum())
                    new[_key(text, self.s)] = h[i, :n].numpy().astype(np.float16)
                if progress and (b // 64) % 10 == 0:
                    done = b + len(part)
                    rate = done / max(time.time() - t0, 1e-9)
                    progress(f"encoding {done}/{len(todo)} sentences ({rate:.0f}/s, "
                             f"{(len(todo) - done) / max(rate, 1e-9):.0f} s left)")
        np.savez(self.dir / f"L{self.s.frozen}-T{self.s.max_tokens}-{len(self._files()):04d}.npz", **new)
        self.mem.update(new)

    def get(self, text: str) -> np.ndarray:
        return self.mem[_key(text, self.s)]


def _batch(states: list[np.ndarray]) -> tuple[torch.Tensor, torch.Tensor]:
    width = max(len(s) for s in states)
    x = np.zeros((len(states), width, states[0].shape[1]), dtype=np.float32)
    mask = np.zeros((len(states), width), dtype=np.int64)
    for i, s in enumerate(states):
        x[i, :len(s)] = s
        mask[i, :len(s)] = 1
    return torch.from_numpy(x), torch.from_numpy(mask)


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def fit(base: Recogniser, cache: TokenCache, examples: list[Example], s: Settings,
        progress: Progress | None = None, extra: list[Example] | None = None) -> Recogniser:
    """Train a copy of ``base`` (its top layers and heads) on ``examples`` (every epoch) and ``extra``
    (``s.extra_per_epoch`` of them a epoch, in turn, so that each is seen about equally often)."""
    import copy

    seed_everything(s.seed)
    torch.set_num_threads(s.threads)
    model = copy.deepcopy(base)
    standardise(model, cache, examples, s)
    for p in model.parameters():
        p.requires_grad = False
    top = [p for layer in model.layers[s.frozen:] for p in layer.parameters()]
    heads = [p for m in (model.types, model.asserted, model.modality, model.preemptive) for p in m.parameters()]
    for p in top + heads:
        p.requires_grad = True
    opt = torch.optim.AdamW([{"params": top, "lr": s.lr}, {"params": heads, "lr": s.head_lr}],
                            weight_decay=s.weight_decay)
    extra = list(extra or [])
    every = list(examples) + extra
    types, asserted, mod, pre, known = (torch.from_numpy(a) for a in label_arrays(every))
    init_priors(model, types, asserted, mod, pre)
    weights = torch.tensor([e.weight for e in every], dtype=torch.float32)
    rules = torch.from_numpy(rule_matrix(every))
    droppable = torch.tensor([e.source != "gold" for e in every])
    states = [cache.get(e.text) for e in every]
    n_core, per_epoch = len(examples), min(len(extra), s.extra_per_epoch)
    steps = s.epochs * math.ceil((n_core + per_epoch) / s.batch)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda k: min(1.0, (k + 1) / max(1, steps // 10)) * max(0.0, (steps - k) / steps))
    bce = nn.BCEWithLogitsLoss(reduction="none")
    ce = nn.CrossEntropyLoss(reduction="none")
    rng = np.random.default_rng(s.seed)
    extra_order = rng.permutation(len(extra))
    gen = torch.Generator().manual_seed(s.seed)
    step, t0 = 0, time.time()
    model.train()
    for epoch in range(s.epochs):
        turn = extra_order[(epoch * per_epoch) % max(len(extra), 1):][:per_epoch] if extra else np.zeros(0, int)
        if len(turn) < per_epoch:
            turn = np.concatenate([turn, extra_order[:per_epoch - len(turn)]])
        order = rng.permutation(np.concatenate([np.arange(n_core), n_core + turn]).astype(np.int64))
        # batches of similar length (less padding), in random order
        chunks = [order[i:i + s.batch * 20] for i in range(0, len(order), s.batch * 20)]
        batches = []
        for ch in chunks:
            ch = sorted(ch, key=lambda i: len(states[i]))
            batches += [ch[i:i + s.batch] for i in range(0, len(ch), s.batch)]
        rng.shuffle(batches)
        for idx in batches:
            x, mask = _batch([states[i] for i in idx])
            r = rules[idx]
            drop = droppable[idx] & (torch.rand(len(idx), generator=gen) < s.rule_dropout)
            r = r * (~drop)[:, None]
            t_logit, a_logit, m_logit, p_logit = model(x, mask, r, start=s.frozen)
            w = weights[idx]
            loss = ((bce(t_logit, types[idx]) * known[idx]).sum(1) * w).sum() / w.sum()
            has = types[idx]  # asserted-ness is learned only where the type is stated
            a_loss = (bce(a_logit, asserted[idx]) * has).sum(1)
            loss = loss + (a_loss * w).sum() / max(float(has.sum()), 1.0)
            mm = mod[idx] >= 0
            if mm.any():
                loss = loss + 0.5 * (ce(m_logit[mm], mod[idx][mm]) * w[mm]).sum() / w[mm].sum()
            pm = pre[idx] >= 0
            if pm.any():
                loss = loss + 0.5 * (bce(p_logit[pm], pre[idx][pm]) * w[pm]).sum() / w[pm].sum()
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(top + heads, 1.0)
            opt.step()
            sched.step()
            step += 1
            if progress and step % 50 == 0:
                rate = step / max(time.time() - t0, 1e-9)
                progress(f"epoch {epoch + 1}/{s.epochs} step {step}/{steps} loss {loss.item():.3f} "
                         f"({rate:.2f} steps/s, {(steps - step) / max(rate, 1e-9):.0f} s left)")
    model.eval()
    return model


def _logit(p: torch.Tensor) -> torch.Tensor:
    p = p.clamp(1e-4, 1 - 1e-4)
    return torch.log(p / (1 - p))


def init_priors(model: Recogniser, types: torch.Tensor, asserted: torch.Tensor, mod: torch.Tensor,
                pre: torch.Tensor) -> None:
    """Start every head at the training set's base rates (zero weights would start them at one half)."""
    with torch.no_grad():
        model.types.bias.copy_(_logit(types.mean(0)))
        model.asserted.bias.copy_(_logit(asserted.sum(0) / types.sum(0).clamp(min=1)))
        counts = torch.bincount(mod[mod >= 0], minlength=model.modality.out_features).float() + 1
        model.modality.bias.copy_(torch.log(counts / counts.sum()))
        model.preemptive.bias.fill_(float(_logit(pre[pre >= 0].mean() if (pre >= 0).any() else torch.tensor(0.1))))


def standardise(model: Recogniser, cache: TokenCache, examples: list[Example], s: Settings) -> None:
    """Set the heads' input standardisation from the pooled vectors of (up to 4,000 of) the examples."""
    rng = np.random.default_rng(s.seed)
    pick = rng.permutation(len(examples))[:4000]
    vecs = []
    model.eval()
    with torch.no_grad():
        for b in range(0, len(pick), 64):
            x, mask = _batch([cache.get(examples[i].text) for i in pick[b:b + 64]])
            vecs.append(model.pooled(model.encode(x, mask, start=s.frozen), mask))
    v = torch.cat(vecs)
    model.mu.copy_(v.mean(0))
    model.sigma.copy_(v.std(0).clamp(min=1e-4))


_FEATURES: dict[tuple[str, str], np.ndarray] = {}


def rule_matrix(examples: Sequence[Example]) -> np.ndarray:
    """``features.rule_features`` of the examples (memoised: folds share them)."""
    todo = [e for e in examples if (e.text, e.lang) not in _FEATURES]
    if todo:
        for e, v in zip(todo, features_for([e.text for e in todo], [e.lang for e in todo])):
            _FEATURES[(e.text, e.lang)] = v
    return np.stack([_FEATURES[(e.text, e.lang)] for e in examples]) if examples else np.zeros((0, WIDTH), np.float32)


def predict(model: Recogniser, cache: TokenCache, examples: Sequence[Example], s: Settings) -> dict[str, np.ndarray]:
    """Probabilities for cached examples: types (n, 23), asserted (n, 23), modality (n, 4), preemptive (n,)."""
    outs: dict[str, list[np.ndarray]] = {"types": [], "asserted": [], "modality": [], "preemptive": []}
    texts = [e.text for e in examples]
    rules = torch.from_numpy(rule_matrix(examples))
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    with torch.no_grad():
        for b in range(0, len(order), 64):
            idx = order[b:b + 64]
            x, mask = _batch([cache.get(texts[i]) for i in idx])
            t, a, m, p = model(x, mask, rules[idx], start=s.frozen)
            outs["types"].append(torch.sigmoid(t).numpy())
            outs["asserted"].append(torch.sigmoid(a).numpy())
            outs["modality"].append(torch.softmax(m, dim=1).numpy())
            outs["preemptive"].append(torch.sigmoid(p).numpy())
    back = np.empty(len(texts), dtype=np.int64)
    back[np.array(order)] = np.arange(len(order))
    return {k: np.concatenate(v)[back] for k, v in outs.items()}


def base_model(s: Settings, f: E5File | None = None) -> tuple[Recogniser, WordEmbeddings]:
    f = f or load()
    return from_e5(f, s.layers), WordEmbeddings(f)


def export_onnx(model: Recogniser, path: Path, *, weights: str = "fp16") -> None:
    """The whole encoder (from word embeddings) and heads as one ONNX graph.

    ``weights``: "fp16" (the default) stores the weight matrices in half precision and computes in fp32, so
    the runtime gives the trained model's scores on any CPU; "int8" quantizes them dynamically (7-bit weights,
    about 1.4x faster, but its scores move: one positive decision in eight at 0.25, measured); "fp32" stores
    them as trained (twice the size of fp16).
    """
    if weights not in ("fp16", "fp32", "int8"):
        raise ValueError(f"weights must be fp16, fp32 or int8, not {weights!r}")

    class Full(nn.Module):
        def __init__(self, m: Recogniser) -> None:
            super().__init__()
            self.m = m

        def forward(self, embeddings: torch.Tensor, mask: torch.Tensor, rules: torch.Tensor):  # type: ignore[no-untyped-def]
            t, a, mo, p = self.m(embeddings, mask, rules)
            return t, a, mo, p

    path.parent.mkdir(parents=True, exist_ok=True)
    full = Full(model).eval()
    x = torch.zeros(2, 8, model.eln.normalized_shape[0])
    mask = torch.ones(2, 8, dtype=torch.int64)
    rules = torch.zeros(2, WIDTH)
    raw = path.with_suffix(".fp32.onnx")
    torch.onnx.export(full, (x, mask, rules), str(raw), input_names=["embeddings", "mask", "rules"],
                      output_names=["types", "asserted", "modality", "preemptive"],
                      dynamic_axes={"embeddings": {0: "batch", 1: "tokens"}, "mask": {0: "batch", 1: "tokens"},
                                    "rules": {0: "batch"},
                                    "types": {0: "batch"}, "asserted": {0: "batch"}, "modality": {0: "batch"},
                                    "preemptive": {0: "batch"}},
                      opset_version=17, dynamo=False)
    if weights == "int8":
        from onnxruntime.quantization import QuantType, quantize_dynamic

        # reduce_range: 7-bit weights, or CPUs without VNNI saturate int16 sums and score differently
        quantize_dynamic(str(raw), str(path), weight_type=QuantType.QInt8, per_channel=True, reduce_range=True,
                         op_types_to_quantize=["MatMul", "Gemm"])
        os.remove(raw)
    elif weights == "fp16":
        half_weights(raw, path)
        os.remove(raw)
    else:
        os.replace(raw, path)


FP16_MAX = float(np.finfo(np.float16).max)  # a matrix with a larger entry stays in fp32


def half_weights(src: Path, dst: Path) -> None:
    """Store a graph's float32 weight matrices (what MatMul and Gemm multiply by) as float16, cast back on reading.

    ONNX Runtime folds the casts when it loads the graph, so the arithmetic is float32 throughout: the
    file is half the size and the scores are the fp32 ones to about 1e-4.
    """
    import onnx
    from onnx import TensorProto, helper
    from onnx import numpy_helper as nh

    graph_model = onnx.load(str(src))
    g = graph_model.graph
    matrices = {n.input[1] for n in g.node if n.op_type in ("MatMul", "Gemm")}
    casts, halves = [], []
    for init in [i for i in g.initializer if i.name in matrices]:
        a = nh.to_array(init)
        if a.dtype == np.float32 and np.abs(a).max() < FP16_MAX:
            halves.append(nh.from_array(a.astype(np.float16), init.name + "_fp16"))
            casts.append(helper.make_node("Cast", [init.name + "_fp16"], [init.name], to=TensorProto.FLOAT,
                                          name=init.name + "_cast"))
            g.initializer.remove(init)
    g.initializer.extend(halves)
    nodes = casts + list(g.node)
    del g.node[:]
    g.node.extend(nodes)
    onnx.checker.check_model(graph_model)
    onnx.save(graph_model, str(dst))
