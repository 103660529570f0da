"""Issue 4 done-when: importing MM into a real database reproduces the raw file's own counts,
and importing it again adds nothing."""
from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

from contention.datasets.load import import_dataset
from contention.store import open_store

from tests.datasets.test_datasets_mm import _independent_counts


def test_import_mm_into_store_matches_raw_counts_and_is_idempotent(mm_kazakhstan: Path, tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'mm.db'}")
    try:
        first = import_dataset("mm", str(mm_kazakhstan), store=store)
        frame = store.events_frame(origin="imported:mm")
        raw_years, raw_responses = _independent_counts(mm_kazakhstan)

        protests = frame[frame["family"] == "protest"]
        got_years = Counter(("Kazakhstan", str(d)[:4]) for d in protests["date"])
        assert got_years == raw_years
        responses = frame[frame["family"] != "protest"]
        assert Counter(("Kazakhstan", t) for t in responses["type"]) == raw_responses
        assert first.new_events == len(frame) > 0

        again = import_dataset("mm", str(mm_kazakhstan), store=store)
        assert again.new_events == 0 and again.new_documents == 0
        assert store.count_events(origin="imported:mm") == len(frame)
    finally:
        store.close()


def test_import_cli_reports_and_puts_imported_beside_extracted(mm_kazakhstan: Path, tmp_path: Path) -> None:
    repo = Path(__file__).resolve().parents[2]
    db = f"sqlite:///{tmp_path / 'both.db'}"
    run = [sys.executable, "-m", "contention"]
    out = subprocess.run(run + ["import", "mm", str(mm_kazakhstan), "--db", db, "-q"], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert "new events" in out.stdout
    out = subprocess.run(run + ["run", str(repo / "examples" / "2016-10-zhanaozen-drillers-strike.txt"), "--db", db, "-q",
                                "--report", str(tmp_path / "rep")], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    store = open_store(db)
    try:
        origins = set(store.events_frame()["origin"])
    finally:
        store.close()
    assert {"extracted", "imported:mm"} <= origins
    html = (tmp_path / "rep" / "index.html").read_text(encoding="utf-8")
    assert "imported:mm" in html and "extracted" in html
