"""Full-text search over documents and evidence, in English, Russian and Kazakh; hostile input."""
from __future__ import annotations

import pytest

from contention.store import Store, fts


@pytest.fixture
def loaded(store: Store, documents, events) -> Store:
    store.put_documents(documents)
    store.put_events(events)
    return store


def _hits(store: Store, query: str) -> set[tuple[str, str]]:
    return {(h["kind"], h["doc_id"]) for h in store.search(query)}


@pytest.mark.parametrize(
    ("query", "expect"),
    [
        ("fire", {("document", "en-1"), ("evidence", "en-1")}),
        ("Fire POLICE", {("document", "en-1"), ("evidence", "en-1")}),
        ("detain*", {("document", "en-1"), ("evidence", "en-1")}),
        ("shooting", {("document", "en-1")}),  # titles are searched too
        ("полиция", {("document", "ru-1"), ("evidence", "ru-1")}),
        ("ЖАНАОЗЕН*", {("document", "ru-1"), ("evidence", "ru-1")}),
        ("Ақтауда", {("document", "kk-1")}),
        ('"opened fire"', {("document", "en-1"), ("evidence", "en-1")}),
        ('"fire opened"', set()),
        ("depot OR митинг", {("evidence", "acled:KAZ123"), ("document", "ru-1"), ("evidence", "ru-1")}),
        ("strikers -bonuses", {("evidence", "en-1")}),
        ("-fire", set()),
        ("zzzz", set()),
    ],
)
def test_store_search_finds(loaded: Store, query: str, expect: set[tuple[str, str]]) -> None:
    assert _hits(loaded, query) == expect


def test_store_search_result_shape(loaded: Store, events) -> None:
    hits = loaded.search("задерж*", limit=10)
    assert hits and all(set(h) == {"kind", "doc_id", "event_key", "title", "snippet", "score"} for h in hits)
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
    keys = {h["event_key"] for h in hits if h["kind"] == "evidence"}
    assert keys == {events[2].key, events[4].key}
    assert all("[" in h["snippet"] for h in hits)
    assert len(loaded.search("задерж* OR fire OR depot", limit=2)) == 2


@pytest.mark.parametrize(
    "query",
    ['"', '""', "*", "fire AND", "OR", "NEAR(fire police", "fire:*", "'; DROP TABLE events; --",
     "title:fire", "^fire", "(fire", "fire)", "a\x00b", "   ", "!!&|<->", "--", '"fire" *'],
)
def test_store_search_hostile_input_never_crashes(loaded: Store, query: str) -> None:
    assert isinstance(loaded.search(query), list)
    assert isinstance(loaded.events(text=query), list)
    assert loaded.count_events() == 7


@pytest.mark.parametrize(
    ("query", "fts5"),
    [
        ("fire", '("fire")'),
        ("Fire* police", '("fire" *) AND ("police")'),
        ('"opened fire" OR shot', '("opened fire" OR "shot")'),
        ("fire -police", '(("fire")) NOT ("police")'),
        ('NEAR(" x', '("near") AND ("x")'),
    ],
)
def test_fts_translation_quotes_every_term(query: str, fts5: str) -> None:
    assert fts.to_fts5(fts.parse(query)) == fts5
