"""The JSON API over real SQLite (and PostgreSQL for the events API), through a live server and httpx."""
from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import pytest

from .conftest import PASSWORD, REVIEWER, ROOT, LiveServer, add_hostile, csrf_of, serve


@pytest.mark.parametrize("params,check", [
    ({"country": "KZ"}, lambda e: e["country"] == "KZ"),
    ({"type": "response.detention"}, lambda e: e["type"] == "response.detention"),
    ({"family": "repression"}, lambda e: e["family"] == "repression"),
    ({"region": "Mangystau"}, lambda e: e["admin1"] == "Mangystau"),
    ({"from": "2011-12", "to": "2011-12"}, lambda e: (e["date"] or "")[:7] in ("2011-12", "2011")),
    ({"origin": "extracted"}, lambda e: e["origin"] == "extracted"),
    ({"preemptive": "false"}, lambda e: e["preemptive"] is False),
])
def test_api_events_filters(live_server: LiveServer, params: dict[str, str], check) -> None:  # type: ignore[no-untyped-def]
    body = live_server.client().get("/api/events", params={**params, "per_page": 500}).json()
    assert body["total"] > 0 and len(body["events"]) == min(body["total"], 500)
    assert all(check(e) for e in body["events"])


@pytest.mark.parametrize("q", ["Zhanaozen", "забастовк*"])
def test_api_events_full_text(live_server: LiveServer, q: str) -> None:
    body = live_server.client().get("/api/events", params={"q": q}).json()
    assert body["total"] > 0
    assert all(e["evidence"] for e in body["events"])


@pytest.mark.parametrize("per_page", [7])
def test_api_events_paging(live_server: LiveServer, per_page: int) -> None:
    client = live_server.client()
    first = client.get("/api/events", params={"per_page": per_page, "page": 1}).json()
    second = client.get("/api/events", params={"per_page": per_page, "page": 2}).json()
    keys1 = {e["event_key"] for e in first["events"]}
    keys2 = {e["event_key"] for e in second["events"]}
    assert len(keys1) == len(keys2) == per_page and not keys1 & keys2
    assert first["total"] == second["total"] > 2 * per_page


@pytest.mark.parametrize("path,status", [("/api/events/nope", 404), ("/api/documents/nope", 404),
                                         ("/api/events?from=yesterday", 400), ("/api/events?per_page=100000", 422)])
def test_api_errors(live_server: LiveServer, path: str, status: int) -> None:
    assert live_server.client().get(path).status_code == status


@pytest.mark.parametrize("country", ["KZ"])
def test_api_episodes_and_documents(live_server: LiveServer, country: str) -> None:
    client = live_server.client()
    eps = client.get("/api/episodes", params={"country": country}).json()
    assert eps["total"] > 0 and all(e["country"] == country for e in eps["episodes"])
    ev = client.get("/api/events", params={"q": "Zhanaozen"}).json()["events"][0]
    doc = client.get(f"/api/documents/{ev['doc_id']}").json()
    assert ev["evidence"] in doc["document"]["text"]
    assert ev["event_key"] in {e["event_key"] for e in doc["events"]}


@pytest.mark.parametrize("path", ["/docs", "/openapi.json"])
def test_api_docs_offline(live_server: LiveServer, path: str) -> None:
    reply = live_server.client().get(path)
    assert reply.status_code == 200
    assert "cdn" not in reply.text.lower() and "https://" not in reply.text.split("openapi")[0]
    if path == "/openapi.json":
        assert "/api/events" in reply.json()["paths"]


@pytest.fixture(scope="module")
def pg_server(pg_url: str) -> Iterator[LiveServer]:
    subprocess.run([sys.executable, "-m", "contention", "run", str(ROOT / "examples"), "--db", pg_url, "--no-report",
                    "-q"], check=True, capture_output=True)
    add_hostile(pg_url)
    from contention.review import hash_password
    from contention.store import open_store

    with open_store(pg_url) as store:
        store.add_user(REVIEWER, hash_password(PASSWORD))
    yield from serve(pg_url)


@pytest.mark.postgres
@pytest.mark.parametrize("params,filters", [
    ({"country": "KZ", "type": "response.detention", "from": "2011", "to": "2012"},
     {"country": "KZ", "type": "response.detention", "date_from": "2011", "date_to": "2012"}),
    ({"q": "Zhanaozen", "per_page": "5"}, {"text": "Zhanaozen"}),
])
def test_api_events_postgres(pg_server: LiveServer, params: dict[str, str], filters: dict[str, str]) -> None:
    from contention.store import open_store

    body = pg_server.client().get("/api/events", params=params).json()
    with open_store(pg_server.db_url) as store:
        total = store.count_events(**filters)
        keys = [e.key for e in store.events(limit=body["per_page"], **filters)]
    assert body["total"] == total > 0
    assert [e["event_key"] for e in body["events"]] == keys


@pytest.mark.postgres
@pytest.mark.parametrize("date", ["2011-12-17"])
def test_review_correct_undo_postgres(pg_server: LiveServer, date: str) -> None:
    client = pg_server.signed_in()
    key = client.get("/api/events", params={"q": "Zhanaozen"}).json()["events"][0]["event_key"]
    token = csrf_of(client.get("/events").text)
    assert client.post(f"/events/{key}/review", data={"csrf": token, "action": "correct", "date": date}).status_code == 303
    assert client.get(f"/api/events/{key}").json()["event"]["date"] == date
    from contention.store import open_store

    with open_store(pg_server.db_url) as store:
        entry = store.audit_log()[0]["id"]
    assert client.post(f"/audit/{entry}/undo", data={"csrf": token}).status_code == 303
    assert client.get(f"/api/events/{key}").json()["event"]["review_status"] == "machine"
    with open_store(pg_server.db_url) as store:
        assert [e["action"] for e in store.audit_log(event_key=key)] == ["undo", "correct"]
