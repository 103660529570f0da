"""The main job end to end: `contention run` on our examples into a real SQLite file."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from contention.store import open_store

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"


def contention(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "contention", *args], cwd=cwd, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def first_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    work = tmp_path_factory.mktemp("run")
    return work, contention("run", str(EXAMPLES), "-q", cwd=work)


def test_run_examples_stores_events_and_writes_offline_report(first_run) -> None:
    work, proc = first_run
    assert proc.returncode == 0, proc.stderr
    assert "report:" in proc.stdout
    store = open_store(f"sqlite:///{work / 'contention.db'}")
    try:
        frame = store.events_frame()
        assert len(store.documents()) >= 15
        assert {"protest", "repression", "accommodation"} <= set(frame["family"])
        assert (frame["place"] == "Zhanaozen").any()
        assert store.runs()[-1]["state"] == "done"
    finally:
        store.close()
    html = (work / "contention-report" / "index.html").read_text(encoding="utf-8")
    assert "Zhanaozen" in html and "<svg" in html
    assert not re.search(r'<(?:script|link|img)[^>]+(?:src|href)="https?://', html)


def test_run_again_adds_nothing(first_run) -> None:
    work, _ = first_run
    before = _counts(work)
    proc = contention("run", str(EXAMPLES), "-q", cwd=work)
    assert proc.returncode == 0, proc.stderr
    assert "0 new" in proc.stdout
    assert _counts(work) == before


def test_run_bad_file_is_reported_and_stored_data_stays(first_run, tmp_path: Path) -> None:
    work, _ = first_run
    before = _counts(work)
    bad = tmp_path / "inputs"
    bad.mkdir()
    (bad / "empty.txt").write_text("", encoding="utf-8")
    (bad / "broken.jsonl").write_text('{"doc_id": "x", "text": "Miners struck in Karaganda."}\n{oops\n', encoding="utf-8")
    (bad / "image.txt").write_bytes(b"\x00\x01\x02binary")
    proc = contention("run", str(bad), "-q", "--no-report", cwd=work)
    assert proc.returncode == 1
    errors = [l for l in proc.stderr.splitlines() if l.startswith("error:")]
    assert len(errors) == 3
    assert any("empty.txt: empty file" in l for l in errors)
    assert any("broken.jsonl:2: invalid JSON" in l for l in errors)
    assert any("image.txt: binary file" in l for l in errors)
    assert _counts(work) == before


def test_run_unreachable_database_is_one_line(tmp_path: Path) -> None:
    proc = contention("run", str(EXAMPLES / "2016-10-zhanaozen-drillers-strike.txt"), "--db",
                      "postgresql://nobody:secret@127.0.0.1:9/none", "-q", cwd=tmp_path)
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: cannot reach database") and "secret" not in lines[0]


def test_run_unknown_language_is_counted_not_silent(tmp_path: Path) -> None:
    doc = tmp_path / "nl.txt"
    doc.write_text("Honderden arbeiders legden het werk neer in de haven van Rotterdam uit protest tegen de lonen.\n",
                   encoding="utf-8")
    proc = contention("run", str(doc), "-q", "--no-report", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "languages: nl 1" in proc.stdout
    assert "without a language pack: nl 1" in proc.stderr  # named, never silently coded as nothing


def _counts(work: Path) -> tuple[int, int]:
    store = open_store(f"sqlite:///{work / 'contention.db'}")
    try:
        return len(store.documents()), store.count_events()
    finally:
        store.close()


def test_run_report_learning_sentences_link_to_events(first_run) -> None:
    work, _ = first_run
    html = (work / "contention-report" / "index.html").read_text(encoding="utf-8")
    assert "What changed after the Zhanaozen shooting" in html
    start = html.index('<section id="learning"')
    section = html[start:html.index("</section>", start)]
    assert "interval" in section and "episodes" in section
    links = set(re.findall(r'href="#ev-([0-9a-f]+)"', section))
    assert links, "learning sentences cite no events"
    anchors = set(re.findall(r'id="ev-([0-9a-f]+)"', html))
    assert links <= anchors
