"""What the web audit found, each against the real server on 127.0.0.1: sign-in that could be guessed at
and stalled the server, sessions that could not be taken back, cookies and paging that gave 500s,
impossible dates saved by reviewers, no Secure flag, documents whose id has a "/" that would not open."""
from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

from contention.records import Document, Event, Evidence
from contention.review import accounts
from contention.serve import security
from contention.store import open_store

from .conftest import PASSWORD, REVIEWER, LiveServer, csrf_of


def _sign_in(client: httpx.Client, name: str, password: str) -> httpx.Response:
    token = csrf_of(client.get("/login").text)
    return client.post("/login", data={"name": name, "password": password, "csrf": token, "next": "/events"})


def _key(live_server: LiveServer) -> str:
    return live_server.client().get("/api/events", params={"q": "Zhanaozen"}).json()["events"][0]["event_key"]


def _confirm(client: httpx.Client, key: str) -> httpx.Response:
    token = csrf_of(client.get("/login").text)  # the sign-in form has one whether or not the session still counts
    return client.post(f"/events/{key}/review", data={"csrf": token, "action": "confirm", "reason": "checked"})


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "contention", *args], capture_output=True, text=True, timeout=120)


# -- sign-in ---------------------------------------------------------------------------------------

def test_fifty_wrong_passwords_lock_the_name_even_for_the_right_one(live_server: LiveServer) -> None:
    client = live_server.client()
    codes = [_sign_in(client, REVIEWER, f"guess {i}").status_code for i in range(50)]
    assert codes[:security.MAX_FAILURES] == [403] * security.MAX_FAILURES
    assert set(codes[security.MAX_FAILURES:]) == {429}
    right = _sign_in(client, REVIEWER, PASSWORD)
    assert right.status_code == 429 and "too many failed sign-ins" in right.text
    assert security.SESSION_COOKIE not in right.headers.get("set-cookie", "")
    # another client (another address: 127.0.0.2 is loopback too) is not locked out by this one's guessing
    other = httpx.Client(base_url=live_server.url, follow_redirects=False, timeout=30,
                         transport=httpx.HTTPTransport(local_address="127.0.0.2"))
    assert _sign_in(other, REVIEWER, PASSWORD).status_code == 303


def test_an_unknown_name_costs_a_scrypt_like_a_wrong_password(live_server: LiveServer,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[bool] = []
    real = accounts.hashlib.scrypt

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        try:  # scrypt must run in a worker thread, where no event loop runs
            asyncio.get_running_loop()
            calls.append(False)
        except RuntimeError:
            calls.append(True)
        return real(*args, **kwargs)

    monkeypatch.setattr(accounts.hashlib, "scrypt", counted)
    client = live_server.client()
    assert _sign_in(client, REVIEWER, "wrong").status_code == 403
    known = len(calls)
    assert _sign_in(client, "nobody-of-that-name", "wrong").status_code == 403
    assert known == 1 and len(calls) == 2, "an unknown name must cost the same scrypt as a known one"
    assert all(calls), "scrypt ran in the event loop: it stalls every other request meanwhile"


# -- sessions ----------------------------------------------------------------------------------------

def test_a_cookie_stops_working_after_sign_out(live_server: LiveServer) -> None:
    client = live_server.signed_in()
    cookie = client.cookies.get(security.SESSION_COOKIE)
    key = _key(live_server)
    token = csrf_of(client.get("/events").text)
    assert client.post("/logout", data={"csrf": token}).status_code == 303
    replay = live_server.client()
    replay.cookies.set(security.SESSION_COOKIE, cookie)
    assert _confirm(replay, key).status_code == 403
    with open_store(live_server.db_url) as store:
        assert store.audit_log() == []


@pytest.mark.parametrize("how", ["new password", "removed"])
def test_a_cookie_stops_working_when_the_reviewer_changes(live_server: LiveServer, how: str) -> None:
    client = live_server.signed_in()
    key = _key(live_server)
    assert _confirm(client, key).status_code == 303  # the session works
    if how == "new password":
        proc = subprocess.run([sys.executable, "-m", "contention", "user", "add", REVIEWER, "--db", live_server.db_url],
                              input="another long password\nanother long password\n", capture_output=True, text=True)
    else:
        proc = _cli("user", "remove", REVIEWER, "--db", live_server.db_url)
    assert proc.returncode == 0, proc.stderr
    assert _confirm(client, key).status_code == 403
    with open_store(live_server.db_url) as store:
        assert len(store.audit_log()) == 1  # only the edit made before


def test_user_list_and_remove(live_server: LiveServer) -> None:
    live_server.signed_in()
    listed = _cli("user", "list", "--db", live_server.db_url)
    assert listed.returncode == 0 and listed.stdout.startswith(f"{REVIEWER} ") and "1 open sessions" in listed.stdout
    assert _cli("user", "remove", REVIEWER, "--db", live_server.db_url).returncode == 0
    assert "no reviewers" in _cli("user", "list", "--db", live_server.db_url).stdout
    gone = _cli("user", "remove", REVIEWER, "--db", live_server.db_url)
    assert gone.returncode == 1 and gone.stderr.strip() == f"error: no reviewer '{REVIEWER}' (see `contention user list`)"


# -- odd requests ------------------------------------------------------------------------------------

@pytest.mark.parametrize("cookie", ["contention_csrf=Zhanaözen", "contention_session=ä.ö", "contention_csrf=🙂; "
                                    "contention_session=x.y", "contention_session=" + "a" * 3000 + ".b"])
@pytest.mark.parametrize("path", ["/events", "/api/events", "/login", "/documents/hostile-report"])
def test_odd_cookies_are_ignored_not_a_500(live_server: LiveServer, cookie: str, path: str) -> None:
    reply = live_server.client().get(path, headers={"Cookie": cookie.encode("utf-8")})
    assert reply.status_code == 200


def test_an_odd_csrf_token_is_a_403_not_a_500(live_server: LiveServer) -> None:
    client = live_server.signed_in()
    reply = client.post(f"/events/{_key(live_server)}/review", data={"csrf": "Zhanaözen", "action": "confirm"})
    assert reply.status_code == 403


@pytest.mark.parametrize("path", ["/events?page={n}", "/api/events?page={n}", "/api/episodes?page={n}",
                                  "/api/documents/hostile-report?page={n}", "/audit?page={n}", "/map?page={n}"])
@pytest.mark.parametrize("n", [10 ** 30, 2 ** 63, -1, "x"])
def test_a_huge_or_bad_page_is_a_clear_refusal(live_server: LiveServer, path: str, n: object) -> None:
    reply = live_server.client().get(path.format(n=n))
    assert reply.status_code == 422, reply.text[:300]
    text = reply.json()["error"] if path.startswith("/api/") else reply.text
    assert "page" in text


def test_a_reviewer_cannot_save_an_impossible_date(live_server: LiveServer) -> None:
    client = live_server.signed_in()
    key = _key(live_server)
    token = csrf_of(client.get(f"/events/{key}").text)
    reply = client.post(f"/events/{key}/review", data={"csrf": token, "action": "correct", "date": "2011-02-31"})
    assert reply.status_code == 400 and "is not a date" in reply.text
    with open_store(live_server.db_url) as store:
        assert store.audit_log() == [] and store.review_states() == {}


# -- cookies' Secure flag -----------------------------------------------------------------------------

@pytest.mark.parametrize("how", ["argument", "environment"])
def test_cookies_can_be_marked_secure(web_db: str, how: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from fastapi.testclient import TestClient

    from contention.serve import create_app

    if how == "environment":
        monkeypatch.setenv("CONTENTION_SECURE_COOKIES", "1")
        app = create_app(web_db, secret=b"s")
    else:
        app = create_app(web_db, secret=b"s", secure_cookies=True)
    with TestClient(app, base_url="https://testserver") as client:
        page = client.get("/login")
        assert "secure" in page.headers["set-cookie"].lower()
        signed = client.post("/login", data={"name": REVIEWER, "password": PASSWORD, "csrf": csrf_of(page.text)},
                             follow_redirects=False)
        assert signed.status_code == 303
        session = [c for c in signed.headers.get_list("set-cookie") if c.startswith(security.SESSION_COOKIE)]
        assert session and "secure" in session[0].lower()
    monkeypatch.delenv("CONTENTION_SECURE_COOKIES", raising=False)
    with TestClient(create_app(web_db, secret=b"s")) as plain:
        assert "secure" not in plain.get("/login").headers["set-cookie"].lower()


# -- ids with "/" ------------------------------------------------------------------------------------

@pytest.mark.parametrize("doc_id", ["feeds/2011/12/zhanaozen", "a/../b", "q?x=1#frag", "100%/sure"])
def test_a_document_whose_id_has_a_slash_opens(live_server: LiveServer, doc_id: str) -> None:
    text = "Police detained four strikers in Zhanaozen on 17 December 2011."
    event = Event(type="response.detention", evidence=Evidence(doc_id, 0, len(text), text), date="2011-12-17",
                  country="KZ", place="Zhanaozen")
    with open_store(live_server.db_url) as store:
        store.put_documents([Document(doc_id, text, lang="en", published="2011-12-18", title="slash")])
        store.put_events([event])
    client = live_server.signed_in()
    event_page = client.get(f"/events/{event.key}").text
    href = f"/documents/{quote(doc_id, safe='')}"
    assert f'href="{href}"' in event_page
    page = client.get(href)
    assert page.status_code == 200 and text in page.text
    api = client.get(f"/api{href}")
    assert api.status_code == 200 and api.json()["document"]["doc_id"] == doc_id
    token = csrf_of(page.text)
    coded = client.post(f"{href}/code", data={"csrf": token, "start": "0", "end": "6", "type": "response.detention",
                                              "modality": "asserted"})
    assert coded.status_code == 303 and coded.headers["location"].startswith(href + "?")
