from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from contention.analyse.changepoints import binary_segmentation, changepoints, monthly_series


@pytest.mark.parametrize("seed", range(5))
def test_changepoints_finds_planted_poisson_shift(seed):
    rng = np.random.default_rng(seed)
    y = np.r_[rng.poisson(2, 30), rng.poisson(7, 30)]
    found = binary_segmentation(y)
    assert len(found) >= 1 and any(abs(i - 30) <= 3 for i, _ in found)


def test_changepoints_quiet_on_constant_series():
    false_alarms = sum(len(binary_segmentation(np.random.default_rng(s).poisson(3, 60))) for s in range(20))
    assert false_alarms <= 2


def test_changepoints_binomial_share():
    rng = np.random.default_rng(0)
    trials = np.full(48, 10)
    y = np.r_[rng.binomial(10, 0.7, 24), rng.binomial(10, 0.3, 24)]
    found = binary_segmentation(y, trials=trials)
    assert any(abs(i - 24) <= 2 for i, _ in found)


def test_changepoints_on_event_table():
    rng = np.random.default_rng(1)
    rows = []
    months = pd.date_range("2008-01-01", periods=60, freq="MS")
    for k, month in enumerate(months):
        for j in range(rng.poisson(1 if k < 36 else 6)):
            rows.append({"event_key": f"{k}-{j}", "type": "response.detention", "date": month.strftime("%Y-%m-15"),
                         "country": "KZ"})
    rows.append({"event_key": "y", "type": "response.detention", "date": "2009", "country": "KZ"})
    frame = pd.DataFrame(rows)
    monthly = monthly_series(frame)
    assert monthly["repression"].sum() == len(rows) - 1  # the bare year is not placed in a month
    out = changepoints(frame, series=("repression",))
    assert len(out) >= 1
    top = out.loc[out["gain"].idxmax()]
    assert abs((top["month"] - pd.Timestamp("2011-01-01")).days) <= 70
    assert top["after"] > top["before"]
