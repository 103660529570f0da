"""Coding time of ONE long document against its length: it must grow linearly, not with the square.

    .venv/bin/python benchmarks/doc_size.py [--sizes 64000,128000,256000,512000]

The document is made of our own sentences (a protest, a detention, a dispersal, a promise ... in one
of twenty Kazakh towns, each dated to a different day), so it is dense with distinct events: the
worst case for the steps that compare an event with the events before it. Times are CPU seconds of
this process (time.process_time), so they are per core and robust to other load on the machine.
Prints a Markdown table: characters, sentences, events, seconds, and seconds per 100,000 characters
(flat when the cost is linear).
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE / "src"))

from contention.pipeline import extract_documents  # noqa: E402
from contention.records import Document  # noqa: E402

TOWNS = ("Aktau", "Zhanaozen", "Almaty", "Astana", "Shymkent", "Karaganda", "Aktobe", "Atyrau", "Taraz", "Pavlodar",
         "Oral", "Kostanay", "Semey", "Kyzylorda", "Petropavl", "Turkistan", "Ekibastuz", "Temirtau", "Rudny",
         "Zhezkazgan")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
ACTS = ("Police detained {n} protesters in {t}.", "Hundreds of workers went on strike in {t}.",
        "Riot police dispersed a rally in {t}.", "The governor of {t} promised to raise wages.",
        "Residents of {t} rallied against price rises.", "A court in {t} sentenced {n} activists to prison.")


def long_document(chars: int, seed: int = 1) -> Document:
    """A document of about ``chars`` characters: dated sentences, a paragraph every five."""
    rng = random.Random(seed)
    parts, total, i = [], 0, 0
    while total < chars:
        s = (f"On {1 + i % 28} {MONTHS[i % 12]} {2000 + i % 23}, "
             + rng.choice(ACTS).format(n=3 + i % 50, t=rng.choice(TOWNS)) + (" \n\n" if i % 5 == 4 else " "))
        parts.append(s)
        total += len(s)
        i += 1
    return Document("long", "".join(parts), lang="en", published="2023-01-01")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="64000,128000,256000,512000")
    args = ap.parse_args()
    print("| characters | sentences | events | CPU s | s per 100k chars |")
    print("|---:|---:|---:|---:|---:|")
    for size in (int(x) for x in args.sizes.split(",")):
        doc = long_document(size)
        t = time.process_time()
        (res,) = extract_documents([doc])
        took = time.process_time() - t
        print(f"| {len(doc.text):,} | {doc.text.count('. ') + 1:,} | {len(res.events):,} | {took:.1f} | "
              f"{took / len(doc.text) * 100_000:.2f} |", flush=True)


if __name__ == "__main__":
    main()
