"""Browsing like datasette, in headless Chromium on a real server and a real SQLite file.

The store holds the examples run plus the Mass Mobilization rows for Kazakhstan (imported from
the shared data in place), so there are two origins, many years and more than one page of episodes.
"""
from __future__ import annotations

import io
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from tests.shared_path import SHARED

from .conftest import LiveServer, serve

pytestmark = pytest.mark.browser

MM_KZ = SHARED / "data" / "mass-mobilization" / "mm_kazakhstan.csv"


@pytest.fixture(scope="module")
def browse_db(examples_db_file: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("browse") / "browse.db"
    shutil.copy(examples_db_file, path)
    assert MM_KZ.exists(), f"the shared Mass Mobilization file is missing: {MM_KZ}"
    subprocess.run([sys.executable, "-m", "contention", "import", "mm", str(MM_KZ), "--db", f"sqlite:///{path}", "-q"],
                   check=True, capture_output=True)
    return f"sqlite:///{path}"


@pytest.fixture(scope="module")
def server(browse_db: str) -> Iterator[LiveServer]:
    yield from serve(browse_db)


def _facet(page, name: str) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """value -> count of one facet as the page shows it."""
    out = {}
    for li in page.locator(f'section.facet[data-facet="{name}"] li:has(a[data-value])').all():
        out[li.locator("a[data-value]").get_attribute("data-value")] = int(li.locator(".n").inner_text().replace(",", ""))
    return out


def _api_total(server: LiveServer, **params: str) -> int:
    with server.client() as client:
        return int(client.get("/api/events", params={**params, "per_page": 1}).json()["total"])


def test_browse_facet_counts_follow_the_filters(page, server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server.url}/events")
    origins = _facet(page, "origin")
    assert origins.get("imported:mm", 0) == _api_total(server, origin="imported:mm") > 0
    assert sum(_facet(page, "family").values()) == _api_total(server)
    before = _facet(page, "family")
    page.click('section.facet[data-facet="origin"] a[data-value="imported:mm"]')
    page.wait_for_selector('section.facet[data-facet="origin"] li.chosen')
    after = _facet(page, "family")
    assert after != before
    for family, n in after.items():
        assert n == _api_total(server, origin="imported:mm", family=family)
    assert set(_facet(page, "origin")) == {"imported:mm"}
    # the same facet link again drops the filter
    page.click('section.facet[data-facet="origin"] li.chosen a.drop')
    page.wait_for_selector('section.facet[data-facet="origin"] a[data-value="extracted"]')
    assert _facet(page, "family") == before


#: column -> the event fields it sorts on, in order
SORT_FIELDS = {"type": ("type",), "where": ("country", "admin1", "place"), "origin": ("origin",), "date": ("date",)}


@pytest.mark.parametrize("column", ["type", "where", "origin", "date"])
def test_browse_sort_on_a_column_both_ways(page, server: LiveServer, column: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server.url}/events?per_page=300")
    ways = [("ascending", None), ("descending", "1")]
    for way, desc in (ways[::-1] if column == "date" else ways):  # the date is the sort already: a click reverses it
        page.click(f'th a.sort[data-sort="{column}"]')
        page.wait_for_selector(f'th[aria-sort="{way}"] a[data-sort="{column}"]')
        keys = page.locator("#events tr.event").evaluate_all("rows => rows.map(r => r.dataset.key)")
        with server.client() as client:
            api = client.get("/api/events", params={"per_page": 300, "sort": column, **({"desc": desc} if desc else {})})
        events = api.json()["events"]
        assert keys == [e["event_key"] for e in events]  # the page shows the order the store sorts in
        values = [tuple(e[f] or "" for f in SORT_FIELDS[column]) for e in events]
        assert values == sorted(values, reverse=desc == "1") and len(set(values)) > 1


def test_browse_date_sort_descending_puts_the_latest_first(page, server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server.url}/events?sort=date&desc=1&country=KZ")
    dates = [d for d in page.locator("#events tr.event td.date").all_inner_texts() if d != "?"]
    assert dates == sorted(dates, reverse=True) and dates[0] >= "2019"


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_browse_download_of_a_filtered_view_reads_in_pandas(page, server: LiveServer, fmt: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server.url}/events?country=KZ&family=repression&per_page=5")
    total = int(page.inner_text("#total").split()[0].replace(",", ""))
    assert total > 5  # more than one page: the download has them all
    with page.expect_download() as info:
        page.click(f"#dl-{fmt}")
    path = info.value.path()
    frame = {"csv": pd.read_csv, "parquet": pd.read_parquet,
             "jsonl": lambda p: pd.read_json(p, lines=True)}[fmt](path)
    assert len(frame) == total
    assert set(frame["country"]) == {"KZ"} and set(frame["type"].str.split(".").str[0]) == {"response"}
    if fmt != "jsonl":
        assert set(frame["family"]) == {"repression"}


def test_browse_download_keeps_the_sort(server: LiveServer) -> None:
    with server.client() as client:
        reply = client.get("/events.csv", params={"country": "KZ", "sort": "date", "desc": "1"})
    assert reply.status_code == 200 and reply.headers["content-type"].startswith("text/csv")
    dates = pd.read_csv(io.BytesIO(reply.content))["date"].dropna().tolist()
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize("q,word", [("Zhanaozen", "Zhanaozen"), ("strik*", "strik")])
def test_browse_search_terms_are_highlighted(page, server: LiveServer, q: str, word: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server.url}/events?q={q}")
    marks = page.locator("#events td.evidence mark, #hits mark").all_inner_texts()
    assert marks and all(m.lower().startswith(word.lower()) for m in marks)
    assert "[" not in "".join(page.locator("#hits .evidence").all_inner_texts())  # no raw snippet brackets


def test_browse_map_draws_borders_and_nothing_leaves_the_machine(page, server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(server.url) else None)
    for path in ("/map", "/map?country=KZ"):
        page.goto(f"{server.url}{path}", timeout=120_000)
        areas = page.locator("#map svg.chart g.areas_marks path")
        assert areas.count() > (150 if path == "/map" else 10)  # every country / every region cell
        assert page.locator("#map svg.chart g.dots_marks path").count() > 0
        box = page.locator("#map svg.chart").bounding_box()
        assert box and box["width"] > 600 and box["height"] > 250
    assert page.locator('#map svg.chart g.outline_marks path').count() == 1  # Kazakhstan's border
    assert outside == []


def test_browse_episodes_are_paged(page, server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server.url}/episodes?country=KZ")
    total = int(page.inner_text("#total").split()[0].replace(",", ""))
    assert total > 50
    first = page.locator("#episodes tr.episode").all_inner_texts()
    assert len(first) == 50
    assert page.locator("#timeline svg.chart g.spans_marks path").count() == 50  # the page's episodes
    page.click("#next")
    page.wait_for_selector("text=page 2 of")
    second = page.locator("#episodes tr.episode").all_inner_texts()
    assert len(second) == total - 50 and not set(second) & set(first)
    assert page.locator("#next").count() == 0
    with server.client() as client:
        api = client.get("/api/episodes", params={"country": "KZ", "page": 2}).json()
    assert api["total"] == total and len(api["episodes"]) == total - 50
