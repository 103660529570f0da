"""Exports (ACLED-like, MM-like), the codebook and the generated docs."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from contention.datasets import acled, export, mm
from contention.datasets.mapping import render_mapping_markdown
from contention.records import Episode, Event, Evidence

DOCS = Path(__file__).resolve().parents[2] / "docs"
# MM labels as our MM export can write them back (killings has no count in MM -> shootings)
BACK = {"crowd dispersal": "crowd dispersal", "arrests": "arrests", "beatings": "beatings",
        "shootings": "shootings", "killings": "shootings", "accomodation": "accomodation"}


def test_export_mm_layout_round_trips_the_state_responses(mm_kazakhstan: Path) -> None:
    records = list(mm.read(mm_kazakhstan))
    text = export.to_csv_string(export.to_mm_csv, [e for r in records for e in r.events])
    out = list(csv.DictReader(io.StringIO(text)))
    assert list(out[0]) == list(export.MM_COLUMNS)
    assert len(out) == len(records) == 88
    with open(mm_kazakhstan, newline="") as fh:
        raw = {r["id"]: r for r in csv.DictReader(fh) if r["protest"] == "1"}
    for row in out:
        src = raw[row["sources"].removeprefix("mm:")]
        want = {BACK[src[f"stateresponse{i}"]] for i in range(1, 8) if src[f"stateresponse{i}"] in BACK} or {"ignore"}
        got = {row[f"stateresponse{i}"] for i in range(1, 8)} - {""}
        assert got == want, src["id"]
        assert (row["startyear"], row["startmonth"], row["startday"]) == (src["startyear"], src["startmonth"], src["startday"])
        assert row["protesterviolence"] == (src["protesterviolence"] or "0")


def test_export_acled_layout_reads_back(acled_fixture: Path, tmp_path: Path) -> None:
    records = [r for r in acled.read(acled_fixture)]
    events = [e for r in records for e in r.events]
    path = tmp_path / "ours.csv"
    assert export.to_acled_csv(events, path) == len(records)
    again = {r.document.text: [e.type for e in r.events] for r in acled.read(path)}
    assert again == {r.document.text: [e.type for e in r.events] for r in records}


def test_export_accepts_a_dataframe_and_episodes() -> None:
    def ev(t: str, doc: str, **kw) -> Event:
        return Event(type=t, evidence=Evidence(doc, 0, 4, "text"), date="2022-01-05", country="KZ", **kw)

    protest = ev("protest.demonstration", "a", place="Almaty")
    shot = ev("response.lethal_force", "b", counts={"killed": 3})
    frame = export.events_frame([protest, shot])
    assert list(frame.columns) == list(export.EVENT_COLUMNS)
    alone = list(csv.DictReader(io.StringIO(export.to_csv_string(export.to_mm_csv, frame))))
    assert alone[0]["stateresponse1"] == "ignore"  # different documents, no episode: not linked
    ep = Episode("e1", "KZ", None, "Almaty", None, None, (protest.key,), (shot.key,))
    linked = list(csv.DictReader(io.StringIO(export.to_csv_string(export.to_mm_csv, frame, episodes=[ep]))))
    assert linked[0]["stateresponse1"] == "killings"
    acled_rows = list(csv.DictReader(io.StringIO(export.to_csv_string(export.to_acled_csv, frame, episodes=[ep]))))
    assert [(r["sub_event_type"], r["fatalities"]) for r in acled_rows] == [("Excessive force against protesters", "3")]


def test_export_codebook_is_current() -> None:
    assert (DOCS / "codebook.md").read_text() == export.codebook_markdown(), \
        "regenerate docs/codebook.md with contention.datasets.export.codebook_markdown()"


def test_export_datasets_doc_is_current() -> None:
    assert (DOCS / "datasets.md").read_text() == render_mapping_markdown(), \
        "regenerate docs/datasets.md with contention.datasets.mapping.render_mapping_markdown()"


@pytest.mark.parametrize("source", ["mm", "acled", "gdelt", "ccc", "keepiton"])
def test_mapping_targets_are_taxonomy_codes(source: str) -> None:
    from contention.datasets.mapping import load_mapping
    from contention.taxonomy import CLAIMS, EVENT_TYPES

    for table in load_mapping(source)["map"].values():
        for entry in table["entries"]:
            assert set(entry["to"]) <= set(EVENT_TYPES) | set(CLAIMS), entry


@pytest.mark.parametrize("source", ["mm", "nope"])
def test_datasets_read_dispatches_by_source(source: str, mm_kazakhstan: Path) -> None:
    from contention.datasets import read
    from contention.errors import ConfigError

    if source == "nope":
        with pytest.raises(ConfigError, match="unknown dataset"):
            read(source, str(mm_kazakhstan))
    else:
        assert sum(1 for _ in read(source, str(mm_kazakhstan), country="KZ")) == 88
