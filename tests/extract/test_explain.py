from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from contention.extract.explain import explain_document
from contention.records import Document


def test_explain_names_the_rule_and_cue_behind_each_event() -> None:
    text = ("Workers went on strike in Aktau on Monday. The police did not disperse them. "
            "A football striker scored twice.")
    ex = explain_document(Document("d", text, lang="en", published="2023-03-15"))
    first, second, third = ex.sentences
    assert any("en:strike" in t and "protest.strike" in t for t in first.triggers)
    assert first.events and first.events[0].place == "Aktau" and first.events[0].date == "2023-03-13"
    assert any("negated" in t and "cue" in t for t in second.triggers)
    assert not third.triggers and not third.events  # no rule fires on the football sentence


def test_explain_cli_prints_sentences(tmp_path: Path) -> None:
    f = tmp_path / "r.txt"
    f.write_text("Strike in Aktau\n\nPublished: 2023-03-15\n\nPolice detained twelve strikers in Aktau on Tuesday.\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "contention", "explain", str(f)], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "response.detention" in out.stdout and "EVENT" in out.stdout and "Aktau" in out.stdout
