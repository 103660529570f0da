"""Tests of contention.resolve.translit and of the spellings it gives the gazetteer: a focus-country town named as
another language's press transliterates its Cyrillic name ("Chorog" in German, "Lantšhutis" in Estonian).

Sentences are our own; the spellings are the press conventions of each language (world facts).
"""
from __future__ import annotations

import pytest

from contention.extract.extractor import extract_text, pack_for
from contention.resolve.gazetteer import Gazetteer
from contention.resolve.translit import LANGS, transliterate


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


@pytest.mark.parametrize("name,lang,expected", [
    ("Жанаозен", "de", "Schanaosen"),
    ("Хорог", "de", "Chorog"),
    ("Шахтинск", "de", "Schachtinsk"),
    ("Ульяновск", "de", "Uljanowsk"),          # ь before я: "ja"
    ("Миколаїв", "de", "Mykolajiw"),           # Ukrainian и, ї
    ("Харків", "de", "Charkiw"),               # Ukrainian г/х
    ("Лисаковск", "de", "Lissakowsk"),         # с between vowels: "ss"
    ("Ланчхути", "et", "Lantšhuti"),
    ("Лагодехи", "et", "Lagodehhi"),           # х between vowels: "hh"
    ("Мангистау", "et", "Mangistau"),
    ("Сумы", "et", "Sumõ"),                    # ы: "õ"
    ("Шымкент", "pl", "Szymkent"),
    ("Павлодар", "pl", "Pawłodar"),            # hard л: "ł"
    ("Житомир", "pl", "Żytomir"),              # и after ж: "y"
    ("Жанаозен", "fr", "Janaozen"),
    ("Шахтинск", "fr", "Chakhtinsk"),
    ("Усть-Каменогорск", "fr", "Oust-Kamenogorsk"),
    ("Хорог", "es", "Jorog"),
    ("Красный Лиман", "de", "Krasny Liman"),     # "-ый" at a word end
    ("Ереван", "fr", "Ierevan"),
    ("Коканд", "en", "Kokand"),                # English, for the names GeoNames writes in Uzbek Latin ("Qo‘qon")
    ("Аксай", "en", "Aksay"),
    ("Кривой Рог", "en", "Krivoy Rog"),
])
def test_transliterate(name: str, lang: str, expected: str) -> None:
    assert transliterate(name, lang) == expected


@pytest.mark.parametrize("name", ["Almaty", "Алматы 2", "Tbilisi-Тбилиси", "", "Ж"])
def test_transliterate_only_whole_cyrillic_names(name: str) -> None:
    assert all(transliterate(name, lang) is None for lang in LANGS)


def test_transliterate_unknown_language() -> None:
    assert transliterate("Хорог", "tr") is None


@pytest.mark.parametrize("lang,text,town,country", [
    ("de", "Am Montag protestierten Hunderte Menschen in Chorog.", "Khorog", "TJ"),
    ("de", "Die Bergleute in Schachtinsk streikten.", "Shakhtinsk", "KZ"),
    ("et", "Meeleavaldajad kogunesid Lantšhutis.", "Lanchkhuti", "GE"),      # inessive of "Lantšhuti"
    ("et", "Politsei pidas Horogis kinni kümme inimest.", "Khorog", "TJ"),
    ("pl", "W Szymkencie odbył się protest.", "Shymkent", "KZ"),           # locative of "Szymkent"
    ("fr", "Les mineurs de Chakhtinsk ont fait grève.", "Shakhtinsk", "KZ"),
])
def test_a_transliterated_town_is_found_in_its_language(gaz: Gazetteer, lang: str, text: str, town: str,
                                                        country: str) -> None:
    pack = pack_for(lang)
    found = [(m.place.name, m.place.country) for m in gaz.find(text, lang=lang, stop=pack.place_stop if pack else
                                                                frozenset())]
    assert (town, country) in found


@pytest.mark.parametrize("text,word", [
    ("Meeleavaldajad kogunesid Lantšhutis.", "Lantšhutis"),  # an Estonian case form
    ("W Szymkencie odbył się protest.", "Szymkencie"),       # a Polish one
    ("Am Montag protestierten Hunderte Menschen in Chorog.", "Chorog"),
])
def test_a_transliteration_counts_only_in_its_language(gaz: Gazetteer, text: str, word: str) -> None:
    assert not [m for m in gaz.find(text, lang="en") if m.surface == word]


def test_an_event_in_a_transliterated_town_is_placed_there() -> None:
    events = extract_text("Am 16. Mai versammelten sich Hunderte Demonstranten auf dem zentralen Platz von Chorog.",
                          lang="de", published="2022-05-17")
    assert events and {(e.country, e.place) for e in events} == {("TJ", "Khorog")}
