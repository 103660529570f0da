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
        extract_document(d, semantic="on", recogniser=False)
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


NEWS_START, NEWS_END = "<!-- throughput-news:start -->", "<!-- throughput-news:end -->"
NEWS_MIN, NEWS_MAX = 3000, 5000  # characters of a news-length document


def news_docs(base: list[Document], n: int) -> list[Document]:
    """``n`` distinct news-length documents (3,000-5,000 characters): our example reports of one language joined
    paragraph by paragraph, in turn, with a counter so that nothing is cached across documents."""
    by_lang: dict[str, list[str]] = {}
    for d in base:
        if d.lang:
            by_lang.setdefault(d.lang, []).extend(p for p in d.text.split("\n\n") if p.strip())
    pools = [(lang, paras) for lang, paras in sorted(by_lang.items()) if paras]  # short pools repeat their paragraphs
    out: list[Document] = []
    for i in range(n):
        lang, paras = pools[i % len(pools)]
        k, parts, size = i, [], 0
        while size < NEWS_MIN:
            para = paras[k % len(paras)][: NEWS_MAX - size - 20]
            parts.append(para)
            size += len(para) + 2
            k += 7
        out.append(Document(f"news-{i}", "\n\n".join(parts) + f"\n\n({i})", lang=lang, published="2022-01-07"))
    return out


def news_pass(docs: list[Document], profile: bool = False) -> tuple[float, str]:
    """CPU seconds for rules-only extraction (``semantic="off"``) of ``docs``; with ``profile``, the top of a
    cProfile run by own time."""
    from contention.extract.extractor import extract_document

    t = time.process_time()
    for d in docs:
        extract_document(d, semantic="off", recogniser=False)
    cpu = time.process_time() - t
    if not profile:
        return cpu, ""
    import cProfile
    import io
    import pstats

    prof = cProfile.Profile()
    prof.enable()
    for d in docs[: max(1, len(docs) // 4)]:
        extract_document(d, semantic="off", recogniser=False)
    prof.disable()
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(12)
    return cpu, buf.getvalue()


def news_main(n: int, write: bool, profile: bool) -> None:
    base = corpus()
    docs = news_docs(base, n)
    for d in docs[:20]:
        from contention.extract.extractor import extract_document
        extract_document(d, semantic="off", recogniser=False)  # packs, gazetteer and date grammars loaded outside the timing
    cpu, prof = news_pass(docs, profile)
    chars = sum(len(d.text) for d in docs) / len(docs)
    langs = sorted({d.lang or "?" for d in docs})
    text = "\n".join([
        f"Command: `.venv/bin/python benchmarks/throughput.py --news {n}` — {dt.date.today().isoformat()}, "
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}.",
        f"{n} news-length documents ({NEWS_MIN:,}-{NEWS_MAX:,} characters, {chars:,.0f} on average; our examples' paragraphs "
        f"joined per language: {', '.join(langs)}), rules only (`recogniser=False, semantic=\"off\"`), CPU time of one process: "
        f"{cpu:.2f} s, **{n / cpu:,.1f} documents/s per core** (target: 50)."])
    print(text)
    if prof:
        print(prof)
    if write:
        from accuracy import write_section_named
        write_section_named(text, HERE / "BENCHMARKS.md", NEWS_START, NEWS_END, "## Throughput on news-length documents")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--news", type=int, default=0, metavar="N",
                    help="only the news-length pass: N documents of 3,000-5,000 characters, rules only")
    ap.add_argument("--profile", action="store_true", help="with --news: print where the time goes (cProfile)")
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--stream", type=int, default=100000)
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--on-docs", type=int, default=None, help="documents for the semantic='on' pass (default: --docs)")
    a = ap.parse_args()
    if a.news:
        news_main(a.news, not a.no_write, a.profile)
        return
    base = corpus()
    list(extract_documents(base))  # load packs, gazetteer, date grammars once
    docs = list(stream(base, a.docs))
    chars = sum(len(d.text) for d in docs) / len(docs)
    tok = tokenise_pass(docs)
    ext = extract_pass(docs)
    on_docs = docs[:a.on_docs] if a.on_docs else docs
    for d in base[:3]:
        from contention.extract.extractor import extract_document
        extract_document(d, semantic="on", recogniser=False)  # load the encoder once, outside the timing
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
