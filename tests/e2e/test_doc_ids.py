"""Two texts under one doc_id are two documents: neither is dropped, and every evidence span points
into its own text (within a file, across files and across runs; SQLite and PostgreSQL)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from contention.pipeline import run
from contention.store import Store, open_store
from tests.pg import fresh_pg_database

STRIKE = "Oil workers in Zhanaozen went on strike on 16 May 2011 over unpaid bonuses."
ARREST = "Police detained twelve activists in Almaty on 3 March 2019 before a rally."
RALLY = "Hundreds of residents rallied in Aktobe on 9 June 2019 against the election results."


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'c.db'}"
    return fresh_pg_database(request.getfixturevalue("pg_admin_url"), "doc_ids")


def _jsonl(path: Path, texts: list[str], first: int = 1) -> Path:
    rows = [{"doc_id": str(i), "text": t, "lang": "en", "published": "2019-06-10"} for i, t in enumerate(texts, first)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _check_evidence(store: Store) -> dict[str, str]:
    """Every evidence span's text is its document's text at its offsets; RETURNS doc_id -> text."""
    texts = {d.doc_id: d.text for d in store.documents()}
    events = store.events()
    assert events
    for event in events:
        for ev in event.all_evidence():
            assert texts[ev.doc_id][ev.start:ev.end] == ev.text, (event.type, ev.doc_id)
    return texts


def test_same_doc_id_twice_in_one_file_keeps_both_texts(url: str, tmp_path: Path) -> None:
    path = tmp_path / "reports.jsonl"
    path.write_text(json.dumps({"doc_id": "7", "text": STRIKE}) + "\n" + json.dumps({"doc_id": "7", "text": ARREST}) + "\n",
                    encoding="utf-8")
    with open_store(url) as store:
        summary = run([path], store=store)
        texts = _check_evidence(store)
    assert summary.new_documents == 2 and summary.notes.get("renamed_doc_id") == 1
    assert texts["7"] == STRIKE
    (other,) = [k for k in texts if k != "7"]
    assert other.startswith("7#") and texts[other] == ARREST


def test_files_numbered_one_to_n_keep_all_their_documents(url: str, tmp_path: Path) -> None:
    a = _jsonl(tmp_path / "a.jsonl", [STRIKE, ARREST])
    b = _jsonl(tmp_path / "b.jsonl", [RALLY, STRIKE + " They demanded higher wages."])
    with open_store(url) as store:
        first = run([a, b], store=store, chunk_size=1)  # every document in its own chunk
        texts = _check_evidence(store)
        again = run([a, b], store=store)
        assert len(store.documents()) == 4
    assert first.new_documents == 4 and sorted(texts.values()) == sorted([STRIKE, ARREST, RALLY,
                                                                         STRIKE + " They demanded higher wages."])
    assert (again.new_documents, again.new_events) == (0, 0)  # re-running the same input is a no-op


def test_a_later_run_reusing_ids_keeps_the_earlier_texts(url: str, tmp_path: Path) -> None:
    with open_store(url) as store:
        run([_jsonl(tmp_path / "first.jsonl", [STRIKE, ARREST])], store=store)
        before = {d.doc_id: d.text for d in store.documents()}
        later = run([_jsonl(tmp_path / "later.jsonl", [RALLY])], store=store)
        texts = _check_evidence(store)
    assert later.new_documents == 1
    assert {k: texts[k] for k in before} == before
    assert RALLY in texts.values()
