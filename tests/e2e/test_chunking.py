"""How the input is cut must not change what is stored: the same reports in chunks of 50 and of 2,000
(and in two runs) give the same events with the same evidence, on SQLite and on PostgreSQL.

The reports are the first 150 real reports of the shared train set (three chunks of 50; a copy in
the test's temporary folder). Reports of one act fall in different chunks of 50 there: the test
checks that they do, so that it can fail."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from contention.pipeline import run
from contention.store import open_store
from tests.pg import fresh_pg_database
from tests.shared_path import SHARED

TRAIN = SHARED / "data" / "train" / "train.jsonl"
#: Reports used: 3 chunks of 50 (11 acts told across chunks), and one chunk of 2,000.
N_REPORTS = 150


def _state(url: str) -> dict[str, Any]:
    """Every stored event with its attributes and the set of its evidence spans."""
    with open_store(url) as store:
        frame = store.events_frame()
        spans: dict[str, set[tuple[str, int, int]]] = {}
        for page_event in store.events():
            spans[page_event.key] = {(e.doc_id, e.start, e.end) for e in page_event.all_evidence()}
    rows = {r["event_key"]: tuple(sorted((k, str(v)) for k, v in r.items())) for r in frame.to_dict("records")}
    return {"events": rows, "evidence": spans}


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The JSONL lines of the reports used."""
    if not TRAIN.exists():
        pytest.fail(f"the shared train set is missing: {TRAIN}", pytrace=False)
    return [x for x in TRAIN.read_text(encoding="utf-8").splitlines() if x.strip()][:N_REPORTS]


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def whole(reports: list[str], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("whole")
    url = f"sqlite:///{folder / 'c.db'}"
    with open_store(url) as store:
        summary = run([_write(folder / "reports.jsonl", reports)], store=store, chunk_size=2000)
    assert summary.ok and summary.new_documents == N_REPORTS
    return _state(url)


def _chunk_of(order: list[str], size: int) -> dict[str, int]:
    return {doc_id: i // size for i, doc_id in enumerate(order)}


@pytest.mark.postgres
def test_chunks_of_50_on_postgresql_store_what_one_chunk_on_sqlite_stores(whole: dict[str, Any], reports: list[str],
                                                                         pg_admin_url: str, tmp_path: Path) -> None:
    url = fresh_pg_database(pg_admin_url, "chunking")
    with open_store(url) as store:
        summary = run([_write(tmp_path / "reports.jsonl", reports)], store=store, chunk_size=50)
    assert summary.ok
    cut = _state(url)
    assert cut["events"].keys() == whole["events"].keys()
    assert cut == whole
    # the test can fail: some acts are told by documents that chunks of 50 put apart
    chunk = _chunk_of([json.loads(x)["doc_id"] for x in reports], 50)
    across = [k for k, spans in whole["evidence"].items() if len({chunk.get(d, -1) for d, _, _ in spans}) > 1]
    assert across, "no act is told in two chunks of 50: this test would not see a chunking fault"


def test_two_runs_store_what_one_run_stores(whole: dict[str, Any], reports: list[str], tmp_path: Path) -> None:
    first, second = _write(tmp_path / "a.jsonl", reports[:70]), _write(tmp_path / "b.jsonl", reports[70:])
    url = f"sqlite:///{tmp_path / 'c.db'}"
    with open_store(url) as store:
        assert run([first], store=store, chunk_size=50).ok
        assert run([second], store=store, chunk_size=2000).ok
    assert _state(url) == whole
