"""Dates of the events the recogniser reads in a whole sentence (runs with the shipped recogniser). Our own sentences."""
from __future__ import annotations

from contention.extract.extractor import extract_text


def test_a_start_anywhere_in_a_sentence_the_recogniser_read_whole_dates_its_protest() -> None:
    # no pack for Serbian: the recogniser's event spans the whole sentence, so "since last Tuesday" after a dateline
    # dash is still the protest's own start (rule 8)
    text = ("BEOGRAD - Radnici gradskog komunalnog preduzeća, nezadovoljni platama, koji od prošlog utorka protestuju "
            "ispred gradske kuće, traže veće plate.")
    events = [e for e in extract_text(text, lang="sr", published="2016-05-10") if e.type == "protest.demonstration"]
    assert [e.date for e in events] == ["2016-05-03"]
