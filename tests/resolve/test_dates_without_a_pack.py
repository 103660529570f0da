"""Dates in languages without a pack (``lang/_neutral/dates/<code>.toml``): month and weekday names and relative days
are read, and a document in such a language is dated by them. Our own sentences."""
from __future__ import annotations

import pytest

from contention.errors import ConfigError
from contention.extract.extractor import default_gazetteer
from contention.extract.lexicon import load_pack, neutral_date_languages
from contention.extract.parse import parse_document
from contention.resolve.dates import find_dates, solar_to_gregorian

ANCHOR = "2023-03-10"  # a Friday

# (language, sentence, the dates it gives)
CASES = [
    ("tr", "Maden işçileri 14 Şubat 2023 tarihinde greve başladı, dün de yürüdüler.", ["2023-02-14", "2023-03-09"]),
    ("az", "Kənd sakinləri 2 martda yolu bağladılar, bu gün isə etiraz davam edir.", ["2023-03-02", "2023-03-10"]),
    ("ka", "მაღაროელებმა 6 მარტს აქცია გამართეს, გუშინ კი შიმშილობა დაიწყეს.", ["2023-03-06", "2023-03-09"]),
    ("hy", "Երեկ ուսանողները փակեցին փողոցը, այսօր նոր ցույց է։", ["2023-03-09", "2023-03-10"]),
    ("sr", "Radnici su štrajkovali 3. marta 2023. godine, a juče su blokirali put.", ["2023-03-03", "2023-03-09"]),
    ("hr", "Prosvjed je održan 7. ožujka, a jučer su prosvjednici ponovno izašli.", ["2023-03-07", "2023-03-09"]),
    ("ky", "Мугалимдер 6-мартта митинг өткөрүштү, кечээ да чогулушту.", ["2023-03-06", "2023-03-09"]),
    ("uz", "Dehqonlar 4 martda yo'lni to'sishdi, bugun ham norozilik davom etmoqda.", ["2023-03-04", "2023-03-10"]),
    ("tg", "Коргарон 2 март дар назди ҳукумат ҷамъ омаданд, дирӯз низ.", ["2023-03-02", "2023-03-09"]),
    ("be", "Акцыя прайшла 5 сакавіка, а ўчора суд аштрафаваў удзельнікаў.", ["2023-03-05", "2023-03-09"]),
    ("ar", "تظاهر العمال يوم 6 مارس أمام الوزارة، وأمس اعتقلت الشرطة خمسة منهم.", ["2023-03-06", "2023-03-09"]),
    ("fa", "کارگران امروز مقابل مجلس تجمع کردند و دیروز هم اعتصاب کردند.", ["2023-03-10", "2023-03-09"]),
    # year, month, day in that order
    ("hy", "2022 թ. դեկտեմբերի 5-ին ցույց եղավ Երևանում։", ["2022-12-05"]),
    ("mn", "2022 оны 12 дугаар сарын 5-нд залуус талбай дээр цугларав, өчигдөр дахин.", ["2022-12-05", "2023-03-09"]),
    ("mn", "Арван хоёрдугаар сарын 6-нд жагсаал болов.", ["2022-12-06"]),
    # a capital dotted İ opens the month: "İyunda" (in June) lowers to "i" and a combining dot; it crashed the parse
    ("az", "İyunda qonşu rayonda da fermerlər yolu bağladılar. 8 İyul 2022-ci ildə yenə.", ["2022-06", "2022-07-08"]),
]


@pytest.mark.parametrize("lang,text,want", CASES, ids=[c[0] for c in CASES])
def test_month_names_and_relative_days_are_read(lang: str, text: str, want: list[str]) -> None:
    got = [d.iso() for d in find_dates(text, lang=lang, anchor=ANCHOR) if d.role == "point"]
    assert got == want


@pytest.mark.parametrize("lang", neutral_date_languages())
def test_every_file_builds_a_grammar(lang: str) -> None:
    find_dates("12 2023", lang=lang, anchor=ANCHOR)  # compiles every pattern of the file


def test_a_language_with_neither_pack_nor_date_terms_is_refused_with_one_line() -> None:
    with pytest.raises(ConfigError, match="no date terms for language 'xq'"):
        find_dates("12 March", lang="xq", anchor=ANCHOR)


def test_a_document_without_a_pack_is_dated_by_its_own_month_names() -> None:
    text = "Maden işçileri 14 Şubat 2023 tarihinde Soma'da greve başladı.\n\nİşçiler dün Ankara'ya yürüdü."
    neutral = load_pack("_neutral")
    parse = parse_document(text, ANCHOR, neutral, default_gazetteer(), lang="tr")
    assert [d.iso() for d in parse.dates if d.role == "point"] == ["2023-02-14", "2023-03-09"]
    assert [d.iso() for d in parse_document(text, ANCHOR, neutral, default_gazetteer(), lang="xq").dates] == []


@pytest.mark.parametrize("jalali, gregorian", [
    ((1398, 8, 26), (2019, 11, 17)), ((1395, 8, 25), (2016, 11, 15)), ((1403, 1, 1), (2024, 3, 20)),
    ((1402, 12, 29), (2024, 3, 19)), ((1399, 12, 30), (2021, 3, 20)), ((1401, 10, 12), (2023, 1, 2)),
])
def test_solar_hijri_dates_convert(jalali: tuple[int, int, int], gregorian: tuple[int, int, int]) -> None:
    assert solar_to_gregorian(*jalali) == gregorian


@pytest.mark.parametrize("text, anchor, want", [
    ("کارگران در ۲۶ آبان ۱۳۹۸ مقابل استانداری تجمع کردند.", "2019-11-20", ["2019-11-17"]),  # Persian digits, a year
    ("تجمع اعتراضی امروز 25 ابان برگزار شد.", "2016-11", ["2016-11-15"]),  # no year: the latest not after the anchor
    ("اعتصاب از ۱۰ اسفندماه آغاز شد.", "2024-03-05", ["2024-02-29"]),  # "ماه" glued to the month
    ("در 3 دی اعتصاب کردند.", "2020-01-10", ["2019-12-24"]),
])
def test_persian_text_is_dated_by_the_solar_hijri_calendar(text: str, anchor: str, want: list[str]) -> None:
    assert [d.iso() for d in find_dates(text, lang="fa", anchor=anchor)] == want
