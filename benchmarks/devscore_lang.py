"""Score the extractor on the dev documents of some languages: python benchmarks/devscore_lang.py ru uk kk"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

here = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(here / "benchmarks"))
from error_analysis import shared_dir  # noqa: E402

shared = shared_dir()
langs = set(sys.argv[1:])
gold = [json.loads(l) for f in sorted((shared / "data/dev").glob("*.jsonl")) for l in f.open(encoding="utf-8") if l.strip()]
gold = [d for d in gold if not langs or d.get("lang") in langs]
with tempfile.TemporaryDirectory() as t:
    g, s = Path(t) / "gold.jsonl", Path(t) / "sys.jsonl"
    g.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in gold), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "contention", "extract", str(g), "-o", str(s), "--with-provenance"], check=True)
    subprocess.run([sys.executable, str(shared / "tools/score.py"), str(g), str(s)], check=True)
    if "-v" in os.environ.get("DEVSCORE", ""):
        print(s.read_text(encoding="utf-8"))
