"""CCC, #KeepItOn and MMAD readers."""
from __future__ import annotations

import csv
import gzip
from pathlib import Path

import pytest

from contention.datasets import ccc, keepiton, mmad
from contention.errors import InputError


def test_ccc_counts_match_raw_file(ccc_phase3: Path) -> None:
    with gzip.open(ccc_phase3, "rt", newline="", encoding="utf-8", errors="replace") as fh:
        raw = list(csv.DictReader(fh))
    distinct = {tuple(r.values()) for r in raw}
    arrests = sum(1 for r in {tuple(r.items()) for r in raw} if dict(r)["arrests_any"] == "1")
    reader = ccc.read(ccc_phase3)
    records = list(reader)
    assert len(records) == len(distinct) and reader.stats.rows == len(raw) == 4492
    assert sum(1 for r in records for e in r.events if e.type == "response.detention") == arrests
    assert all(r.events[0].country == "US" or r.raw["state"] in ("PR", "GU", "VI", "AS", "MP") for r in records)


def test_ccc_stray_latin1_byte_is_read(ccc_phase3: Path) -> None:
    counties = {r.raw.get("resolved_county") for r in ccc.read(ccc_phase3)}
    assert "Doña Ana County" in counties


def test_keepiton_kazakhstan_january_2022(keepiton_dir: Path) -> None:
    reader = keepiton.read(keepiton_dir / "kio_2022.csv", country="KZ")
    (rec,) = list(reader)
    (e,) = rec.events
    assert (e.type, e.date, e.country, e.origin) == ("response.information_control", "2022-01-04", "KZ", "imported:keepiton")
    assert e.actor_type == "national_government" and e.place is None


def test_keepiton_old_2020_layout_with_note_line(keepiton_dir: Path) -> None:
    reader = keepiton.read(keepiton_dir / "KeepItOn-STOP-Data-2020.csv")
    records = list(reader)
    with open(keepiton_dir / "KeepItOn-STOP-Data-2020.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))[1:]
    header = [h.strip() for h in rows[0]]
    i = header.index("actual_cause")
    want = sum(1 for r in rows[1:] if len(r) > i and "protest" in r[i].lower())
    assert len(records) == want > 0 and reader.stats.skipped == 0
    assert all(r.events[0].date[:4] == "2020" or r.events[0].date < "2020" for r in records)


def test_keepiton_workbook_is_refused(keepiton_dir: Path) -> None:
    with pytest.raises(InputError, match="export each sheet as CSV"):
        keepiton.read(keepiton_dir / "Keepiton_raw_dataset.xlsx")


def test_mmad_says_not_supported(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not supported yet") as info:
        mmad.read(tmp_path / "mmad.csv")
    assert str(tmp_path / "mmad.csv") in str(info.value) and "event-level" in str(info.value)
