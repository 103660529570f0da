"""Place resolution from a document's own context: street and landmark names, "the capital", the main place.

Sentences are our own (shared/spec/taxonomy.md, coding rules 2 and 6).
"""
from __future__ import annotations

import pytest

from contention.extract.extractor import document_context, extract_text
from contention.extract.grounding import (
    capital_mentions,
    home_country,
    located_mentions,
    main_place,
    main_region,
    refine_places,
    site_country,
    without_streets,
)
from contention.extract.lexicon import available_packs, load_pack
from contention.records import Document
from contention.resolve.gazetteer import Gazetteer


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def _names(mentions) -> list[str]:
    return [m.place.name for m in mentions]


def test_capital_table_names_gazetteer_cities(gaz: Gazetteer) -> None:
    assert gaz.capital("KZ").name == "Astana"
    assert gaz.capital("ua").name == "Kyiv"
    for cc in ("RU", "BY", "KG", "UZ", "TJ", "AM", "GE", "AZ", "PL", "EE", "LV", "LT", "DE", "FR", "ES", "PT",
               "IT", "BR", "EC", "NG", "IR", "GB", "US"):
        place = gaz.capital(cc)
        assert place is not None and place.kind == "place" and place.country == cc, cc
    assert gaz.capital("XX") is None and gaz.capital(None) is None


@pytest.mark.parametrize(("lang", "text", "name"), [
    ("ru", "Сотни людей вышли на митинг на проспекте Абая в Казахстане.", "Abay"),
    ("kk", "Қазақстанда Абай даңғылында митинг өтті.", "Abay"),
    ("pt", "No Brasil, manifestantes ocuparam a Avenida Paulista.", "Paulista"),
    ("en", "In Kazakhstan, hundreds marched along Abai Avenue.", "Abai"),
    ("uk", "В Україні люди зібралися на вулиці Шевченка.", "Shevchenka"),
])
def test_street_names_are_not_places(gaz: Gazetteer, lang: str, text: str, name: str) -> None:
    found = gaz.find(text)
    assert name in _names(found)  # the gazetteer alone takes the street's name for a town
    assert name not in _names(without_streets(text, found, load_pack(lang)))


def test_a_town_named_on_its_own_elsewhere_stays(gaz: Gazetteer) -> None:
    text = "Нефтяники вышли на площадь Жанаозена. Забастовка в Жанаозене продолжается."
    kept = without_streets(text, gaz.find(text), load_pack("ru"))
    assert _names(kept).count("Zhanaozen") == 2


@pytest.mark.parametrize(("lang", "text", "country", "city"), [
    ("ru", "В столице Казахстана прошёл митинг.", None, "Astana"),
    ("uk", "У столиці України відбувся мітинг.", None, "Kyiv"),
    ("en", "Hundreds rallied in the capital on Sunday.", "KZ", "Astana"),
    ("en", "Hundreds rallied in the Armenian capital on Sunday.", "KZ", "Yerevan"),
    ("de", "In der Hauptstadt demonstrierten Hunderte.", "DE", "Berlin"),
    ("fr", "Des milliers de personnes ont défilé dans la capitale.", "FR", "Paris"),
    ("es", "Miles de personas marcharon en la capital de Ecuador.", None, "Quito"),
    ("pt", "Milhares de pessoas protestaram na capital.", "BR", "Brasília"),
    ("it", "Migliaia di persone hanno sfilato nella capitale.", "IT", "Rome"),
    ("pl", "W stolicy odbyła się demonstracja.", "PL", "Warsaw"),
    ("et", "Pealinnas toimus meeleavaldus.", "EE", "Tallinn"),
    ("kk", "Елордада митинг өтті.", "KZ", "Astana"),
])
def test_the_capital_is_the_capital_city(gaz: Gazetteer, lang: str, text: str, country: str | None, city: str) -> None:
    got = capital_mentions(text, gaz.find(text), load_pack(lang), gaz, country)
    assert _names(got) == [city]


@pytest.mark.parametrize(("lang", "text"), [
    ("ru", "В южной столице Казахстана прошёл митинг."),  # Almaty, not the capital
    ("en", "Workers struck in the former capital of Kazakhstan."),
    ("en", "Workers struck in Aktau, the capital of the Mangystau region."),  # a region's capital
    ("en", "Protesters marched in the capital, Astana."),  # the city is named: no second mention
    ("en", "The government cut capital spending after the protests."),
    ("fr", "Ils ont manifesté dans la capitale régionale."),
])
def test_other_capitals_are_left_alone(gaz: Gazetteer, lang: str, text: str) -> None:
    assert capital_mentions(text, gaz.find(text), load_pack(lang), gaz, "KZ") == []


def test_locative_mentions_are_marked(gaz: Gazetteer) -> None:
    text = "Родственники защитников Мариуполя вышли на митинг в Киеве."
    places = tuple(gaz.find(text))
    located = located_mentions(text, places, load_pack("ru"))
    assert [m.place.name for m in places if m.start in located] == ["Kyiv"]
    text = "Жаңаөзенде мұнайшылар ереуілге шықты."
    places = tuple(gaz.find(text))
    assert located_mentions(text, places, load_pack("kk")) == {places[0].start}


def test_main_place_prefers_the_town_named_with_a_locative(gaz: Gazetteer) -> None:
    text = ("Родственники защитников Мариуполя вышли на митинг в Киеве. Полиция в Киеве задержала пятерых. "
            "Семьи защитников Мариуполя требуют обмена.")
    places = tuple(gaz.find(text))
    located = located_mentions(text, places, load_pack("ru"))
    assert main_place(places, "UA") is None  # by bare counts: two against two
    assert main_place(places, "UA", located).place.name == "Kyiv"


def test_main_place_needs_two_mentions_and_a_clear_lead(gaz: Gazetteer) -> None:
    text = "В Алматы прошёл митинг. В Шымкенте тоже."
    places = tuple(gaz.find(text))
    assert main_place(places, "KZ", located_mentions(text, places, load_pack("ru"))) is None


def test_main_region_when_no_main_town(gaz: Gazetteer) -> None:
    text = ("Oil workers in the Mangystau region went on hunger strike. A Mangystau region official called it "
            "illegal. Workers in Almaty joined them.")
    places = tuple(gaz.find(text))
    assert main_place(places, "KZ", located_mentions(text, places, load_pack("en"))) is None
    region = main_region(places, "KZ")
    assert region is not None and region.place.kind == "admin1" and region.place.name == "Mangystau"


def test_town_named_once_in_its_own_region_is_the_main_place(gaz: Gazetteer) -> None:
    """The region that holds the town says the same where: the story is about the town."""
    text = ("Oil workers in the Mangystau region went on hunger strike. A Mangystau region official called it "
            "illegal. Workers in Zhanaozen joined them.")
    places = tuple(gaz.find(text))
    main = main_place(places, "KZ", located_mentions(text, places, load_pack("en")))
    assert main is not None and main.place.name == "Zhanaozen"


def test_sentence_without_place_takes_the_capital_of_the_story() -> None:
    text = ("У столиці України рідні військових вийшли на мітинг. Поліція у столиці затримала кількох учасників. "
            "Рідні захисників Маріуполя вимагали обміну полонених. Усіх затриманих відпустили ввечері.")
    doc = Document("d", text, lang="uk", published="2022-05-05")
    ctx = document_context(doc, load_pack("uk"), Gazetteer.load())
    assert ctx.main_place is not None and ctx.main_place.place.name == "Kyiv"


def test_refine_places_drops_streets_and_adds_the_capital(gaz: Gazetteer) -> None:
    text = "В Казахстане митинг прошёл в столице, у памятника Абаю."
    got = refine_places(text, gaz.find(text), load_pack("ru"), gaz)
    assert _names(got) == ["Kazakhstan", "Astana"]


def test_region_that_locates_a_town_is_no_event_of_its_own() -> None:
    evs = extract_text("Workers went on strike in Zhanaozen, Mangystau region, and in Almaty.", lang="en")
    assert sorted((e.admin1, e.place) for e in evs) == [("Almaty", "Almaty"), ("Mangystau", "Zhanaozen")]


def test_template_places_file_lists_every_key_and_unknown_keys_are_refused() -> None:
    import tomllib

    from contention.errors import ConfigError
    from contention.extract.lexicon import LANG_DIR, PLACE_KEYS, _place_terms

    template = tomllib.loads((LANG_DIR / "_template" / "places.toml").read_text(encoding="utf-8"))["places"]
    assert set(template) == set(PLACE_KEYS)
    with pytest.raises(ConfigError, match="unknown"):
        _place_terms({"streets": ["avenue"]}, "test")
    with pytest.raises(ConfigError, match="bad regular expression"):
        _place_terms({"capital": ["(unclosed"]}, "test")


def test_a_sentence_without_place_is_in_the_one_town_just_named() -> None:
    text = ("Oil workers went on strike in Zhanaozen in May. The strike in Zhanaozen went on for months.\n\n"
            "On Monday a rally in support of the strikers took place in Aktau. "
            "Officials held negotiations with the protesters.\n\n"
            "Police detained five activists of the strike committee.")
    evs = extract_text(text, lang="en", published="2011-12-20")
    assert [e.place for e in evs if e.type == "response.negotiation"] == ["Aktau"]
    assert [e.place for e in evs if e.type == "response.detention"] == ["Zhanaozen"]  # a new paragraph: the main place


def test_two_towns_just_named_leave_the_main_place() -> None:
    text = ("Oil workers went on strike in Zhanaozen. The strike in Zhanaozen went on for months. "
            "Rallies took place in Aktau and in Almaty. Officials held negotiations with the protesters.")
    evs = extract_text(text, lang="en", published="2011-12-20")
    assert [e.place for e in evs if e.type == "response.negotiation"] == ["Zhanaozen"]


@pytest.mark.parametrize("lang,text,town,admin1", [
    ("de", "Streik in der Brauerei: In Deutschland legten am Montag die Beschäftigten in Issum die Arbeit nieder.",
     "Issum", "North Rhine-Westphalia"),
    ("pl", "W Polsce trwa protest: pracownicy fabryki w Trzemesznie rozpoczęli w poniedziałek strajk.",
     "Trzemeszno", "Greater Poland Voivodeship"),
    ("it", "In Italia si ferma la fabbrica: a Melfi gli operai hanno proclamato lo sciopero lunedì.",
     "Melfi", "Basilicata"),
])
def test_a_small_town_after_a_preposition_of_place_is_read_in_the_documents_country(
        gaz: Gazetteer, lang: str, text: str, town: str, admin1: str) -> None:
    """Towns of a few thousand people that the main table leaves out are read where a preposition of place
    names them as where the act was, in the country the document is about (with the case form: "w Trzemesznie")."""
    places = refine_places(text, gaz.find(text, lang=lang), load_pack(lang), gaz)
    assert town in _names(places)
    events = extract_text(text, lang=lang, published="2024-03-06")
    assert [(e.place, e.admin1) for e in events if e.type == "protest.strike"] == [(town, admin1)]


def test_a_small_town_needs_the_preposition_and_the_documents_country(gaz: Gazetteer) -> None:
    """Without a preposition of place, or in a story about another country, the same small town is not read:
    a village named like a word or a surname would be noise everywhere else."""
    pack = load_pack("it")
    bare = "In Italia il sindaco Melfi ha parlato ai lavoratori in sciopero."
    assert "Melfi" not in _names(refine_places(bare, gaz.find(bare, lang="it"), pack, gaz))
    abroad = "In Francia gli operai di Parigi e quelli a Melfi hanno scioperato."  # a story placed in France
    assert gaz.small_town("Melfi", "FR") is None
    assert "Melfi" not in _names(refine_places(abroad, gaz.find(abroad, lang="it"), pack, gaz))
    # a word of the language is never a small town, even where one is named so ("Paese" in the Veneto)
    assert gaz.small_town("Paese", "IT") is None


def _refined(text: str, lang: str, gaz: Gazetteer) -> list[str]:
    pack = load_pack(lang if lang in available_packs() else "_neutral")
    return _names(refine_places(text, gaz.find(text, lang=lang), pack, gaz))


@pytest.mark.parametrize("lang,text,town", [
    ("uk", "В Україні тривають протести: у неділю тисячі людей знову вийшли на Майдан Незалежності.", "Kyiv"),
    ("uk", "В Україні тривають протести: мітингувальники провели ніч на майдані Незалежності.", "Kyiv"),
    ("ru", "В России в субботу оппозиция провела митинг на Болотной площади.", "Moscow"),
    ("en", "In Turkey, riot police cleared protesters from Taksim Square on Saturday.", "Istanbul"),
    ("es", "En Argentina, las madres volvieron el jueves a marchar en la Plaza de Mayo.", "Buenos Aires"),
])
def test_a_landmark_names_its_town(gaz: Gazetteer, lang: str, text: str, town: str) -> None:
    """Squares and avenues whose name alone says the town (``data/landmarks.tsv``) are mentions of that town,
    and replace what the gazetteer reads inside them (villages called "Maidan")."""
    assert town in _refined(text, lang, gaz)


def test_a_landmark_of_another_country_is_not_read(gaz: Gazetteer) -> None:
    """A square of the same name in a story about another country is not the famous one (Baghdad's Tahrir Square)."""
    text = "In Iraq, thousands of protesters gathered in Tahrir Square in the centre of the country on Friday."
    assert "Cairo" not in _refined(text, "en", gaz)
    text = "In Egypt, thousands of protesters gathered in Tahrir Square on Friday."
    assert "Cairo" in _refined(text, "en", gaz)


def test_landmark_table_names_gazetteer_towns(gaz: Gazetteer) -> None:
    """Every landmark's town is a town of its country in the gazetteer (a typo would fail loading)."""
    towns = {(place.name, place.country) for _, place in gaz.landmarks()}
    assert ("Kyiv", "UA") in towns and all(gaz.lookup(name, country=cc) is not None for name, cc in towns)


def test_town_adjective_table_names_gazetteer_towns(gaz: Gazetteer) -> None:
    """Every town adjective's town is a town of its country in the gazetteer (a typo would fail loading)."""
    towns = {(place.name, place.country) for cc in ("KZ", "UA", "RU", "DE", "PL") for place in gaz.town_adjectives(cc)[1].values()}
    assert ("Almaty", "KZ") in towns and ("Berlin", "DE") in towns and len(towns) > 30
    assert gaz.town_adjectives("NZ") is None


@pytest.mark.parametrize("lang,text,city", [
    ("en", "In Georgia, several thousand people rallied outside parliament on Sunday night.", "Tbilisi"),
    ("pl", "Rolnicy z całej Polski protestowali we wtorek przed Sejmem.", "Warsaw"),
    ("ru", "Сотни жителей Киргизии собрались у здания парламента в понедельник.", "Bishkek"),
    ("de", "In Nepal versammelten sich die Demonstranten am Montag vor dem Parlament.", "Kathmandu"),
    ("es", "En Perú, cientos de maestros se concentraron frente al Congreso el martes.", "Lima"),
    ("ka", "საქართველოში ათასობით ადამიანი პარლამენტთან შეიკრიბა.", "Tbilisi"),
    ("tr", "Türkiye'de işçiler dün TBMM önünde eylem yaptı.", "Ankara"),
])
def test_a_seat_of_power_marked_as_where_is_the_capital(gaz: Gazetteer, lang: str, text: str, city: str) -> None:
    """A rally "outside parliament" (a word of place before the seat, or a case ending or postposition in one
    pattern where no pack exists) was in the capital of the document's country."""
    assert city in _refined(text, lang, gaz)


@pytest.mark.parametrize("lang,text,city", [
    ("en", "In Georgia, parliament on Tuesday passed the amendments the protesters had demanded.", "Tbilisi"),
    ("en", "In France, farmers rallied outside the European Parliament in the morning.", "Paris"),
    ("es", "En España, los agricultores protestaron frente al Parlamento Europeo.", "Madrid"),
    ("ru", "В России депутаты областной думы собрались у здания областной думы.", "Moscow"),
])
def test_a_seat_that_acts_or_is_not_national_is_no_place(gaz: Gazetteer, lang: str, text: str, city: str) -> None:
    """"Parliament passed" names who acted, not where; the European Parliament and a regional parliament are not the
    seats of the national power."""
    assert city not in _refined(text, lang, gaz)


def test_a_foreign_name_no_preposition_marks_does_not_move_the_act_abroad() -> None:
    """Names of another country that no preposition of place marks say who spoke or whose ("Moscow's agents",
    "Washington condemned"), not where: the act stays in the story's country. Marked ("in Moscow"), they move it."""
    story = ("Tbilisi, 8 March. Thousands rallied in Tbilisi against the bill on Sunday.\n\n"
             "The government said Moscow's agents had organised the rally in Georgia.\n\n")
    events = extract_text(story + "Washington condemned the arrest of twenty protesters on Monday.", lang="en",
                          published="2024-03-08")
    detained = [e for e in events if e.type == "response.detention"]
    assert detained and all(e.country == "GE" for e in detained)
    events = extract_text(story + "In Moscow, police detained twenty protesters on Monday.",
                          lang="en", published="2024-03-08")
    assert [e.country for e in events if e.type == "response.detention"] == ["RU"]


@pytest.mark.parametrize("url,country", [
    ("https://lasnews.sn/2022/06/01/accord", "SN"), ("http://www.sabah.com.tr/gundem", "TR"),
    ("https://www.independent.co.uk/news", "GB"), ("rp-online.de/nrw/issum", "DE"),
    ("https://example.com/kz", None), ("https://news.tv/a", None), ("https://x.eu/", None), (None, None),
    ("not a url at all", None),
])
def test_site_country_reads_country_code_domains(gaz: Gazetteer, url: str | None, country: str | None) -> None:
    assert site_country(url, gaz) == country


def test_a_document_that_names_no_country_is_in_its_sites_country() -> None:
    """A local outlet need not name its country: the events of a text that names none take the country of the
    site's country-code domain, and small towns of that country are read ("in Issum")."""
    text = "Streik beendet: Nach drei Wochen einigten sich am Montag die Beschäftigten der Brauerei in Issum mit der Geschäftsführung."
    doc = Document("d", text, lang="de", published="2023-03-08", url="https://www.rp-online.de/nrw/issum-streik")
    from contention.extract.extractor import extract_document
    events = extract_document(doc).events
    assert events and {(e.country, e.place) for e in events} == {("DE", "Issum")}
    bare = extract_document(Document("d", text, lang="de", published="2023-03-08")).events
    assert {e.country for e in bare} == {None}


@pytest.mark.parametrize("lang,text,town", [
    ("ru", "В Казахстане алматинский городской суд арестовал трёх активистов.", "Almaty"),
    ("kk", "Қазақстанда жаңаөзендік мұнайшылар ереуілге шықты.", "Zhanaozen"),
    ("uk", "В Україні криворізькі гірники продовжують підземний протест.", "Kryvyy Rih"),
    ("de", "In Deutschland löste die Berliner Polizei eine Sitzblockade auf.", "Berlin"),
    ("pl", "W Polsce warszawska policja zatrzymała dwóch aktywistów.", "Warsaw"),
    ("fr", "En France, la police parisienne a dispersé le rassemblement.", "Paris"),
])
def test_a_town_adjective_names_its_town(gaz: Gazetteer, lang: str, text: str, town: str) -> None:
    """``data/town_adjectives.tsv``: "алматинский суд" is Almaty's court; the gazetteer alone does not read it."""
    assert town not in _names(gaz.find(text, lang=lang))
    assert town in _refined(text, lang, gaz)


def test_a_town_adjective_gives_way_to_the_region_and_to_other_countries(gaz: Gazetteer) -> None:
    region = "В Казахстане, в Карагандинской области, шахтёры вышли на митинг."
    found = refine_places(region, gaz.find(region, lang="ru"), load_pack("ru"), gaz)
    assert [(p.place.name, p.place.kind) for p in found if p.place.kind != "country"] == [("Karaganda", "admin1")]
    abroad = "В Казахстане московские власти не комментируют забастовку в Актау."
    assert "Moscow" not in _refined(abroad, "ru", gaz)  # another country's town: not read


def test_a_language_of_one_country_places_a_document_that_names_none(gaz: Gazetteer) -> None:
    # the site's country first; else the language's when one country writes it; never for a language of many
    assert home_country(None, "uk", gaz) == "UA" and home_country("https://www.example.com/a", "kk", gaz) == "KZ"
    assert home_country("https://news.example.kg/a", "ru", gaz) == "KG" and home_country(None, "ru", gaz) is None
    assert home_country(None, "de", gaz) is None and home_country("https://www.example.pl/x", "uk", gaz) == "PL"


# a region's bare name that is also its town's, where the main table leaves the town out: the town ("protesters in
# Kasserine"); with the region's word, the region; where the main table holds both (focus countries), its order
REGION_OR_TOWN = [
    ("en", "Protesters clashed with police in Kasserine on Tuesday.", "Kasserine"),
    ("fr", "Des manifestants se sont heurtés à la police mardi à Kasserine.", "Kasserine"),
    ("es", "Los manifestantes se enfrentaron a la policía el martes en Sidi Bouzid.", "Sidi Bouzid"),
    ("it", "I manifestanti si sono scontrati con la polizia martedì a Sidi Bouzid.", "Sidi Bouzid"),
    ("en", "Protesters clashed with police in Kasserine Governorate on Tuesday.", None),
    ("en", "Oil workers went on strike in Mangystau on Tuesday.", None),
]


@pytest.mark.parametrize("lang,text,town", REGION_OR_TOWN)
def test_a_regions_bare_name_is_its_town(lang: str, text: str, town: str | None) -> None:
    events = extract_text(text, lang=lang, published="2021-01-20")
    assert events and {e.place for e in events} == {town}, [(e.type, e.admin1, e.place) for e in events]
    assert all(e.admin1 for e in events)
