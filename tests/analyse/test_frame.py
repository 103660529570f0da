from __future__ import annotations

import pandas as pd
import pytest

from contention.analyse.frame import COLUMNS, date_bounds, events_to_frame, normalise_frame
from contention.records import Event, Evidence


def test_frame_events_to_frame_columns_and_values():
    e = Event(type="response.lethal_force", evidence=Evidence("doc1", 0, 10, "Police shot"), date="2011-12-16",
              country="KZ", admin1="Mangystau", counts={"killed": 16}, claims=("wages", "jobs"))
    frame = events_to_frame([e])
    assert tuple(frame.columns) == COLUMNS
    row = frame.iloc[0]
    assert row["event_key"] == e.key and row["family"] == "repression" and row["doc_id"] == "doc1"
    assert row["killed"] == 16 and pd.isna(row["injured"]) and row["claims"] == "wages;jobs"
    assert tuple(events_to_frame([]).columns) == COLUMNS


@pytest.mark.parametrize("date,low,high", [
    ("2011-12-16", "2011-12-16", "2011-12-16"), ("2011-12", "2011-12-01", "2011-12-31"),
    ("2011", "2011-01-01", "2011-12-31"), (None, None, None), ("garbage", None, None)])
def test_frame_date_bounds(date, low, high):
    lo, hi = date_bounds(pd.Series([date], dtype=object))
    assert (pd.isna(lo[0]) if low is None else lo[0] == pd.Timestamp(low))
    assert (pd.isna(hi[0]) if high is None else hi[0] == pd.Timestamp(high))


def test_frame_normalise_fills_family():
    frame = normalise_frame(pd.DataFrame({"event_key": ["a", "b"], "type": ["protest.strike", "response.negotiation"]}))
    assert list(frame["family"]) == ["protest", "accommodation"]
    assert list(frame["modality"]) == ["asserted", "asserted"]
