"""The dashboard in headless Chromium: browse, search, read evidence, sign in, correct, undo, audit."""
from __future__ import annotations

import pytest

from .conftest import HOSTILE_ID, PASSWORD, REVIEWER, LiveServer

pytestmark = pytest.mark.browser


def sign_in(page, server: LiveServer, then: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server.url}/login?next={then}")
    page.fill("input[name=name]", REVIEWER)
    page.fill("input[name=password]", PASSWORD)
    page.click("#login button")
    page.wait_for_selector("#who")
    # "#who" sits above the page's scripts: wait until they have run too, or a test can act before its handlers exist
    page.wait_for_load_state("load")


@pytest.mark.parametrize("query", ["Zhanaozen"])
def test_browser_search_read_correct_undo(page, live_server: LiveServer, query: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{live_server.url}/")
    assert page.locator("#events tr.event").count() > 10
    page.fill("input[name=q]", query)
    page.select_option("select[name=family]", "repression")
    page.click("#filters button")
    rows = page.locator("#events tr.event")
    assert rows.count() > 0 and "events" in page.inner_text("#total")
    rows.first.locator("a").first.click()
    page.wait_for_selector("#attrs")
    assert page.locator("mark.primary").count() >= 1  # the evidence is highlighted in the report's text
    key = page.inner_text("#key")
    old_date = page.inner_text("#attr-date")
    assert page.locator("#correct").count() == 0  # reading needs no account; editing does
    sign_in(page, live_server, f"/events/{key}")
    page.fill("#correct input[name=date]", "2011-12-17")
    page.fill("#correct input[name=reason]", "the report dates it a day later")
    page.click("#correct button")
    page.wait_for_selector("#note")
    assert page.inner_text("#attr-date") == "2011-12-17"
    assert "corrected" in page.inner_text("h1")
    page.locator("#audit form.undo button").first.click()
    page.wait_for_selector("#note")
    assert page.inner_text("#attr-date") == old_date
    page.goto(f"{live_server.url}/audit")
    actions = page.locator("#audit td.action").all_inner_texts()
    assert actions[0].startswith("undo of #1") and actions[1].startswith("correct")


@pytest.mark.parametrize("path", [f"/documents/{HOSTILE_ID}", "/events?q=depot"])
def test_browser_hostile_text_is_inert(page, live_server: LiveServer, path: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{live_server.url}{path}")
    assert page.evaluate("window.__pwned") is None
    assert page.title() != "pwned"
    assert "<script>" in page.inner_text("main")  # shown as text


@pytest.mark.parametrize("path,selector", [("/episodes?country=KZ", "#timeline svg"), ("/map", "#map svg.chart g.dots_marks path"),
                                           ("/learning", "#sentences li a"), ("/docs", "#api h2")])
def test_browser_pages_render_offline(page, live_server: LiveServer, path: str, selector: str) -> None:  # type: ignore[no-untyped-def]
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(live_server.url) else None)
    page.goto(f"{live_server.url}{path}")
    page.wait_for_selector(selector)
    assert outside == []


@pytest.mark.parametrize("phrase", ["Workers rallied at the depot"])
def test_browser_code_event_from_selection(page, live_server: LiveServer, phrase: str) -> None:  # type: ignore[no-untyped-def]
    # as on a busy machine: every response, the page's script included, arrives well after it was asked for
    page.context.new_cdp_session(page).send("Network.emulateNetworkConditions", {
        "offline": False, "latency": 400, "downloadThroughput": -1, "uploadThroughput": -1})
    sign_in(page, live_server, f"/documents/{HOSTILE_ID}")
    page.evaluate("""(phrase) => {
        const pre = document.getElementById('doctext');
        const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
        let node; while ((node = walker.nextNode())) { const i = node.data.indexOf(phrase); if (i >= 0) {
            const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + phrase.length);
            const s = window.getSelection(); s.removeAllRanges(); s.addRange(r); break; } }
        document.dispatchEvent(new MouseEvent('mouseup'));
    }""", phrase)
    assert page.inner_text("#span-preview") == phrase
    page.select_option("#code select[name=type]", "protest.demonstration")
    page.click("#code button")
    page.wait_for_selector("#note")
    assert page.locator("#events .badge.added").count() == 1
