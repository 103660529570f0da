"""Fixtures for the analyse tests: a hand-built Zhanaozen-like table and the real MM rows."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests.shared_path import SHARED as _SHARED

MM_FILE = _SHARED / "data" / "mass-mobilization" / "mm_kazakhstan.csv"
#: A test-only reading of MM's state responses (the real importer is built elsewhere).
MM_RESPONSES = {"crowd dispersal": "response.dispersal", "arrests": "response.detention",
                "accomodation": "response.policy_concession", "beatings": "response.physical_force",
                "shootings": "response.lethal_force", "killings": "response.lethal_force"}


def ev(key, type_, date, *, admin1="Mangystau", place="Zhanaozen", doc="d1", evidence="", modality="asserted",
       country="KZ", preemptive=False, **counts):
    return {"event_key": key, "type": type_, "date": date, "country": country, "admin1": admin1, "place": place,
            "modality": modality, "doc_id": doc, "evidence": evidence, "preemptive": preemptive, **counts}


@pytest.fixture()
def kz_events() -> pd.DataFrame:
    """Three episodes up to 2011-12-16 (2010, May 2011, Zhanaozen on the day) and two after."""
    rows = [
        ev("p1", "protest.strike", "2011-05-16", doc="a", participants=15000),
        ev("p2", "protest.riot", "2011-12-16", doc="b", place="Zhanaozen"),
        ev("r1", "response.lethal_force", "2011-12-16", doc="b", killed=16, injured=100),
        ev("r2", "response.information_control", "2011-12-17", doc="c", admin1=None, place=None),
        ev("r3", "response.emergency_measures", "2011-12-17", doc="c", admin1=None, place=None),
        ev("r4", "response.material_concession", "2011-12-22", doc="d"),
        ev("r5", "response.detention", "2011-05-26", doc="a", detained=40),
        ev("p3", "protest.demonstration", "2010-03-04", doc="e"),
        ev("r6", "response.negotiation", "2010-03-10", doc="e"),
        ev("p4", "protest.strike", "2016-04-15", admin1="Atyrau", place="Atyrau", doc="f", participants=2000),
        ev("r7", "response.negotiation", "2016-04-20", admin1="Atyrau", place="Atyrau", doc="f"),
        ev("r8", "response.surveillance", "2016-05", admin1="Atyrau", place=None, doc="g", preemptive=True),
        ev("p5", "protest.demonstration", "2019-06-09", admin1="Almaty", place="Almaty", doc="h"),
        ev("r9", "response.detention", "2019-06-09", admin1="Almaty", place="Almaty", doc="h", detained=4000),
        ev("r10", "response.acknowledgment", "2019-06-20", admin1=None, place=None, doc="i"),
        ev("x1", "response.physical_force", "2019-06-09", modality="negated", admin1="Almaty", doc="h"),
    ]
    return pd.DataFrame(rows)


def _mm_date(row: pd.Series) -> str | None:
    if pd.isna(row["startday"]) or pd.isna(row["startmonth"]):
        return None if pd.isna(row["year"]) else str(int(row["year"]))
    return f"{int(row['startyear']):04d}-{int(row['startmonth']):02d}-{int(row['startday']):02d}"


@pytest.fixture(scope="session")
def mm_kazakhstan_frame() -> pd.DataFrame:
    """The real MM Kazakhstan rows as a crude event table (place as admin1; test use only)."""
    if not MM_FILE.exists():
        pytest.skip("MM Kazakhstan file not available")
    mm = pd.read_csv(MM_FILE)
    mm = mm[mm["protest"] == 1]
    rows = []
    for _, row in mm.iterrows():
        date, loc, doc = _mm_date(row), str(row["location"]), f"mm:{row['id']}"
        rows.append(ev(f"{row['id']}-p", "protest.demonstration", date, admin1=loc, place=loc, doc=doc))
        for i in range(1, 8):
            code = MM_RESPONSES.get(str(row[f"stateresponse{i}"]).strip())
            if code:
                rows.append(ev(f"{row['id']}-r{i}", code, date, admin1=loc, place=loc, doc=doc))
    return pd.DataFrame(rows)
