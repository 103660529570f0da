"""A place name inside a person's name after a title ("President Alpha Condé", "Interior Minister Santa Rosa
Mendes") is the person's, not where the act happened (``person_title`` in the pack's places.toml)."""
from __future__ import annotations

import pytest

from contention.extract.extractor import extract_document
from contention.records import Document

# our own sentences; a town somewhere in the world (Conde in Brazil, Santa Rosa in the Philippines) shares words of
# a person's name, and the text names no other place
CASES = [
    ("en", "Protesters marched against the referendum that could extend President Alpha Conde's term, and mobile "
           "internet was cut."),
    ("en", "Police detained 40 protesters, Interior Minister Santa Rosa Mendes said."),
    ("fr", "La police a interpellé 40 manifestants, a déclaré le ministre de l'Intérieur Santa Rosa Mendes."),
    ("es", "La policía detuvo a 40 manifestantes, dijo el ministro del Interior Santa Rosa Mendes."),
    ("it", "La polizia ha arrestato 40 manifestanti, ha detto il ministro dell'Interno Santa Rosa Mendes."),
    ("pt", "A polícia prendeu 40 manifestantes em Nairóbi, disse o ministro do Interior Santa Rosa Mendes."),
]


def _events(text: str, lang: str) -> list:  # type: ignore[type-arg]
    return list(extract_document(Document("t", text, lang=lang, published="2020-03-22"), recogniser=False).events)


@pytest.mark.parametrize("lang, text", CASES)
def test_a_town_in_a_titled_name_is_no_place(lang: str, text: str) -> None:
    events = _events(text, lang)
    assert events
    assert not {e.place for e in events} & {"Conde", "Santa Rosa"}
    assert not {e.country for e in events} & {"BR", "PH"}


@pytest.mark.parametrize("text, place", [
    ("Protesters rallied in Paris on Monday against President Macron.", "Paris"),  # the title after the place
    ("Protesters gathered outside the office of the mayor of Lagos on Monday.", "Lagos"),  # "of" breaks the name
    ("President Tokayev said that protesters in Aktau had been detained.", "Aktau"),  # a preposition marks the place
])
def test_places_beside_a_title_stay(text: str, place: str) -> None:
    assert place in {e.place for e in _events(text, "en")}
