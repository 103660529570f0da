"""ACLED reader on rows we wrote ourselves in the export layout (no ACLED data is bundled)."""
from __future__ import annotations

from pathlib import Path

import pytest

from contention.datasets import acled


@pytest.fixture
def acled_records(acled_fixture: Path) -> tuple[dict[str, acled.ImportedRecord], acled.ImportReader]:
    reader = acled.read(acled_fixture)
    return {r.source_id: r for r in reader}, reader


@pytest.mark.parametrize("source_id, types", [
    ("XKZ0001", ["protest.demonstration"]),
    ("XKZ0002", ["protest.demonstration", "response.dispersal"]),
    ("XKZ0003", ["protest.demonstration", "response.lethal_force"]),
    ("XKZ0004", ["protest.riot"]),
    ("XKZ0005", ["response.detention"]),
    ("XUZ0001", ["protest.demonstration", "response.physical_force"]),
])
def test_acled_sub_event_types_map_to_our_types(acled_records, source_id: str, types: list[str]) -> None:
    records, _ = acled_records
    assert [e.type for e in records[source_id].events] == types


def test_acled_dates_countries_counts_and_actors(acled_records) -> None:
    records, _ = acled_records
    kz2, kz3 = records["XKZ0002"], records["XKZ0003"]
    assert kz2.events[0].date == "2031-04-02" and kz3.events[0].date == "2031-04-03"
    assert {e.country for r in records.values() for e in r.events} == {"KZ", "UZ"}
    lethal = kz3.events[1]
    assert lethal.counts == {"killed": 2} and lethal.actor_type == "security_forces"
    assert lethal.actor.startswith("Police Forces") and kz3.events[0].counts == {}
    assert kz2.events[1].actor.startswith("Police Forces") and kz2.events[1].source_id == "XKZ0002:dispersal"
    assert kz2.document.text.startswith("On 2 April 2031") and kz2.text_origin == "notes"
    assert kz2.events[0].admin1 == "Mangystau" and kz2.events[0].place == "Zhanaozen"


def test_acled_bad_date_is_a_warning_and_battles_give_nothing(acled_records, acled_fixture: Path) -> None:
    records, reader = acled_records
    assert "XKZ0007" not in records and "XKZ0006" not in records
    assert reader.stats.skipped == 1 and reader.stats.no_events == 1
    (w,) = reader.stats.warnings
    assert w.line == 8 and "event_date" in w.reason and w.text.startswith(f"{acled_fixture}:8:")


def test_acled_country_filter(acled_fixture: Path) -> None:
    reader = acled.read(acled_fixture, country="UZ")
    assert [r.source_id for r in reader] == ["XUZ0001"]
    assert reader.stats.filtered == 7
