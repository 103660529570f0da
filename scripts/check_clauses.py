#!/usr/bin/env python3
"""Check the hand-written training clauses (src/contention/extract/data/clauses/<lang>.jsonl).

usage: python3 scripts/check_clauses.py [LANG ...]

Each line: {"text": str, "lang": code, "events": [{"type", "modality", "preemptive"}], "kind": str}
- ``events`` lists every event the clause itself states ([] for a clause that states none);
- ``modality`` is asserted | negated | planned | habitual (taxonomy rules 5, 10, 14, 21, 23);
- ``preemptive`` is true for a response aimed at a protest that has not happened yet;
- ``kind`` is "positive", or "negative:<why>" for a hard negative (a keyword in another sense, a demand
  that is not the act, a foreign government's statement, a police action unrelated to protest, ...).
Prints per-language counts of asserted clauses per type, and every problem (exit 1 if any).
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
from contention.taxonomy import EVENT_TYPES, MODALITIES  # noqa: E402

DIR = ROOT / "src/contention/extract/data/clauses"
TARGET = 50


def check(path: Path) -> tuple[Counter, Counter, list[str], int]:
    asserted, other, problems, texts = Counter(), Counter(), [], set()
    n = 0
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        n += 1
        where = f"{path.name}:{i}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{where}: invalid JSON ({exc})")
            continue
        text = rec.get("text")
        if not isinstance(text, str) or len(text.strip()) < 12:
            problems.append(f"{where}: text missing or too short")
            continue
        if text in texts:
            problems.append(f"{where}: duplicate text")
        texts.add(text)
        if rec.get("lang") != path.stem:
            problems.append(f"{where}: lang {rec.get('lang')!r} in {path.name}")
        kind = rec.get("kind", "")
        if not (kind == "positive" or kind.startswith("negative:")):
            problems.append(f"{where}: kind must be 'positive' or 'negative:<why>'")
        events = rec.get("events")
        if not isinstance(events, list):
            problems.append(f"{where}: events must be a list")
            continue
        if kind == "positive" and not events:
            problems.append(f"{where}: a positive with no events")
        for ev in events:
            t, m = ev.get("type"), ev.get("modality", "asserted")
            if t not in EVENT_TYPES:
                problems.append(f"{where}: unknown type {t!r}")
            if m not in MODALITIES:
                problems.append(f"{where}: unknown modality {m!r}")
            if not isinstance(ev.get("preemptive", False), bool):
                problems.append(f"{where}: preemptive must be true/false")
            (asserted if m == "asserted" else other)[t] += 1
    return asserted, other, problems, n


def main() -> int:
    langs = sys.argv[1:] or sorted(p.stem for p in DIR.glob("*.jsonl"))
    bad = 0
    for lang in langs:
        path = DIR / f"{lang}.jsonl"
        if not path.exists():
            print(f"{lang}: no file {path}")
            bad += 1
            continue
        asserted, other, problems, n = check(path)
        short = {t: asserted[t] for t in EVENT_TYPES if asserted[t] < TARGET}
        negs = sum(1 for line in path.read_text(encoding="utf-8").splitlines()
                   if '"negative:' in line)
        print(f"{lang}: {n} clauses, {negs} hard negatives, {sum(other.values())} non-asserted events; "
              f"types under {TARGET} asserted: {short or 'none'}")
        for p in problems[:50]:
            print("  " + p)
        bad += len(problems)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
