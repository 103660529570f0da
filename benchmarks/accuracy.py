"""Accuracy on the hand-coded dev set, scored by the reference scorer, written to BENCHMARKS.md.

    .venv/bin/python benchmarks/accuracy.py [--no-write]

Runs `contention extract` (the CLI, exactly as a user would) on ../shared/data/dev/*.jsonl and scores
the output with ../shared/tools/score.py (imported, so the numbers agree with it exactly).
"""
from __future__ import annotations

import datetime as dt
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from error_analysis import load_scorer, shared_dir  # noqa: E402

HERE = Path(__file__).resolve().parent.parent
START, END = "<!-- accuracy:start -->", "<!-- accuracy:end -->"


def machine() -> str:
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def run_extract(gold_path: Path, out: Path) -> float:
    cli = HERE / ".venv" / "bin" / "contention"
    cmd = [str(cli)] if cli.exists() else [sys.executable, "-m", "contention"]
    t0 = time.perf_counter()
    subprocess.run(cmd + ["extract", str(gold_path), "-o", str(out)], check=True)
    return time.perf_counter() - t0


def _fmt(x: float | None) -> str:
    return "–" if x is None else f"{x:.2f}"


def per_language_speed(gold: list[dict]) -> dict[str, float]:
    """CPU docs/s of the in-process extractor per language (models loaded first; 5 passes)."""
    sys.path.insert(0, str(HERE / "src"))
    from contention.pipeline import extract_documents
    from contention.records import Document

    docs = [Document(d["doc_id"], d["text"], lang=d.get("lang"), published=d.get("published"), url=d.get("url")) for d in gold]
    list(extract_documents(docs))
    out = {}
    for lang in sorted({d.lang or "?" for d in docs}):
        part = [d for d in docs if (d.lang or "?") == lang] * 5
        t = time.process_time()
        list(extract_documents(part))
        out[lang] = len(part) / max(time.process_time() - t, 1e-9)
    return out


def table(res: dict, seconds: float, n_docs: int) -> str:
    a = res["attributes"]
    rows = ["| level | P | R | F1 | tp / sys / gold |", "|---|---|---|---|---|"]
    for k in ("type", "family", "document_detection"):
        r = res[k]
        rows.append(f"| {k} | {r['precision']:.3f} | {r['recall']:.3f} | **{r['f1']:.3f}** | {r['tp']} / {r['system']} / {r['gold']} |")
    rows += ["", f"Matched events: date accuracy **{a['date']}**, admin1 {a['admin1']}, place **{a['place']}**.", "",
             "| language | docs | type F1 | family F1 | doc F1 | date acc. | place acc. | docs/s (CPU) |",
             "|---|---|---|---|---|---|---|---|"]
    for lang, r in res["by_language"].items():
        rows.append(f"| {lang} | {r['docs']} | {r['type_f1']:.3f} | {r['family_f1']:.3f} | {r['doc_f1']:.3f} | "
                    f"{_fmt(r.get('date'))} | {_fmt(r.get('place'))} | {r.get('docs_per_s', 0):.0f} |")
    rows += ["", "| other modality | P | R | F1 | gold | sys |", "|---|---|---|---|---|---|"]
    for m, r in res["other_modalities"].items():
        rows.append(f"| {m} | {r['precision']:.2f} | {r['recall']:.2f} | {r['f1']:.2f} | {r['gold']} | {r['system']} |")
    rows += ["", "| type | P | R | F1 | gold | sys |", "|---|---|---|---|---|---|"]
    for t, r in res["per_type"].items():
        rows.append(f"| {t} | {r['precision']:.2f} | {r['recall']:.2f} | {r['f1']:.2f} | {r['gold']} | {r['system']} |")
    rows += ["", f"Whole CLI run (process start, model and gazetteer load included): {n_docs} documents in {seconds:.1f} s."]
    return "\n".join(rows)


def write_section(text: str, path: Path) -> None:
    write_section_named(text, path, START, END, "## Accuracy on the dev set")


def write_section_named(text: str, path: Path, start: str, end: str, heading: str) -> None:
    """Replace the block between ``start`` and ``end`` markers in BENCHMARKS.md (or append it under ``heading``)."""
    body = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    block = f"{start}\n{text}\n{end}"
    if start in body:
        body = re.sub(re.escape(start) + ".*?" + re.escape(end), lambda _: block, body, flags=re.S)
    else:
        body = body.rstrip() + f"\n\n{heading}\n\n" + block + "\n"
    path.write_text(body, encoding="utf-8")


def main() -> None:
    shared = shared_dir()
    score = load_scorer(shared)
    files = sorted((shared / "data" / "dev").glob("*.jsonl"))
    with tempfile.TemporaryDirectory() as t:
        gold_path, sys_path = Path(t) / "gold.jsonl", Path(t) / "sys.jsonl"
        gold_path.write_text("".join(f.read_text(encoding="utf-8") for f in files), encoding="utf-8")
        seconds = run_extract(gold_path, sys_path)
        gold = score.load(str(gold_path))
        sysd: dict[str, list] = {}
        for row in score.load(str(sys_path)):
            sysd.setdefault(row["doc_id"], []).extend(row.get("events") or [])
    res = score.score(gold, sysd)
    speed = per_language_speed(gold)
    res["by_language"] = {}
    for lang in sorted({d.get("lang") or "?" for d in gold}):
        r = score.score([d for d in gold if (d.get("lang") or "?") == lang], sysd)
        res["by_language"][lang] = {"docs": r["docs"], "type_f1": r["type"]["f1"], "family_f1": r["family"]["f1"],
                                    "doc_f1": r["document_detection"]["f1"], "date": r["attributes"]["date"],
                                    "place": r["attributes"]["place"], "docs_per_s": speed.get(lang, 0.0)}
    res["other_modalities"] = {m: score.score(gold, sysd, m)["type"] for m in ("planned", "negated", "habitual")}
    head = (f"Command: `.venv/bin/python benchmarks/accuracy.py` — {dt.date.today().isoformat()}, {machine()}.\n"
            f"Gold: {len(gold)} documents of `shared/data/dev/` ({', '.join(f.name for f in files)}), "
            f"scored by `shared/tools/score.py` (asserted events only).\n\n")
    text = head + table(res, seconds, len(gold))
    print(text)
    if "--no-write" not in sys.argv:
        write_section(text, HERE / "BENCHMARKS.md")
    json.dump(res, sys.stderr if "--json" in sys.argv else open(os.devnull, "w"))


if __name__ == "__main__":
    main()
