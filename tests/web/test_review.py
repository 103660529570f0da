"""Review through the live server: correct, undo, merge, split, delete, code a new event; exports."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from contention.store import open_store

from .conftest import HOSTILE_ID, HOSTILE_TEXT, LiveServer, csrf_of


def _events(live_server: LiveServer, **params: str) -> list[dict]:  # type: ignore[type-arg]
    return live_server.client().get("/api/events", params={**params, "per_page": 500}).json()["events"]


def _post(client, path: str, data: dict) -> object:  # type: ignore[no-untyped-def,type-arg]
    token = csrf_of(client.get("/events").text)
    return client.post(path, data={"csrf": token, **data})


@pytest.mark.parametrize("field,value", [("date", "2011-12-17"), ("killed", "15")])
def test_review_correct_then_undo(live_server: LiveServer, field: str, value: str) -> None:
    client = live_server.signed_in()
    ev = _events(live_server, q="Zhanaozen", family="repression")[0]
    key = ev["event_key"]
    reply = _post(client, f"/events/{key}/review", {"action": "correct", field: value, "reason": "the text says so"})
    assert reply.status_code == 303
    shown = client.get(f"/api/events/{key}").json()
    got = shown["event"]["counts"].get(field) if field == "killed" else shown["event"][field]
    assert str(got) == value and shown["event"]["review_status"] == "corrected"
    machine = shown["machine"]["counts"].get(field) if field == "killed" else shown["machine"][field]
    assert str(machine) != value  # the machine coding is kept
    with open_store(live_server.db_url) as store:
        entry = store.audit_log()[0]
    assert entry["who"] == "ana" and entry["action"] == "correct" and entry["reason"] == "the text says so"
    assert _post(client, f"/audit/{entry['id']}/undo", {}).status_code == 303
    after = client.get(f"/api/events/{key}").json()["event"]
    assert after["review_status"] == "machine" and after == {**shown["machine"], "review_status": "machine"}
    with open_store(live_server.db_url) as store:
        log = store.audit_log()
    assert [e["action"] for e in log] == ["undo", "correct"] and log[1]["undone_by"] == log[0]["id"]
    assert _post(client, f"/audit/{entry['id']}/undo", {}).status_code == 409  # twice is refused


@pytest.mark.parametrize("n", [2])
def test_review_merge_split_delete_and_reviewed_export(live_server: LiveServer, n: int, tmp_path: Path) -> None:
    client = live_server.signed_in()
    evs = _events(live_server, q="Zhanaozen")
    machine_total = len(_events(live_server))
    a, b, c, d = (e["event_key"] for e in evs[:4])
    assert _post(client, f"/events/{a}/review", {"action": "merge", "other_key": b, "reason": "one act"}).status_code == 303
    merged = client.get(f"/api/events/{a}").json()["event"]
    assert len(merged["more_evidence"]) >= 1
    assert client.get(f"/api/events/{b}").json()["event"]["review_status"] == "merged"
    split = {"action": "split", "a_type": "protest.demonstration", "b_type": "protest.riot", "reason": "rule 12"}
    assert _post(client, f"/events/{c}/review", split).status_code == 303
    assert _post(client, f"/events/{d}/review", {"action": "delete", "reason": "not an event"}).status_code == 303
    out = tmp_path / "reviewed.jsonl"
    subprocess.run([sys.executable, "-m", "contention", "events", "--db", live_server.db_url, "--reviewed", "-o",
                    str(out)], check=True, capture_output=True)
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    keys = {r["event_key"] for r in rows}
    assert a in keys and b not in keys and c not in keys and d not in keys
    parts = [r for r in rows if r["review_status"] == "added"]
    assert sorted(r["type"] for r in parts) == ["protest.demonstration", "protest.riot"]
    with open_store(live_server.db_url) as store:
        assert store.count_events() == machine_total  # the machine rows are untouched
        assert len(store.audit_log()) == 3


@pytest.mark.parametrize("phrase", ["Workers rallied at the depot in Zhanaozen on 3 March 2015."])
def test_review_code_new_event_and_gold_export(live_server: LiveServer, phrase: str, tmp_path: Path) -> None:
    client = live_server.signed_in()
    start = HOSTILE_TEXT.index(phrase)
    form = {"start": str(start), "end": str(start + len(phrase)), "type": "protest.demonstration", "date": "2015-03-03",
            "country": "KZ", "place": "Zhanaozen", "participants": "", "reason": "missed by the extractor"}
    assert _post(client, f"/documents/{HOSTILE_ID}/code", form).status_code == 303
    bad = {**form, "end": str(len(HOSTILE_TEXT) + 5)}
    assert _post(client, f"/documents/{HOSTILE_ID}/code", bad).status_code == 400
    out = tmp_path / "gold.jsonl"
    subprocess.run([sys.executable, "-m", "contention", "gold", "export", "--db", live_server.db_url, "-o", str(out)],
                   check=True, capture_output=True)
    docs = [json.loads(line) for line in out.read_text().splitlines()]
    assert [d["doc_id"] for d in docs] == [HOSTILE_ID]
    assert set(docs[0]) == {"doc_id", "url", "lang", "published", "text", "events"}
    events = docs[0]["events"]
    assert {"type": "protest.demonstration", "evidence": phrase}.items() <= events[0].items()
    assert any(e["type"] == "response.detention" for e in events)


@pytest.mark.parametrize("name", ["bo"])
def test_review_user_add_cli_hashes_password(web_db: str, name: str) -> None:
    subprocess.run([sys.executable, "-m", "contention", "user", "add", name, "--db", web_db],
                   input="a long secret\na long secret\n", text=True, check=True, capture_output=True)
    with open_store(web_db) as store:
        stored = store.user_password(name)
    assert stored and stored.startswith("scrypt$") and "a long secret" not in stored
