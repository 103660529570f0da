"""Episodes: grouping protests by area and gaps, attaching responses (hand-built tables)."""
from __future__ import annotations

import pandas as pd
import pytest

from contention.link.episodes import build_episodes, episodes_frame


def _ev(key, type_, date, *, admin1="Mangystau", place="Zhanaozen", doc="d1", evidence="", modality="asserted",
        country="KZ"):
    family = "protest" if type_.startswith("protest.") else None
    return {"event_key": key, "type": type_, "family": family, "date": date, "country": country, "admin1": admin1,
            "place": place, "modality": modality, "doc_id": doc, "evidence": evidence}


def _where(mapping: pd.DataFrame, key: str) -> tuple[object, str]:
    row = mapping.set_index("event_key").loc[key]
    return row["episode_id"], row["how"]


@pytest.fixture()
def zhanaozen_frame() -> pd.DataFrame:
    rows = [
        _ev("p1", "protest.strike", "2011-05-16", doc="d1"),
        _ev("p2", "protest.demonstration", "2011-05-25", doc="d2"),
        _ev("p3", "protest.riot", "2011-12-16", doc="d3"),
        _ev("p4", "protest.demonstration", "2011-12-17", admin1="Mangystau", place="Shetpe", doc="d4"),
        _ev("p5", "protest.demonstration", "2012-03-01", admin1="Almaty", place="Almaty", doc="d5"),
        _ev("p6", "protest.petition", None, doc="d3"),  # undated, same doc as p3
        _ev("r1", "response.lethal_force", "2011-12-16", doc="d3"),
        _ev("r2", "response.information_control", "2011-12-17", admin1=None, place=None, doc="d6"),
        _ev("r3", "response.personnel_change", "2012-04-20", place=None, doc="d7",
            evidence="In the aftermath of the riots the governor was dismissed."),
        _ev("r4", "response.material_concession", "2012-06-30", admin1=None, place=None, doc="d8"),
        _ev("r5", "response.prosecution", None, doc="d3"),
        _ev("r6", "response.detention", None, doc="d9"),
        _ev("r7", "response.dispersal", "2011-05-26", doc="d2"),
        _ev("r8", "response.physical_force", "2011-12-16", modality="negated", doc="d3"),
        _ev("r9", "response.negotiation", "2012-03-05", admin1=None, place=None, doc="d10"),
    ]
    return pd.DataFrame(rows)


@pytest.mark.parametrize("gap_days,expected_n", [(14, 3), (300, 2)])
def test_episodes_gap_splits_protests(zhanaozen_frame, gap_days, expected_n):
    episodes, mapping = build_episodes(zhanaozen_frame, gap_days=gap_days)
    assert len(episodes) == expected_n
    ep_p1, _ = _where(mapping, "p1")
    ep_p3, _ = _where(mapping, "p3")
    assert (ep_p1 == ep_p3) == (gap_days >= 300)


def test_episodes_attach_rules(zhanaozen_frame):
    _, mapping = build_episodes(zhanaozen_frame)
    ep = {k: _where(mapping, k) for k in mapping["event_key"]}
    dec = ep["p3"][0]
    assert ep["p4"][0] == dec  # same admin1, next day
    assert ep["p6"] == (dec, "document")  # undated protest placed by its document
    assert ep["r1"] == (dec, "area")
    assert ep["r2"] == (dec, "national")  # national response -> most recent episode in country
    assert ep["r3"] == (dec, "aftermath")  # regional, beyond 30 days, evidence says aftermath
    assert ep["r4"] == (None, "unattached")  # national, late, no cue: the Almaty episode is too old too
    assert ep["r5"] == (dec, "document")
    assert ep["r6"] == (None, "unattached")
    assert ep["r7"] == (ep["p1"][0], "area")
    assert "r8" not in ep  # negated: not counted
    almaty = ep["p5"][0]
    assert ep["r9"] == (almaty, "national")  # most recent episode in the country
    assert almaty != dec


def test_episodes_records_are_consistent(zhanaozen_frame):
    episodes, mapping = build_episodes(zhanaozen_frame)
    assert [e.start for e in episodes] == sorted(e.start for e in episodes)
    assert len({e.episode_id for e in episodes}) == len(episodes)
    for e in episodes:
        assert set(e.protest_keys) == set(mapping[(mapping.episode_id == e.episode_id) & (mapping.role == "protest")].event_key)
        assert set(e.response_keys) == set(mapping[(mapping.episode_id == e.episode_id) & (mapping.role == "response")].event_key)
    frame = episodes_frame(episodes)
    assert list(frame["episode_id"]) == [e.episode_id for e in episodes]
    assert frame["n_protests"].sum() == 6


@pytest.mark.parametrize("window_days,attached", [(30, False), (40, True)])
def test_episodes_window_days(window_days, attached):
    rows = [_ev("p", "protest.strike", "2016-04-01"), _ev("r", "response.negotiation", "2016-05-08", doc="d2")]
    _, mapping = build_episodes(pd.DataFrame(rows), window_days=window_days)
    assert (_where(mapping, "r")[0] is not None) == attached


def test_episodes_place_level_splits_towns():
    rows = [_ev("a", "protest.strike", "2011-12-16", place="Zhanaozen"),
            _ev("b", "protest.strike", "2011-12-17", place="Shetpe"),
            _ev("r", "response.lethal_force", "2011-12-17", place="Shetpe")]
    episodes, mapping = build_episodes(pd.DataFrame(rows), place_level="place")
    assert len(episodes) == 2
    assert _where(mapping, "r")[0] == _where(mapping, "b")[0]
    with pytest.raises(ValueError):
        build_episodes(pd.DataFrame(rows), place_level="town")


def test_episodes_does_not_mutate_input(zhanaozen_frame):
    before = zhanaozen_frame.copy()
    build_episodes(zhanaozen_frame)
    pd.testing.assert_frame_equal(before, zhanaozen_frame)


@pytest.mark.parametrize("rows,n_episodes", [
    ([], 0),
    ([_ev("r", "response.detention", "2012-01-01")], 0),
    ([_ev("p", "protest.strike", None, doc="x"), _ev("r", "response.detention", None, doc="x")], 1),
])
def test_episodes_edge_cases(rows, n_episodes):
    frame = pd.DataFrame(rows, columns=["event_key", "type", "family", "date", "country", "admin1", "place",
                                        "modality", "doc_id", "evidence"])
    episodes, mapping = build_episodes(frame)
    assert len(episodes) == n_episodes
    assert len(mapping) == len(rows)
    if n_episodes:
        assert episodes[0].start is None and mapping.set_index("event_key").loc["r", "how"] == "document"
