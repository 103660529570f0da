"""The before/after method on synthetic episodes with a planted shift."""
from __future__ import annotations

import pytest

from contention.analyse import learn
from contention.analyse.synthetic import TRUE_AFTER, TRUE_BEFORE, coverage_check, simulate_events, simulate_shares


@pytest.mark.parametrize("seed", [0, 1])
def test_synthetic_recovers_sign_and_size_end_to_end(seed):
    frame = simulate_events(n_before=40, n_after=40, seed=seed)
    result = learn(frame, country="KZ", landmark="2011-12-16", n_boot=500, seed=seed)
    out = result.to_dict()
    assert out["repression"]["before"]["n_episodes"] == 40 and out["repression"]["after"]["n_episodes"] == 40
    for fam in ("repression", "accommodation"):
        truth = TRUE_AFTER[fam] - TRUE_BEFORE[fam]
        diff = out[fam]["difference"]
        assert (diff["estimate"] > 0) == (truth > 0)
        assert diff["estimate"] == pytest.approx(truth, abs=0.10)  # about two standard errors at n=40+40
        assert diff["ci_low"] < diff["estimate"] < diff["ci_high"]
        assert not (diff["ci_low"] <= 0 <= diff["ci_high"])  # a 0.25-0.3 shift with 80 episodes is clear


def test_synthetic_interval_coverage_near_nominal():
    report = coverage_check(200, n_before=40, n_after=40, n_boot=500, level=0.95, seed=0)
    for fam in ("repression", "accommodation"):
        assert 0.90 <= report["coverage"][fam]["difference"] <= 0.99, report["coverage"]
    assert 0.90 <= report["mean_coverage"] <= 0.99
    for fam in ("repression", "accommodation"):
        assert report["mean_estimate"][fam]["difference"] == pytest.approx(report["truth"][fam]["difference"], abs=0.02)


def test_synthetic_three_episodes_wide_and_said():
    frame = simulate_events(n_before=3, n_after=40, seed=4)
    result = learn(frame, n_boot=500, seed=4)
    ba = result.before_after.set_index(["family", "period"])
    few = ba.loc[("repression", "before")]
    many = ba.loc[("repression", "after")]
    assert few["n_episodes"] == 3
    assert few["ci_high"] - few["ci_low"] > 0.3
    assert few["ci_high"] - few["ci_low"] > 2 * (many["ci_high"] - many["ci_low"])
    text = next(s.text for s in result.sentence_list() if s.topic == "before_after:repression")
    assert "only 3 episodes before 2011-12-16: the interval is wide; treat as suggestive" in text


def test_synthetic_shares_are_compositions():
    shares, period = simulate_shares(n_before=5, n_after=7, seed=2)
    assert shares.shape == (12, 4) and list(period).count("before") == 5
    assert shares.sum(axis=1).to_numpy() == pytest.approx(1.0)
