"""A long document is coded in time linear in its length, with the same events as before; a text over
the size limit is refused with a message, never coded for minutes.

No timed assertions (speed is measured by benchmarks/doc_size.py): the tests show that the fast paths
give exactly what the full scans gave, and that the scans are gone."""
from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

from contention.extract import extractor, merge
from contention.ingest.checks import MAX_TEXT
from contention.pipeline import extract_documents

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from doc_size import long_document  # noqa: E402


class _At:
    def __init__(self, start: int) -> None:
        self.start = start


def test_starting_in_is_the_scan_it_replaces() -> None:
    rng = random.Random(3)
    items = tuple(_At(s) for s in sorted(rng.randrange(1000) for _ in range(300)))
    shuffled = tuple(rng.sample(items, len(items)))
    for lo in range(0, 1000, 37):
        for hi in (lo, lo + 1, lo + 50, lo + 400):
            want = [x for x in items if lo <= x.start < hi]
            assert extractor.starting_in(items, extractor._ordered_starts(items), lo, hi) == want
            # items out of text order fall back to the scan (their order kept)
            assert extractor._ordered_starts(shuffled) is None
            assert extractor.starting_in(shuffled, None, lo, hi) == [x for x in shuffled if lo <= x.start < hi]


def test_merge_with_its_index_keeps_what_the_full_scan_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = long_document(40_000)
    (fast,) = extract_documents([doc])
    # every earlier event a candidate again: the merge as it was before the index
    monkeypatch.setattr(merge, "_act_key", lambda ev, trig: ())
    (full,) = extract_documents([doc])
    assert len(fast.events) > 500
    assert fast.events == full.events


def test_merge_scans_only_events_of_the_same_act(monkeypatch: pytest.MonkeyPatch) -> None:
    # before: each event was compared with every event before it (a 512 KB document: 8,843 events, 39 million
    # comparisons, half a minute); now only with those of its type, place, modality and trigger
    looked = 0
    real = merge.same_act_finer_date

    def counting(out, ev, trig, candidates=None):  # type: ignore[no-untyped-def]
        nonlocal looked
        looked += len(out) if candidates is None else len(candidates)
        return real(out, ev, trig, candidates)

    monkeypatch.setattr(merge, "same_act_finer_date", counting)
    (res,) = extract_documents([long_document(40_000)])
    n = len(res.events)
    assert looked < n * n / 20, f"{looked} comparisons for {n} events"


def test_a_text_over_the_limit_is_refused_with_a_message(tmp_path: Path) -> None:
    big = tmp_path / "book.txt"
    line = "Workers in Aktau went on strike over pay. "
    big.write_text(line * (MAX_TEXT // len(line) + 1), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "contention", "run", str(big), "--no-report", "-q", "--db",
                           f"sqlite:///{tmp_path / 'c.db'}"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    (line_out,) = [x for x in proc.stderr.splitlines() if x.startswith("error:")]
    assert f"{big}: text is" in line_out and "more than the 1,000,000 accepted" in line_out and "split" in line_out
    assert "0 documents" in proc.stdout
