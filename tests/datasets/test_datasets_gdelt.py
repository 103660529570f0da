"""GDELT reader: layouts decided per line, FIPS country codes, CAMEO mapping."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from contention.datasets import gdelt
from contention.datasets.countries import iso2_from_fips


def test_gdelt_layouts_have_the_documented_names() -> None:
    assert len(gdelt.LAYOUTS[58]) == 58 and gdelt.LAYOUTS[58][-1] == "SOURCEURL"
    assert gdelt.LAYOUTS[57] == gdelt.LAYOUTS[58][:57]
    v2 = gdelt.LAYOUTS[61]
    assert v2.index("ActionGeo_ADM2Code") == v2.index("ActionGeo_ADM1Code") + 1
    assert v2[26:29] == ("EventCode", "EventBaseCode", "EventRootCode") == gdelt.LAYOUTS[58][26:29]


def test_gdelt_mixed_sample_parsed_with_the_right_columns_per_line(gdelt_sample: Path) -> None:
    lines = gdelt_sample.read_text().splitlines()
    assert Counter(len(x.split("\t")) for x in lines) == {58: 509, 57: 201}  # PROVENANCE.md
    for n, line in enumerate(lines, start=1):
        row = gdelt.parse_row(line.split("\t"))
        # DATEADDED lands on the right column only if the layout was chosen right
        assert row["DATEADDED"] in ({"20160728"} if n <= 509 else {"20130203", "20130206"}), n
        assert ("SOURCEURL" in row) == (n <= 509)
        assert row["EventRootCode"] == row["EventCode"][:2]


def test_gdelt_sample_protests_match_root_code_14(gdelt_sample: Path) -> None:
    rows = [x.split("\t") for x in gdelt_sample.read_text().splitlines()]
    want = sum(1 for r in rows if r[28] == "14")  # EventRootCode, 29th column in both layouts
    reader = gdelt.read(gdelt_sample)
    records = list(reader)
    got = sum(1 for r in records for e in r.events if e.type.startswith("protest."))
    assert got == want == 8
    assert reader.stats.rows == 710 and reader.stats.skipped == 0
    urls = [r.document.url for r in records if r.line <= 509]
    assert urls and all(u.startswith("http") for u in urls)


@pytest.mark.parametrize("fips, iso", [("KZ", "KZ"), ("RS", "RU"), ("UP", "UA"), ("BO", "BY"), ("IR", "IR"),
                                       ("AS", "AU"),
                                       ("AU", "AT"), ("GM", "DE"), ("UK", "GB"), ("IS", "IL"), ("XX", None)])
def test_gdelt_fips_is_not_iso(fips: str, iso: str | None) -> None:
    assert iso2_from_fips(fips) == iso


def _v1_row(**values: str) -> list[str]:
    row = dict.fromkeys(gdelt.LAYOUTS[58], "")
    row.update(GLOBALEVENTID="1", SQLDATE="20220105", EventCode="141", EventBaseCode="141", EventRootCode="14",
               ActionGeo_Type="4", ActionGeo_FullName="Almaty, Almaty, Kazakhstan", ActionGeo_CountryCode="KZ",
               ActionGeo_ADM1Code="KZ02", DATEADDED="20220105", SOURCEURL="https://example.org/a")
    row.update(values)
    return list(row.values())


def _v2(fields: list[str]) -> list[str]:
    row = dict(zip(gdelt.LAYOUTS[58], fields, strict=True))
    return [row.get(name, "123") if name.endswith("ADM2Code") else row[name] for name in gdelt.LAYOUTS[61]]


def test_gdelt_v2_rows_and_malformed_lines(tmp_path: Path) -> None:
    lines = [
        _v1_row(),
        _v2(_v1_row(GLOBALEVENTID="2", EventCode="1723", EventBaseCode="172", EventRootCode="17",
                    Actor1Type1Code="GOV", Actor2Type1Code="OPP", ActionGeo_CountryCode="RS",
                    ActionGeo_FullName="Moscow, Moskva, Russia")),
        ["3", "20220105", "only", "a", "few", "fields"],
        _v1_row(GLOBALEVENTID="4", EventCode="173", Actor1Type1Code="COP", Actor2Type1Code="CRM"),
        _v1_row(GLOBALEVENTID="5", SQLDATE="2022-01-05"),
    ]
    path = tmp_path / "mixed.CSV"
    path.write_text("".join("\t".join(x) + "\n" for x in lines))
    reader = gdelt.read(path)
    records = list(reader)
    assert [(r.source_id, [e.type for e in r.events]) for r in records] == [
        ("1", ["protest.demonstration"]), ("2", ["response.emergency_measures"])]
    one, two = records
    assert (one.events[0].country, one.events[0].admin1, one.events[0].place) == ("KZ", "Almaty", "Almaty")
    assert two.events[0].country == "RU" and two.raw["ActionGeo_ADM2Code"] == "123"
    assert two.events[0].actor_type == "national_government"
    assert [(w.line, w.reason.split(";")[0]) for w in reader.stats.warnings] == [
        (3, "6 tab-separated fields"), (5, "SQLDATE '2022-01-05' is not YYYYMMDD")]
    assert reader.stats.no_events == 1  # police arresting criminals is no response to protest
