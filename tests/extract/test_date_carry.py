"""How undated sentences are dated from the text around them (coding rules 2 and 8).

Our own sentences, not the dev set's: an account published days after the events it narrates keeps
the day it names for the undated sentences that follow; "that day" / "the next day" reach back to the
day named last; present-tense sentences and sentences far from the named day keep the story's date.
"""
from __future__ import annotations

import pytest

from contention.extract.extractor import extract_text
from contention.extract.merge import merge_retellings
from contention.records import Event, Evidence


def _dates(text: str, lang: str, published: str | None, kind: str) -> list[str | None]:
    return [e.date for e in extract_text(text, lang=lang, published=published) if e.type == kind]


def test_undated_sentence_of_an_account_takes_the_day_it_names() -> None:
    text = ("Oil workers of Zhanaozen marched to the akimat on 16 March. "
            "Riot police dispersed the strikers with tear gas.")
    assert _dates(text, "en", "2024-03-21", "response.physical_force") == ["2024-03-16"]


def test_account_day_carries_past_undated_sentences_in_russian() -> None:
    text = ("16 марта нефтяники Жанаозена вышли на площадь. Они требовали повысить зарплату. "
            "Полиция задержала около двадцати человек.")
    assert _dates(text, "ru", "2024-03-21", "response.detention") == ["2024-03-16"]


def test_that_day_reaches_back_past_an_undated_sentence() -> None:
    # before: an undated sentence between the day and "в этот день" broke the chain (story month instead)
    text = ("11 апреля рабочие собрались у здания министерства в Астане. Их поддержали жители Жанаозена. "
            "Также в этот день полиция задержала трех активистов.")
    assert _dates(text, "ru", "2024-04-17", "response.detention") == ["2024-04-11"]


def test_that_day_reaches_across_paragraphs() -> None:
    text = "Dockers struck in Aktau on 4 June.\n\nThey want higher pay.\n\nPolice detained the strike committee that day."
    assert _dates(text, "en", "2024-06-12", "response.detention") == ["2024-06-04"]


def test_next_day_counts_one_day_on() -> None:
    text = "Teachers rallied in Shymkent on 12 May. The next day, police detained three organisers."
    assert _dates(text, "en", "2024-05-20", "response.detention") == ["2024-05-13"]
    text = "Am 6. Februar traten Bergleute in Karaganda in den Streik. Am nächsten Tag nahm die Polizei drei Gewerkschafter fest."
    assert _dates(text, "de", "2024-02-14", "response.detention") == ["2024-02-07"]


@pytest.mark.parametrize("lang, text", [
    ("en", "Teachers rallied in Shymkent on 12 May. The previous day, police detained three organisers."),
    ("ru", "12 мая учителя вышли на митинг в Шымкенте. Накануне полиция задержала трех организаторов."),
    ("uk", "12 травня вчителі вийшли на мітинг у Шимкенті. Напередодні поліція затримала трьох організаторів."),
    ("de", "Am 12. Mai demonstrierten Lehrer in Schymkent. Am Vortag nahm die Polizei drei Organisatoren fest."),
    ("fr", "Le 12 mai, des enseignants ont manifesté à Chymkent. La veille, la police avait interpellé trois organisateurs."),
    ("es", "El 12 de mayo, maestros se manifestaron en Shymkent. El día anterior, la policía detuvo a tres organizadores."),
    ("it", "Il 12 maggio gli insegnanti hanno manifestato a Shymkent. Il giorno prima la polizia aveva arrestato tre organizzatori."),
    ("pt", "Em 12 de maio, professores protestaram em Shymkent. Na véspera, a polícia deteve três organizadores."),
    ("pl", "12 maja nauczyciele protestowali w Szymkencie. Dzień wcześniej policja zatrzymała trzech organizatorów."),
])
def test_previous_day_counts_one_day_back(lang: str, text: str) -> None:
    assert _dates(text, lang, "2024-05-20", "response.detention") == ["2024-05-11"]


@pytest.mark.parametrize("lang, text", [
    ("en", "Teachers rallied in Shymkent on 12 May. Two days later, police detained three organisers."),
    ("ru", "12 мая учителя вышли на митинг в Шымкенте. Через два дня полиция задержала трех организаторов."),
    ("uk", "12 травня вчителі вийшли на мітинг у Шимкенті. Через два дні поліція затримала трьох організаторів."),
    ("de", "Am 12. Mai demonstrierten Lehrer in Schymkent. Zwei Tage später nahm die Polizei drei Organisatoren fest."),
    ("fr", "Le 12 mai, des enseignants ont manifesté à Chymkent. Deux jours plus tard, la police a interpellé trois organisateurs."),
    ("es", "El 12 de mayo, maestros se manifestaron en Shymkent. Dos días después, la policía detuvo a tres organizadores."),
    ("it", "Il 12 maggio gli insegnanti hanno manifestato a Shymkent. Due giorni dopo la polizia ha arrestato tre organizzatori."),
    ("pt", "Em 12 de maio, professores protestaram em Shymkent. Dois dias depois, a polícia deteve três organizadores."),
    ("pl", "12 maja nauczyciele protestowali w Szymkencie. Dwa dni później policja zatrzymała trzech organizatorów."),
])
def test_days_later_counts_on_from_the_day_named_last(lang: str, text: str) -> None:
    assert _dates(text, lang, "2024-05-20", "response.detention") == ["2024-05-14"]


def test_days_later_never_reaches_past_the_publication_date() -> None:
    text = "Teachers rallied in Shymkent on 12 May. A week later, police detained three organisers."
    assert _dates(text, "en", "2024-05-15", "response.detention") == ["2024-05-12"]


def test_the_eve_of_an_anniversary_is_not_the_day_before() -> None:
    # "накануне годовщины": the eve of another day than the one named last
    text = "12 мая учителя вышли на митинг в Шымкенте. Накануне пятой годовщины забастовки полиция задержала трех организаторов."
    assert _dates(text, "ru", "2024-05-20", "response.detention") == ["2024-05-12"]


def test_previous_day_late_in_a_sentence_compares_and_keeps_its_day() -> None:
    # "200 detained, against 150 the day before": the sentence's act is on the day named last
    text = "Riots broke out in Nanterre on 30 June. Police detained 200 people, against 150 the day before."
    assert _dates(text, "en", "2024-07-02", "response.detention") == ["2024-06-30"]


def test_present_tense_sentence_keeps_the_story_date() -> None:
    text = "Farmers blocked the highway near Taraz on 2 April. The regional governor is now negotiating with them."
    assert _dates(text, "en", "2024-04-09", "response.negotiation") == ["2024-04"]


def test_named_day_does_not_date_paragraphs_far_after_it() -> None:
    text = ("The new fare took effect on 2 June.\n"
            "The mayor said the budget would be reviewed.\n"
            "Officials spoke for an hour.\n"
            "Police detained five protesters in Almaty.")
    assert _dates(text, "en", "2024-06-19", "response.detention") == ["2024-06"]


def test_undated_sentence_without_publication_date_still_takes_the_named_day() -> None:
    text = "Violence erupted in Zhanaozen on December 16, 2011. Rioters set fire to the akimat."
    assert _dates(text, "en", None, "protest.riot") == ["2011-12-16"]


def test_year_pinned_to_january_by_publication() -> None:
    text = "At the beginning of the year 2024, miners went on strike in Karaganda."
    assert _dates(text, "en", "2024-01-06", "protest.strike") == ["2024-01"]
    assert _dates(text, "en", "2024-06-06", "protest.strike") == ["2024"]  # not pinned: the year only


def test_period_phrases_keep_the_month() -> None:
    cases = [
        ("ru", "В начале января тысячи людей вышли на митинг в Алматы.", "2024-02-01"),
        ("es", "A principios de enero, miles de personas marcharon en Almaty.", "2024-02-01"),
        ("fr", "Début janvier, des milliers de personnes ont manifesté à Almaty.", "2024-02-01"),
        ("de", "Anfang Januar demonstrierten Tausende in Almaty.", "2024-02-01"),
        ("pl", "Na początku stycznia tysiące ludzi protestowało w Ałmaty.", "2024-02-01"),
    ]
    for lang, text, published in cases:
        got = [e.date for e in extract_text(text, lang=lang, published=published) if e.type.startswith("protest.")]
        assert got and all(d == "2024-01" for d in got), (lang, got)


def _ev(date: str, start: int, rule: str) -> Event:
    ev = Evidence("d", start, start + 10, "x" * 10)
    return Event(type="protest.demonstration", evidence=ev, date=date, country="KZ", place="Almaty",
                 admin1="Almaty", rule=rule)


def test_carried_day_does_not_split_a_retelling() -> None:
    first = _ev("2024-06-19", 0, "en:protest")
    carried = _ev("2024-06-02", 50, "en:protest ~day")
    assert len(merge_retellings([first, carried])) == 1
    own = _ev("2024-06-02", 50, "en:protest")  # a day the sentence names itself is a new act
    assert len(merge_retellings([first, own])) == 2
    other_month = _ev("2024-05-30", 50, "en:protest ~day")
    assert len(merge_retellings([first, other_month])) == 2


def test_a_planned_day_month_counts_forward_from_publication() -> None:
    # rule 8: planned events count forward; "on 20 May" in a report of 10 May is this year's, not last year's
    from contention.extract.extractor import extract_document
    from contention.records import Document

    text = ("Oil workers in Zhanaozen went on strike on 8 May. "
            "The union said the workers plan to hold a rally on 20 May if their demands are not met.")
    res = extract_document(Document("plan", text, lang="en", published="2023-05-10"), semantic="off")
    got = {(e.type, e.modality): e.date for e in res.events}
    assert got[("protest.strike", "asserted")] == "2023-05-08"
    assert got[("protest.demonstration", "planned")] == "2023-05-20"


TEXT_ANCHORED = [
    ("en", ("The article recalls the rally of 12 April 2015 in Aktobe. The rally on 12 April ended peacefully. "
           "Police detained four students."), "response.detention", "2015-04-12"),
    ("pl", ("Artykuł opisuje wiec z 12 kwietnia 2015 roku w Aktobe. Wiec 12 kwietnia zakończył się spokojnie. "
           "Policja zatrzymała czterech studentów."), "response.detention", "2015-04-12"),
    ("ru", ("Статья напоминает о митинге 12 апреля 2015 года в Актобе. Митинг 12 апреля прошёл мирно. "
           "Полиция задержала четырёх студентов."), "response.detention", "2015-04-12"),
    ("es", ("El artículo recuerda la marcha del 12 de abril de 2015 en Aktobe. Al día siguiente, el 13 de abril, "
           "la policía detuvo a cuatro estudiantes."), "response.detention", "2015-04-13"),
]


@pytest.mark.parametrize("lang,text,kind,expected", TEXT_ANCHORED, ids=[c[0] for c in TEXT_ANCHORED])
def test_a_written_year_dates_the_day_month_dates_of_its_account(lang: str, text: str, kind: str, expected: str) -> None:
    """Rule 8 (v1.2.1): "12 April" right after "12 April 2015" is 2015, not the publication year; the undated
    sentence after it stays in that account's year."""
    assert _dates(text, lang, "2020-11-14", kind) == [expected]


ANNIVERSARY = [
    ("en", ("Ten years on\n\nTen years ago, on the night of 14 May 2011, the centre of Aktobe saw its worst riots.\n\n"
           "On the evening of 13 May about a thousand people gathered at the akimat.\n\n"
           "Police detained some two hundred people on 15 May.")),
    ("ru", ("Десять лет спустя\n\nДесять лет назад, в ночь на 14 мая 2011 года, центр Актобе пережил беспорядки.\n\n"
           "Вечером 13 мая у акимата собралось около тысячи человек.\n\n"
           "Полиция задержала около двухсот человек 15 мая.")),
    ("de", ("Zehn Jahre danach\n\nVor zehn Jahren, in der Nacht zum 14. Mai 2011, erlebte Aktobe schwere Unruhen.\n\n"
           "Am Abend des 13. Mai versammelten sich rund tausend Menschen vor dem Akimat.\n\n"
           "Die Polizei nahm am 15. Mai rund zweihundert Menschen fest.")),
    ("pt", ("Dez anos depois\n\nHá dez anos, na noite de 14 de maio de 2011, o centro de Aktobe viveu tumultos.\n\n"
           "Na noite de 13 de maio, cerca de mil pessoas concentraram-se diante do akimat.\n\n"
           "A polícia deteve cerca de duzentas pessoas a 15 de maio.")),
    ("pl", ("Dziesięć lat później\n\nDziesięć lat temu, w nocy z 13 na 14 maja 2011 roku, centrum Aktobe ogarnęły "
           "zamieszki.\n\nWieczorem 13 maja przed akimatem zebrało się około tysiąca osób.\n\n"
           "Policja zatrzymała 15 maja około dwustu osób.")),
    ("es", ("Diez años después\n\nHace diez años, en la noche del 14 de mayo de 2011, el centro de Aktobe vivió "
           "disturbios.\n\nLa tarde del 13 de mayo, cerca de mil personas se concentraron ante el akimat.\n\n"
           "La policía detuvo a unas doscientas personas el 15 de mayo.")),
    ("fr", ("Dix ans après\n\nIl y a dix ans, dans la nuit du 14 mai 2011, le centre d'Aktobe a connu des émeutes.\n\n"
           "Le soir du 13 mai, un millier de personnes se sont rassemblées devant l'akimat.\n\n"
           "La police a arrêté quelque deux cents personnes le 15 mai.")),
    ("it", ("Dieci anni dopo\n\nDieci anni fa, nella notte del 14 maggio 2011, il centro di Aktobe fu teatro di "
           "disordini.\n\nLa sera del 13 maggio circa mille persone si radunarono davanti all'akimat.\n\n"
           "La polizia arrestò circa duecento persone il 15 maggio.")),
    ("uk", ("Десять років потому\n\nДесять років тому, в ніч на 14 травня 2011 року, центр Актобе пережив "
           "заворушення.\n\nУвечері 13 травня біля акімату зібралося близько тисячі людей.\n\n"
           "Поліція затримала близько двохсот людей 15 травня.")),
    ("kk", ("Он жыл өтті\n\nОн жыл бұрын, 2011 жылғы 14 мамыр түні Ақтөбе орталығында тәртіпсіздік болды.\n\n"
           "13 мамыр күні кешке әкімдік алдына мыңға жуық адам жиналды.\n\n"
           "Полиция 15 мамырда екі жүзге жуық адамды ұстады.")),
    ("et", ("Kümme aastat hiljem\n\nKümme aastat tagasi, 14. mail 2011 öösel, puhkesid Aktöbe kesklinnas rahutused."
           "\n\n13. mai õhtul kogunes akimaadi ette umbes tuhat inimest.\n\n"
           "Politsei pidas 15. mail kinni umbes kakssada inimest.")),
]


@pytest.mark.parametrize("lang,text", ANNIVERSARY, ids=[c[0] for c in ANNIVERSARY])
def test_an_anniversary_piece_tells_its_night_in_the_year_it_names(lang: str, text: str) -> None:
    """Rule 8 (v1.2.1): published ten years later, the piece names the year once and tells the night in the
    paragraphs after it: the eve ("13 May", a day before the written date) and the day after are of that year."""
    assert _dates(text, lang, "2021-05-14", "response.detention") == ["2011-05-15"]
    from contention.extract.parse import text_anchored_years
    from contention.resolve.dates import find_dates

    eve = [d for d in text_anchored_years(text, find_dates(text, lang=lang, anchor="2021-05-14"))
           if d.day == 13 and d.month == 5]
    assert [d.year for d in eve] == [2011]


def test_a_day_month_date_far_from_a_written_year_keeps_the_publication_year() -> None:
    text = ("The law was passed on 2 March 2015.\n\nOn 20 October workers of Aktobe went on strike.")
    assert _dates(text, "en", "2020-11-14", "protest.strike") == ["2020-10-20"]


@pytest.mark.parametrize("lang, text", [
    ("en", ("Protesters clashed with police in Nukus. On Saturday the president declared a month-long state of "
           "emergency beginning July 3.")),
    ("en", "Protesters clashed with police in Nukus. On Saturday the president imposed a curfew effective July 3."),
    ("fr", ("Des manifestants ont affronté la police à Noukous. Samedi, le président a décrété l'état d'urgence à "
           "compter du 3 juillet.")),
])
def test_a_measure_is_dated_when_it_was_declared_not_when_it_takes_effect(lang: str, text: str) -> None:
    assert _dates(text, lang, "2022-07-04", "response.emergency_measures") == ["2022-07-02"]
