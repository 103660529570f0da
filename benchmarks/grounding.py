"""Grounding and event-unit accuracy: right country, right date, right place, one event per act.

    python benchmarks/grounding.py [--blind CLI] [--dump FILE] [--no-write]

On train + dev (../shared/data/train, ../shared/data/dev), extracted in process, scored with the reference
scorer's own matching (shared/tools/score.py is imported, not re-implemented):

- date / admin1 / place: the scorer's attribute accuracy on matched asserted events;
- country: on pairs matched by type alone (dates and countries ignored, as blindscore's "recognition"
  figure), the share whose country is the gold's; and the events placed in a country the document's
  gold never names (blindscore's "wrong country" count);
- year: on the same type-only pairs, the share whose year is the gold's (a wrong year unmatches an event);
- event-unit errors, by the scorer's one-to-one matching of asserted events:
    unsplit    a gold event left unmatched while a system event of its type, compatible with it, is matched
               to another gold event told in the same sentence (a list of places or nights not split);
    merged     the same, the two gold events told in different sentences, and the unmatched one's sentence
               is evidence of that system event (two acts folded into one);
    duplicated a system event left unmatched while a gold event of its type, compatible with it, is matched
               to another system event (one act counted twice: a headline, a retelling).

``--own-reports`` scores our own coded reports instead (``src/contention/extract/data/reports``: 1,400+ reports
we wrote and coded in 21 languages, by language): the learned recogniser trained on them, so their type F1 is
in-sample, but grounding (dates, places, regions, event units) learns nothing from them, and their places and dates
are as varied as unseen news. Results go between the grounding-own markers.
``--blind CLI`` also runs ``shared/tools/blindscore CLI`` (aggregate line only) and reports its figures.
``--dump FILE`` writes every counted error with its sentence, for error analysis (keep it outside the repo:
it quotes the shared data).
Results go to BENCHMARKS.md between the grounding markers unless ``--no-write``.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE / "src"))
sys.path.insert(0, str(HERE / "benchmarks"))

from accuracy import write_section_named  # noqa: E402
from error_analysis import load_scorer, shared_dir  # noqa: E402

START, END = "<!-- grounding:start -->", "<!-- grounding:end -->"
OWN_START, OWN_END = "<!-- grounding-own:start -->", "<!-- grounding-own:end -->"
OWN_REPORTS = HERE / "src" / "contention" / "extract" / "data" / "reports"
#: the same benchmark at the start of issue 14 (commit 40ae9f7), kept for comparison
BEFORE = ("Before issue 14 (commit 40ae9f7, same command): train + dev type F1 .564, country .884, wrong country "
          "114/1473 (7.7%), year .948, date .878, admin1 .702, place .716; unit errors 261 (unsplit 47, merged 120, "
          "duplicated 94). Blind: type F1 .523, date .844, admin1 .580, place .713, wrong country 40/421 (9.5%).")
#: the event-unit stage of issue 14 (branch i14b: list splitting, other unnamed places, retelling merge, headlines),
#: measured before it on the same machine with the same command (commit d9b11b9)
EVENT_UNIT_BEFORE = ("Before the event-unit stage (commit d9b11b9, same command, 2 cores, 2026-12-06): train + dev type F1 .580, "
                     "date .890, admin1 .847, place .763, wrong country 67/1441; unit errors 262 (unsplit 46, merged 126, "
                     "duplicated 90). Blind: type F1 .542, date .8546, admin1 .7577, place .7709, wrong country 26/422.")
_SPACE = re.compile(r"\s+")


def load_gold(shared: Path) -> list[dict]:
    files = [shared / "data" / "train" / "train.jsonl"] + sorted((shared / "data" / "dev").glob("*.jsonl"))
    out = []
    for f in files:
        part = "train" if "train" in f.parts[-2] else "dev"
        for line in f.open(encoding="utf-8"):
            if line.strip():
                d = json.loads(line)
                d["_part"] = part
                out.append(d)
    return out


def load_own_reports() -> list[dict]:
    out = []
    for f in sorted(OWN_REPORTS.glob("*.jsonl")):
        for line in f.open(encoding="utf-8"):
            if line.strip():
                d = json.loads(line)
                d["_part"] = d.get("lang") or f.stem
                out.append(d)
    return out


def _norm(s: str) -> str:
    return _SPACE.sub(" ", s or "").strip().casefold()


def _overlap(a: str, b: str) -> bool:
    """Two evidence texts are the same sentence, or one holds the other."""
    a, b = _norm(a), _norm(b)
    return bool(a) and bool(b) and (a in b or b in a)


def unit_errors(score, g: list[dict], s: list[dict], pairs: list[tuple[int, int]]) -> list[tuple[str, dict, dict]]:  # type: ignore[no-untyped-def]
    """(kind, gold event, system event) for each event-unit error of one document (see the module doc)."""
    gold_of = {j: i for i, j in pairs}
    sys_of = {i: j for i, j in pairs}
    out = []
    for i, ge in enumerate(g):
        if i in sys_of:
            continue
        rivals = [j for j, se in enumerate(s) if j in gold_of and se.get("type") == ge["type"] and score.compatible(ge, se)]
        if not rivals:
            continue
        same = [j for j in rivals if _overlap(g[gold_of[j]].get("evidence", ""), ge.get("evidence", ""))]
        if same:
            out.append(("unsplit", ge, s[same[0]]))
            continue
        seen = [j for j in rivals if any(_overlap(ev, ge.get("evidence", "")) for ev in s[j].get("_evidence", []))]
        if seen:
            out.append(("merged", ge, s[seen[0]]))
    for j, se in enumerate(s):
        if j in gold_of:
            continue
        twin = [i for i, ge in enumerate(g) if ge["type"] == se.get("type") and score.compatible(ge, se)]
        if twin:
            out.append(("duplicated", g[twin[0]], se))
    return out


def evaluate(score, gold: list[dict], system: dict[str, list[dict]]) -> dict:  # type: ignore[no-untyped-def]
    res = score.score(gold, system)
    units: Counter[str] = Counter()
    errors: list[tuple[str, str, dict, dict]] = []
    country = [0, 0]
    year = [0, 0]
    wrong = placed = 0
    strict = score.compatible
    for d in gold:
        g = score.with_modality(d.get("events") or [])
        s = score.with_modality(system.get(d["doc_id"], []))
        for kind, ge, se in unit_errors(score, g, s, score.match(g, s, lambda t: t)):
            units[kind] += 1
            errors.append((kind, d["doc_id"], ge, se))
        named = {(e.get("country") or "").upper() for e in d.get("events") or []} - {""}
        if named:
            for e in system.get(d["doc_id"], []):
                if e.get("country"):
                    placed += 1
                    if e["country"].upper() not in named:
                        wrong += 1
                        errors.append(("country", d["doc_id"], {}, e))
        score.compatible = lambda a, b: True
        try:
            loose = score.match(g, s, lambda t: t)
        finally:
            score.compatible = strict
        for i, j in loose:
            ge, se = g[i], s[j]
            if ge.get("country"):
                country[1] += 1
                country[0] += (se.get("country") or "").upper() == ge["country"].upper()
            if ge.get("date"):
                year[1] += 1
                ok = (se.get("date") or "")[:4] == ge["date"][:4]
                year[0] += ok
                if not ok:
                    errors.append(("year", d["doc_id"], ge, se))
        for i, j in score.match(g, s, lambda t: t):
            ge, se = g[i], s[j]
            for k in ("date", "admin1", "place"):
                if not ge.get(k):
                    continue
                ok = (score.date_parts(se.get(k))[:len(score.date_parts(ge[k]))] == score.date_parts(ge[k])
                      if k == "date" else score.same_name(ge[k], se.get(k)))
                if not ok:
                    errors.append((k, d["doc_id"], ge, se))
    return {"docs": len(gold), "type_f1": res["type"]["f1"], "attributes": res["attributes"],
            "country": round(country[0] / country[1], 4) if country[1] else None,
            "year": round(year[0] / year[1], 4) if year[1] else None,
            "wrong_country": (wrong, placed), "units": dict(units), "errors": errors,
            "gold": res["type"]["gold"], "system": res["type"]["system"]}


def extract(gold: list[dict]) -> tuple[dict[str, list[dict]], float]:
    from contention.pipeline import extract_documents
    from contention.records import Document

    docs = [Document(d["doc_id"], d["text"], lang=d.get("lang"), published=d.get("published"), url=d.get("url"))
            for d in gold]
    t = time.process_time()
    out = {res.doc_id: [event_row(e) for e in res.events] for res in extract_documents(docs)}
    return out, time.process_time() - t


def event_row(e) -> dict:  # type: ignore[no-untyped-def]
    """An event as the scorer reads it, with its evidence texts and rule for the error dump (the scorer ignores them)."""
    row = e.to_taxonomy()
    row["_evidence"] = [ev.text for ev in e.all_evidence()]
    row["_rule"] = e.rule
    return row


def blind(cli: str) -> str:
    tool = shared_dir() / "tools" / "blindscore"
    run = subprocess.run([sys.executable, str(tool), cli], capture_output=True, text=True, cwd=HERE)
    return (run.stdout.strip() or run.stderr.strip()).splitlines()[-1]


def row(name: str, r: dict) -> str:
    a, u = r["attributes"], r["units"]
    w, p = r["wrong_country"]
    return (f"| {name} | {r['docs']} | {r['type_f1']:.3f} | {r['country']:.3f} | {w}/{p} ({w / max(p, 1):.1%}) | "
            f"{r['year']:.3f} | {a['date']:.3f} | {a['admin1']:.3f} | {a['place']:.3f} | "
            f"{u.get('unsplit', 0)} | {u.get('merged', 0)} | {u.get('duplicated', 0)} |")


def recogniser_mode() -> str:
    from contention.recognise import stage

    return "off" if stage.MODE == "off" or stage.default_stage() is None else "on"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--blind", metavar="CLI", help="also run shared/tools/blindscore with this contention command")
    ap.add_argument("--dump", metavar="FILE", help="write every counted error here (outside the repo)")
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--system", metavar="FILE", type=Path,
                    help="score these events (JSON by document, e.g. `recogniser_eval.py OOF --stack --dump-events "
                         "FILE`: cross-validated) instead of extracting; implies --no-write")
    ap.add_argument("--own-reports", action="store_true", help="score our own coded reports (by language) instead")
    args = ap.parse_args()
    shared = shared_dir()
    score = load_scorer(shared)
    if args.own_reports:
        own(score, args)
        return
    gold = load_gold(shared)
    if args.system:
        system, cpu, args.no_write = json.loads(args.system.read_text(encoding="utf-8")), 0.0, True
        gold = [d for d in gold if d["doc_id"] in system]
    else:
        system, cpu = extract(gold)
    parts = {"train": [d for d in gold if d["_part"] == "train"], "dev": [d for d in gold if d["_part"] == "dev"]}
    results = {name: evaluate(score, docs, system) for name, docs in (("train + dev", gold), *parts.items())}
    lines = [f"Command: `{'CONTENTION_RECOGNISER_MODE=off ' if recogniser_mode() == 'off' else ''}"
             f"python benchmarks/grounding.py{' --blind CLI' if args.blind else ''}` — "
             f"{dt.date.today().isoformat()}, {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}. "
             f"{len(gold)} documents extracted in process in {cpu:.1f} CPU s, "
             + ("rules only (`CONTENTION_RECOGNISER_MODE=off`)." if recogniser_mode() == "off" else
                "the learned recogniser on (trained on train + dev: those rows are in-sample)."), "",
             "| set | docs | type F1 | country | wrong country | year | date | admin1 | place | unsplit | merged | duplicated |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    lines += [row(name, r) for name, r in results.items()]
    total = results["train + dev"]["units"]
    lines += ["", f"Event-unit errors on train + dev: {sum(total.values())} "
              f"(unsplit {total.get('unsplit', 0)}, merged {total.get('merged', 0)}, duplicated {total.get('duplicated', 0)})."]
    lines += ["", BEFORE, "", EVENT_UNIT_BEFORE]
    if args.blind:
        lines += ["", f"Blind set (`python3 shared/tools/blindscore CLI`, aggregate only): {blind(args.blind)}"]
    text = "\n".join(lines)
    print(text)
    if args.dump:
        _dump(args.dump, results["train + dev"]["errors"])
    if not args.no_write:
        write_section_named(text, HERE / "BENCHMARKS.md", START, END, "## Grounding and event units (train + dev, blind)")


def own(score, args: argparse.Namespace) -> None:  # type: ignore[no-untyped-def]
    gold = load_own_reports()
    system, cpu = extract(gold)
    langs = sorted({d["_part"] for d in gold})
    results = {"all": evaluate(score, gold, system)}
    results |= {lang: evaluate(score, [d for d in gold if d["_part"] == lang], system) for lang in langs}
    lines = [f"Command: `{'CONTENTION_RECOGNISER_MODE=off ' if recogniser_mode() == 'off' else ''}"
             f"python benchmarks/grounding.py --own-reports` — {dt.date.today().isoformat()}, {platform.machine()}, "
             f"{os.cpu_count()} cores, Python {platform.python_version()}. {len(gold)} of our own coded reports "
             f"(`src/contention/extract/data/reports`) extracted in process in {cpu:.1f} CPU s, "
             + ("rules only." if recogniser_mode() == "off" else "the learned recogniser on (trained on these reports: "
                "type F1 is in-sample; grounding learns nothing from them)."), "",
             "| language | docs | type F1 | country | wrong country | year | date | admin1 | place | unsplit | merged | duplicated |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    lines += [row(name, r) for name, r in results.items()]
    text = "\n".join(lines)
    print(text)
    if args.dump:
        _dump(args.dump, results["all"]["errors"])
    if not args.no_write:
        write_section_named(text, HERE / "BENCHMARKS.md", OWN_START, OWN_END,
                            "## Grounding on our own coded reports (by language)")


def _dump(path: str, errors: list) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for kind, doc_id, ge, se in errors:
            se = {k: v for k, v in se.items() if k not in ("counts", "claims", "actor", "actor_type", "preemptive")}
            f.write(json.dumps({"kind": kind, "doc": doc_id, "gold": {k: ge.get(k) for k in (
                "type", "date", "country", "admin1", "place", "evidence")}, "sys": se}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
