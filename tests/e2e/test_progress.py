"""Long work shows progress with totals and rates: `run` and `import` show done/total, items per second,
time elapsed and time left (rich, on stderr; FORCE_COLOR makes it draw as on a terminal)."""
from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
from pathlib import Path

from contention.pipeline import count_documents

REPO = Path(__file__).resolve().parents[2]
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def _bars(*args: str, cwd: Path) -> list[str]:
    env = {**os.environ, "FORCE_COLOR": "1", "COLUMNS": "150"}
    proc = subprocess.run([sys.executable, "-m", "contention", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr
    return [ANSI.sub("", x).strip() for x in proc.stderr.replace("\r", "\n").splitlines() if x.strip()]


def test_count_documents_counts_what_a_run_reads(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text('{"doc_id": "1", "text": "x y"}\n\n{"doc_id": "2", "text": "x y"}\n', encoding="utf-8")
    (tmp_path / "b.jsonl.gz").write_bytes(gzip.compress(b'{"doc_id": "3", "text": "x y"}\n' * 5))
    (tmp_path / "c.txt").write_text("Workers struck.", encoding="utf-8")
    assert count_documents([tmp_path]) == 2 + 5 + 1
    assert count_documents([REPO / "examples"]) == 17  # 14 files; the feed has 3 items and the JSONL 2 lines


def test_run_shows_total_rate_and_time_left(tmp_path: Path) -> None:
    lines = _bars("run", str(REPO / "examples"), "--chunk-size", "4", "--no-report", "--db",
                  f"sqlite:///{tmp_path / 'c.db'}", cwd=tmp_path)
    bars = [x for x in lines if x.startswith("coding documents")]
    assert bars, lines
    last = bars[-1]
    assert re.search(r" 17/17 [\d.,]+ docs/s \d+:\d\d:\d\d left 0:00:00$", last), last
    assert any(re.search(r" (4|8|12|16)/17 [\d.,]+ docs/s .* left \d+:\d\d:\d\d$", x) for x in bars), bars


def test_import_shows_total_rate_and_time_left(tmp_path: Path) -> None:
    sample = REPO / "examples" / "datasets" / "mm-kazakhstan-sample.csv"
    lines = _bars("import", "mm", str(sample), "--db", f"sqlite:///{tmp_path / 'c.db'}", cwd=tmp_path)
    bars = [x for x in lines if x.startswith("importing mm rows")]
    assert bars and re.search(r" 7/7 [\d.,]+ rows/s \d+:\d\d:\d\d left 0:00:00$", bars[-1]), lines
