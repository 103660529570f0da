"""learn's checks around the estimate: preemption, coverage lines, sources, windows, placebo,
pre-trend, the landmark episode, landmarks data and request errors."""
from __future__ import annotations

import pandas as pd
import pytest

from contention.analyse import learn
from contention.analyse.landmarks import check_country, known_landmarks, resolve_landmarks
from contention.analyse.request import check_request
from contention.analyse.robustness import parse_date, resolve_window
from contention.analyse.sources import select_origin, source_of
from contention.analyse.synthetic import TRUE_AFTER, TRUE_BEFORE, simulate_events
from contention.errors import ConfigError



def ev(key, type_, date, *, admin1="Mangystau", place="Zhanaozen", doc="d1", preemptive=False):
    return {"event_key": key, "type": type_, "date": date, "country": "KZ", "admin1": admin1, "place": place,
            "modality": "asserted", "doc_id": doc, "evidence": "", "preemptive": preemptive}


def test_preemptive_share_counts_flagged_and_surveillance(kz_events):
    extra = pd.DataFrame([ev("r11", "response.detention", "2019-06-08", admin1="Almaty", place="Almaty", doc="h",
                             preemptive=True)])
    result = learn(pd.concat([kz_events, extra], ignore_index=True), n_boot=100)
    per = result.per_episode.set_index("admin1")
    assert per.loc["Atyrau", "n_preemptive"] == 1  # the surveillance event (flag set too)
    assert per.loc["Almaty", "n_preemptive"] == 1  # a detention flagged preemptive
    out = result.to_dict()
    assert out["preemptive"]["after"]["estimate"] == pytest.approx((0.5 + 1 / 3) / 2)
    text = next(s for s in result.sentence_list() if s.topic == "before_after:preemptive")
    assert text.text.startswith("Preemptive responses") and set(text.event_keys) == {"r8", "r11"}


def test_coverage_line_counts_episodes_without_response(kz_events):
    quiet = pd.DataFrame([ev("p9", "protest.demonstration", "2018-03-01", admin1="Aktobe", place="Aktobe", doc="z")])
    result = learn(pd.concat([kz_events, quiet], ignore_index=True), n_boot=100)
    ep = result.to_dict()["episodes"]
    assert ep["no_response"]["after"]["count"] == 1 and ep["no_response"]["after"]["n_episodes"] == 3
    assert result.to_dict()["repression"]["after"]["n_episodes"] == 2  # the quiet episode is left out here
    excluded = next(s.text for s in result.sentence_list() if s.topic == "excluded")
    assert "1 episodes with protests but no coded response" in excluded


def test_origin_selection_is_hierarchical():
    events = pd.DataFrame({"origin": ["imported:mm", "imported:mm/notes", "extracted", "imported:mmad", None]})
    assert len(select_origin(events, "imported:mm")) == 2  # not imported:mmad
    assert list(select_origin(events, "imported:mm/notes")["origin"]) == ["imported:mm/notes"]
    assert list(select_origin(events, "imported:mm,-imported:mm/notes")["origin"]) == ["imported:mm"]
    assert len(select_origin(events, "-extracted")) == 4
    assert list(source_of(events["origin"])) == ["imported:mm", "imported:mm", "extracted", "imported:mmad", "unknown"]


def _two_sources(seed: int = 0) -> pd.DataFrame:
    """One source sees repression fall after the landmark, the other sees it rise."""
    a = simulate_events(n_before=25, n_after=25, seed=seed, origin="extracted")
    b = simulate_events(n_before=25, n_after=25, seed=seed + 1, origin="imported:mm",
                        p_before=TRUE_AFTER, p_after=TRUE_BEFORE)
    b["admin1"] = b["admin1"] + "-b"  # other areas: the sources' episodes stay apart
    return pd.concat([a, b], ignore_index=True)


def test_per_source_estimates_and_sign_warning():
    frame = _two_sources()
    result = learn(frame, n_boot=50, robustness=False)
    assert set(result.by_source["source"]) == {"extracted", "imported:mm"}
    diffs = result.by_source[(result.by_source["period"] == "difference") & (result.by_source["family"] == "repression")]
    signs = set((diffs["estimate"] > 0).tolist())
    assert signs == {True, False}
    warnings = [w for w in result.warnings if "repression" in w]
    assert warnings and "disagree on the direction of repression" in warnings[0]
    assert {d["measure"] for d in result.source_warnings} >= {"repression", "accommodation"}
    # one source alone: no split, no warning, and the same numbers as that source's split
    alone = learn(frame, origin="imported:mm", n_boot=50, robustness=False)
    assert alone.by_source.empty and not alone.warnings
    mm = result.by_source[result.by_source["source"] == "imported:mm"].drop(columns="source").reset_index(drop=True)
    pd.testing.assert_frame_equal(mm, alone.before_after)


def test_window_limits_episodes_and_errors():
    frame = simulate_events(n_before=30, n_after=30, seed=2)  # episodes every 60 days from the landmark
    full = learn(frame, n_boot=20, robustness=False)
    near = learn(frame, window_years=2, n_boot=20, robustness=False)
    assert near.window == ("2009-12-16", "2013-12-16")
    assert len(near.episodes) < len(full.episodes)
    starts = pd.to_datetime(near.episodes["start"])
    assert starts.min() >= pd.Timestamp("2009-12-16") and starts.max() <= pd.Timestamp("2013-12-16")
    ranged = learn(frame, date_from="2010-01-01", date_to="2012-06-30", n_boot=20, robustness=False)
    assert pd.to_datetime(ranged.episodes["start"]).min() >= pd.Timestamp("2010-01-01")
    with pytest.raises(ValueError, match="--from 2012-01-01 is after the landmark"):
        resolve_window("2011-12-16", date_from="2012-01-01")
    with pytest.raises(ValueError, match="positive number of years"):
        resolve_window("2011-12-16", window_years=0)
    with pytest.raises(ValueError, match="is not a date"):
        parse_date("16/12/2011", what="landmark")


def test_placebo_ranks_a_planted_shift_first():
    frame = simulate_events(n_before=40, n_after=40, seed=3)
    result = learn(frame, n_boot=20)
    summary = result.placebo_summary.set_index("family")
    assert summary.loc["repression", "rank"] == 1 and summary.loc["repression", "n_placebo"] >= 5
    assert summary.loc["accommodation", "rank"] == 1
    text = next(s.text for s in result.sentence_list() if s.topic == "placebo")
    assert "repression (-3" in text and "ranks 1 of" in text


def test_pretrend_sees_a_trend_and_no_trend():
    rng_frame = simulate_events(n_before=40, n_after=10, seed=4, p_after=TRUE_BEFORE)  # no shift, no trend
    flat = learn(rng_frame, n_boot=20).pretrend.set_index("family")
    assert flat.loc["repression", "ci_low"] < 0 < flat.loc["repression", "ci_high"]
    # make repression fade in the before period: drop repression responses more often the later the episode
    frame = rng_frame.copy()
    before = frame["event_key"].str.startswith("synthetic-before-")
    idx = frame.loc[before, "event_key"].str.extract(r"before-(\d+)-")[0].astype(int)
    drop = before & (frame["family"] == "repression") & (frame.index.isin(idx[idx < 20].index))
    trended = learn(frame[~drop], n_boot=20)
    slope = trended.pretrend.set_index("family").loc["repression"]
    # episodes before are numbered backwards from the landmark: 0-19 are the last 20 before it
    assert slope["ci_high"] < 0
    text = next(s.text for s in trended.sentence_list() if s.topic == "pretrend")
    assert "already moving before the landmark" in text


def test_landmark_episode_sentence(kz_events):
    result = learn(kz_events, n_boot=50, landmark_name="the Zhanaozen shooting")
    s = next(x for x in result.sentence_list() if x.topic == "landmark_episode")
    assert "the Zhanaozen shooting, 2011-12-16" in s.text and "Lethal force is recorded, 16 killed stated" in s.text
    assert "r1" in s.event_keys
    assert list(result.landmark_episodes["episode_id"]) == ["KZ-Mangystau-2011-12-16"]


def test_landmarks_file_is_valid():
    known = known_landmarks()
    assert known["KZ"][0].date == "2011-12-16" and known["RU"][0].date == "2012-05-06"
    for code, marks in known.items():
        assert check_country(code) == code
        for mark in marks:
            assert parse_date(mark.date).strftime("%Y-%m-%d") == mark.date and mark.name


def test_resolve_landmarks_and_countries():
    assert resolve_landmarks("KZ")[0].name == "the Zhanaozen shooting"
    assert [m.date for m in resolve_landmarks("KZ", "2011-12-16,2022-01-05")] == ["2011-12-16", "2022-01-05"]
    assert resolve_landmarks("RU", "2012-05-06")[0].name == "the Bolotnaya Square clashes"
    assert resolve_landmarks("NO", "2011-07-22")[0].name == ""
    with pytest.raises(ValueError, match="no landmark known for NO"):
        resolve_landmarks("NO")
    with pytest.raises(ValueError, match="not a date"):
        resolve_landmarks("KZ", "2011-12")
    assert check_country("Kazakhstan") == "KZ" and check_country("ru") == "RU"
    with pytest.raises(ValueError, match="unknown country 'ZZ'"):
        check_country("ZZ")


def test_check_request_one_line_errors(kz_events):
    assert check_request(kz_events, country="KZ").landmarks[0].date == "2011-12-16"
    cases = [({"country": "XX"}, "unknown country"),
             ({"country": "RU"}, "no asserted events for country RU"),
             ({"country": "KZ", "origin": "imported:acled"}, "no events of origin imported:acled"),
             ({"country": "KZ", "landmark": "2030-01-01"}, "outside the dated protests of KZ"),
             ({"country": "KZ", "landmark": "12/16/2011"}, "is not a date"),
             ({"country": "KZ", "window_years": -1}, "positive number of years")]
    for kwargs, message in cases:
        with pytest.raises(ConfigError, match=message) as info:
            check_request(kz_events, **kwargs)
        assert "\n" not in info.value.one_line()


def test_estimates_table_is_citable(kz_events):
    result = learn(kz_events, n_boot=50)
    table = result.estimates_table()
    assert list(table.columns) == ["country", "landmark", "source", "measure", "kind", "period", "estimate", "ci_low",
                                   "ci_high", "n_episodes", "method", "level"]
    assert {"preemptive", "no_response", "any_repression"} <= set(table["measure"])
    assert set(table["kind"]) == {"share of responses", "share of episodes"}
    methods = result.methods
    assert methods["taxonomy_version"] and methods["interval"]["bootstrap_draws"] == 50
    assert methods["sources"] and {"origin", "protests", "responses"} <= set(methods["sources"][0])
