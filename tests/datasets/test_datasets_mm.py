"""Mass Mobilization reader: counts checked against an independent count of the raw file."""
from __future__ import annotations

import csv
import gzip
from collections import Counter
from pathlib import Path

import pytest

from contention.datasets import mm
from contention.errors import InputError

# Written here by hand, independently of mappings/mm.toml, so a wrong TOML entry fails a test.
EXPECTED_TYPE = {
    "crowd dispersal": "response.dispersal",
    "arrests": "response.detention",
    "accomodation": "response.policy_concession",
    "beatings": "response.physical_force",
    "shootings": "response.lethal_force",
    "killings": "response.lethal_force",
}


def _raw_rows(path: Path) -> list[dict[str, str]]:
    """Plain csv module, exact duplicate rows dropped (the provenance note says to)."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    seen, out = set(), []
    for r in rows:
        key = tuple(r.values())
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def _independent_counts(path: Path) -> tuple[Counter, Counter]:
    per_country_year: Counter = Counter()
    responses: Counter = Counter()
    for r in _raw_rows(path):
        if r["protest"] != "1":
            continue
        per_country_year[(r["country"], r["year"])] += 1
        kinds = {EXPECTED_TYPE[r[f"stateresponse{i}"]] for i in range(1, 8) if r[f"stateresponse{i}"] in EXPECTED_TYPE}
        responses.update((r["country"], k) for k in kinds)
    return per_country_year, responses


def _reader_counts(path: Path, **kw: str) -> tuple[Counter, Counter, mm.ImportReader]:
    reader = mm.read(path, **kw)
    per_country_year: Counter = Counter()
    responses: Counter = Counter()
    for rec in reader:
        protest, *resp = rec.events
        assert protest.type.startswith("protest.")
        per_country_year[(rec.raw["country"], protest.date[:4])] += 1
        responses.update((rec.raw["country"], e.type) for e in resp)
    return per_country_year, responses, reader


@pytest.mark.parametrize("which", ["mm_kazakhstan", "mm_postsoviet", "mm_full"])
def test_mm_counts_match_raw_file(which: str, request: pytest.FixtureRequest) -> None:
    path = request.getfixturevalue(which)
    want_cy, want_resp = _independent_counts(path)
    got_cy, got_resp, reader = _reader_counts(path)
    assert got_cy == want_cy
    assert got_resp == want_resp
    assert reader.stats.finished and reader.stats.skipped == 0


def test_mm_kazakhstan_numbers(mm_kazakhstan: Path) -> None:
    got_cy, got_resp, reader = _reader_counts(mm_kazakhstan)
    assert sum(got_cy.values()) == 88  # PROVENANCE.md: 93 rows, 88 with protest = 1
    assert reader.stats.rows == 93 and reader.stats.no_events == 5
    _, want_resp = _independent_counts(mm_kazakhstan)
    assert {k: v for (c, k), v in got_resp.items() if c == "Kazakhstan"} == \
        {k: v for (c, k), v in want_resp.items() if c == "Kazakhstan"}


def test_mm_full_file_duplicates_and_keys(mm_full: Path) -> None:
    reader = mm.read(mm_full)
    keys, countries = set(), set()
    n_events = 0
    for rec in reader:
        for e in rec.events:
            keys.add(e.key)
            countries.add(e.country)
            n_events += 1
            assert e.origin == "imported:mm" and e.source_id.startswith(rec.source_id)
    assert reader.stats.rows == 17162 and reader.stats.duplicates == 17
    assert len(keys) == n_events  # Event.key is unique per row and response: re-import adds nothing new
    assert None not in countries and {"KZ", "RU", "UA", "SU", "XK"} <= countries


def test_mm_country_filter_equals_subset(mm_full: Path, mm_kazakhstan: Path) -> None:
    a = [e.key for r in mm.read(mm_full, country="KZ") for e in r.events]
    b = [e.key for r in mm.read(mm_kazakhstan) for e in r.events]
    assert a == b and a


def test_mm_notes_are_the_document_and_evidence_is_real(mm_kazakhstan: Path) -> None:
    for rec in mm.read(mm_kazakhstan):
        doc = rec.document
        assert doc is not None and doc.doc_id == f"mm:{rec.source_id}"
        if rec.raw["notes"].strip():
            assert rec.text_origin == "notes" and doc.text == rec.raw["notes"].strip()
        for e in rec.events:
            assert doc.text[e.evidence.start:e.evidence.end] == e.evidence.text
            assert e.doc_id == doc.doc_id


HEADER = ",".join([
    "id", "country", "ccode", "year", "region", "protest", "protestnumber", "startday", "startmonth", "startyear",
    "endday", "endmonth", "endyear", "protesterviolence", "location", "participants_category", "participants",
    "protesteridentity", "protesterdemand1", "protesterdemand2", "protesterdemand3", "protesterdemand4",
    "stateresponse1", "stateresponse2", "stateresponse3", "stateresponse4", "stateresponse5", "stateresponse6",
    "stateresponse7", "sources", "notes"])


def _row(id_: str, *, month: str = "3", resp1: str = "arrests", notes: str = "workers rallied",
         country: str = "Kazakhstan") -> str:
    return (f"{id_},{country},999,2001,Europe,1,1,5,{month},2001,5,{month},2001,0,Capital City,,200,workers,"
            f"labor wage dispute,,,,{resp1},,,,,,,our own fixture,{notes}")


@pytest.mark.parametrize("bad, line, reason", [
    (lambda: _row("9992001002", month="13"), 5, "impossible date"),
    (lambda: _row("9992001002", resp1="tickled"), 5, "not a known MM state response"),
    (lambda: _row("9992001002") + ",extra", 5, "fields"),
    (lambda: _row("x992001002"), 5, "is not a number"),
    (lambda: _row("9992001002", country="Freedonia"), 5, "unknown country"),
])
def test_mm_malformed_row_is_reported_with_its_line(tmp_path: Path, bad, line: int, reason: str) -> None:
    text = "\n".join([HEADER, _row("9992001001", notes='"a note\nover\ntwo more lines"'),
                      bad(), _row("9992001003")]) + "\n"
    path = tmp_path / "mm_bad.csv"
    path.write_text(text)
    reader = mm.read(path)
    recs = list(reader)
    assert [r.source_id for r in recs] == ["9992001001", "9992001003"]
    assert [r.line for r in recs] == [2, 6]
    assert reader.stats.skipped == 1
    (warning,) = reader.stats.warnings
    assert warning.line == line and reason in warning.reason
    assert warning.text.startswith(f"{path}:{line}: ")
    assert isinstance(warning.error, InputError)


def test_mm_not_an_mm_file(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("a,b\n1,2\n")
    with pytest.raises(InputError, match="not a Mass Mobilization file"):
        list(mm.read(path))


def test_mm_unknown_country_filter_is_a_config_error(mm_kazakhstan: Path) -> None:
    from contention.errors import ConfigError

    with pytest.raises(ConfigError):
        mm.read(mm_kazakhstan, country="Atlantis")
