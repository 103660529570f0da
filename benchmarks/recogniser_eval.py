"""Event-level figures of the rules, the recogniser and both, from out-of-fold scores.

    .venv/bin/python benchmarks/recogniser_eval.py OOF.npz [--stack] [--grid] [--policy JSON] [--write-stacker FILE]

OOF.npz holds, for every sentence of train+dev, the scores of a recogniser trained without that
sentence's document (``scripts/train_recogniser.py --cv``). The extractor runs exactly as users run
it, with those scores played back, and the reference scorer (``shared/tools/score.py``) scores the
result: type, family and recognition F1 (dates and countries ignored), per language and per family.
"""
from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(HERE))

from error_analysis import load_scorer, shared_dir  # noqa: E402
from grounding import event_row  # noqa: E402

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
        doc = Document(d["doc_id"], d["text"], lang=d.get("lang"), published=d.get("published"), url=d.get("url"))
        res = extract_document(doc, recogniser=stage if stage is not None else False, semantic="off")
        out[d["doc_id"]] = [event_row(e) for e in res.events]  # evidence and rule kept for --dump-events
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


def lang_table(score, docs: list[dict], runs: dict[str, dict[str, list[dict]]]) -> str:  # type: ignore[no-untyped-def]
    """Recognition F1 (dates and countries ignored) per language, one column per system."""
    by = defaultdict(list)
    for d in docs:
        by[d.get("lang") or "?"].append(d)
    strict = score.compatible
    score.compatible = lambda g, s: True
    rows = ["| language | docs | gold events | " + " | ".join(runs) + " |", "|---|---|---|" + "---|" * len(runs)]
    try:
        for lang, v in sorted(by.items(), key=lambda kv: -len(kv[1])):
            gold = sum(1 for d in v for e in d.get("events") or [] if (e.get("modality") or "asserted") == "asserted")
            cells = [f"{score.score(v, r)['type']['f1']:.2f}" for r in runs.values()]
            rows.append(f"| {lang} | {len(v)} | {gold} | " + " | ".join(cells) + " |")
    finally:
        score.compatible = strict
    return "\n".join(rows)


def line(name: str, f: dict) -> str:
    t = f["type"]
    langs = " ".join(f"{k} {v['type']:.2f}/{v['recognition']:.2f}" for k, v in sorted(f["by_lang"].items()))
    fams = " ".join(f"{k[:4]} {v:.2f}" for k, v in f["by_family"].items() if v is not None)
    return (f"{name:34s} type {t['f1']:.3f} (P {t['precision']:.2f} R {t['recall']:.2f}) fam {f['family']:.3f} "
            f"recog {f['recognition']:.3f} | {langs} | {fams}")


def stacker_data(scorer: OOFScorer, docs: list[dict], by: str = "episode"):  # type: ignore[no-untyped-def]
    """The scored sentences' rows, out-of-fold scores, rule features, targets and groups."""
    from contention.recognise.data import gold_examples, label_arrays
    from contention.recognise.features import features_for

    ex = [e for e in gold_examples(docs) if (e.doc_id, e.start) in scorer.index]
    idx = np.array([scorer.index[(e.doc_id, e.start)] for e in ex])
    s = scorer.scores
    rules = features_for([e.text for e in ex], [e.lang for e in ex])
    _, asserted, _, _, known = label_arrays(ex)
    groups = [e.group if by == "episode" else e.lang for e in ex]
    return idx, s.types[idx], s.asserted[idx], rules, asserted, known, groups, np.array([e.doc_id for e in ex])


def with_decisions(scorer: OOFScorer, docs: list[dict], by: str = "episode") -> None:
    """Add cross-fitted stacker decisions to the out-of-fold scores (in place); folds by episode or language."""
    from contention.recognise.stacker import cross_fit

    idx, types, asserted, rules, target, known, groups, doc_ids = stacker_data(scorer, docs, by)
    dec = np.zeros_like(scorer.scores.types)
    dec[idx] = cross_fit(types, asserted, rules, target, known, groups, docs=doc_ids)
    scorer.scores = dataclasses.replace(scorer.scores, decision=dec)


def write_stacker(scorer: OOFScorer, docs: list[dict], path: Path) -> None:
    """Fit the stacker on every out-of-fold score and write its JSON (for ``train_recogniser.py --stacker``)."""
    from contention.recognise.stacker import fit

    _, types, asserted, rules, target, known, _, doc_ids = stacker_data(scorer, docs)
    path.write_text(json.dumps(fit(types, asserted, rules, target, known, docs=doc_ids).to_json()) + "\n")
    print(f"stacker fitted on {len(types)} sentences: {path}")


def grid_without_pack(score, scorer: OOFScorer, docs: list[dict], base: dict) -> None:  # type: ignore[no-untyped-def]
    """Event-level figures on the documents whose language has no pack, for each ``decide_without_pack``."""
    from contention.extract.extractor import pack_for

    docs = [d for d in docs if pack_for(d.get("lang")) is None]
    print(f"{len(docs)} documents in languages without a pack")
    for th in (None, 0.3, 0.25, 0.2, 0.15, 0.1):
        p = Policy(**{**base, "decide_without_pack": th})
        print(line(f"decide_without_pack {th}", figures(score, docs, system(docs, RecogniserStage(scorer, p)))),
              flush=True)


def grid_by_family(score, scorer: OOFScorer, docs: list[dict], base: dict) -> None:  # type: ignore[no-untyped-def]
    """Each family's own ``decide`` in turn (coordinate ascent, the other families at their best so far), by type F1."""
    by = dict(base.get("decide_by_family") or {})
    best = figures(score, docs, system(docs, RecogniserStage(scorer, Policy(**base))))
    print(line(f"start {by}", best), flush=True)
    for fam in FAMILIES:
        for th in (0.2, 0.25, 0.35, 0.4, 0.5):
            p = Policy(**{**base, "decide_by_family": {**by, fam: th}})
            f = figures(score, docs, system(docs, RecogniserStage(scorer, p)))
            print(line(f"{fam} {th}", f), flush=True)
            if f["type"]["f1"] > best["type"]["f1"] + 0.0005:
                best, by = f, {**by, fam: th}
    print(line(f"best decide_by_family {json.dumps(by)}", best), flush=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("oof", type=Path)
    ap.add_argument("--grid", action="store_true")
    ap.add_argument("--policy", default="{}")
    ap.add_argument("--stack", action="store_true", help="decide with a stacker cross-fitted on the out-of-fold scores")
    ap.add_argument("--docs", choices=["all", "covered"], default="covered",
                    help="covered: only documents every sentence of which has an out-of-fold score")
    ap.add_argument("--folds-by", choices=["episode", "lang"], default="episode",
                    help="how the stacker is cross-fitted (as the out-of-fold scores were made)")
    ap.add_argument("--by-lang", action="store_true", help="recognition F1 per language (rules, recogniser, both)")
    ap.add_argument("--write-stacker", type=Path, default=None,
                    help="fit the stacker on all out-of-fold scores, write its JSON here and stop")
    ap.add_argument("--grid-by-family", action="store_true", help="each family's own decide threshold")
    ap.add_argument("--grid-without-pack", action="store_true",
                    help="the policy's decide_without_pack, on the documents in languages without a pack")
    ap.add_argument("--dump-events", type=Path, default=None,
                    help="write the events of the 'both' run here (JSON by document; outside the repo), for "
                         "`benchmarks/grounding.py --system FILE`")
    args = ap.parse_args()
    shared = shared_dir()
    score = load_scorer(shared)
    scorer = OOFScorer.load(args.oof)
    docs = gold_docs(shared)
    if args.write_stacker:
        write_stacker(scorer, docs, args.write_stacker)
        return
    if args.stack:
        with_decisions(scorer, docs, args.folds_by)
    if args.docs == "covered":
        covered = {d for d, _ in scorer.index if scorer.scores.types[scorer.index[(d, _)]].sum() > 0}
        docs = [d for d in docs if d["doc_id"] in covered]
    print(f"{len(docs)} documents")
    if args.grid_without_pack:
        grid_without_pack(score, scorer, docs, json.loads(args.policy))
        return
    if args.grid_by_family:
        grid_by_family(score, scorer, docs, json.loads(args.policy))
        return
    runs = {"rules only": system(docs, None)}
    print(line("rules only", figures(score, docs, runs["rules only"])))
    base = json.loads(args.policy)
    only = Policy(**{**base, "keep": 2.0, "decide_keep": 2.0, "trust_rules": frozenset()})
    runs["recogniser only"] = system(docs, RecogniserStage(scorer, only))
    print(line("recogniser only", figures(score, docs, runs["recogniser only"])))
    runs["both"] = system(docs, RecogniserStage(scorer, Policy(**base)))
    print(line(f"both {base}", figures(score, docs, runs["both"])))
    if args.dump_events:
        args.dump_events.write_text(json.dumps(runs["both"], ensure_ascii=False), encoding="utf-8")
    if args.by_lang:
        print(lang_table(score, docs, runs))
    if args.grid and args.stack:
        for decide, keep in itertools.product((0.3, 0.4, 0.5), (0.1, 0.2, 0.3)):
            p = Policy(**{**base, "decide": decide, "decide_keep": min(keep, decide)})
            print(line(f"decide {decide} keep {keep}", figures(score, docs, system(docs, RecogniserStage(scorer, p)))),
                  flush=True)
    elif args.grid:
        for add, keep, asserted in itertools.product((0.3, 0.4, 0.5, 0.6), (0.05, 0.1, 0.2, 0.3), (0.3, 0.5)):
            p = Policy(add=add, keep=keep, asserted=asserted)
            print(line(f"add {add} keep {keep} ass {asserted}", figures(score, docs, system(docs, RecogniserStage(scorer, p)))),
                  flush=True)


if __name__ == "__main__":
    main()
