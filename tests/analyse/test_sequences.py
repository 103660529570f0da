from __future__ import annotations

import pandas as pd
import pytest

from contention.analyse.frame import date_bounds
from contention.analyse.repertoire import with_episodes
from contention.analyse.sequences import repression_vs_accommodation, transitions
from contention.link.episodes import build_episodes


def _resp(items):
    frame = pd.DataFrame(items, columns=["family", "date"])
    lo, hi = date_bounds(frame["date"])
    return frame.assign(lo=lo, hi=hi)


@pytest.mark.parametrize("items,expected", [
    ([("repression", "2011-12-16"), ("accommodation", "2011-12-22")], "repression_first"),
    ([("accommodation", "2016-04-20"), ("repression", "2016-05-01")], "accommodation_first"),
    ([("repression", "2011-12"), ("accommodation", "2011-12-22")], "same_time"),  # month overlaps the day
    ([("repression", "2011-12-16"), ("accommodation", "2011-12-16")], "same_time"),
    ([("repression", "2011-12-16")], "repression_only"),
    ([("accommodation", None)], "accommodation_only"),
    ([("rhetoric", "2011-12-16")], "neither"),
])
def test_sequences_repression_vs_accommodation(items, expected):
    assert repression_vs_accommodation(_resp(items)) == expected


def test_sequences_transitions_follow_dates(kz_events):
    _, mapping = build_episodes(kz_events)
    events = with_episodes(kz_events, mapping)
    table = transitions(events).set_index(["from_family", "to_family"])
    # Zhanaozen: {protest, repression} on the 16th -> {repression} on the 17th (two acts, one
    # family) -> {accommodation} on the 22nd
    assert table.loc[("repression", "repression"), "count"] == 1
    assert table.loc[("repression", "accommodation"), "count"] == 1
    assert table.loc[("repression", "rhetoric"), "count"] == 1  # Almaty 2019
    assert table.loc[("protest", "repression"), "n_episodes"] == 2  # Zhanaozen, May 2011
    assert table.loc[("protest", "accommodation"), "n_episodes"] == 2  # 2010, Atyrau
    shares = table.groupby(level=0)["share"].sum()
    assert shares.to_numpy() == pytest.approx(1.0)
    # simultaneous events give no transition between themselves
    assert ("protest", "protest") not in table.index


def test_sequences_transitions_by_group(kz_events):
    _, mapping = build_episodes(kz_events)
    events = with_episodes(kz_events, mapping)
    ids = mapping.dropna(subset=["episode_id"])["episode_id"].unique()
    groups = {eid: ("after" if eid.endswith(("2016-04-15", "2019-06-09")) else "before") for eid in ids}
    table = transitions(events, groups=groups)
    assert set(table["group"]) == {"before", "after"}
    after = table[table["group"] == "after"].set_index(["from_family", "to_family"])
    assert after.loc[("protest", "accommodation"), "count"] == 1  # Atyrau: strike -> arbitration
