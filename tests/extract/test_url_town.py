"""A local page's address names its town (grounding.url_town): the fallback main place of a document whose text
never names a town often enough."""
from __future__ import annotations

import pytest

from contention.extract.extractor import default_gazetteer, extract_document
from contention.extract.grounding import url_town
from contention.records import Document


@pytest.mark.parametrize("url, country, town", [
    ("https://giornale.example.it/italia/milano/sgombero_presidio_milano-123.html", "IT", "Milan"),
    ("https://news.example.kz/news/zhiteli-aktobe-vyshli-k-akimatu", "KZ", "Aktobe"),
    ("https://example.com.br/2013/08/professores-de-sao-luis-entram-em-greve", "BR", "São Luís"),
    ("https://example.pl/kraj/lekarze-z-lodzi-protestuja", "PL", "Łódź"),  # a case form, without diacritics
    ("https://example.it/cronaca/milano-e-roma-in-piazza", "IT", None),  # two towns: no one town
    ("https://example.it/esteri/proteste-a-parigi", "IT", None),  # a town of another country
    ("https://example.fr/societe/greve-des-cheminots", "FR", None),  # no town at all
    (None, "FR", None),
    # no country told: only a city of 300,000 or more, whose country it then tells
    ("https://example.com/video/2025/09/08/clashes-in-kathmandu-after-social-media-ban", None, "Kathmandu"),
    ("https://example.com/world/oil-workers-strike-in-zhanaozen", None, None),  # a town too small to tell a country
    ("https://example.com/world/rallies-in-almaty-and-tashkent", None, None),  # two cities
])
def test_the_address_names_one_town_of_the_documents_country(url: str | None, country: str | None,
                                                              town: str | None) -> None:
    found = url_town(url, country, default_gazetteer())
    assert (found.place.name if found else None) == town


def test_an_event_with_no_place_takes_the_town_of_the_address() -> None:
    text = ("I lavoratori della logistica hanno scioperato ieri davanti al magazzino.\n\n"
            "La polizia ha sgomberato il presidio in serata.")
    local = Document("u1", text, lang="it", published="2024-03-06",
                     url="https://giornale.example.it/cronaca/milano/sciopero-logistica-magazzino")
    bare = Document("u2", text, lang="it", published="2024-03-06", url="https://giornale.example.it/cronaca/sciopero")
    placed = extract_document(local, recogniser=False).events
    assert placed and {(e.country, e.place) for e in placed} == {("IT", "Milan")}
    assert all("~place" in (e.rule or "") for e in placed)  # the document's place, not the sentence's
    assert all(e.place is None for e in extract_document(bare, recogniser=False).events)


def test_a_document_that_names_no_country_takes_the_city_of_its_address() -> None:
    text = ("Protesters broke through barbed wire and surrounded parliament on Monday.\n\n"
            "Riot police fired tear gas as the clashes spread through the capital.")
    doc = Document("u3", text, lang="en", published="2025-09-09",
                   url="https://news.example.com/video/2025/09/08/deadly-clashes-in-kathmandu-after-protests")
    events = extract_document(doc, recogniser=False).events
    assert events and {(e.country, e.place) for e in events} == {("NP", "Kathmandu")}
    bare = Document("u4", text, lang="en", published="2025-09-09", url="https://news.example.com/video/2025/09/08/")
    assert all(e.country is None for e in extract_document(bare, recogniser=False).events)
