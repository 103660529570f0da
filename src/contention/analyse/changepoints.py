"""Change points in monthly series: when did the volume or the mix of responses shift?

Binary segmentation with an exact likelihood cost: Poisson for counts (protests per month,
repression per month), binomial for shares (repression among responses). A split is kept
when it lowers -2 log-likelihood by more than ``penalty`` (default ``PENALTY_PER_LOG_N *
log(T)``, stricter than BIC because event counts are over-dispersed). Plain numpy.

DOCS: docs/analysis.md#change-points
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..taxonomy import RESPONSE_FAMILIES
from .frame import asserted_only, date_bounds, normalise_frame

#: Default penalty = PENALTY_PER_LOG_N * log(number of months).
PENALTY_PER_LOG_N = 3.0
#: Fewest months in a segment.
MIN_SIZE = 3
#: Most change points reported per series.
MAX_CHANGEPOINTS = 5
#: Series computed by default: counts, and the repression share of responses.
DEFAULT_SERIES = ("protests", "responses", "repression", "accommodation", "share_repression")
CHANGE_COLUMNS = ("series", "month", "index", "before", "after", "gain", "penalty")


def _xlogy(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(x > 0, x * np.log(np.where(y > 0, y, 1.0)), 0.0)


def _segment_cost(y_sum: float, n_sum: float, length: int, binomial: bool) -> float:
    """-2 log-likelihood (up to constants) of one segment at its MLE."""
    if binomial:
        if n_sum <= 0:
            return 0.0
        p = y_sum / n_sum
        return float(-2 * (_xlogy(np.array(y_sum), np.array(p)) + _xlogy(np.array(n_sum - y_sum), np.array(1 - p))))
    rate = y_sum / length
    return float(-2 * (_xlogy(np.array(y_sum), np.array(rate)) - y_sum))


def binary_segmentation(
    y: np.ndarray, *, trials: np.ndarray | None = None, penalty: float | None = None,
    min_size: int = MIN_SIZE, max_changepoints: int = MAX_CHANGEPOINTS,
) -> list[tuple[int, float]]:
    """Change points of a count series (Poisson) or, with ``trials``, a share series (binomial).

    y: counts per period. trials: totals per period for a share series (y <= trials).
    penalty: minimum drop in -2 log-likelihood to keep a split (3 * log(len(y))).
    min_size: fewest periods in a segment (3). max_changepoints: most splits kept (5).
    RETURNS (list): (index where the new segment starts, gain) sorted by index.
    """
    y = np.asarray(y, dtype=float)
    n = np.ones_like(y) if trials is None else np.asarray(trials, dtype=float)
    pen = PENALTY_PER_LOG_N * np.log(max(len(y), 2)) if penalty is None else penalty
    cy, cn = np.concatenate([[0.0], np.cumsum(y)]), np.concatenate([[0.0], np.cumsum(n)])
    binomial = trials is not None

    def cost(a: int, b: int) -> float:
        return _segment_cost(cy[b] - cy[a], cn[b] - cn[a], b - a, binomial)

    def best_split(a: int, b: int) -> tuple[int, float]:
        whole, best, where = cost(a, b), 0.0, -1
        for t in range(a + min_size, b - min_size + 1):
            gain = whole - cost(a, t) - cost(t, b)
            if gain > best:
                best, where = gain, t
        return where, best

    found: list[tuple[int, float]] = []
    segments = [(0, len(y))]
    while segments and len(found) < max_changepoints:
        splits = [(seg, *best_split(*seg)) for seg in segments]
        seg, where, gain = max(splits, key=lambda s: s[2])
        if where < 0 or gain <= pen:
            break
        found.append((where, gain))
        segments.remove(seg)
        segments += [(seg[0], where), (where, seg[1])]
    return sorted(found)


def monthly_series(frame: pd.DataFrame, *, families: Sequence[str] = RESPONSE_FAMILIES) -> pd.DataFrame:
    """Events per calendar month: ``protests``, ``responses`` and one column per family.

    Only events dated to the day or month count (a bare year cannot be placed in a month);
    months without events are present with zeros, from the first to the last dated month.
    RETURNS (DataFrame): index ``month`` (Timestamp, first day), integer columns.
    """
    events = asserted_only(normalise_frame(frame))
    lo, hi = date_bounds(events["date"])
    monthly = (hi - lo) <= pd.Timedelta(days=31)
    ev = events[monthly].assign(month=lo[monthly].dt.to_period("M").dt.to_timestamp())
    counts = ev.groupby(["month", "family"]).size().unstack(fill_value=0)
    counts = counts.reindex(columns=["protest", *families], fill_value=0).rename(columns={"protest": "protests"})
    if len(counts) == 0:
        return pd.DataFrame(columns=["protests", "responses", *families], index=pd.DatetimeIndex([], name="month"))
    months = pd.date_range(counts.index.min(), counts.index.max(), freq="MS", name="month")
    counts = counts.reindex(months, fill_value=0)
    counts.insert(1, "responses", counts[list(families)].sum(axis=1))
    return counts.astype(int)


def changepoints(
    frame: pd.DataFrame, *, series: Sequence[str] = DEFAULT_SERIES, penalty: float | None = None,
    min_size: int = MIN_SIZE, max_changepoints: int = MAX_CHANGEPOINTS,
) -> pd.DataFrame:
    """Change points in the monthly series of ``frame`` (counts, or ``share_<family>``).

    series: names from ``monthly_series`` columns, or ``share_<family>`` for that family's
        share of responses (binomial cost over months with responses).
    RETURNS (DataFrame): columns series, month (first month of the new regime), index,
        before/after (mean count or pooled share of the adjoining segments), gain, penalty.
    """
    monthly = monthly_series(frame)
    rows = []
    for name in series:
        y, trials, months = _series_values(monthly, name)
        if len(y) < 2 * min_size:
            continue
        pen = PENALTY_PER_LOG_N * np.log(max(len(y), 2)) if penalty is None else penalty
        cps = binary_segmentation(y, trials=trials, penalty=pen, min_size=min_size, max_changepoints=max_changepoints)
        bounds = [0, *[i for i, _ in cps], len(y)]
        for k, (i, gain) in enumerate(cps):
            before = _level(y, trials, bounds[k], i)
            after = _level(y, trials, i, bounds[k + 2])
            rows.append({"series": name, "month": months[i], "index": i, "before": before, "after": after,
                         "gain": gain, "penalty": pen})
    return pd.DataFrame(rows, columns=list(CHANGE_COLUMNS))


def _series_values(monthly: pd.DataFrame, name: str) -> tuple[np.ndarray, np.ndarray | None, pd.DatetimeIndex]:
    if name.startswith("share_"):
        fam = name.removeprefix("share_")
        with_responses = monthly[monthly["responses"] > 0]
        return (with_responses[fam].to_numpy(float), with_responses["responses"].to_numpy(float),
                pd.DatetimeIndex(with_responses.index))
    return monthly[name].to_numpy(float), None, pd.DatetimeIndex(monthly.index)


def _level(y: np.ndarray, trials: np.ndarray | None, a: int, b: int) -> float:
    if trials is None:
        return float(y[a:b].mean())
    total = trials[a:b].sum()
    return float(y[a:b].sum() / total) if total > 0 else float("nan")
