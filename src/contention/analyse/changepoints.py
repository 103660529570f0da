"""Change points in monthly series: when did the volume or the mix of responses shift?

Binary segmentation with an exact likelihood cost: Poisson for counts (protests per month,
repression per month), binomial for shares (repression among responses). A split is kept
when it lowers -2 log-likelihood by more than ``penalty`` (default ``PENALTY_PER_LOG_N *
log(T)``, stricter than BIC because event counts are over-dispersed), when both new segments
span at least ``min_size`` months and hold at least ``min_events`` events (responses, for a
share): no shift is claimed on a handful of events. Each change point gets an interval for
its date: the posterior of a single break within its two adjoining segments (conjugate
Gamma-Poisson or Beta-binomial marginal likelihood, flat over positions), reported as the
span of the highest-posterior months holding ``level`` of the mass. Plain numpy/scipy;
``ruptures`` was measured against it (benchmarks/changepoints.py, BENCHMARKS.md).

DOCS: docs/analysis.md#change-points
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy.special import betaln, gammaln

from ..taxonomy import RESPONSE_FAMILIES
from .frame import asserted_only, date_bounds, normalise_frame

#: Default penalty = PENALTY_PER_LOG_N * log(number of months).
PENALTY_PER_LOG_N = 3.0
#: Fewest months in a segment.
MIN_SIZE = 3
#: Most change points reported per series.
MAX_CHANGEPOINTS = 3
#: Fewest events (responses, for a share series) on each side of a reported change point.
MIN_EVENTS = 10
#: Level of the break-date interval.
BREAK_LEVEL = 0.95
#: Series computed by default: counts, and the repression share of responses.
DEFAULT_SERIES = ("protests", "responses", "repression", "accommodation", "share_repression")
CHANGE_COLUMNS = ("series", "month", "month_low", "month_high", "index", "before", "after", "events_before",
                  "events_after", "gain", "penalty")


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
    min_size: int = MIN_SIZE, max_changepoints: int = MAX_CHANGEPOINTS, min_events: float = 0,
) -> list[tuple[int, float]]:
    """Change points of a count series (Poisson) or, with ``trials``, a share series (binomial).

    y: counts per period. trials: totals per period for a share series (y <= trials).
    penalty: minimum drop in -2 log-likelihood to keep a split (3 * log(len(y))).
    min_size: fewest periods in a segment (3). max_changepoints: most splits kept (3).
    min_events: fewest events (sum of y, or of trials for a share) in each new segment (0).
    RETURNS (list): (index where the new segment starts, gain) sorted by index.
    """
    y = np.asarray(y, dtype=float)
    n = np.ones_like(y) if trials is None else np.asarray(trials, dtype=float)
    pen = PENALTY_PER_LOG_N * np.log(max(len(y), 2)) if penalty is None else penalty
    cy, cn = np.concatenate([[0.0], np.cumsum(y)]), np.concatenate([[0.0], np.cumsum(n)])
    binomial = trials is not None

    def cost(a: int, b: int) -> float:
        return _segment_cost(cy[b] - cy[a], cn[b] - cn[a], b - a, binomial)

    mass = cn if binomial else cy

    def best_split(a: int, b: int) -> tuple[int, float]:
        whole, best, where = cost(a, b), 0.0, -1
        for t in range(a + min_size, b - min_size + 1):
            if mass[t] - mass[a] < min_events or mass[b] - mass[t] < min_events:
                continue
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


def break_interval(y: np.ndarray, *, trials: np.ndarray | None = None, a: int = 0, b: int | None = None,
                   min_size: int = MIN_SIZE, level: float = BREAK_LEVEL) -> tuple[int, int, np.ndarray]:
    """Interval for the position of a single break in ``y[a:b]``.

    Posterior over break positions t in [a + min_size, b - min_size], flat prior, with the
    marginal likelihood of each side: Poisson counts with a Gamma(1, L/S) prior on the rate
    (prior mean = the overall rate), or binomial shares with a Beta(1, 1) prior.
    RETURNS (tuple): (lowest, highest position among the most probable positions holding
        ``level`` of the posterior, the posterior over positions a..b as an array).
    """
    y = np.asarray(y, dtype=float)
    b = len(y) if b is None else b
    binomial = trials is not None
    n = np.ones_like(y) if trials is None else np.asarray(trials, dtype=float)
    cy, cn = np.concatenate([[0.0], np.cumsum(y)]), np.concatenate([[0.0], np.cumsum(n)])
    positions = np.arange(a + min_size, b - min_size + 1)
    post = np.zeros(b - a + 1)
    if len(positions) == 0:
        return a, b, post
    total_y, total_n = cy[b] - cy[a], cn[b] - cn[a]
    rate_b = (total_n / total_y) if total_y > 0 else 1.0  # Gamma(1, beta): prior mean = overall rate

    def log_ml(s: np.ndarray, m: np.ndarray) -> np.ndarray:
        if binomial:
            return betaln(1 + s, 1 + m - s)
        return gammaln(1 + s) + np.log(rate_b) - (1 + s) * np.log(rate_b + m)

    left = log_ml(cy[positions] - cy[a], cn[positions] - cn[a])
    right = log_ml(cy[b] - cy[positions], cn[b] - cn[positions])
    logp = left + right
    p = np.exp(logp - logp.max())
    p /= p.sum()
    post[positions - a] = p
    order = np.argsort(-p)
    keep = order[: int(np.searchsorted(np.cumsum(p[order]), level) + 1)]
    chosen = positions[keep]
    return int(chosen.min()), int(chosen.max()), post


def changepoints(
    frame: pd.DataFrame, *, series: Sequence[str] = DEFAULT_SERIES, penalty: float | None = None,
    min_size: int = MIN_SIZE, max_changepoints: int = MAX_CHANGEPOINTS, min_events: float = MIN_EVENTS,
    level: float = BREAK_LEVEL,
) -> pd.DataFrame:
    """Change points in the monthly series of ``frame`` (counts, or ``share_<family>``).

    series: names from ``monthly_series`` columns, or ``share_<family>`` for that family's
        share of responses (binomial cost over months with responses).
    min_size: fewest months per segment (3); min_events: fewest events per segment (10);
    level: of the break-date interval (0.95).
    RETURNS (DataFrame): columns CHANGE_COLUMNS: series, month (first month of the new
        regime), month_low/month_high (interval for that month), index, before/after (mean
        count or pooled share of the adjoining segments), events_before/events_after (events,
        or responses for a share, in them), gain, penalty.
    """
    monthly = monthly_series(frame)
    rows = []
    for name in series:
        y, trials, months = _series_values(monthly, name)
        if len(y) < 2 * min_size:
            continue
        pen = PENALTY_PER_LOG_N * np.log(max(len(y), 2)) if penalty is None else penalty
        cps = binary_segmentation(y, trials=trials, penalty=pen, min_size=min_size, max_changepoints=max_changepoints,
                                  min_events=min_events)
        bounds = [0, *[i for i, _ in cps], len(y)]
        mass = y if trials is None else trials
        for k, (i, gain) in enumerate(cps):
            lo, hi, _ = break_interval(y, trials=trials, a=bounds[k], b=bounds[k + 2], min_size=min_size, level=level)
            rows.append({"series": name, "month": months[i], "month_low": months[lo],
                         "month_high": months[min(hi, len(months) - 1)], "index": i,
                         "before": _level(y, trials, bounds[k], i), "after": _level(y, trials, i, bounds[k + 2]),
                         "events_before": int(mass[bounds[k]:i].sum()), "events_after": int(mass[i:bounds[k + 2]].sum()),
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
