"""Dates of the events the recogniser adds: it reads a sentence whole, so every date of the sentence is near it and
the date logic must tell a dateline from the act's day. Our own sentences; runs with the shipped recogniser on."""
from __future__ import annotations

import pytest

from contention.extract.extractor import extract_text

# "CITY, <publication day> — On Tuesday night ...": the dateline dates the report, also when a headline longer than
# the dateline reach comes first; the act is dated by its weekday. The recogniser reads these sentences whole (no
# pack in these languages), so the dateline is the first date of the sentence it codes.
DATELINE_AFTER_HEADLINE = [
    ("az", "Bakıda Qarabağ yürüşü: iştirakçıların bir qismi Milli Məclisə daxil olub",
     "Bakı, 16 iyul — Çərşənbə axşamı gecə Bakıda on minlərlə insan yürüş edərək hökumətə etiraz edib."),
    ("tr", "İstanbul'da binlerce kişi hükümetin yeni yasasını protesto etmek için yürüdü",
     "İstanbul, 16 Temmuz — Salı akşamı binlerce kişi İstanbul'da hükümeti protesto etti."),
    ("ky", "Бишкекте миңдеген адамдар өкмөткө каршы митингге чыгышты деп кабарланды",
     "Бишкек, 16-июль — Шейшемби күнү кечинде Бишкекте миңдеген адамдар өкмөткө каршы митингге чыгышты."),
]


@pytest.mark.parametrize("lang,headline,body", DATELINE_AFTER_HEADLINE, ids=[c[0] for c in DATELINE_AFTER_HEADLINE])
def test_a_dateline_after_the_headline_dates_no_act(lang: str, headline: str, body: str) -> None:
    events = [e for e in extract_text(f"{headline}\n\n{body}", lang=lang, published="2020-07-16")
              if e.type == "protest.demonstration"]
    assert [e.date for e in events] == ["2020-07-14"], [(e.date, e.evidence.text[:40]) for e in events]


def test_a_date_of_the_publication_day_later_in_the_report_still_dates() -> None:
    # only the opening of the report holds its dateline: the same day told further down dates its act
    lead = "Farmers blocked the main road into the regional capital on Monday, local media reported. " * 5
    text = f"Farmers block roads across the region\n\n{lead}\n\nOn 16 July police detained ten farmers in Aktobe."
    events = [e for e in extract_text(text, lang="en", published="2020-07-16") if e.type == "response.detention"]
    assert [e.date for e in events] == ["2020-07-16"]
