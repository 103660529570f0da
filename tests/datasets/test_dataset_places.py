"""Imported datasets go through the same place resolution as extracted events (resolve.places): canonical town
names of today, and first-level regions."""
from __future__ import annotations

from pathlib import Path

from contention.datasets import mm
from contention.resolve.gazetteer import Gazetteer
from contention.resolve.places import dataset_place, resolve_place

NATIONAL = ("national", "nationwide")


def test_historic_spellings_land_on_todays_names() -> None:
    gaz = Gazetteer.load()
    for field, want in (("Alma Ata", ("Almaty", "Almaty")), ("Semipalatinsk", ("Abai", "Semey")),
                        ("Ust Kamenogorsk", ("East Kazakhstan", "Oskemen")), ("Chimkent", ("Shymkent", "Shymkent")),
                        ("Uralsk", ("West Kazakhstan", "Oral")), ("Kustanay", ("Kostanay", "Kostanay")),
                        ("Nur Sultan", ("Astana", "Astana"))):
        got = resolve_place(gaz, "KZ", field)
        assert (got.admin1, got.place) == want, (field, got)


def test_lists_and_words_that_name_no_place() -> None:
    gaz = Gazetteer.load()
    got = resolve_place(gaz, "KZ", "western Kazakhstan; Zhanaozen and Aktau")
    assert (got.admin1, got.place) == ("Mangystau", "Zhanaozen")
    assert [p.name for p in got.places if p.kind == "place"] == ["Zhanaozen", "Aktau"]
    assert resolve_place(gaz, "KZ", "Nationwide") == resolve_place(gaz, "KZ", "nationwide")
    assert (resolve_place(gaz, "KZ", "Nationwide").admin1, resolve_place(gaz, "KZ", "Nationwide").place) == (None, None)
    assert resolve_place(gaz, "KZ", "Mangistau").admin1 == "Mangystau"
    # a region field in the dataset's own spelling, and a town the gazetteer does not know, kept as given
    assert dataset_place("PL", "Trzemeszno-Dolne", "Wielkopolskie") == ("Greater Poland Voivodeship", "Trzemeszno-Dolne")


def test_mm_kazakhstan_rows_all_have_admin1(mm_kazakhstan: Path) -> None:
    missing = []
    n = 0
    for rec in mm.read(mm_kazakhstan):
        loc = (rec.raw.get("location") or "").strip()
        if not loc or loc.casefold() in NATIONAL:
            continue
        n += 1
        for e in rec.events:
            if e.admin1 is None:
                missing.append(loc)
    assert n > 80
    # what no gazetteer places: a direction ("South of Kazakhstan"), mine names ("Yuzhnyy, Zapadnyy and Vostochny")
    # and "Gazik", which the row does not place either; every other row has its region
    assert sorted(set(missing)) == ["Gazik", "South of Kazakhstan", "Yuzhnyy, Zapadnyy and Vostochny"], sorted(set(missing))
