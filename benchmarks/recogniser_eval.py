"""Event-level figures of the rules, the recogniser and both, from out-of-fold scores.

    .venv/bin/python benchmarks/recogniser_eval.py OOF.npz [--grid] [--policy JSON]

OOF.npz holds, for every sentence of train+dev, the scores of a recogniser trained without that
sentence's document (``scripts/train_recogniser.py --cv``). The extractor runs exactly as users run
it, with those scores played back, and the reference scorer (``shared/tools/score.py``) scores the
result: type, family and recognition F1 (dates and countries ignored), per language and per family.
"""
from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(HERE))

from error_analysis import load_scorer, shared_dir  # noqa: E402

from contention.extract.extractor import extract_document  # noqa: E402
from contention.recognise.data import read_jsonl  # noqa: E402
from contention.recognise.oof import OOFScorer  # noqa: E402
from contention.recognise.reconcile import Policy  # noqa: E402
from contention.recognise.stage import RecogniserStage  # noqa: E402
from contention.records import Document  # noqa: E402
from contention.taxonomy import FAMILIES  # noqa: E402

RULES_ONLY = "rules"


def gold_docs(shared: Path) -> list[dict]:
    docs = read_jsonl(shared / "data/train/train.jsonl")
    for p in sorted((shared / "data/dev").glob("*.jsonl")):
        docs += read_jsonl(p)
    return docs


def system(docs: list[dict], stage: RecogniserStage | None) -> dict[str, list[dict]]:
    out = {}
    for d in docs:
        doc = Document(d["doc_id"], d["text"], lang=d.get("lang"), published=d.get("published"))
        res = extract_document(doc, recogniser=stage if stage is not None else False, semantic="off")
        out[d["doc_id"]] = [e.to_taxonomy() for e in res.events]
    return out


def figures(score, docs: list[dict], sys_events: dict[str, list[dict]]) -> dict:  # type: ignore[no-untyped-def]
    whole = score.score(docs, sys_events)
    strict = score.compatible
    score.compatible = lambda g, s: True
    try:
        recog = score.score(docs, sys_events)["type"]
        by_lang = {}
        groups = defaultdict(list)
        for d in docs:
            groups[d.get("lang") if d.get("lang") in ("en", "ru") else "others"].append(d)
        for k, v in groups.items():
            by_lang[k] = {"recognition": score.score(v, sys_events)["type"]["f1"]}
    finally:
        score.compatible = strict
    for k, v in groups.items():
        by_lang[k]["type"] = score.score(v, sys_events)["type"]["f1"]
    fam = defaultdict(lambda: [0, 0, 0])
    for t, r in whole["per_type"].items():
        f = score.family(t)
        fam[f][0] += r["tp"]
        fam[f][1] += r["system"]
        fam[f][2] += r["gold"]
    fam_f1 = {f: round(2 * v[0] / max(v[1] + v[2], 1), 3) for f, v in fam.items()}
    return {"type": whole["type"], "family": whole["family"]["f1"], "recognition": recog["f1"],
            "recognition_pr": (recog["precision"], recog["recall"]), "attributes": whole["attributes"],
            "by_lang": by_lang, "by_family": {f: fam_f1.get(f) for f in FAMILIES}}


def line(name: str, f: dict) -> str:
    t = f["type"]
    langs = " ".join(f"{k} {v['type']:.2f}/{v['recognition']:.2f}" for k, v in sorted(f["by_lang"].items()))
    fams = " ".join(f"{k[:4]} {v:.2f}" for k, v in f["by_family"].items() if v is not None)
    return (f"{name:34s} type {t['f1']:.3f} (P {t['precision']:.2f} R {t['recall']:.2f}) fam {f['family']:.3f} "
            f"recog {f['recognition']:.3f} | {langs} | {fams}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("oof", type=Path)
    ap.add_argument("--grid", action="store_true")
    ap.add_argument("--policy", default="{}")
    ap.add_argument("--docs", choices=["all", "covered"], default="covered",
                    help="covered: only documents every sentence of which has an out-of-fold score")
    args = ap.parse_args()
    shared = shared_dir()
    score = load_scorer(shared)
    scorer = OOFScorer.load(args.oof)
    docs = gold_docs(shared)
    if args.docs == "covered":
        covered = {d for d, _ in scorer.index if scorer.scores.types[scorer.index[(d, _)]].sum() > 0}
        docs = [d for d in docs if d["doc_id"] in covered]
    print(f"{len(docs)} documents")
    print(line("rules only", figures(score, docs, system(docs, None))))
    base = json.loads(args.policy)
    only = Policy(**{**base, "keep": 2.0, "trust_rules": frozenset()})
    print(line("recogniser only", figures(score, docs, system(docs, RecogniserStage(scorer, only)))))
    print(line(f"both {base}", figures(score, docs, system(docs, RecogniserStage(scorer, Policy(**base))))))
    if args.grid:
        for add, keep, asserted in itertools.product((0.3, 0.4, 0.5, 0.6), (0.05, 0.1, 0.2, 0.3), (0.3, 0.5)):
            p = Policy(add=add, keep=keep, asserted=asserted)
            print(line(f"add {add} keep {keep} ass {asserted}", figures(score, docs, system(docs, RecogniserStage(scorer, p)))),
                  flush=True)


if __name__ == "__main__":
    main()
