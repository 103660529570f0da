"""Extraction throughput per core, beside a bare tokenisation pass over the same documents,
and memory while streaming many documents.

    .venv/bin/python benchmarks/throughput.py [--docs 2000] [--stream 100000] [--no-write]

Documents are our own example reports (examples/), cycled with a counter appended so every
document is distinct (nothing is cached across documents). Times are CPU seconds of this process
(time.process_time), so they are per core and robust to other load on the machine.
"""
from __future__ import annotations

import argparse
import datetime as dt
import itertools
import os
import platform
import re
import resource
import sys
import time
from pathlib import Path
from typing import Iterator

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE / "src"))
sys.path.insert(0, str(HERE / "benchmarks"))

from contention.ingest.readers import input_files, read_file  # noqa: E402
from contention.ingest.segment import split_sentences  # noqa: E402
from contention.pipeline import extract_documents  # noqa: E402
from contention.records import Document  # noqa: E402

START, END = "<!-- throughput:start -->", "<!-- throughput:end -->"
WORD = re.compile(r"\w+")


def corpus() -> list[Document]:
    docs = [d for f in input_files([HERE / "examples"]) for d in read_file(f)]
    from contention.ingest.language import with_language
    return [with_language(d) for d in docs]


def stream(base: list[Document], n: int) -> Iterator[Document]:
    for i, d in zip(range(n), itertools.cycle(base)):
        yield Document(f"{d.doc_id}-{i}", f"{d.text}\n\n(copy {i})", lang=d.lang, published=d.published)


def tokenise_pass(docs: list[Document]) -> float:
    t = time.process_time()
    for d in docs:
        for s in split_sentences(d.text):
            WORD.findall(s.text)
    return time.process_time() - t


def extract_pass(docs: list[Document]) -> float:
    t = time.process_time()
    for _ in extract_documents(docs):
        pass
    return time.process_time() - t


def extract_pass_on(docs: list[Document]) -> float:
    """The same documents with the embedding layer on beside the rules (semantic="on")."""
    from contention.extract.extractor import extract_document

    t = time.process_time()
    for d in docs:
        extract_document(d, semantic="on")
    return time.process_time() - t


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def memory_stream(base: list[Document], n: int) -> list[tuple[int, float]]:
    samples, every = [], max(1, n // 10)
    for i, _ in enumerate(extract_documents(stream(base, n)), 1):
        if i % every == 0:
            samples.append((i, rss_mb()))
    return samples


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--stream", type=int, default=100000)
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--on-docs", type=int, default=None, help="documents for the semantic='on' pass (default: --docs)")
    a = ap.parse_args()
    base = corpus()
    list(extract_documents(base))  # load packs, gazetteer, date grammars once
    docs = list(stream(base, a.docs))
    chars = sum(len(d.text) for d in docs) / len(docs)
    tok = tokenise_pass(docs)
    ext = extract_pass(docs)
    on_docs = docs[:a.on_docs] if a.on_docs else docs
    for d in base[:3]:
        from contention.extract.extractor import extract_document
        extract_document(d, semantic="on")  # load the encoder once, outside the timing
    on = extract_pass_on(on_docs)
    mem = memory_stream(base, a.stream) if a.stream else []
    opt = f" --on-docs {a.on_docs}" if a.on_docs else ""
    lines = [f"Command: `.venv/bin/python benchmarks/throughput.py --docs {a.docs} --stream {a.stream}{opt}` — "
             f"{dt.date.today().isoformat()}, {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}.",
             f"{a.docs} documents of {chars:.0f} characters on average (our examples, cycled), CPU time of one process.", "",
             "| pass | CPU s | docs/s per core |", "|---|---|---|",
             f"| bare tokenisation (sentences + words) | {tok:.2f} | {a.docs / tok:,.0f} |",
             f"| extraction end to end (segment, triggers, modality, dates, places, actors, merge) | {ext:.2f} | **{a.docs / ext:,.0f}** |",
             f"| the same with the embedding layer on beside the rules (`semantic=\"on\"`, {len(on_docs):,} docs) "
             f"| {on:.2f} | **{len(on_docs) / on:,.0f}** |",
             "", f"Extraction costs {ext / tok:.0f}× the bare tokenisation pass; with the embedding layer on, "
             f"{len(on_docs) / on / (a.docs / tok):.4f} of its speed ({(len(on_docs) / on) / (a.docs / ext):.2f}× rules only)."]
    if mem:
        lines += ["", f"Memory (RSS, MB) while streaming {a.stream:,} documents through `extract_documents`: "
                  + ", ".join(f"{n:,}: {m:.0f}" for n, m in mem)
                  + f" (peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)."]
    text = "\n".join(lines)
    print(text)
    if not a.no_write:
        from accuracy import write_section_named
        write_section_named(text, HERE / "BENCHMARKS.md", START, END, "## Throughput")


if __name__ == "__main__":
    main()
