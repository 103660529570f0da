"""Dates that date no event (page timestamps, update stamps, footers) and day forms the grammar must read.
Our own sentences."""
from __future__ import annotations

import pytest

from contention.extract.extractor import extract_document, extract_text
from contention.extract.grounding import story_date
from contention.extract.parse import mark_timestamps
from contention.records import Document
from contention.resolve.dates import find_dates

UPDATED = [
    ("en", "Last updated at 14:05 GMT on Tuesday, 9 March 2021\n\nMiners went on strike in Karaganda."),
    ("ru", "Обновлено в 14:05, вторник, 9 марта 2021\n\nШахтёры объявили забастовку в Караганде."),
    ("pt", "Atualizado às 14h05 de terça-feira, 9 mar 2021\n\nOs mineiros entraram em greve em Karaganda."),
    ("de", "Aktualisiert um 14:05 Uhr, Dienstag, 9. März 2021\n\nBergleute traten in Karaganda in den Streik."),
]


@pytest.mark.parametrize("lang,text", UPDATED, ids=[c[0] for c in UPDATED])
def test_a_later_update_stamp_dates_nothing(lang: str, text: str) -> None:
    events = [e for e in extract_text(text, lang=lang, published="2021-03-02") if e.type == "protest.strike"]
    assert events and all(e.date and not e.date.startswith("2021-03-09") for e in events), [(e.date, e.rule) for e in events]


def test_update_stamp_of_the_publication_day_stays_a_dateline() -> None:
    text = "Last updated: 2 March 2021, 09:00\nMiners went on strike in Karaganda."
    dates = mark_timestamps(text, find_dates(text, lang="en", anchor="2021-03-02"), "en", "2021-03-02")
    assert [d.role for d in dates] == ["point"]


def test_footer_timestamp_is_not_a_story_date() -> None:
    body = "Miners went on strike in Karaganda on Monday. " * 6
    text = body + "\n\nRelated: Teachers rally in Almaty\n14 April 2019, 10:30"
    dates = mark_timestamps(text, find_dates(text, lang="en", anchor="2021-03-02"), "en", "2021-03-02")
    assert [d.role for d in dates if d.year == 2019] == ["publication"]


def test_lower_case_weekday_abbreviations_are_words() -> None:
    assert [d.surface for d in find_dates("Workers sat outside the mine.", lang="en", anchor="2021-03-02")] == []
    assert [d.iso() for d in find_dates("Talks resume on Sat.", lang="en", anchor="2021-03-03")] == ["2021-02-27"]


def test_kazakh_day_with_locative_suffix() -> None:
    got = find_dates("Желтоқсанның 16-сында жұмысшылар алаңға шықты.", lang="kk", anchor="2012-01-20")
    assert [d.iso() for d in got] == ["2011-12-16"]


def test_kazakh_day_with_dative_and_ablative_suffixes() -> None:
    """"қаңтардың 5-іне дейін" (until 5 January), "наурыздың 3-інен бастап" (since 3 March): the day is read with its
    case ending, and the role word after it gives the role."""
    got = find_dates("Билік қаңтардың 5-іне дейін шектеу енгізді.", lang="kk", anchor="2012-01-10")
    assert [(d.iso(), d.role) for d in got] == [("2012-01-05", "until")]
    got = find_dates("Наурыздың 3-інен бастап кеншілер ереуілдеп жатыр.", lang="kk", anchor="2012-03-20")
    assert [(d.iso(), d.role) for d in got] == [("2012-03-03", "since")]


RECENT = [
    ("en", "Police detained twenty protesters in Almaty yesterday.\n\nThe workers want higher pay.\n\nThe company gave no comment.\n\nThe governor began talks with the workers."),
    ("ru", "Вчера полиция задержала двадцать участников акции в Алматы.\n\nРабочие хотят выше зарплату.\n\nКомпания не дала комментариев.\n\nВласти начали переговоры с рабочими."),
    ("es", "Ayer la policía detuvo a veinte manifestantes en Almaty.\n\nLos obreros quieren más salario.\n\nLa empresa no hizo comentarios.\n\nLas autoridades iniciaron negociaciones con los trabajadores."),
]


@pytest.mark.parametrize("lang,text", RECENT, ids=[c[0] for c in RECENT])
def test_story_day_is_the_recent_day_the_news_tells(lang: str, text: str) -> None:
    """An undated sentence far from any date, in a story about yesterday, is dated to yesterday, not to the
    publication month."""
    got = extract_text(text, lang=lang, published="2024-04-09")
    talks = [e for e in got if e.type == "response.negotiation"]
    assert talks and talks[0].date == "2024-04-08", [(e.type, e.date) for e in got]


TWO_DAYS = [
    ("en", "Police detained twenty protesters in Almaty yesterday. Teachers also walked out on Sunday."),
    ("ru", "Вчера полиция задержала двадцать участников акции в Алматы. Учителя бастовали в воскресенье."),
    ("pt", "Ontem a polícia deteve vinte manifestantes em Almaty. Os professores fizeram greve no domingo."),
]


@pytest.mark.parametrize("lang,text", TWO_DAYS, ids=[c[0] for c in TWO_DAYS])
def test_two_days_named_alike_the_latest_is_the_story_day(lang: str, text: str) -> None:
    """Two recent days named once each: the story is at the later one (the news tells the last), not at the month."""
    dates = find_dates(text, lang=lang, anchor="2024-04-10")  # a Wednesday: yesterday Tuesday 9, Sunday 7
    assert story_date(dates, "2024-04-10") == "2024-04-09"


def test_many_days_named_alike_leave_the_month() -> None:
    """A chronology of several days, each named once, gives no story day: the month."""
    text = "On 2 April miners struck. On 4 April they marched. On 6 April police detained ten. On 8 April talks began."
    assert story_date(find_dates(text, lang="en", anchor="2024-04-15"), "2024-04-15") == "2024-04"


@pytest.mark.parametrize("lang,text", [
    ("en", ("Doctors have been on strike since 3 April. Police detained ten of them on 5 April. "
           "Since 3 April no clinic has opened.")),
    ("es", ("Los médicos están en huelga desde el 3 de abril. La policía detuvo a diez el 5 de abril. "
           "Desde el 3 de abril no abrió ninguna clínica.")),
])
def test_a_start_date_does_not_vote_for_the_story_day(lang: str, text: str) -> None:
    """"Since 3 April", named twice, is when the strike began, not the day the story tells."""
    assert story_date(find_dates(text, lang=lang, anchor="2024-04-06"), "2024-04-06") == "2024-04-05"


@pytest.mark.parametrize("lang,published,text,start", [
    ("en", "2024-04-10", ("Hundreds of nurses have rallied outside the regional hospital in Tartu since Sunday, "
                         "demanding back pay."), "2024-04-07"),
    ("pl", "2024-04-10", "Od 2 kwietnia kilkanaście pielęgniarek prowadzi w Krakowie głodówkę w holu szpitala.",
     "2024-04-02"),
    ("ru", "2024-04-10", "Со 2 апреля в Караганде несколько десятков шахтёров держат голодовку в шахте.",
     "2024-04-02"),
])
def test_a_start_date_in_the_clause_of_a_protest_dates_it(lang: str, published: str, text: str, start: str) -> None:
    """"Since Sunday", "od 2 kwietnia", "со 2 апреля", anywhere in the protest's own clause, however far from its verb:
    a long protest is dated to its start (rule 8), not to the story's day."""
    res = extract_document(Document("d", text, lang=lang, published=published), recogniser=False)
    assert [e.date for e in res.events if e.type.startswith("protest.")] == [start]


@pytest.mark.parametrize("lang,text", [
    ("en", "Police fired on striking workers on Monday. On Monday evening the unions called a new rally."),
    ("ru", "В понедельник полиция открыла огонь по бастующим. В понедельник вечером профсоюзы призвали к митингу."),
    ("fr", "Lundi, la police a tiré sur les grévistes. Lundi soir, les syndicats ont appelé à un rassemblement."),
])
def test_the_recent_day_of_the_story_may_be_in_the_month_before(lang: str, text: str) -> None:
    """Published on Wednesday 1 June about Monday 30 May: the story's day is the Monday, across the month's end (the
    publication month alone would leave it out and date undated sentences to 1 June)."""
    assert story_date(find_dates(text, lang=lang, anchor="2011-06-01"), "2011-06-01") == "2011-05-30"


# A protest under way for a stated time is dated to its start (rule 8), the days inclusive; a sentence of
# detention or a truce is not a running protest. (lang, publication, text, type, expected date)
RUNNING = [
    ("en", "2023-03-10", "Bus drivers in Shymkent have been on strike for the past two weeks.", "protest.strike",
     "2023-02-24"),
    ("en", "2023-03-10", "The five-day sit-in outside the Taraz akimat ended on Friday.", "protest.demonstration",
     "2023-03-06"),
    ("en", "2023-03-10", "Nurses in Aktobe rallied on Friday for the third day in a row.", "protest.demonstration",
     "2023-03-08"),
    ("ru", "2023-03-10", "Учителя в Уральске бастуют уже десять дней.", "protest.strike", "2023-03-01"),
    ("ru", "2023-03-10", "Пятый день подряд жители Атырау выходят на митинг у акимата.", "protest.demonstration",
     "2023-03-06"),
    ("uk", "2023-03-10", "Шахтарі у Павлограді страйкують вже два тижні.", "protest.strike", "2023-02-24"),
    ("kk", "2023-03-10", "Ақтөбеде жұмысшылар 4 күннен бері ереуілге шығып отыр.", "protest.strike", "2023-03-07"),
    ("es", "2023-03-10", "Los mineros de Oruro llevan doce días en huelga.", "protest.strike", "2023-02-27"),
    ("pt", "2023-03-10", "A greve dos garis de Recife já dura doze dias.", "protest.strike", "2023-02-27"),
    ("fr", "2023-03-10", "Les dockers de Nantes sont en grève depuis deux semaines.", "protest.strike", "2023-02-24"),
    ("fr", "2023-03-10", "Vendredi, les étudiants de Rennes en étaient au 4e jour de blocage de la fac.",
     "protest.demonstration", "2023-03-07"),
    ("de", "2023-03-10", "Die Lokführer in Leipzig streiken seit drei Wochen.", "protest.strike", "2023-02-17"),
    ("it", "2023-03-10", "Da cinque giorni gli operai di Taranto sono in sciopero.", "protest.strike", "2023-03-06"),
    ("pl", "2023-03-10", "Pielęgniarki w Lublinie strajkują od sześciu dni.", "protest.strike", "2023-03-05"),
    ("et", "2023-03-10", "Tartus kestnud juba kaheksa päeva streik jätkub.", "protest.strike", "2023-03-03"),
]


@pytest.mark.parametrize("lang,published,text,etype,want", RUNNING, ids=[f"{c[0]}-{i}" for i, c in enumerate(RUNNING)])
def test_a_running_protest_is_dated_to_its_start(lang: str, published: str, text: str, etype: str, want: str) -> None:
    got = [e.date for e in extract_text(text, lang=lang, published=published) if e.type == etype]
    assert got == [want]


@pytest.mark.parametrize("lang,text", [
    ("en", "Two protesters in Taraz were jailed for fifteen days."),
    ("ru", "Двое участников митинга в Таразе арестованы на 15 суток."),
    ("fr", "Après deux jours de trêve, les manifestants sont revenus vendredi dans les rues de Rennes."),
], ids=["en", "ru", "fr"])
def test_a_stated_time_that_is_not_the_protests_own_moves_nothing(lang: str, text: str) -> None:
    dates = {e.date for e in extract_text(text, lang=lang, published="2023-03-10") if e.type.startswith("protest.")}
    assert dates <= {"2023-03-10"}, dates


# a dateline is no day the story tells: "PARIS, March 8 - ... on Tuesday" (published Wednesday 8 March) tells Tuesday,
# and the acts told paragraphs later with no date of their own take Tuesday, not the dateline's day
DATELINE_STORY = [
    ("en", "Nationwide strike against the pension reform paralyses trains and schools",
     ("PARIS, March 8 - Trains and schools across France were paralysed on Tuesday by a strike against the pension "
     "reform."), "The reform raises the retirement age from 62 to 64.",
     "In Lyon, thousands of people marched through the city centre. Police detained twelve people in Nantes."),
    ("fr", "Grève nationale contre la réforme des retraites : trains et écoles paralysés",
     "PARIS, 8 mars - Les trains et les écoles ont été paralysés mardi par une grève contre la réforme des retraites.",
     "La réforme porte l'âge de départ de 62 à 64 ans.",
     ("À Lyon, des milliers de personnes ont défilé dans le centre-ville. La police a interpellé douze personnes à "
     "Nantes.")),
    ("de", "Landesweiter Streik gegen die Rentenreform legt Züge und Schulen lahm",
     ("PARIS, 8. März - Ein Streik gegen die Rentenreform hat am Dienstag Züge und Schulen in ganz Frankreich "
     "lahmgelegt."), "Die Reform hebt das Rentenalter von 62 auf 64 Jahre an.",
     "In Lyon demonstrierten Tausende Menschen in der Innenstadt. Die Polizei nahm in Nantes zwölf Menschen fest."),
    ("ru", "Общенациональная забастовка против пенсионной реформы парализовала поезда и школы",
     "ПАРИЖ, 8 марта - Во вторник забастовка против пенсионной реформы парализовала поезда и школы по всей Франции.",
     "Реформа повышает пенсионный возраст с 62 до 64 лет.",
     "В Лионе тысячи человек прошли маршем по центру города. Полиция задержала двенадцать человек в Нанте."),
]


@pytest.mark.parametrize("lang,headline,lead,background,acts", DATELINE_STORY, ids=[c[0] for c in DATELINE_STORY])
def test_a_dateline_is_no_day_the_story_tells(lang: str, headline: str, lead: str, background: str, acts: str) -> None:
    text = "\n\n".join([headline, lead, background, background, acts])
    events = [e for e in extract_text(text, lang=lang, published="2023-03-08") if e.evidence.text in acts]
    assert {e.type for e in events} == {"protest.demonstration", "response.detention"}
    assert {e.date for e in events} == {"2023-03-07"}, [(e.type, e.date, e.rule) for e in events]


# an anniversary piece: published six years to the day later, it names the years-ago twice and the night once;
# the story it tells is that November, not the month it was published in (rule 8: text anchors beat the default)
YEARS_AGO = [
    ("en", "Six years ago, on 30 November 2013, students gathered on the square. Six years ago the city did not sleep."),
    ("ru", "Шесть лет назад, 30 ноября 2013 года, студенты собрались на площади. Шесть лет назад город не спал."),
    ("uk", "Шість років тому, 30 листопада 2013 року, студенти зібралися на площі. Шість років тому місто не спало."),
    ("kk", "Алты жыл бұрын, 2013 жылғы 30 қарашада студенттер алаңға жиналды. Алты жыл бұрын қала ұйықтамады."),
    ("pt", "Há seis anos, em 30 de novembro de 2013, estudantes reuniram-se na praça. Há seis anos a cidade não dormiu."),
    ("es", ("Hace seis años, el 30 de noviembre de 2013, los estudiantes se reunieron en la plaza. Hace seis años la "
           "ciudad no durmió.")),
    ("fr", ("Il y a six ans, le 30 novembre 2013, des étudiants se sont rassemblés sur la place. Il y a six ans, la "
           "ville n'a pas dormi.")),
    ("de", ("Vor sechs Jahren, am 30. November 2013, versammelten sich Studenten auf dem Platz. Vor sechs Jahren "
           "schlief die Stadt nicht.")),
    ("it", "Sei anni fa, il 30 novembre 2013, gli studenti si radunarono in piazza. Sei anni fa la città non dormì."),
    ("pl", "Sześć lat temu, 30 listopada 2013 roku, studenci zebrali się na placu. Sześć lat temu miasto nie spało."),
    ("et", ("Kuus aastat tagasi, 30. novembril 2013, kogunesid üliõpilased väljakule. Kuus aastat tagasi linn ei "
           "maganud.")),
]


@pytest.mark.parametrize("lang,text", YEARS_AGO, ids=[c[0] for c in YEARS_AGO])
def test_years_ago_make_an_anniversary_piece_tell_that_years_month(lang: str, text: str) -> None:
    assert story_date(find_dates(text, lang=lang, anchor="2019-11-30"), "2019-11-30") == "2013-11-30"


def test_last_year_once_leaves_a_news_story_in_its_publication_month() -> None:
    text = ("Miners went on strike in Karaganda on Monday. Last year they struck in November too. "
            "On 25 November the mine's owner met the strike committee.")
    assert story_date(find_dates(text, lang="en", anchor="2019-11-30"), "2019-11-30").startswith("2019-11")


# an act told as done cannot postdate its report: the later year is what the act schedules (rule 8)
SCHEDULED_YEAR = [
    ("en", "Miners in Karaganda went on strike. The government has agreed to raise wages in 2020."),
    ("ru", "Шахтёры Караганды объявили забастовку. Правительство согласилось повысить зарплату в 2020 году."),
    ("uk", "Шахтарі Караганди оголосили страйк. Уряд погодився підвищити зарплату у 2020 році."),
    ("kk", "Қарағанды кеншілері ереуілге шықты. Үкімет 2020 жылы жалақыны көтеруге келісті."),
    ("pl", "Górnicy w Katowicach rozpoczęli strajk. Rząd zgodził się podnieść płace w 2020 roku."),
    ("fr", "Les mineurs de Karaganda se sont mis en grève. Le gouvernement a accepté d'augmenter les salaires en 2020."),
    ("es", "Los mineros de Karagandá se declararon en huelga. El gobierno aceptó subir los salarios en 2020."),
    ("de", "Die Bergleute in Karaganda traten in den Streik. Die Regierung hat zugestimmt, die Löhne 2020 zu erhöhen."),
    ("it", "I minatori di Karaganda sono entrati in sciopero. Il governo ha accettato di aumentare i salari nel 2020."),
    ("pt", "Os mineiros de Karaganda entraram em greve. O governo aceitou aumentar os salários em 2020."),
]


@pytest.mark.parametrize("lang,text", SCHEDULED_YEAR, ids=[c[0] for c in SCHEDULED_YEAR])
def test_a_concession_for_next_year_is_dated_when_it_was_agreed(lang: str, text: str) -> None:
    events = extract_text(text, lang=lang, published="2019-06-24")
    assert [e.date for e in events if e.type == "response.material_concession"] == ["2019-06-24"]


@pytest.mark.parametrize("published", ["24.06.2019", "June 24, 2019", "2019-06-24T08:30:00Z"])
def test_the_publication_date_is_compared_as_parsed(published: str) -> None:
    events = extract_text(SCHEDULED_YEAR[0][1], lang="en", published=published)
    assert [e.date for e in events if e.type == "response.material_concession"] == ["2019-06-24"]


#: a bare year older than the story's, far from the act in its sentence, is background (a career, a revolution
#: long past): the act takes the story's date (rule 8)
BACKGROUND_YEAR = [
    ("en", "The president, who came to power after the revolution of 2003, sent riot police against the thousands of protesters in Tbilisi."),
    ("ru", "Президент, пришедший к власти после революции 2003 года, направил в центр столицы спецназ против тысяч протестующих."),
    ("uk", "Президент, який прийшов до влади після революції 2003 року, направив у центр столиці спецназ проти тисяч протестувальників."),
    ("de", "Der Präsident, der nach der Revolution von 2003 an die Macht kam, schickte die Polizei gegen Tausende Demonstranten in Tiflis."),
    ("fr", "Le président, arrivé au pouvoir après la révolution de 2003, a envoyé la police contre des milliers de manifestants à Tbilissi."),
    ("es", "El presidente, que llegó al poder tras la revolución de 2003, envió al centro de la capital a la policía contra miles de manifestantes."),
    ("it", "Il presidente, salito al potere dopo la rivoluzione del 2003, ha mandato la polizia contro migliaia di manifestanti a Tbilisi."),
    ("pt", "O presidente, que chegou ao poder após a revolução de 2003, enviou ao centro da capital a polícia contra milhares de manifestantes."),
    ("pl", "Prezydent, który doszedł do władzy po rewolucji w 2003 roku, wysłał do centrum stolicy policję przeciwko tysiącom demonstrantów."),
]


@pytest.mark.parametrize("lang,text", BACKGROUND_YEAR, ids=[c[0] for c in BACKGROUND_YEAR])
def test_a_background_year_far_from_the_protest_does_not_date_it(lang: str, text: str) -> None:
    events = extract_text(text, lang=lang, published="2007-11-08")
    assert [e.date for e in events if e.type == "protest.demonstration"] == ["2007-11-08"]


@pytest.mark.parametrize("text", [
    "Thousands of protesters gathered in Tbilisi in 2003.",
    "In 2003, thousands of protesters gathered in Tbilisi and demanded the president's resignation.",
])
def test_a_year_close_to_the_protest_or_opening_its_sentence_still_dates_it(text: str) -> None:
    events = extract_text(text, lang="en", published="2007-11-08")
    assert [e.date for e in events if e.type == "protest.demonstration"] == ["2003"]


NAMED = [
    # a month inside a longer place name
    ("pt", "Milhares de manifestantes ocuparam o centro do Rio de Janeiro.", "Rio de Janeiro"),
    # a date right after a street or square word, with or without a day, in Roman numerals too
    ("es", "Miles de personas ocupaban la Plaza de Mayo en Buenos Aires.", "Buenos Aires"),
    ("pt", "Milhares de manifestantes ocuparam a Praça XV de Novembro em Curitiba.", "Curitiba"),
    ("ru", "Около ста человек вышли на митинг на проспекте 25 Октября в Гродно.", "Grodno"),
]


@pytest.mark.parametrize("lang, text, place", NAMED)
def test_a_date_in_a_name_dates_nothing(lang: str, text: str, place: str) -> None:
    # the protest takes the publication day (the story's), not the month the name holds
    got = [(e.date, e.place) for e in extract_text(text, lang=lang, published="2013-06-20") if e.type.startswith("protest.")]
    assert got == [("2013-06-20", place)]


def test_a_date_after_a_street_word_with_its_own_day_stays() -> None:
    got = extract_text("El 20 de mayo miles de personas marcharon por la Avenida 9 de Julio en Buenos Aires.", lang="es",
                       published="2013-06-20")
    assert [e.date for e in got] == ["2013-05-20"]


AFTER_DATELINE = [
    ("en", "DEC. 29 2013 (The Caspian Weekly Bulletin) — On Dec. 25, a trader whose restaurant officials had bulldozed years ago sat "
           "outside the economy ministry in central Baku, doused himself in fuel and set himself on fire."),
    ("ru", "БАКУ, 29 дек (Каспийский еженедельный бюллетень) — 25 декабря торговец, чей ресторан чиновники снесли много лет назад, сел у "
           "здания министерства экономики в центре Баку, облил себя бензином и совершил самосожжение."),
    ("fr", "BAKOU, 29 déc. (Bulletin hebdomadaire caspien) — Le 25 décembre, un commerçant dont le restaurant avait été rasé par des "
           "fonctionnaires il y a des années s'est assis devant le ministère à Bakou et s'est immolé par le feu."),
]


@pytest.mark.parametrize("lang, text", AFTER_DATELINE, ids=[c[0] for c in AFTER_DATELINE])
def test_a_date_opening_the_sentence_after_a_dateline_dates_all_of_it(lang: str, text: str) -> None:
    got = [e.date for e in extract_text(text, lang=lang, published="2013-12-29") if e.type == "protest.other"]
    assert got == ["2013-12-25"]
