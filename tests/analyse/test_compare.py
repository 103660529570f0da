from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from contention.analyse.compare import before_after, compare_countries, period_of, share_matrix, shares_by_year
from contention.analyse.repertoire import per_episode
from contention.link.episodes import build_episodes
from contention.taxonomy import RESPONSE_FAMILIES


def _per_episode(frame):
    episodes, mapping = build_episodes(frame)
    return per_episode(frame, episodes, mapping)


@pytest.mark.parametrize("spanning,expected", [("before", "before"), ("after", "after"), ("exclude", None)])
def test_compare_period_of_spanning(spanning, expected):
    table = pd.DataFrame({"episode_id": ["a", "b", "c", "d", "e"],
                          "start": pd.to_datetime(["2011-05-16", "2011-11-01", "2012-01-01", None, "2011-12-16"]),
                          "end": pd.to_datetime(["2011-05-20", "2011-12-20", "2012-01-05", None, "2011-12-16"])})
    period = period_of(table, "2011-12-16", spanning=spanning)
    assert period["a"] == "before" and period["c"] == "after" and period["d"] is None
    assert period["b"] == expected and period["e"] == expected  # e starts on the landmark day


@pytest.mark.parametrize("spanning,expected", [("before", "before"), ("after", "after"), ("exclude", None)])
def test_period_of_landmark_episode_starting_after_or_holding_the_act(spanning, expected):
    # f: a response on the landmark day opened an episode whose protests began the next day
    #    (Zhanaozen in MM: shooting 16 Dec, the Aktau protests 17-19 Dec); g: starts 7 days after;
    # h: 8 days after, an ordinary 'after' episode; i: ended before the landmark but holds the
    #    landmark's act (an event dated the landmark day, ``acts``)
    starts = ["2011-12-17", "2011-12-23", "2011-12-24", "2011-12-01", "2011-11-01"]
    ends = ["2011-12-19", "2011-12-23", "2011-12-30", "2011-12-10", "2011-11-05"]
    table = pd.DataFrame({"episode_id": list("fghij"), "start": pd.to_datetime(starts), "end": pd.to_datetime(ends)})
    period = period_of(table, "2011-12-16", spanning=spanning, acts={"i"})
    assert period["f"] == expected and period["g"] == expected and period["i"] == expected
    assert period["h"] == "after" and period["j"] == "before"
    assert period_of(table, "2011-12-16", spanning=spanning)["i"] == "before"  # without the act: an ordinary episode


def test_period_of_and_landmark_episodes_agree_on_built_episodes():
    # built from events: the shooting on the landmark day, the protests from the next day on
    frame = pd.DataFrame([
        {"event_key": k, "type": t, "date": d, "country": "KZ", "admin1": "Mangystau", "place": "Aktau",
         "modality": "asserted", "doc_id": doc, "evidence": ""}
        for k, t, d, doc in [("p0", "protest.strike", "2011-06-01", "a"),
                             ("r0", "response.detention", "2011-06-02", "a"),
                             ("s", "response.lethal_force", "2011-12-16", "b"),
                             ("p1", "protest.demonstration", "2011-12-17", "c"),
                             ("p2", "protest.demonstration", "2011-12-19", "c"),
                             ("r1", "response.detention", "2011-12-19", "c"),
                             ("p3", "protest.demonstration", "2012-06-01", "e"),
                             ("r3", "response.detention", "2012-06-01", "e")]])
    from contention.analyse.compare import landmark_acts
    from contention.analyse.repertoire import with_episodes
    from contention.analyse.robustness import landmark_episodes

    episodes, mapping = build_episodes(frame)
    table = per_episode(frame, episodes, mapping)
    acts = landmark_acts(with_episodes(frame, mapping), "2011-12-16")
    assert acts == {"KZ-Mangystau-2011-12-17"}  # the shooting belongs to the episode starting the day after
    period = period_of(table, "2011-12-16", acts=acts)
    marks = landmark_episodes(table, "2011-12-16", acts=acts)
    assert list(marks["episode_id"]) == ["KZ-Mangystau-2011-12-17"]
    assert period.to_dict() == {"KZ-Mangystau-2011-06-01": "before", "KZ-Mangystau-2011-12-17": "before",
                                "KZ-Mangystau-2012-06-01": "after"}


def test_compare_before_after_weights_episodes_not_events():
    # one episode with 9 repressions and 1 concession, one episode with a single concession
    shares = pd.DataFrame([[0.9, 0, 0.1, 0], [0, 0, 1.0, 0], [0.5, 0, 0.5, 0], [0.5, 0, 0.5, 0]],
                          index=list("abcd"), columns=list(RESPONSE_FAMILIES))
    period = pd.Series({"a": "before", "b": "before", "c": "after", "d": "after"})
    out = before_after(shares, period, n_boot=200, seed=1).set_index(["family", "period"])
    assert out.loc[("repression", "before"), "estimate"] == pytest.approx(0.45)  # not 9/11
    assert out.loc[("repression", "difference"), "estimate"] == pytest.approx(0.05)
    assert out.loc[("repression", "before"), "n_episodes"] == 2
    assert out.loc[("repression", "difference"), "n_episodes"] == 4
    assert out.loc[("repression", "before"), "method"].startswith("score")
    # two episodes say little: the interval is wide, and contains the estimate
    low, high = out.loc[("repression", "before"), ["ci_low", "ci_high"]]
    assert low < 0.45 < high and high - low > 0.5


def test_compare_before_after_seeded_and_contains_estimate():
    rng = np.random.default_rng(3)
    x = rng.dirichlet(np.ones(4), size=60)
    shares = pd.DataFrame(x, index=[f"e{i}" for i in range(60)], columns=list(RESPONSE_FAMILIES))
    period = pd.Series(["before"] * 30 + ["after"] * 30, index=shares.index)
    a = before_after(shares, period, n_boot=300, seed=5)
    b = before_after(shares, period, n_boot=300, seed=5)
    c = before_after(shares, period, n_boot=300, seed=6)
    pd.testing.assert_frame_equal(a, b)
    assert not a["boot_low"].equals(c["boot_low"])  # the bootstrap comparison columns follow the seed
    assert a["ci_low"].equals(c["ci_low"])  # the score interval needs no random draws
    assert ((a["ci_low"] <= a["estimate"]) & (a["estimate"] <= a["ci_high"])).all()
    assert a["method"].str.startswith("score").all()
    boot = before_after(shares, period, n_boot=300, seed=5, method="bootstrap")
    assert (boot["ci_low"] == boot["boot_low"]).all() and (boot["method"] == "percentile bootstrap").all()
    wide = before_after(shares, period, n_boot=300, seed=5, level=0.99)
    assert ((wide["ci_high"] - wide["ci_low"]) >= (a["ci_high"] - a["ci_low"]) - 1e-12).all()


def test_compare_empty_period_gives_nan():
    shares = pd.DataFrame([[1.0, 0, 0, 0]], index=["a"], columns=list(RESPONSE_FAMILIES))
    out = before_after(shares, pd.Series({"a": "before"}), n_boot=50).set_index(["family", "period"])
    assert out.loc[("repression", "after"), "n_episodes"] == 0
    assert np.isnan(out.loc[("repression", "after"), "ci_low"])
    assert np.isnan(out.loc[("repression", "difference"), "estimate"])


def test_compare_shares_by_year_and_countries(kz_events):
    table = _per_episode(kz_events)
    years = shares_by_year(table).set_index("year")
    assert years.loc[2011, "n_episodes"] == 2
    assert years.loc[2011, "share_repression"] == pytest.approx((1.0 + 0.75) / 2)
    other = kz_events.assign(country="KG", event_key=kz_events["event_key"] + "-kg")
    both = compare_countries(pd.concat([kz_events, other]), landmark="2011-12-16", n_boot=100)
    assert set(both["country"]) == {"KG", "KZ"}
    kz = both[both["country"] == "KZ"].drop(columns="country").reset_index(drop=True)
    direct = before_after(share_matrix(table), period_of(table, "2011-12-16"), n_boot=100)
    pd.testing.assert_frame_equal(kz, direct)


def test_compare_never_seen_family_is_not_certain():
    rng = np.random.default_rng(0)
    x = rng.dirichlet(np.ones(3), size=40)
    shares = pd.DataFrame(np.c_[x[:, :1], np.zeros(40), x[:, 1:]], index=[f"e{i}" for i in range(40)],
                          columns=list(RESPONSE_FAMILIES))
    period = pd.Series(["before"] * 20 + ["after"] * 20, index=shares.index)
    out = before_after(shares, period, n_boot=300).set_index(["family", "period"])
    pre = out.loc[("preemption", "before")]
    assert pre["estimate"] == 0 and pre["boot_high"] == 0  # the bootstrap claims certainty ...
    assert pre["ci_low"] == 0 and pre["ci_high"] > 0.03  # ... the score interval does not


def test_compare_preemptive_column_and_dispersion():
    """The preemptive share is a measure of its own beside the four families; its dispersion is
    estimated from its own spread; a composition's phi is pooled over the families."""
    rng = np.random.default_rng(1)
    x = rng.dirichlet(np.ones(4) * 3, size=30)
    shares = pd.DataFrame(x, index=[f"e{i}" for i in range(30)], columns=list(RESPONSE_FAMILIES))
    shares["preemptive"] = rng.choice([0.0, 0.5, 1.0], size=30)
    period = pd.Series(["before"] * 15 + ["after"] * 15, index=shares.index)
    out = before_after(shares, period).set_index(["family", "period"])
    assert out.loc[("preemptive", "before"), "estimate"] == pytest.approx(shares["preemptive"][:15].mean())
    phis = out.xs("before", level="period")["dispersion"]
    assert phis[list(RESPONSE_FAMILIES)].nunique() == 1  # pooled
    assert 0 < phis["preemptive"] <= 1 and phis["preemptive"] != phis["repression"]


def test_compare_identical_episodes_never_zero_width():
    shares = pd.DataFrame([[0.5, 0, 0.5, 0]] * 12, index=[f"e{i}" for i in range(12)], columns=list(RESPONSE_FAMILIES))
    period = pd.Series(["before"] * 6 + ["after"] * 6, index=shares.index)
    sizes = pd.Series(2.0, index=shares.index)
    out = before_after(shares, period, sizes=sizes).set_index(["family", "period"])
    row = out.loc[("repression", "before")]
    assert row["ci_high"] - row["ci_low"] > 0.2  # phi floored at half of mean(1/2): never a certainty


def test_compare_bca_method_runs_and_is_labelled():
    rng = np.random.default_rng(2)
    shares = pd.DataFrame(rng.dirichlet(np.ones(4), size=40), index=[f"e{i}" for i in range(40)],
                          columns=list(RESPONSE_FAMILIES))
    period = pd.Series(["before"] * 20 + ["after"] * 20, index=shares.index)
    out = before_after(shares, period, n_boot=500, method="bca")
    assert (out["method"] == "BCa bootstrap").all()
    assert ((out["ci_low"] <= out["estimate"] + 1e-9) & (out["estimate"] <= out["ci_high"] + 1e-9)).all()
    with pytest.raises(ValueError, match="method must be one of"):
        before_after(shares, period, method="magic")


def test_compare_episode_shares_count_every_episode():
    from contention.analyse.compare import episode_shares

    table = pd.DataFrame({"episode_id": list("abcdef"), "n_responses": [0, 2, 1, 0, 0, 3],
                          "n_repression": [0, 2, 0, 0, 0, 1], "n_accommodation": [0, 0, 1, 0, 0, 2],
                          "n_preemptive": [0, 1, 0, 0, 0, 0]})
    period = pd.Series({"a": "before", "b": "before", "c": "before", "d": "after", "e": "after", "f": "after"})
    out = episode_shares(table, period).set_index(["measure", "period"])
    assert out.loc[("no_response", "before"), "count"] == 1 and out.loc[("no_response", "after"), "count"] == 2
    assert out.loc[("any_preemptive", "before"), "estimate"] == pytest.approx(1 / 3)
    assert out.loc[("no_response", "difference"), "estimate"] == pytest.approx(2 / 3 - 1 / 3)
    assert pd.isna(out.loc[("no_response", "difference"), "count"])
    assert (out["ci_low"] <= out["estimate"] + 1e-12).all() and (out["estimate"] <= out["ci_high"] + 1e-12).all()
