"""The event unit (coding rules 1, 6, 22): lists of places split into one event per place, "and in other cities"
adds a national event, words of nearness end a list, headline and caption retellings join the event they retell,
undated and carried-date retellings merge, national roll-ups stay apart from the main city's event.
Our own sentences, in several pack languages."""
from __future__ import annotations

import pytest

from contention.extract.extractor import extract_text, pack_for
from contention.extract.grounding import continues_list
from contention.extract.merge import absorb_headlines, fold_unplaced, is_headline, merge_retellings
from contention.records import Event, Evidence

PUBLISHED = "2022-01-12"


def _places(text: str, lang: str, kind: str = "protest.") -> list[str | None]:
    return sorted((e.place for e in extract_text(text, lang=lang, published=PUBLISHED)
                   if e.type.startswith(kind) and e.modality == "asserted"), key=lambda p: p or "")


# ---------------------------------------------------------------- lists of places (rule 6)
LISTS = [
    # an apposition inside the list ("the regional centre") and "as well as in"
    ("en", "Protests broke out in Aktobe, the regional centre, as well as in Oral and Atyrau on Monday.",
     ["Aktobe", "Atyrau", "Oral"]),
    # Kazakh "және" (and) and the shared "city" word after the list
    ("kk", "Дүйсенбі күні Ақтөбе, Орал және Атырау қалаларында наразылық акциялары өтті.", ["Aktobe", "Atyrau", "Oral"]),
    # Russian "а также" (as well as)
    ("ru", "В понедельник митинги прошли в Актобе, Уральске, а также в Атырау.", ["Aktobe", "Atyrau", "Oral"]),
    # Polish "czy" (or) joins the last member
    ("pl", "W poniedziałek protesty odbyły się w Krakowie, Gdańsku czy Poznaniu.", ["Gdańsk", "Kraków", "Poznań"]),
    # Estonian inessive case forms, "ja" (and)
    ("et", "Esmaspäeval toimusid meeleavaldused Tartus, Pärnus ja Narvas.", ["Narva", "Pärnu", "Tartu"]),
]


@pytest.mark.parametrize("lang,text,places", LISTS, ids=[c[0] for c in LISTS])
def test_a_list_of_places_gives_one_event_per_place(lang: str, text: str, places: list[str]) -> None:
    assert _places(text, lang) == places


@pytest.mark.parametrize("lang,text", [
    ("en", "Workers blocked the railway in the village of Shetpe, near Zhanaozen, on Monday."),
    ("ru", "В понедельник рабочие перекрыли дорогу у села Шетпе около Жанаозена."),
], ids=["en", "ru"])
def test_a_town_named_as_a_landmark_is_not_a_place_of_the_act(lang: str, text: str) -> None:
    assert _places(text, lang) == ["Shetpe"]


def test_every_located_list_of_the_clause_gives_events() -> None:
    text = "On Monday, protesters marched in Almaty, and in Oral and Aktobe thousands gathered."
    assert [p for p in _places(text, "en") if p] == ["Aktobe", "Almaty", "Oral"]


def test_the_capital_and_a_town_are_two_places() -> None:
    # "в столице Казахстана и Алматы": the capital is Astana, not a name for Almaty
    assert _places("В понедельник митинги прошли в столице Казахстана и Алматы.", "ru") == ["Almaty", "Astana"]


@pytest.mark.parametrize("gap,lang,joined", [
    (", ", None, True),
    (" and ", None, True),
    (", the second-largest city, as well as in the communes of ", "en", True),
    (" және ", "kk", True),
    (" czy ", "pl", True),
    (", Lantšhutis, Potis, ", "et", True),        # names the gazetteer lacks, between commas
    (" marched to the square in ", "en", False),  # a verb after the first name: another role
    (", near ", "en", False),                     # a landmark, not a member
    (" on 5 January and in ", "en", False),
    (". In ", "en", False),
])
def test_what_joins_two_names_in_one_list(gap: str, lang: str | None, joined: bool) -> None:
    assert continues_list(gap, pack_for(lang) if lang else None) is joined


# ---------------------------------------------------------------- "and in other cities" (rule 22)
OTHER_PLACES = [
    ("en", "On Monday, people rallied in Almaty and in other cities against the fuel prices.", "Almaty"),
    ("kk", "Дүйсенбі күні Алматы және басқа қалаларда наразылық акциялары өтті.", "Almaty"),
    ("ru", "В понедельник митинги прошли в Алматы и других городах.", "Almaty"),
    ("uk", "У понеділок мітинги відбулися у Львові та інших містах.", "Lviv"),
    ("pl", "W poniedziałek protesty odbyły się w Warszawie i innych miastach.", "Warsaw"),
    ("de", "Am Montag gab es Proteste in Leipzig und anderen Städten.", "Leipzig"),
    ("fr", "Lundi, des manifestations ont eu lieu à Lyon et dans d'autres villes.", "Lyon"),
    ("es", "El lunes hubo protestas en Sevilla y otras ciudades.", "Sevilla"),
    ("it", "Lunedì si sono svolte proteste a Torino e in altre città.", "Turin"),
    ("pt", "Na segunda-feira houve protestos em Porto Alegre e outras cidades.", "Porto Alegre"),
    ("et", "Esmaspäeval toimusid meeleavaldused Tartus ja teistes linnades.", "Tartu"),
]


@pytest.mark.parametrize("lang,text,town", OTHER_PLACES, ids=[c[0] for c in OTHER_PLACES])
def test_other_unnamed_places_add_one_national_event(lang: str, text: str, town: str) -> None:
    assert _places(text, lang) == [None, town]


@pytest.mark.parametrize("lang,text", [
    ("en", "On Monday, hundreds rallied in Almaty outside the akimat, while officials in the capital said that calm "
           "returned to other cities."),
    ("ru", "В понедельник сотни людей вышли на митинг в Алматы у здания акимата, а власти заявили, что в других городах "
           "было спокойно."),
], ids=["en", "ru"])
def test_other_cities_away_from_the_named_places_add_nothing(lang: str, text: str) -> None:
    assert _places(text, lang) == ["Almaty"]


def test_named_places_alone_add_no_national_event() -> None:
    assert _places("В понедельник митинги прошли в Актобе и Атырау.", "ru") == ["Aktobe", "Atyrau"]


# ---------------------------------------------------------------- headlines and captions (rule 1)
HEADLINES = [
    # the headline's word ("protest") and the body's ("gathered") are different triggers of one act
    ("en", "Protest in Zhanaozen\n\nHundreds of oil workers gathered in Zhanaozen on Monday, demanding higher wages."),
    ("ru", "Акция протеста в Жанаозене\n\nВ понедельник сотни нефтяников собрались в Жанаозене, требуя повышения зарплаты."),
    ("uk", "Акція протесту в Жанаозені\n\nУ понеділок сотні нафтовиків зібралися в Жанаозені, вимагаючи підвищення зарплати."),
    ("pt", "Protesto em Zhanaozen\n\nNa segunda-feira, centenas de petroleiros reuniram-se em Zhanaozen para exigir "
           "salários mais altos."),
    ("pl", "Protest w Żanaozenie\n\nW poniedziałek setki naftowców zebrały się w Żanaozenie, domagając się wyższych płac."),
]


@pytest.mark.parametrize("lang,text", HEADLINES, ids=[c[0] for c in HEADLINES])
def test_a_headline_joins_the_event_it_retells(lang: str, text: str) -> None:
    protests = [e for e in extract_text(text, lang=lang, published=PUBLISHED) if e.type.startswith("protest.")]
    assert len(protests) == 1, [(e.date, e.place, e.evidence.text) for e in protests]
    assert protests[0].date == "2022-01-10"  # the body's own day
    assert len(protests[0].all_evidence()) == 2  # the headline's span is kept as evidence


def test_a_headline_the_body_does_not_retell_stays() -> None:
    text = "Teachers strike in Aktau\n\nOn Monday, nurses in Atyrau held a rally."
    types = sorted(e.type for e in extract_text(text, lang="en", published=PUBLISHED))
    assert types == ["protest.demonstration", "protest.strike"]


def _event(text: str, start: int, *, type: str = "protest.strike", date: str | None = None, place: str | None = None,
           rule: str = "en:strike") -> Event:
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    return Event(type=type, evidence=Evidence("d", start, end, text[start:end]), date=date, country="KZ", place=place,
                 rule=rule)


def test_is_headline_reads_title_lines_only() -> None:
    text = "Miners walk out\nMiners walked out on Monday.\nThe last line"
    assert is_headline(_event(text, 0), text)
    assert not is_headline(_event(text, 16), text)  # a sentence with its full stop
    assert not is_headline(_event(text, text.index("The last")), text)  # the text's last line


def test_a_headline_with_another_place_stays_apart() -> None:
    text = "Miners strike in Karaganda\nOil workers in Aktau went on strike on Monday."
    head = _event(text, 0, place="Karaganda")
    body = _event(text, 27, date="2022-01-10", place="Aktau")
    assert len(absorb_headlines([head, body], text)) == 2


# ---------------------------------------------------------------- merging retellings (rule 1)
TEXT = "a" * 400


def _ev(start: int, **kw: object) -> Event:
    return Event(type=str(kw.get("type", "protest.strike")), evidence=Evidence("d", start, start + 10, TEXT[start:start + 10]),
                 date=kw.get("date"), country="KZ", place=kw.get("place"), rule=str(kw.get("rule", "en:strike")))  # type: ignore[arg-type]


def test_undated_retellings_of_one_act_merge() -> None:
    # "Miners in Shakhtinsk are on strike. ... The strike in Shakhtinsk goes on." with no date anywhere
    merged = merge_retellings([_ev(0, place="Shakhtinsk"), _ev(100, place="Shakhtinsk", rule="en:strike ~place")])
    assert len(merged) == 1 and len(merged[0].all_evidence()) == 2


def test_undated_acts_in_two_places_stay_apart() -> None:
    assert len(merge_retellings([_ev(0, place="Shakhtinsk"), _ev(100, place="Abay")])) == 2


def test_an_own_date_refines_an_act_that_had_only_a_carried_day() -> None:
    first = _ev(0, date="2022-01-04", place="Aktau", rule="en:strike ~day")
    again = _ev(100, date="2022-01-05", place="Aktau")
    merged = merge_retellings([first, again])
    assert len(merged) == 1 and merged[0].date == "2022-01-05"


def test_two_own_days_are_two_acts() -> None:
    merged = merge_retellings([_ev(0, date="2022-01-04", place="Aktau"), _ev(100, date="2022-01-05", place="Aktau")])
    assert sorted(e.date for e in merged) == ["2022-01-04", "2022-01-05"]


def test_a_national_roll_up_is_not_the_main_city_event() -> None:
    # "Thousands rallied." (the document's city, inherited) and "Protests swept the country." (national)
    city = _ev(0, type="protest.demonstration", date="2022-01-05", place="Almaty", rule="en:protest ~place")
    nation = _ev(100, type="protest.demonstration", date="2022-01-05", rule="en:protest ~national")
    merged = merge_retellings([city, nation])
    assert sorted(e.place or "-" for e in merged) == ["-", "Almaty"]


def test_a_retelling_without_a_place_joins_the_act_told_before_whatever_told_it() -> None:
    # "Miners in Shakhtinsk went on strike on 4 January." then a sentence the recogniser read as the same kind of act,
    # with no place of its own ("The stoppage went on."): one act, two spans
    first = _ev(0, date="2022-01-04", place="Shakhtinsk")
    again = _ev(100, date="2022-01-04", place="Shakhtinsk", rule="model:strike ~day ~place")
    undated = _ev(200, rule="model:strike")
    merged = fold_unplaced([first, again, undated])
    assert len(merged) == 1 and len(merged[0].all_evidence()) == 3 and merged[0].date == "2022-01-04"


def test_what_a_retelling_without_a_place_does_not_join() -> None:
    strike = _ev(0, date="2022-01-04", place="Shakhtinsk")
    # another day of its own, another type, another modality: other acts
    assert len(fold_unplaced([strike, _ev(100, date="2022-01-06", rule="model:strike")])) == 2
    assert len(fold_unplaced([strike, _ev(100, date="2022-01-04", type="response.detention", rule="model:detention")])) == 2
    planned = Event(type="protest.strike", evidence=Evidence("d", 100, 110, TEXT[100:110]), date="2022-01-04",
                    country="KZ", modality="planned", rule="model:strike")
    assert len(fold_unplaced([strike, planned])) == 2
    # a national act has a place of its own (rules 6, 22); an act with a place is never folded
    assert len(fold_unplaced([strike, _ev(100, date="2022-01-04", rule="en:strike ~national")])) == 2
    assert len(fold_unplaced([strike, _ev(100, date="2022-01-04", place="Abay")])) == 2
    # an act told first without a place is not folded into a later act
    assert len(fold_unplaced([_ev(0, date="2022-01-04", rule="model:strike"), strike.with_(evidence=Evidence(
        "d", 100, 110, TEXT[100:110]))])) == 2


def test_a_headline_dated_only_by_the_story_joins_the_dated_body_event() -> None:
    # the headline's date is the story's default (the month), the body's its own day: still one act
    text = "Rallies in Aktobe\n\nOn 3 January oil workers rallied in Aktobe, demanding lower gas prices."
    protests = extract_text(text, lang="en", published=PUBLISHED)
    assert [(e.date, e.place, len(e.all_evidence())) for e in protests] == [("2022-01-03", "Aktobe", 2)]


# ---------------------------------------------------------------- several days in one date (rules 1, 7)
DAY_LISTS = [
    ("ru", "9 и 10 июня в Актобе и Атырау прошли несанкционированные митинги.",
     [("2022-06-09", "Aktobe"), ("2022-06-09", "Atyrau"), ("2022-06-10", "Aktobe"), ("2022-06-10", "Atyrau")]),
    ("en", "Protests took place in Almaty on 5 and 6 January.", [("2022-01-05", "Almaty"), ("2022-01-06", "Almaty")]),
    ("it", "Le manifestazioni si sono svolte a Trieste il 22 e 23 ottobre.",
     [("2021-10-22", "Trieste"), ("2021-10-23", "Trieste")]),
    ("de", "Am 3. und 4. März demonstrierten Bauern in Leipzig.", [("2022-03-03", "Leipzig"), ("2022-03-04", "Leipzig")]),
    ("fr", "Les 3 et 4 mars, des milliers de personnes ont manifesté à Lyon.", [("2022-03-03", "Lyon"), ("2022-03-04", "Lyon")]),
    ("es", "Los días 3 y 4 de marzo miles de personas protestaron en Sevilla.",
     [("2022-03-03", "Sevilla"), ("2022-03-04", "Sevilla")]),
]


@pytest.mark.parametrize("lang,text,events", DAY_LISTS, ids=[c[0] for c in DAY_LISTS])
def test_several_days_of_one_date_give_one_event_per_day(lang: str, text: str, events: list[tuple[str, str]]) -> None:
    got = sorted((e.date, e.place) for e in extract_text(text, lang=lang, published="2022-07-01")
                 if e.type.startswith("protest."))
    assert got == events


def test_a_range_of_days_is_one_event() -> None:
    got = [e.date for e in extract_text("Protesters rallied in Almaty from 5 to 9 January.", lang="en",
                                        published="2022-07-01")]
    assert got == ["2022-01-05"]


# ---------------------------------------------------------------- counts tell acts apart (rule 1)
COUNTED = [
    ("en", "On Sunday police in Almaty detained about 300 protesters. The same day officers detained the union's "
           "leader, and two of his deputies were detained as well.", "Police detained about 300 protesters in Almaty "
           "on Sunday, the interior ministry said."),
    ("ru", "В воскресенье полиция в Алматы задержала около 300 участников митинга. В тот же день были задержаны "
           "2 активиста профсоюза.", "По данным МВД, в воскресенье в Алматы задержали около 300 человек."),
    ("de", "Am Sonntag wurden in Almaty rund 300 Demonstranten festgenommen. Am selben Tag wurden auch 2 "
           "Gewerkschafter festgenommen.", "Laut Polizei wurden am Sonntag in Almaty rund 300 Menschen festgenommen."),
    # the count beside the trigger's own verb forms: a separable verb ("nahm ... fest"), "festgesetzt"
    ("de", "Am Sonntag nahm die Polizei in Almaty rund 300 Demonstranten fest. Am selben Tag wurden auch 2 "
           "Gewerkschafter festgesetzt.", "Laut Polizei wurden am Sonntag in Almaty rund 300 Menschen inhaftiert."),
]


@pytest.mark.parametrize("lang,text,retold", COUNTED, ids=[c[0] for c in COUNTED])
def test_detentions_of_very_different_counts_are_two_acts(lang: str, text: str, retold: str) -> None:
    def detentions(t: str) -> list[Event]:
        return [e for e in extract_text(t, lang=lang, published=PUBLISHED)
                if e.type == "response.detention" and e.modality == "asserted"]

    assert len(detentions(text)) == 2, [(e.counts, e.evidence.text[:40]) for e in detentions(text)]
    # the same count told again is the same act
    assert len(detentions(text.split(". ")[0] + ". " + retold)) == 1


# ---------------------------------------------------------------- a protest told as ending (rules 1 and 8)
ENDINGS = [
    ("en", "Coal miners in Karaganda end their strike. The strike began on Monday, January 3, in Karaganda."),
    ("fr", "Les mineurs de Karaganda ont mis fin à la grève. La grève a commencé le lundi 3 janvier à Karaganda."),
    ("fr", "À Karaganda, la grève a pris fin mardi. La grève des mineurs avait commencé le lundi 3 janvier à Karaganda."),
    ("pl", "Zakończono strajk w Karagandzie. Strajk górników w Karagandzie rozpoczął się w poniedziałek 3 stycznia."),
    ("ru", "В Караганде забастовка шахтёров была прекращена во вторник. Забастовка началась 3 января в Караганде."),
    ("es", "En Karagandá los mineros levantaron la huelga el martes. La huelga comenzó el lunes 3 de enero en Karagandá."),
]


@pytest.mark.parametrize("lang, text", ENDINGS)
def test_an_ending_joins_the_protest_it_ends(lang: str, text: str) -> None:
    strikes = [e for e in extract_text(text, lang=lang, published=PUBLISHED) if e.type == "protest.strike"]
    assert len(strikes) == 1, [(e.date, e.rule) for e in strikes]
    assert strikes[0].date == "2022-01-03" and len(strikes[0].all_evidence()) == 2


def test_an_ending_of_no_told_protest_stays_and_over_is_no_ending() -> None:
    got = extract_text("Coal miners in Karaganda ended their strike on Tuesday.", lang="en", published=PUBLISHED)
    assert [(e.type, e.date) for e in got] == [("protest.strike", "2022-01-11")]
    # "a strike over wages" is what the strike is about, not its end ("is over" is)
    over = extract_text("Miners in Karaganda held a strike over wages on Monday.", lang="en", published=PUBLISHED)
    assert [e.type for e in over] == ["protest.strike"] and "~end" not in (over[0].rule or "")
    ended = extract_text("In Karaganda the strike is over.", lang="en", published=PUBLISHED)
    assert "~end" in (ended[0].rule or "")
