#!/usr/bin/env python3
"""Check the coded reports we wrote (src/contention/extract/data/reports/<lang>.jsonl).

usage: python3 scripts/check_reports.py [LANG ...]

Each line is a coded report in the format of shared/data/train (doc_id, lang, published, text, events).
Checks: valid JSON, unique doc_id, known types/modalities/actor types, ISO dates, every evidence an exact
substring of the text. Prints per-language counts (reports, sentences, events by family) and problems.
"""
from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
from contention.taxonomy import ACTOR_TYPES, EVENT_TYPES, MODALITIES, family  # noqa: E402

DIR = ROOT / "src/contention/extract/data/reports"
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def check(path: Path) -> tuple[Counter, list[str], int, int]:
    fam, problems, ids, n_docs, n_neg = Counter(), [], set(), 0, 0
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path.name}:{i}"
        try:
            d = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{where}: invalid JSON ({exc})")
            continue
        n_docs += 1
        if d.get("doc_id") in ids:
            problems.append(f"{where}: duplicate doc_id {d.get('doc_id')}")
        ids.add(d.get("doc_id"))
        if d.get("lang") != path.stem:
            problems.append(f"{where}: lang {d.get('lang')!r}")
        text = d.get("text") or ""
        if len(text) < 300:
            problems.append(f"{where}: text under 300 characters")
        if d.get("published") is not None and not DATE.match(str(d["published"])):
            problems.append(f"{where}: published {d['published']!r} is not an ISO date")
        events = d.get("events")
        if not isinstance(events, list):
            problems.append(f"{where}: events must be a list")
            continue
        n_neg += not events
        for e in events:
            t = e.get("type")
            if t not in EVENT_TYPES:
                problems.append(f"{where}: unknown type {t!r}")
                continue
            if e.get("modality", "asserted") not in MODALITIES:
                problems.append(f"{where}: unknown modality {e.get('modality')!r}")
            if e.get("actor_type") not in (None, *ACTOR_TYPES):
                problems.append(f"{where}: unknown actor_type {e.get('actor_type')!r}")
            if e.get("date") is not None and not DATE.match(str(e["date"])):
                problems.append(f"{where}: date {e['date']!r} is not ISO")
            ev = e.get("evidence") or ""
            if not ev or ev not in text:
                problems.append(f"{where}: evidence not found verbatim in text: {ev[:60]!r}")
            fam[family(t) if (e.get("modality") or "asserted") == "asserted" else "non-asserted"] += 1
    return fam, problems, n_docs, n_neg


def main() -> int:
    langs = sys.argv[1:] or sorted(p.stem for p in DIR.glob("*.jsonl"))
    bad = 0
    for lang in langs:
        path = DIR / f"{lang}.jsonl"
        if not path.exists():
            print(f"{lang}: no file {path}")
            bad += 1
            continue
        fam, problems, n, neg = check(path)
        print(f"{lang}: {n} reports ({neg} with no events); events: {dict(fam)}")
        for p in problems[:50]:
            print("  " + p)
        bad += len(problems)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
