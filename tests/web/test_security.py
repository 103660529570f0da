"""Hostile text renders inert; edits need a session and the CSRF token; filters cannot inject SQL."""
from __future__ import annotations

import pytest

from contention.store import open_store

from .conftest import HOSTILE_ID, LiveServer, csrf_of


@pytest.mark.parametrize("path", [f"/documents/{HOSTILE_ID}", "/events?q=depot", "/events?country=KZ&from=2015-03&to=2015-03"])
def test_security_hostile_text_is_escaped(live_server: LiveServer, path: str) -> None:
    html = live_server.client().get(path).text
    assert "<script>window.__pwned" not in html and "<img src=x" not in html and "<script>alert" not in html
    assert "&lt;script&gt;" in html or "&lt;img" in html


@pytest.mark.parametrize("kind", ["event page"])
def test_security_hostile_event_page_is_escaped(live_server: LiveServer, kind: str) -> None:
    client = live_server.client()
    key = client.get("/api/events", params={"doc_id": HOSTILE_ID, "q": "organisers"}).json()["events"][0]["event_key"]
    html = client.get(f"/events/{key}").text
    assert "<script>window" not in html and "&lt;script&gt;window.__pwned" in html


def _key(live_server: LiveServer) -> str:
    return live_server.client().get("/api/events", params={"q": "Zhanaozen"}).json()["events"][0]["event_key"]


@pytest.mark.parametrize("action", ["confirm", "delete"])
def test_security_edit_without_session_is_403(live_server: LiveServer, action: str) -> None:
    client = live_server.client()
    token = csrf_of(client.get("/login").text)  # a valid token, but nobody signed in
    key = _key(live_server)
    reply = client.post(f"/events/{key}/review", data={"csrf": token, "action": action})
    assert reply.status_code == 403
    with open_store(live_server.db_url) as store:
        assert store.audit_log() == [] and store.review_states() == {}


@pytest.mark.parametrize("token", [None, "", "forged-token"])
def test_security_edit_without_csrf_is_403(live_server: LiveServer, token: str | None) -> None:
    client = live_server.signed_in()
    key = _key(live_server)
    data = {"action": "delete"} if token is None else {"action": "delete", "csrf": token}
    assert client.post(f"/events/{key}/review", data=data).status_code == 403
    assert client.post("/audit/1/undo", data=data).status_code == 403
    with open_store(live_server.db_url) as store:
        assert store.audit_log() == []


@pytest.mark.parametrize("path", ["/login", "/logout"])
def test_security_sign_in_and_out_need_csrf(live_server: LiveServer, path: str) -> None:
    reply = live_server.client().post(path, data={"name": "ana", "password": "correct horse battery"})
    assert reply.status_code == 403 and "contention_session" not in reply.headers.get("set-cookie", "")


def test_security_forged_session_cookie_is_ignored(live_server: LiveServer) -> None:
    client = live_server.client()
    token = csrf_of(client.get("/login").text)
    client.cookies.set("contention_session", "eyJ1IjogImFuYSIsICJleHAiOiA5OTk5OTk5OTk5fQ==.deadbeef")
    assert client.post(f"/events/{_key(live_server)}/review", data={"csrf": token, "action": "delete"}).status_code == 403


INJECTIONS = ["' OR '1'='1", "KZ' OR 1=1 --", "x\"; DROP TABLE events; --", "1) OR (1=1", "%' OR e.country LIKE '%",
              "Zhanaozen\" OR \"1\"=\"1", "NEAR(a b) OR *", "') UNION SELECT * FROM users --"]
FILTERS = ["country", "region", "type", "family", "modality", "origin", "preemptive", "from", "to", "q"]


@pytest.mark.parametrize("name", FILTERS)
def test_security_sql_injection_in_every_filter(live_server: LiveServer, name: str) -> None:
    client = live_server.client()
    everything = client.get("/api/events", params={"per_page": 500}).json()
    for attempt in INJECTIONS:
        for path in ("/api/events", "/events", "/map"):
            reply = client.get(path, params={name: attempt, "per_page": 500} if path == "/api/events" else {name: attempt})
            assert reply.status_code in (200, 400, 422), (name, attempt, path, reply.status_code)
            if path == "/api/events" and reply.status_code == 200:
                got = reply.json()
                # the text filter may match real words of the attempt ("Zhanaozen"); it may never match everything
                assert got["total"] < everything["total"], (name, attempt)
    with open_store(live_server.db_url) as store:
        assert store.count_events() == everything["total"]
