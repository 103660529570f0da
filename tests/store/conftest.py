"""Store fixtures: an empty store on each back end, and a small hand-written corpus.

``store_url`` is parametrized over ``sqlite`` (a file in tmp_path) and ``postgresql`` (a new
database on the session server from ``pg_url``), so every test that takes it runs on both.
"""
from __future__ import annotations

from collections.abc import Iterator

import pytest

from contention.records import Document, Episode, Event, Evidence
from contention.store import Store, open_store

from tests.pg import fresh_pg_database as _fresh

def fresh_pg_database(pg_admin_url: str) -> str:
    """Create an empty database on the test server; returns its URL."""
    return _fresh(pg_admin_url, "store_test")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path) -> str:
    """URL of an empty database, once for SQLite and once for PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return fresh_pg_database(request.getfixturevalue("pg_admin_url"))


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with open_store(store_url) as opened:
        yield opened


def _span(doc: Document, sentence: str) -> Evidence:
    start = doc.text.index(sentence)
    return Evidence(doc.doc_id, start, start + len(sentence), sentence)


DOC_EN = Document(
    doc_id="en-1",
    text=("Oil workers in Zhanaozen walked off the job in May 2011 over unpaid bonuses. "
          "In December police opened fire on the crowd in the town square, and fourteen people died. "
          "Dozens of strikers were detained the next day."),
    lang="en", published="2011-12-20", url="https://example.org/en-1", title="Strike ends in shooting",
)
DOC_RU = Document(
    doc_id="ru-1",
    text=("Жители Жанаозена вышли на митинг у здания акимата. "
          "Полиция задержала несколько активистов до начала акции. "
          "Власти пообещали повысить зарплаты нефтяникам."),
    lang="ru", published="2022-01-04", title="Митинг в Жанаозене",
)
DOC_KK = Document(doc_id="kk-1", text="Ақтауда наразылық акциясы өтті.", lang="kk", published="2022-01-05")


@pytest.fixture
def documents() -> list[Document]:
    return [DOC_EN, DOC_RU, DOC_KK]


@pytest.fixture
def events() -> list[Event]:
    """Five events over the three documents, with every attribute used at least once."""
    en, ru = DOC_EN, DOC_RU
    strike = Event(
        type="protest.strike", evidence=_span(en, "Oil workers in Zhanaozen walked off the job in May 2011 over unpaid bonuses."),
        date="2011-05", country="KZ", admin1="Mangystau", place="Zhanaozen", actor="oil workers", actor_type="workers",
        claims=("wages",), rule="en.strike.walk_off", lang_pack="en",
    )
    fire = Event(
        type="response.lethal_force",
        evidence=_span(en, "In December police opened fire on the crowd in the town square, and fourteen people died."),
        date="2011-12-16", country="KZ", admin1="Mangystau", place="Zhanaozen", actor="police",
        actor_type="security_forces", counts={"killed": 14}, rule="en.lethal.open_fire", confidence=0.9, lang_pack="en",
    )
    detained = Event(
        type="response.detention", evidence=_span(en, "Dozens of strikers were detained the next day."),
        date="2011-12-17", country="KZ", admin1="Mangystau", place="Zhanaozen", actor_type="security_forces",
        counts={"detained": 30, "participants": 2000},
        more_evidence=(_span(ru, "Полиция задержала несколько активистов до начала акции."),), lang_pack="en",
    )
    rally = Event(
        type="protest.demonstration", evidence=_span(ru, "Жители Жанаозена вышли на митинг у здания акимата."),
        date="2022-01-04", country="KZ", admin1="Mangystau", place="Zhanaozen", actor="residents",
        actor_type="residents", claims=("prices", "political"), lang_pack="ru",
    )
    preempt = Event(
        type="response.detention", evidence=_span(ru, "Полиция задержала несколько активистов до начала акции."),
        date="2022-01", country="KZ", admin1="Mangystau", actor="Полиция", actor_type="security_forces",
        preemptive=True, lang_pack="ru",
    )
    wages = Event(
        type="response.material_concession", evidence=_span(ru, "Власти пообещали повысить зарплаты нефтяникам."),
        date=None, country="KZ", actor="Власти", actor_type="national_government", modality="planned", lang_pack="ru",
    )
    imported = Event(
        type="protest.demonstration", evidence=Evidence("acled:KAZ123", 0, 41, "Residents rallied near the old bus depot."), date="2019-06-09",
        country="KZ", admin1="Almaty", place="Almaty", origin="imported:acled", source_id="KAZ123",
        lang_pack="none", counts={"participants": 500},
    )
    return [strike, fire, detained, rally, preempt, wages, imported]


@pytest.fixture
def episodes(events: list[Event]) -> list[Episode]:
    strike, fire, detained, rally, preempt, _, _ = events
    return [
        Episode("ep-2011", "KZ", "Mangystau", "Zhanaozen", "2011-05", "2011-12-17",
                protest_keys=(strike.key,), response_keys=(fire.key, detained.key), label="Zhanaozen 2011"),
        Episode("ep-2022", "KZ", "Mangystau", "Zhanaozen", "2022-01", "2022-01-04",
                protest_keys=(rally.key,), response_keys=(preempt.key,), label="January 2022"),
        Episode("ep-other", "KG", None, "Bishkek", "2020-10", "2020-10", label="elsewhere"),
    ]
