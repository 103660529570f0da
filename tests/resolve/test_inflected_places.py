"""Case forms of place names in the inflecting languages (et, pl, uk, ru, de): generation and finding.

Sentences are our own. Each language: a sentence with inflected names -> place, country, admin1; and
common words that look like case forms must not be places.
"""
from __future__ import annotations

import pytest

from contention.resolve.gazetteer import Gazetteer
from contention.resolve.inflect import estonian_forms, german_forms, polish_forms, russian_forms, ukrainian_forms


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


@pytest.mark.parametrize(("fn", "name", "form"), [
    (estonian_forms, "Tallinn", "Tallinnas"), (estonian_forms, "Tallinn", "Tallinnast"),
    (estonian_forms, "Tartu", "Tartusse"), (estonian_forms, "Tartu", "Tartult"),
    (estonian_forms, "Venemaa", "Venemaal"), (estonian_forms, "Venemaa", "Venemaad"),
    (estonian_forms, "Kasahstan", "Kasahstanis"), (estonian_forms, "Läti", "Lätti"), (estonian_forms, "Leedu", "Leetu"),
    (estonian_forms, "Vilnius", "Vilniuses"), (estonian_forms, "Taškent", "Taškendis"),
    (estonian_forms, "Kohtla-Järve", "Kohtla-Järvel"), (estonian_forms, "Ameerika Ühendriigid", "Ameerika Ühendriikides"),
    (polish_forms, "Warszawa", "Warszawie"), (polish_forms, "Warszawa", "Warszawy"),
    (polish_forms, "Wrocław", "Wrocławiu"), (polish_forms, "Wrocław", "Wrocławia"), (polish_forms, "Łódź", "Łodzi"),
    (polish_forms, "Poznań", "Poznaniu"), (polish_forms, "Gdynia", "Gdyni"), (polish_forms, "Katowice", "Katowicach"),
    (polish_forms, "Zielona Góra", "Zielonej Górze"), (polish_forms, "Nowy Sącz", "Nowym Sączu"),
    (polish_forms, "Gorzów Wielkopolski", "Gorzowie Wielkopolskim"), (polish_forms, "Niemcy", "Niemczech"),
    (ukrainian_forms, "Дніпро", "Дніпрі"), (ukrainian_forms, "Рівне", "Рівному"), (ukrainian_forms, "Чернівці", "Чернівцях"),
    # a velar softens before the Ukrainian dative and locative "-і" (г -> з, к -> ц): "у Ризі", "в Америці", "у Гонконзі"
    (ukrainian_forms, "Рига", "Ризі"), (ukrainian_forms, "Америка", "Америці"), (ukrainian_forms, "Гонконг", "Гонконзі"),
    (ukrainian_forms, "Санкт-Петербург", "Санкт-Петербурзі"),
    (russian_forms, "Ростов-на-Дону", "Ростове-на-Дону"), (russian_forms, "Набережные Челны", "Набережных Челнах"),
    (german_forms, "Moskau", "Moskaus"), (german_forms, "Kasachstan", "Kasachstans"),
])
def test_inflect_makes_the_case_form(fn, name, form):
    assert form in fn(name)


@pytest.mark.parametrize(("fn", "name", "form"), [
    (estonian_forms, "Loo", "Loos"),  # three-letter names get no case forms
    (german_forms, "Paris", "Pariss"),
    (ukrainian_forms, "Вікно", "Вікна"),  # a village "Window": its genitive is the common noun
    (ukrainian_forms, "Рига", "Ригі"),  # no locative keeps the velar
    (russian_forms, "Озёры", "Озёрами"),  # plural names: the locative only
    (polish_forms, "Ałmaty", "Ałmaty"),
])
def test_inflect_does_not_make(fn, name, form):
    assert form not in fn(name)


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("et", "Tudengid avaldasid meelt Tallinnas ja Tartus, bussijuhid streikisid Narvas ja Pärnus.",
     [("Tallinn", "EE", "Harju"), ("Tartu", "EE", "Tartu"), ("Narva", "EE", "Ida-Viru"), ("Pärnu", "EE", "Pärnu")]),
    ("et", "Eestist sõitsid aktivistid Venemaale, Kasahstanisse ja Lätti; Moskvas ja Almatõs neid ei lastud.",
     [("Estonia", "EE", None), ("Russia", "RU", None), ("Kazakhstan", "KZ", None), ("Latvia", "LV", None),
      ("Moscow", "RU", "Moscow"), ("Almaty", "KZ", "Almaty")]),
    ("et", "Ida-Virumaal ja Harjumaal katkes elekter.", [("Ida-Viru", "EE", "Ida-Viru"), ("Harju", "EE", "Harju")]),
    ("pl", "Protesty odbyły się w Warszawie, w Krakowie, we Wrocławiu, w Gdańsku, w Poznaniu i w Łodzi.",
     [("Warsaw", "PL", "Masovian Voivodeship"), ("Kraków", "PL", "Lesser Poland Voivodeship"),
      ("Wrocław", "PL", "Lower Silesian Voivodeship"), ("Gdańsk", "PL", "Pomeranian Voivodeship"),
      ("Poznań", "PL", "Greater Poland Voivodeship"), ("Łódź", "PL", "Łódź Voivodeship")]),
    ("pl", "Demonstranci z Mińska, Kijowa i Moskwy spotkali się w Ałmaty, potem w Astanie i Taszkiencie.",
     [("Minsk", "BY", "Minsk"), ("Kyiv", "UA", "Kyiv"), ("Moscow", "RU", "Moscow"), ("Almaty", "KZ", "Almaty"),
      ("Astana", "KZ", "Astana"), ("Tashkent", "UZ", "Tashkent")]),
    ("pl", "Związkowcy z Katowic przyjechali do Zielonej Góry i Białegostoku.",
     [("Katowice", "PL", "Silesian Voivodeship"), ("Zielona Góra", "PL", "Lubusz Voivodeship"),
      ("Białystok", "PL", "Podlaskie Voivodeship")]),
    ("uk", "Протести пройшли у Києві, Харкові, Львові, Дніпрі та Рівному.",
     [("Kyiv", "UA", "Kyiv"), ("Kharkiv", "UA", "Kharkiv Oblast"), ("Lviv", "UA", "Lviv Oblast"),
      ("Dnipro", "UA", "Dnipropetrovsk Oblast"), ("Rivne", "UA", "Rivne Oblast")]),
    ("uk", "Акції солідарності відбулися у Санкт-Петербурзі, Гамбурзі та Гонконзі.",
     [("Saint Petersburg", "RU", "Saint Petersburg"), ("Hamburg", "DE", "Hamburg"), ("Hong Kong", "HK", None)]),
    ("de", "Die Bürgermeisterin Moskaus und die Regierung Kasachstans schwiegen zu den Protesten in Kiew.",
     [("Moscow", "RU", "Moscow"), ("Kazakhstan", "KZ", None), ("Kyiv", "UA", "Kyiv")]),
    ("ru", "Забастовки прошли в Ростове-на-Дону и в Набережных Челнах.",
     [("Rostov-on-Don", "RU", None), ("Naberezhnyye Chelny", "RU", None)]),
])
def test_find_inflected_names(gaz, lang, text, expected):
    got = [(m.place.name, m.place.country, m.place.admin1) for m in gaz.find(text, lang=lang)]
    assert len(got) == len(expected), got
    for (name, country, admin1), want in zip(got, expected):
        assert (name, country) == want[:2], got
        if want[2] is not None:
            assert admin1 == want[2], got


@pytest.mark.parametrize(("lang", "surface", "country"), [
    ("et", "Tartus", "EE"),  # Estonian: in Tartu
    ("en", "Tartus", "SY"),  # elsewhere: the Syrian port
    ("ru", "Tartus", "SY"),
    (None, "Moskvas", "RU"),  # language unknown: every form counts
])
def test_language_forms_count_in_their_language(gaz, lang, surface, country):
    got = gaz.find(f"Ships were seen near {surface} today.", lang=lang)
    assert got and got[0].place.country == country, got


@pytest.mark.parametrize(("lang", "text"), [
    ("et", "Selle põhjal tapas Jüri mehe. Põhjas oli külm."),  # põhjal/põhjas, tapas (killed), Jüri (a first name)
    ("et", "Kesklinnas oli rahulik."),  # city centre: not Tallinn's Kesklinn district
    ("pl", "Koło szkoły stały Marki i Łapy. Ochota na protest była mała."),  # near, brands, paws, desire
    ("uk", "Вікна були зачинені."),
    ("de", "Wegen des Essens blieben alle zu Hause."),  # no genitive of the city of Essen
    ("en", "Warszawie Tallinnas Wrocławiu Moskaus"),  # Polish/Estonian/German forms are not English
])
def test_common_words_are_not_places(gaz, lang, text):
    assert gaz.find(text, lang=lang) == [], [(m.surface, m.place) for m in gaz.find(text, lang=lang)]


@pytest.mark.parametrize(("text", "name", "country"), [
    ("Українці протестували в Афінах.", "Athens", "GR"),  # not Afiny, a village of Ukraine
    ("Мітинг відбувся у Вашингтоні.", "Washington", "US"),
    ("Акція пройшла у Вільнюсі.", "Vilnius", "LT"),
    ("Протест у Празі зібрав тисячі людей.", "Prague", "CZ"),  # г/з: an irregular form, data/exonyms.tsv
    ("Українська громада зібралася у Відні.", "Vienna", "AT"),
])
def test_ukrainian_case_forms_of_foreign_cities(gaz: Gazetteer, text: str, name: str, country: str) -> None:
    # towns of 100,000 or more anywhere get Ukrainian case forms, as they get Russian ones
    # the demonym names Ukraine: the capital abroad still beats a Ukrainian village of its name (Afiny)
    assert [(m.place.name, m.place.country) for m in gaz.find(text, lang="uk") if not m.demonym] == [(name, country)]
