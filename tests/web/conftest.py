"""Fixtures for the web tests: a store filled by the real pipeline, a live uvicorn server, headless Chromium.

``examples_db_file``: once per session, ``contention run examples`` into a SQLite file, plus one
hostile document of our own (script and HTML in its text) with an event on it.
``web_db``: a fresh copy of that file per test (review tests change it).
``live_server``: the app served by uvicorn on a free port in a thread, with reviewer ``ana``.
``page``: a Playwright page in /usr/bin/chromium (the test FAILS when it is absent: `make test` installs it).
"""
from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from contention.records import Document, Event, Evidence
from contention.review import hash_password
from contention.store import open_store

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
REVIEWER, PASSWORD = "ana", "correct horse battery"
HOSTILE_ID = "hostile-report"
HOSTILE_TEXT = ("Workers rallied at the depot in Zhanaozen on 3 March 2015. "
                "<script>window.__pwned = 1; document.title = 'pwned'</script>"
                "<img src=x onerror=\"window.__pwned = 2\"> Police detained four organisers the same evening. "
                "<b>bold claim</b> and a quote ' \" ; DROP TABLE events; --")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def add_hostile(url: str) -> str:
    """Store our hostile document and a detention event whose evidence spans the script; returns its key."""
    start = HOSTILE_TEXT.index("<script>")
    end = HOSTILE_TEXT.index("the same evening.") + len("the same evening.")
    event = Event(type="response.detention", evidence=Evidence(HOSTILE_ID, start, end, HOSTILE_TEXT[start:end]),
                  date="2015-03-03", country="KZ", admin1="Mangystau", place="Zhanaozen", counts={"detained": 4})
    with open_store(url) as store:
        store.put_documents([Document(HOSTILE_ID, HOSTILE_TEXT, lang="en", published="2015-03-04",
                                      title="<i>Depot</i> <script>alert(1)</script> rally")])
        store.put_events([event])
    return event.key


@pytest.fixture(scope="session")
def examples_db_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("examples") / "examples.db"
    subprocess.run([sys.executable, "-m", "contention", "run", str(ROOT / "examples"), "--db", f"sqlite:///{path}",
                    "--no-report", "-q"], check=True, capture_output=True, cwd=path.parent)
    add_hostile(f"sqlite:///{path}")
    with open_store(f"sqlite:///{path}") as store:
        store.add_user(REVIEWER, hash_password(PASSWORD))
    return path


@pytest.fixture
def web_db(examples_db_file: Path, tmp_path: Path) -> str:
    """URL of a private copy of the examples database."""
    copy = tmp_path / "web.db"
    shutil.copy(examples_db_file, copy)
    return f"sqlite:///{copy}"


class LiveServer:
    def __init__(self, url: str, db_url: str) -> None:
        self.url, self.db_url = url, db_url

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, follow_redirects=False, timeout=30)

    def signed_in(self) -> httpx.Client:
        client = self.client()
        token = csrf_of(client.get("/login").text)
        reply = client.post("/login", data={"name": REVIEWER, "password": PASSWORD, "csrf": token, "next": "/events"})
        assert reply.status_code == 303, reply.text
        return client


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match, "no CSRF token in the page"
    return match.group(1)


def serve(db_url: str) -> Iterator[LiveServer]:
    import uvicorn

    from contention.serve import create_app

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db_url, secret=b"test-secret"), host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield LiveServer(f"http://127.0.0.1:{port}", db_url)
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def live_server(web_db: str) -> Iterator[LiveServer]:
    yield from serve(web_db)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is absent: `make test` installs it (apt-get install chromium)", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    pg = context.new_page()
    yield pg
    context.close()
