"""Every false positive and false negative of the extractor on the dev set, with its sentence.

    python benchmarks/error_analysis.py [LANG ...] [-o benchmarks/ERRORS.md]

Matching is the reference scorer's own (shared/tools/score.py is imported, not re-implemented).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE / "src"))


def shared_dir() -> Path:
    for cand in (os.environ.get("CONTENTION_SHARED"), HERE.parent / "shared", "/work/shared"):
        if cand and Path(cand).exists():
            return Path(cand)
    raise SystemExit("cannot find the shared/ folder (set CONTENTION_SHARED)")


def load_scorer(shared: Path):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("score", shared / "tools" / "score.py")
    mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def attribute_misses(score, ge: dict, se: dict) -> list[str]:  # type: ignore[no-untyped-def]
    """The attributes (date, admin1, place) the scorer counts wrong on a matched pair, by its own rules."""
    out = []
    if ge.get("date"):
        gp = score.date_parts(ge["date"])
        if score.date_parts(se.get("date"))[:len(gp)] != gp:
            out.append("date")
    out += [k for k in ("admin1", "place") if ge.get(k) and not score.same_name(ge[k], se.get(k))]
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("langs", nargs="*")
    ap.add_argument("-o", "--output")
    args = ap.parse_args()
    from contention.pipeline import extract_documents
    from contention.records import Document

    shared = shared_dir()
    score = load_scorer(shared)
    gold = [json.loads(l) for f in sorted((shared / "data/dev").glob("*.jsonl")) for l in f.open(encoding="utf-8") if l.strip()]
    gold = [d for d in gold if not args.langs or d.get("lang") in args.langs]
    docs = [Document(d["doc_id"], d["text"], lang=d.get("lang"), published=d.get("published"), url=d.get("url")) for d in gold]
    lines = ["# Extraction errors on the dev set", "", "Produced by `python benchmarks/error_analysis.py`. "
             "FP = the extractor coded it, the gold does not have it; FN = the gold has it, the extractor missed it; "
             "DATE / ADMIN1 / PLACE = a matched event whose attribute the scorer counts wrong.", ""]
    totals = {"FP": 0, "FN": 0, "DATE": 0, "ADMIN1": 0, "PLACE": 0}
    for d, res in zip(gold, extract_documents(docs)):
        sys_events = [dict(e.to_taxonomy(), rule=e.rule) for e in res.events]
        g = score.with_modality(d["events"])
        s = score.with_modality(sys_events)
        pairs = score.match(g, s, lambda t: t)
        mg = {i for i, _ in pairs}
        ms = {j for _, j in pairs}
        fps = [e for j, e in enumerate(s) if j not in ms]
        fns = [e for i, e in enumerate(g) if i not in mg]
        wrong = [(g[i], s[j], k) for i, j in pairs for k in attribute_misses(score, g[i], s[j])]
        totals["FP"] += len(fps)
        totals["FN"] += len(fns)
        for *_, k in wrong:
            totals[k.upper()] += 1
        if not fps and not fns and not wrong:
            continue
        lines += [f"## {d['doc_id']} ({d.get('lang')}, published {d.get('published')})", ""]
        for e in fns:
            lines.append(f"- FN `{e['type']}` {e.get('date')} {e.get('place') or e.get('admin1') or e.get('country')}: {e['evidence'][:160]!r}")
        for e in fps:
            lines.append(f"- FP `{e['type']}` {e.get('date')} {e.get('place') or e.get('admin1') or e.get('country')} [{e['rule']}]: {e['evidence'][:160]!r}")
        for ge, se, k in wrong:
            lines.append(f"- {k.upper()} `{ge['type']}` gold {ge.get(k)!r}, coded {se.get(k)!r} [{se['rule']}]: {se['evidence'][:160]!r}")
        lines.append("")
    lines += ["Totals: " + ", ".join(f"{k} {v}" for k, v in sorted(totals.items())), ""]
    text = "\n".join(lines) + "\n"
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        print(text)


if __name__ == "__main__":
    main()
