"""A place named as what a protest is about ("against the war in Gaza") is not where it happened (topic_before in
each pack's places.toml); a world city keeps its name against a village of a country the text names."""
from __future__ import annotations

import pytest

from contention.extract.extractor import default_gazetteer, extract_document
from contention.records import Document

# our own sentences: a protest in one city about a war or a blockade in another country
CASES = [
    ("en", "Thousands marched in London on Saturday to demand a ceasefire in Gaza.", "GB", "London"),
    ("en", "Students rallied in Boston, Massachusetts, against the siege in Gaza.", "US", "Boston"),
    ("ru", "В субботу в Тбилиси прошёл митинг против войны в Газе.", "GE", "Tbilisi"),
    ("uk", "У Варшаві відбувся мітинг проти обстрілів у Харкові.", "PL", "Warsaw"),
    ("de", "In Hamburg demonstrierten am Samstag Tausende für einen Waffenstillstand in Gaza.", "DE", "Hamburg"),
    ("fr", "Des milliers de personnes ont manifesté samedi à Lyon pour un cessez-le-feu à Gaza.", "FR", "Lyon"),
    ("es", "Miles de personas se manifestaron en Madrid contra los bombardeos en Gaza.", "ES", "Madrid"),
    ("it", "Migliaia di persone hanno manifestato a Torino contro la guerra a Gaza.", "IT", "Turin"),
    ("pt", "Centenas de pessoas protestaram em Lisboa contra o genocídio em Gaza.", "PT", "Lisbon"),
    ("pl", "W Krakowie odbyła się demonstracja przeciwko wojnie w Gazie.", "PL", "Kraków"),
]


def _protest_places(lang: str, text: str) -> set[tuple[str | None, str | None]]:
    events = extract_document(Document("t", text, lang=lang, published="2024-05-04"), recogniser=False).events
    return {(e.country, e.place) for e in events if e.type.startswith("protest.")}


@pytest.mark.parametrize("lang, text, country, place", CASES)
def test_the_place_of_a_war_protested_is_not_the_place_of_the_protest(lang: str, text: str, country: str,
                                                                       place: str) -> None:
    assert _protest_places(lang, text) == {(country, place)}


def test_a_place_of_the_act_after_a_war_word_elsewhere_stays() -> None:
    """Only the name right after the topic noun is a topic: "after the war, miners struck in Karaganda"."""
    text = "Two years after the war ended, miners went on strike in Karaganda."
    events = extract_document(Document("t", text, lang="en", published="2024-05-04"), recogniser=False).events
    assert {(e.country, e.place) for e in events if e.type == "protest.strike"} == {("KZ", "Karaganda")}


@pytest.mark.parametrize("text, name, country", [
    ("Ukraine's ambassador spoke to protesters in Paris.", "Paris", "FR"),  # not Veselyy Kut, a Ukrainian village
    ("Russia's embassy in Berlin was picketed.", "Berlin", "DE"),  # not the Russian village of Berlin
    ("Kazakhstan's miners in Aksu went on strike.", "Aksu", "KZ"),  # a town of the named country, not dwarfed
])
def test_a_world_city_is_not_a_village_of_a_named_country(text: str, name: str, country: str) -> None:
    found = {m.surface: m.place for m in default_gazetteer().find(text, lang="en")}
    assert found[name].country == country


@pytest.mark.parametrize("lang, text, country", [
    ("en", "Police in Colombo detained protesters, said NetBlocks, a monitor based in London.", "LK"),
    ("fr", "La police a dispersé les manifestants à Colombo, selon une ONG basée à Londres.", "LK"),
    ("es", "La policía dispersó a los manifestantes en Colombo, según una ONG con sede en Londres.", "LK"),
    ("ru", "Полиция разогнала протестующих в Коломбо, сообщила организация со штаб-квартирой в Лондоне.", "LK"),
])
def test_where_a_source_is_based_is_no_place_of_the_act(lang: str, text: str, country: str) -> None:
    events = extract_document(Document("b", text, lang=lang, published="2024-05-04"), recogniser=False).events
    assert events and {e.country for e in events} == {country}


# our own sentences: a town abroad small enough to be read as a homonym when the story's country is taken from the
# war it protests ("Gaza" and "Palestinian" outvoted the town before)
TOPIC_COUNTRY_CASES = [
    ("en", "Protesters rallied in Somerville against the genocide in Gaza and for Palestinian liberation.", "US",
     "Somerville"),
    ("fr", "À Vannes, des centaines de personnes ont manifesté contre le génocide à Gaza et pour la libération "
           "palestinienne.", "FR", "Vannes"),
    ("es", "En Zamora, cientos de personas se manifestaron contra el genocidio en Gaza y por la liberación palestina.",
     "ES", "Zamora"),
    ("it", "A Cremona centinaia di persone hanno manifestato contro il genocidio a Gaza e per la liberazione "
           "palestinese.", "IT", "Cremona"),
    ("de", "In Wetzlar demonstrierten Hunderte gegen den Krieg in Gaza und für die palästinensische Befreiung.", "DE",
     "Wetzlar"),
]


@pytest.mark.parametrize("lang, text, country, place", TOPIC_COUNTRY_CASES)
def test_the_place_a_protest_is_about_does_not_make_the_storys_country(lang: str, text: str, country: str,
                                                                       place: str) -> None:
    assert _protest_places(lang, text) == {(country, place)}


def test_a_text_that_names_only_the_place_it_is_about_is_placed_there() -> None:
    events = extract_document(Document("t", "Thousands marched against the war in Gaza.", lang="en",
                                       published="2024-05-04"), recogniser=False).events
    assert {e.country for e in events} == {"PS"}


@pytest.mark.parametrize("lang, text", [
    ("en", "Police detained twenty activists after the rally, the Moscow Times reported. The Moscow Times said the "
           "rally against the new tax was peaceful. About 300 people had gathered in Almaty."),
    ("fr", "La police a interpellé vingt militants après le rassemblement, selon le Moscow Times. Le Moscow Times "
           "précise que le rassemblement contre le nouvel impôt était pacifique. Quelque 300 personnes s'étaient "
           "réunies à Almaty."),
])
def test_a_news_outlet_named_after_a_city_is_not_where_the_story_is(lang: str, text: str) -> None:
    # "the Moscow Times" (outlet_after): where a source sits; it casts no vote for the document's country
    events = extract_document(Document("t", text, lang=lang, published="2024-05-04"), recogniser=False).events
    assert events and {e.country for e in events} == {"KZ"}, [(e.type, e.country, e.place) for e in events]
