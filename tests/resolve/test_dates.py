"""Table-driven tests of contention.resolve.dates (our own sentences, not the dev set's)."""
from __future__ import annotations

import pytest

from contention.errors import ConfigError
from contention.resolve.dates import DateMention, date_languages, find_dates, parse_published

P, S, U, SCH, DUR, PUB = "point", "since", "until", "scheduled", "duration", "publication"

CASES = [
    # ---- en
    ("en", "Riot police fired on strikers on December 16, 2011 in the square.", None,
     [("December 16, 2011", "2011-12-16", P)]),
    ("en", "On 16 December 2011 the oil workers marched; 16.12.2011 and 2011-12-16 are the same day.", None,
     [("16 December 2011", "2011-12-16", P), ("16.12.2011", "2011-12-16", P), ("2011-12-16", "2011-12-16", P)]),
    ("en", "The walkout started in May 2011 and lasted seven months.", "2012-01-10",
     [("May 2011", "2011-05", P), ("seven months", None, DUR)]),
    ("en", "In 2016, 2,000 workers and 2000 people paid $2011 in fines.", None, [("2016", "2016", P)]),
    ("en", "Since May the union has met every Thursday; last Friday ten were held and yesterday freed.", "2011-12-21",
     [("May", "2011-05", S), ("last Friday", "2011-12-16", P), ("yesterday", "2011-12-20", P)]),
    ("en", "Crowds gathered on Monday evening and again this week.", "2011-12-21",
     [("Monday evening", "2011-12-19", P), ("this week", "2011-12", P)]),
    ("en", "A new rally is scheduled for January 5.", "2011-12-21", [("January 5", "2012-01-05", SCH)]),
    ("en", "They may march again on Saturday.", "2011-12-21", [("Saturday", "2011-12-17", P)]),
    ("en", "The curfew lasts until January 5, and the six-day protest ended on December 17.", "2011-12-21",
     [("January 5", "2011-01-05", U), ("six-day", None, DUR), ("December 17", "2011-12-17", P)]),
    ("en", "At the beginning of the year 2022 fuel prices doubled; the 2011-2012 strike was crushed.", None,
     [("2022", "2022", P), ("2011-2012", "2011", P)]),
    ("en", "Three days ago guards beat a picketer. Published 19 Jun 2013", "2013-06-19",
     [("Three days ago", "2013-06-16", P), ("19 Jun 2013", "2013-06-19", PUB)]),
    ("en", "Friday, February 8, 2008: the town was quiet in early March.", "2008-03-10",
     [("February 8, 2008", "2008-02-08", P), ("March", "2008-03", P)]),
    # ---- ru
    ("ru", "16 декабря 2011 года полиция стреляла в рабочих, а 17 декабря начались поджоги.", None,
     [("16 декабря 2011 года", "2011-12-16", P), ("17 декабря", None, P)]),
    ("ru", "В декабре 2011 года и в 2012 году нефтяники бастовали.", None,
     [("декабре 2011 года", "2011-12", P), ("2012 году", "2012", P)]),
    ("ru", "С июня этого года и до 5 января действует запрет.", "2011-12-21",
     [("июня этого года", "2011-06", S), ("5 января", "2011-01-05", U)]),
    ("ru", "Стачка шла с 16 по 18 декабря и длилась семь месяцев.", "2011-12-21",
     [("16 по 18 декабря", "2011-12-16", S), ("семь месяцев", None, DUR)]),
    ("ru", "В минувшую пятницу и в субботу вечером прошли пикеты, вчера задержали троих.", "2011-12-21",
     [("минувшую пятницу", "2011-12-16", P), ("субботу вечером", "2011-12-17", P), ("вчера", "2011-12-20", P)]),
    ("ru", "Три дня назад 2000 человек вышли на площадь; в 2010-х годах такого не было.", "2011-12-21",
     [("Три дня назад", "2011-12-18", P)]),
    ("ru", "Митинг запланирован на 25 декабря, а 16.12.2011 забыть нельзя.", "2011-12-21",
     [("25 декабря", "2011-12-25", SCH), ("16.12.2011", "2011-12-16", P)]),
    # ---- uk
    ("uk", "4 травня 2022 року матері військових вийшли на акцію.", None, [("4 травня 2022 року", "2022-05-04", P)]),
    ("uk", "Вчора і 4 травня поліція не пускала людей на майдан.", "2022-05-05",
     [("Вчора", "2022-05-04", P), ("4 травня", "2022-05-04", P)]),
    ("uk", "У березні 2014 року та у 2020 році тисячі людей протестували.", None,
     [("березні 2014 року", "2014-03", P), ("2020 році", "2020", P)]),
    ("uk", "З 1 червня до 15 липня триває страйк шахтарів.", "2022-08-01",
     [("1 червня", "2022-06-01", S), ("15 липня", "2022-07-15", U)]),
    ("uk", "Минулої п'ятниці та в неділю відбулися пікети.", "2022-05-05",
     [("Минулої п'ятниці", "2022-04-29", P), ("неділю", "2022-05-01", P)]),
    ("uk", "Люди стояли три дні, а лютий мороз не зупинив їх.", "2022-05-05", [("три дні", None, DUR)]),
    # ---- kk
    ("kk", "2011 жылғы 16 желтоқсанда Жаңаөзенде оқ атылды.", None, [("2011 жылғы 16 желтоқсанда", "2011-12-16", P)]),
    ("kk", "Сәуірдің 19-ы күні мұнайшылар жиналды.", "2021-04-20", [("Сәуірдің 19-ы", "2021-04-19", P)]),
    ("kk", "Кеше және сенбі күні жұмысшылар наразылық білдірді.", "2021-04-20",
     [("Кеше", "2021-04-19", P), ("сенбі күні", "2021-04-17", P)]),
    ("kk", "Ереуіл 5 наурыздан бастап 10 сәуірге дейін созылды.", "2021-04-20",
     [("5 наурыздан", "2021-03-05", S), ("10 сәуірге", "2021-04-10", U)]),
    ("kk", "2011 жылы ереуіл жеті айға созылды.", None, [("2011 жылы", "2011", P), ("жеті айға", None, DUR)]),
    ("kk", "Үш күн бұрын 2011 жылдың желтоқсанында болған оқиға еске алынды.", "2021-04-20",
     [("Үш күн бұрын", "2021-04-17", P), ("2011 жылдың желтоқсанында", "2011-12", P)]),
    # ---- es
    ("es", "El 16 de diciembre de 2011 la policía disparó contra los huelguistas.", None,
     [("16 de diciembre de 2011", "2011-12-16", P)]),
    ("es", "En diciembre de 2011 y en 2019 hubo paros nacionales.", None,
     [("diciembre de 2011", "2011-12", P), ("2019", "2019", P)]),
    ("es", "El domingo pasado y ayer por la noche hubo cacerolazos.", "2019-10-14",
     [("domingo pasado", "2019-10-13", P), ("ayer por la noche", "2019-10-13", P)]),
    ("es", "Desde el 3 de octubre hasta el 13 de octubre, durante doce días, el país estuvo paralizado.", "2019-10-14",
     [("3 de octubre", "2019-10-03", S), ("13 de octubre", "2019-10-13", U), ("doce días", None, DUR)]),
    ("es", "Hace tres días la marcha llegó a Quito; mañana habrá otra.", "2019-10-14",
     [("Hace tres días", "2019-10-11", P), ("mañana", "2019-10-15", P)]),
    ("es", "La huelga está convocada para el 20 de noviembre.", "2019-10-14", [("20 de noviembre", "2019-11-20", SCH)]),
    # ---- fr
    ("fr", "Le 16 décembre 2011, les grévistes ont été dispersés.", None, [("16 décembre 2011", "2011-12-16", P)]),
    ("fr", "Samedi dernier et hier soir, des gilets jaunes ont manifesté.", "2018-12-16",
     [("Samedi dernier", "2018-12-15", P), ("hier soir", "2018-12-15", P)]),
    ("fr", "Depuis le 17 novembre et jusqu'au 5 janvier, les ronds-points restent occupés.", "2018-12-16",
     [("17 novembre", "2018-11-17", S), ("5 janvier", "2018-01-05", U)]),
    ("fr", "En 2018, il y a deux semaines, la colère a éclaté en mars.", "2018-12-16",
     [("2018", "2018", P), ("il y a deux semaines", "2018-12", P), ("mars", "2018-03", P)]),
    ("fr", "La grève a duré trois jours; samedi, la police a chargé.", "2022-07-03",
     [("trois jours", None, DUR), ("samedi", "2022-07-02", P)]),
    ("fr", "Le rassemblement est prévu pour le 14 juillet.", "2022-07-03", [("14 juillet", "2022-07-14", SCH)]),
    ("fr", "Des appels à manifester visent déjà samedi et le 20 décembre.", "2018-12-10",
     [("samedi", "2018-12-08", P), ("20 décembre", "2017-12-20", P)]),  # no planning cue: rule 8 counts back
    ("fr", "Des appels à manifester sont lancés pour le 15 décembre.", "2018-12-10", [("15 décembre", "2018-12-15", SCH)]),
    # ---- de
    ("de", "Am 16. Dezember 2011 schoss die Polizei auf Streikende.", None, [("16. Dezember 2011", "2011-12-16", P)]),
    ("de", "Am Montagabend und gestern legten die Lokführer die Arbeit nieder.", "2024-03-06",
     [("Montagabend", "2024-03-04", P), ("gestern", "2024-03-05", P)]),
    ("de", "Seit Anfang März und im Jahr 2016 gab es Proteste.", "2024-03-06",
     [("März", "2024-03", S), ("2016", "2016", P)]),
    ("de", "Der Streik dauerte bis zum 5. Januar; vor drei Tagen endete er.", "2024-01-10",
     [("5. Januar", "2024-01-05", U), ("vor drei Tagen", "2024-01-07", P)]),
    ("de", "Im Februar 2024 streikten sie zwei Tage lang.", None, [("Februar 2024", "2024-02", P), ("zwei Tage", None, DUR)]),
    ("de", "Jeden Montag demonstrieren sie, am Samstag auch.", "2024-03-06", [("Samstag", "2024-03-02", P)]),
    # ---- pt
    ("pt", "Nesta terça (18) e desta quarta-feira (19) houve atos no centro.", "2013-06-19",
     [("Nesta terça (18)", "2013-06-18", P), ("desta quarta-feira (19)", "2013-06-19", P)]),
    # the day after the weekday and a comma, when that day is that weekday ("neste sábado, 6, ..."), in a report dated
    # only by its month; not a count ("5 mil pessoas") nor a day with its month ("6 de fevereiro")
    ("pt", "O Exército ordenou neste sábado, 6, o bloqueio; na sexta-feira, 5 mil pessoas marcharam.", "2021-02",
     [("neste sábado, 6", "2021-02-06", P), ("sexta-feira", "2021-02", P)]),
    ("pt", "No sábado, 7, houve atos.", "2021-02-08", [("sábado, 7", "2021-02-06", P)]),  # the 7th is a Sunday
    # ... and at the end of a sentence ("segunda-feira, 10."); "Montag, 8. Januar" stays a day with its month
    ("pt", "A reunião estava marcada para a manhã desta segunda-feira, 10. Ninguém veio.", "2013-06",
     [("desta segunda-feira, 10", "2013-06-10", P)]),
    ("es", "La marcha salió el lunes, 10. Nadie la detuvo.", "2013-06", [("lunes, 10", "2013-06-10", P)]),
    ("de", "Am Montag, 8. Januar 2024, blockierten Bauern die Autobahn.", "2024-01-16",
     [("8. Januar 2024", "2024-01-08", P)]),
    ("pt", "Em 16 de dezembro de 2011 e em junho de 2013 houve protestos.", None,
     [("16 de dezembro de 2011", "2011-12-16", P), ("junho de 2013", "2013-06", P)]),
    ("pt", "Pela segunda vez, na segunda-feira, a polícia reprimiu o ato.", "2013-06-19",
     [("segunda-feira", "2013-06-17", P)]),
    ("pt", "Ontem e no domingo, milhares foram às ruas desde maio.", "2013-06-19",
     [("Ontem", "2013-06-18", P), ("domingo", "2013-06-16", P), ("maio", "2013-05", S)]),
    ("pt", "A tarifa valeu até o dia 15 e o ato está marcado para o dia 25.", "2013-06-19",
     [("dia 15", "2013-06-15", U), ("dia 25", "2013-06-25", SCH)]),
    ("pt", "No dia 20 a PM reprimiu o ato.", "2013-06-19", [("dia 20", "2013-05-20", P)]),  # rule 8: not after the anchor
    ("pt", "Há cinco dias a greve começou; durou duas semanas.", "2013-06-19",
     [("Há cinco dias", "2013-06-14", P), ("duas semanas", None, DUR)]),
    # ---- it
    ("it", "Il 9 giugno 2019 centinaia di manifestanti sono stati fermati.", None, [("9 giugno 2019", "2019-06-09", P)]),
    ("it", "Ieri e sabato scorso la polizia ha arrestato decine di persone.", "2019-06-10",
     [("Ieri", "2019-06-09", P), ("sabato scorso", "2019-06-08", P)]),
    ("it", "Dal 3 maggio e fino al 20 giugno lo sciopero continua.", "2019-06-10",
     [("3 maggio", "2019-05-03", S), ("20 giugno", "2018-06-20", U)]),
    ("it", "Nel 2018 e a marzo del 2019 ci furono scontri.", None, [("2018", "2018", P), ("marzo del 2019", "2019-03", P)]),
    ("it", "Tre giorni fa è iniziato uno sciopero di sei mesi.", "2019-06-10",
     [("Tre giorni fa", "2019-06-07", P), ("sei mesi", None, DUR)]),
    ("it", "Domenica i sindacati hanno manifestato.", "2019-06-10", [("Domenica", "2019-06-09", P)]),
    # ---- pl
    ("pl", "16 grudnia 2011 r. policja otworzyła ogień.", None, [("16 grudnia 2011 r.", "2011-12-16", P)]),
    ("pl", "W grudniu 2011 i w 2020 roku ludzie wyszli na ulice.", None,
     [("grudniu 2011", "2011-12", P), ("2020 roku", "2020", P)]),
    ("pl", "W niedzielę i wczoraj milicja zatrzymała setki osób.", "2020-09-14",
     [("niedzielę", "2020-09-13", P), ("wczoraj", "2020-09-13", P)]),
    ("pl", "Od 9 sierpnia do 5 stycznia trwały protesty.", "2020-09-14",
     [("9 sierpnia", "2020-08-09", S), ("5 stycznia", "2020-01-05", U)]),
    ("pl", "Tyle samo ludzi co tydzień temu, przez dwa tygodnie.", "2020-09-14",
     [("tydzień temu", "2020-09", P), ("dwa tygodnie", None, DUR)]),
    ("pl", "Trzy dni temu w zeszłą sobotę 2000 osób protestowało.", "2020-09-14",
     [("Trzy dni temu", "2020-09-11", P), ("zeszłą sobotę", "2020-09-12", P)]),
    # ---- et
    ("et", "16. detsembril 2011 avas politsei tule.", None, [("16. detsembril 2011", "2011-12-16", P)]),
    ("et", "2011. aastal ja jaanuaris 2012 streigiti.", None, [("2011. aastal", "2011", P), ("jaanuaris 2012", "2012-01", P)]),
    ("et", "Eile ja pühapäeval kogunesid inimesed väljakule.", "2020-09-14",
     [("Eile", "2020-09-13", P), ("pühapäeval", "2020-09-13", P)]),
    ("et", "Alates 5. jaanuarist kuni 10. maini kestis streik.", "2020-09-14",
     [("5. jaanuarist", "2020-01-05", S), ("10. maini", "2020-05-10", U)]),
    ("et", "Kolm päeva tagasi algas streik, mis kestis kuus kuud.", "2020-09-14",
     [("Kolm päeva tagasi", "2020-09-11", P), ("kuus kuud", None, DUR)]),
    ("et", "Eelmisel reedel ja sel nädalal peeti kinni kümneid.", "2020-09-14",
     [("Eelmisel reedel", "2020-09-11", P), ("sel nädalal", "2020-09", P)]),
    # ---- "until X, when ...": X is the time of what follows (pack key point_after)
    ("en", "Pickets grew until October 20, when the governor imposed a curfew that lasts until November 5.", "2020-11-20",
     [("October 20", "2020-10-20", P), ("November 5", "2020-11-05", U)]),
    ("ru", "Забастовка продолжалась до 20 октября, когда полиция разогнала лагерь.", "2020-11-20",
     [("20 октября", "2020-10-20", P)]),
    ("fr", "La grève a duré jusqu’au 20 octobre, lorsque la police a évacué le campement.", "2020-11-20",
     [("20 octobre", "2020-10-20", P)]),
    ("de", "Der Streik dauerte bis zum 20. Oktober, als die Polizei das Lager räumte.", "2020-11-20",
     [("20. Oktober", "2020-10-20", P)]),
    # ---- "the largest protest since 2004": a point of comparison, neither a start nor the act's date (pack key benchmark)
    ("en", "Tens of thousands marched in Tbilisi, the biggest rally since 2003; miners have struck since May.", "2019-06-21",
     [("2003", "2003", "benchmark"), ("May", "2019-05", S)]),
    ("en", "Troops guarded the port for the first time since the civil war ended in 1992.", "2019-06-21",
     [("1992", "1992", "benchmark")]),
    ("ru", "Впервые с 2004 года на улицы вышли сотни тысяч; крупнейшая акция с участием студентов прошла 5 мая.", "2013-12-02",
     [("2004 года", "2004", "benchmark"), ("5 мая", "2013-05-05", P)]),
    ("uk", "Це наймасовіший протест з 2004 року.", "2013-12-02", [("2004 року", "2004", "benchmark")]),
    ("de", "Es war die größte Kundgebung seit 1989, sagte die Polizei.", "2019-11-05", [("1989", "1989", "benchmark")]),
    ("fr", "C'est la plus grande mobilisation depuis 1995.", "2019-12-06", [("1995", "1995", "benchmark")]),
    ("es", "Fue la mayor huelga desde 2001 en el país.", "2019-12-06", [("2001", "2001", "benchmark")]),
    ("it", "È stata la più grande protesta dal 2011.", "2019-12-06", [("2011", "2011", "benchmark")]),
    ("pt", "Foi a maior greve desde 2018.", "2019-12-06", [("2018", "2018", "benchmark")]),
    ("pl", "To największy protest od 1989 roku.", "2020-10-30", [("1989 roku", "1989", "benchmark")]),
    # ---- an election called, moved or put off to a date: when it will be held, not when it was called (scheduled);
    #      the date of elections already held stays the point it is
    ("en", "On Thursday the president called snap elections for March 5; protests followed the elections on 9 August.",
     "2020-11-20", [("Thursday", "2020-11-19", P), ("March 5", "2021-03-05", SCH), ("9 August", "2020-08-09", P)]),
    ("en", "The presidential election will be brought forward to January.", "2007-11-08", [("January", "2008-01", SCH)]),
    ("ru", "Президент назначил досрочные выборы на 10 января; протесты начались после выборов 4 октября.", "2020-10-20",
     [("10 января", "2021-01-10", SCH), ("4 октября", "2020-10-04", P)]),
    ("de", "Der Präsident kündigte Neuwahlen für den 5. März an, nach den Wahlen am 9. August.", "2020-11-20",
     [("5. März", "2021-03-05", SCH), ("9. August", "2020-08-09", P)]),
    ("it", "Il presidente ha sciolto il Parlamento per elezioni anticipate (previste per giugno).", "2021-02-20",
     [("giugno", "2021-06", SCH)]),
    ("es", "Convocó elecciones anticipadas para el 5 de marzo, tras las elecciones del 9 de agosto.", "2020-11-20",
     [("5 de marzo", "2021-03-05", SCH), ("9 de agosto", "2020-08-09", P)]),
    # ---- "(Interfax, December 18)": the date of a cited report
    ("en", "Two strikers were injured in Aktau (Interfax, December 18) and more rallied (on December 19).", "2011-12-21",
     [("December 18", "2011-12-18", PUB), ("December 19", "2011-12-19", P)]),
    ("ru", "Двое рабочих ранены (Интерфакс, 18 декабря).", "2011-12-21", [("18 декабря", "2011-12-18", PUB)]),
]


@pytest.mark.parametrize("lang,text,anchor,expected", CASES)
def test_dates_find(lang: str, text: str, anchor: str | None, expected: list[tuple[str, str | None, str]]) -> None:
    got = [(m.surface, m.iso(), m.role) for m in find_dates(text, lang=lang, anchor=anchor)]
    assert got == expected
    for m in find_dates(text, lang=lang, anchor=anchor):
        assert text[m.start:m.end] == m.surface


FUTURE = [
    ("en", "Unions plan to strike on Friday.", "2011-12-21", [("Friday", "2011-12-23", P)]),
    ("ru", "Профсоюз проведёт митинг в субботу и 5 января.", "2011-12-21",
     [("субботу", "2011-12-24", P), ("5 января", "2012-01-05", P)]),
    ("de", "Am Samstag wollen sie wieder auf die Straße.", "2024-03-06", [("Samstag", "2024-03-09", P)]),
]


@pytest.mark.parametrize("lang,text,anchor,expected", FUTURE)
def test_dates_future_counts_forward(lang: str, text: str, anchor: str, expected: list[tuple[str, str, str]]) -> None:
    got = [(m.surface, m.iso(), m.role) for m in find_dates(text, lang=lang, anchor=anchor, future=True)]
    assert got == expected


@pytest.mark.parametrize("anchor,expected", [
    ("2021-01", "2021-01"),       # a month anchor fixes the month of a weekday, not the day
    ("2021", "2021"),
    (None, None),
])
def test_dates_weekday_takes_anchor_precision(anchor: str | None, expected: str | None) -> None:
    (m,) = find_dates("В субботу прошли акции.", lang="ru", anchor=anchor)
    assert m.iso() == expected and m.relative


@pytest.mark.parametrize("anchor,text,expected", [
    ("2012-01-10", "on December 17", "2011-12-17"),   # latest such date not after the anchor
    ("2011-12-17", "on December 17", "2011-12-17"),
    ("2012-03", "in April", "2011-04"),
    ("2012-03", "in March", "2012-03"),
])
def test_dates_rule8_year_from_anchor(anchor: str, text: str, expected: str) -> None:
    assert [m.iso() for m in find_dates(text, lang="en", anchor=anchor)] == [expected]


@pytest.mark.parametrize("value,expected", [
    ("2021-04-20T10:00:00Z", "2021-04-20"),
    ("2021-04-20", "2021-04-20"),
    ("2020-09", "2020-09"),
    ("2013", "2013"),
    ("20.04.2021", "2021-04-20"),
    ("19 jun 2013", "2013-06-19"),
    ("Вт, 04 янв 2022", "2022-01-04"),
    ("Tue, 04 Jan 2022 10:00:00 +0000", "2022-01-04"),
    ("Friday, February 8, 2008", "2008-02-08"),
    ("6 июня 2020", "2020-06-06"),
    ("05 Тра 2022", "2022-05-05"),
    ("16 grudnia 2011", "2011-12-16"),
    ("12 de março de 2019", "2019-03-12"),
    ("not a date", None),
    ("", None),
])
def test_dates_parse_published(value: str, expected: str | None) -> None:
    assert parse_published(value) == expected


def test_dates_iso_precision() -> None:
    assert DateMention(0, 1, "x", 2011, 12, 16).iso() == "2011-12-16"
    assert DateMention(0, 1, "x", 2011, 12, None).iso() == "2011-12"
    assert DateMention(0, 1, "x", 2011, None, None).iso() == "2011"
    assert DateMention(0, 1, "x", None, 12, 16).iso() is None


@pytest.mark.parametrize("lang", ["en", "ru", "kk", "uk", "es", "fr", "de", "pt", "it", "pl", "et"])
def test_dates_every_language_has_terms(lang: str) -> None:
    assert lang in date_languages()
    assert find_dates("2011-12-16", lang=lang)[0].iso() == "2011-12-16"


def test_dates_unknown_language_is_a_config_error() -> None:
    with pytest.raises(ConfigError):
        find_dates("today", lang="xx")


def test_story_anchor_takes_the_nearest_year() -> None:
    # no publication date: the text's first full date anchors the story, and later day-months follow it
    from contention.resolve.dates import find_dates

    text = "Workers struck on 16 December 2011. On 17 December police fired. On 3 January talks began. They had been on strike since May."
    got = [d.iso() for d in find_dates(text, lang="en", anchor="2011-12-16", nearest=True)]
    assert got == ["2011-12-16", "2011-12-17", "2012-01-03", "2011-05"]
    # a publication date is the time of writing: the latest such date not after it (rule 8)
    assert [d.iso() for d in find_dates("On 17 December police fired.", lang="en", anchor="2011-12-16")] == ["2010-12-17"]


def test_document_without_publication_dates_its_narrative_forward() -> None:
    from contention.extract.extractor import extract_document
    from contention.records import Document

    text = ("Protests broke out in Aktau on 16 December 2011. Police detained forty protesters in the town on "
            "17 December.")
    res = extract_document(Document("n", text, lang="en"), semantic="off")
    assert {e.type: e.date for e in res.events}["response.detention"] == "2011-12-17"


@pytest.mark.parametrize("text, anchor, iso", [
    ("The rally took place on 12/16/2023.", "2024-01-10", "2023-12-16"),  # month first, as US English writes
    ("The rally took place on 05/10/2024.", "2024-05-15", "2024-05-10"),  # month first: 10 May, before publication
    ("The rally took place on 10/05/2024.", "2024-05-15", "2024-05-10"),  # day first: 5 October would be after it
    ("The rally took place on 10/05/2024.", None, "2024-10-05"),  # no publication date: the language's order
])
def test_an_ambiguous_slash_date_is_not_read_after_publication(text: str, anchor: str | None, iso: str) -> None:
    assert [d.iso() for d in find_dates(text, lang="en", anchor=anchor)] == [iso]
