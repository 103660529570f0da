"""What a before/after comparison cannot show by itself: windows, placebo landmarks, pre-trends.

- ``resolve_window``: the dates compared (``--from``/``--to``, or a symmetric ``--window`` in
  years around the landmark).
- ``placebo``: the same comparison at other dates (every ``step_months`` where both sides have
  enough episodes, away from the real landmark): where does the real landmark's shift rank?
  A real lesson should move the repertoire more than most arbitrary dates do.
- ``pretrend``: the trend of each share over the episodes before the landmark (least squares
  on years, HC3 robust interval). A shift that continues a trend already under
  way is not evidence that the landmark taught anything.

DOCS: docs/analysis.md#windows-and-robustness
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd
from scipy import stats

from .compare import (LANDMARK_LEAD_DAYS, LEVEL, MEASURES, before_after, landmark_mask, period_of,
                      responses_per_episode, share_matrix)

#: Months between placebo dates.
PLACEBO_STEP_MONTHS = 6
#: Placebo dates closer than this to the real landmark are skipped (they share its episodes).
PLACEBO_EXCLUSION_DAYS = 365
#: Fewest episodes with responses on each side of a placebo date.
PLACEBO_MIN_EPISODES = 5
#: Fewest 'before' episodes with responses for a pre-trend slope.
PRETREND_MIN_EPISODES = 8

PLACEBO_COLUMNS = ("date", "is_landmark", "family", "estimate", "ci_low", "ci_high", "n_before", "n_after")
PRETREND_COLUMNS = ("family", "slope_per_year", "ci_low", "ci_high", "n_episodes", "first", "last", "note")


def resolve_window(landmark: str, *, date_from: str | None = None, date_to: str | None = None,
                   window_years: float | None = None) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    """(from, to) of the comparison; None for an open end. ValueError names what is wrong."""
    mark = parse_date(landmark, what="landmark")
    lo = parse_date(date_from, what="--from") if date_from else None
    hi = parse_date(date_to, what="--to") if date_to else None
    if window_years is not None:
        if not window_years > 0:
            raise ValueError(f"--window must be a positive number of years, not {window_years}")
        years = float(window_years)
        span = pd.DateOffset(years=int(years)) if years.is_integer() else pd.Timedelta(days=round(365.25 * years))
        lo = max(lo, mark - span) if lo is not None else mark - span
        hi = min(hi, mark + span) if hi is not None else mark + span
    if lo is not None and lo > mark:
        raise ValueError(f"--from {lo.date()} is after the landmark {mark.date()}")
    if hi is not None and hi < mark:
        raise ValueError(f"--to {hi.date()} is before the landmark {mark.date()}")
    return lo, hi


def parse_date(text: str | None, *, what: str = "date") -> pd.Timestamp:
    """An ISO date (YYYY, YYYY-MM or YYYY-MM-DD) as a Timestamp; ValueError with a plain message."""
    s = str(text or "").strip()
    fmt = {4: "%Y", 7: "%Y-%m", 10: "%Y-%m-%d"}.get(len(s))
    try:
        if fmt is None:
            raise ValueError
        return pd.Timestamp(pd.to_datetime(s, format=fmt))
    except (ValueError, TypeError):
        raise ValueError(f"{what} {text!r} is not a date (expected YYYY-MM-DD)") from None


def in_window(starts: pd.Series, lo: pd.Timestamp | None, hi: pd.Timestamp | None) -> pd.Series:
    """Boolean mask: the start lies in [lo, hi] (undated: False when a window is set)."""
    s = pd.to_datetime(starts)
    mask = pd.Series(True, index=starts.index)
    if lo is not None:
        mask &= s >= lo
    if hi is not None:
        mask &= s <= hi
    if lo is not None or hi is not None:
        mask &= s.notna()
    return mask


def landmark_episodes(table: pd.DataFrame, landmark: str, *, lead_days: int = LANDMARK_LEAD_DAYS,
                      acts: Iterable[str] = ()) -> pd.DataFrame:
    """Episodes in progress on the landmark day, starting within ``lead_days`` after it, or
    holding an event dated the landmark day (``acts``): ``compare.landmark_mask``, the same
    episodes ``period_of`` puts on the ``spanning`` side."""
    if table.empty:
        return table
    return table[landmark_mask(table, landmark, lead_days=lead_days, acts=acts)].sort_values("start")


def placebo(table: pd.DataFrame, landmark: str, *, spanning: str = "before", level: float = LEVEL,
            step_months: int = PLACEBO_STEP_MONTHS, exclusion_days: int = PLACEBO_EXCLUSION_DAYS,
            min_episodes: int = PLACEBO_MIN_EPISODES, window_years: float | None = None,
            measures: Sequence[str] = MEASURES, acts: Iterable[str] = ()) -> pd.DataFrame:
    """The before/after difference at the landmark and at placebo dates.

    table: the per-episode table (``per_episode``) of the compared episodes.
    window_years: when set, each date compares only the episodes within that many years of it.
    acts: episode ids holding the landmark's act (``compare.landmark_acts``), for the landmark date itself.
    RETURNS (DataFrame): columns PLACEBO_COLUMNS, one row per date and measure (the landmark's
        rows have ``is_landmark``); empty when there are no dated episodes.
    """
    dated = table[pd.to_datetime(table["start"]).notna()]
    if dated.empty:
        return pd.DataFrame(columns=list(PLACEBO_COLUMNS))
    mark = pd.Timestamp(landmark)
    first, last = pd.to_datetime(dated["start"]).min(), pd.to_datetime(dated["start"]).max()
    dates = [d for d in pd.date_range(first.to_period("M").to_timestamp(), last, freq=f"{step_months}MS")
             if abs((d - mark).days) >= exclusion_days]
    rows = []
    for date in [mark, *dates]:
        sub = dated
        if window_years is not None:
            lo, hi = resolve_window(date.strftime("%Y-%m-%d"), window_years=window_years)
            sub = dated[in_window(dated["start"], lo, hi).to_numpy()]
        period = period_of(sub, date.strftime("%Y-%m-%d"), spanning=spanning, acts=acts if date == mark else ())
        shares = share_matrix(sub)
        counts = period.reindex(shares.index).value_counts()
        n_b, n_a = int(counts.get("before", 0)), int(counts.get("after", 0))
        if date != mark and min(n_b, n_a) < min_episodes:
            continue
        ba = before_after(shares, period, n_boot=2, level=level, sizes=responses_per_episode(sub))
        diff = ba[ba["period"] == "difference"].set_index("family")
        for m in measures:
            if m in diff.index:
                r = diff.loc[m]
                rows.append({"date": date, "is_landmark": date == mark, "family": m, "estimate": float(r["estimate"]),
                             "ci_low": float(r["ci_low"]), "ci_high": float(r["ci_high"]), "n_before": n_b,
                             "n_after": n_a})
    return pd.DataFrame(rows, columns=list(PLACEBO_COLUMNS))


def placebo_summary(placebos: pd.DataFrame) -> pd.DataFrame:
    """Per measure: the landmark's difference, its rank by size among all dates (1 = largest),
    the number of placebo dates and the share of them with a shift at least as large.

    RETURNS (DataFrame): family, landmark_difference, rank, n_dates, n_placebo, share_as_large.
    """
    cols = ["family", "landmark_difference", "rank", "n_dates", "n_placebo", "share_as_large"]
    if placebos.empty:
        return pd.DataFrame(columns=cols)
    out = []
    for fam, rows in placebos.groupby("family", sort=False):
        real = rows[rows["is_landmark"]]
        others = rows[~rows["is_landmark"]]
        if real.empty or pd.isna(real["estimate"].iloc[0]):
            continue
        size = abs(float(real["estimate"].iloc[0]))
        placebo_sizes = others["estimate"].abs().dropna()
        as_large = int((placebo_sizes >= size - 1e-12).sum())
        out.append({"family": fam, "landmark_difference": float(real["estimate"].iloc[0]), "rank": as_large + 1,
                    "n_dates": len(placebo_sizes) + 1, "n_placebo": len(placebo_sizes),
                    "share_as_large": as_large / len(placebo_sizes) if len(placebo_sizes) else float("nan")})
    return pd.DataFrame(out, columns=cols)


def pretrend(table: pd.DataFrame, period: pd.Series, landmark: str, *, level: float = LEVEL,
             min_episodes: int = PRETREND_MIN_EPISODES, measures: Sequence[str] = MEASURES) -> pd.DataFrame:
    """Least-squares slope (share points per year) of each measure over the 'before' episodes.

    The interval uses the HC3 heteroskedasticity-robust standard error and a t quantile (n - 2
    degrees of freedom). Episodes without responses are left out, as in ``before_after``.
    RETURNS (DataFrame): columns PRETREND_COLUMNS (NaN slope, and ``note``, with fewer than
        ``min_episodes`` or a share that never varies before the landmark).
    """
    shares = share_matrix(table)
    before = shares[(period.reindex(shares.index) == "before").to_numpy()]
    starts = pd.to_datetime(table.set_index("episode_id")["start"]).reindex(before.index)
    t = ((starts - pd.Timestamp(landmark)).dt.days / 365.25).to_numpy(dtype=float)
    n = len(before)
    rows = []
    first = starts.min().strftime("%Y-%m-%d") if n else None
    last = starts.max().strftime("%Y-%m-%d") if n else None
    for m in measures:
        if m not in before.columns:
            continue
        y = before[m].to_numpy(dtype=float)
        note = "too few episodes" if n < min_episodes else ("no variation" if np.ptp(y) == 0 else "")
        slope, low, high = (np.nan,) * 3 if note else _robust_slope(t, y, level)
        rows.append({"family": m, "slope_per_year": slope, "ci_low": low, "ci_high": high, "n_episodes": n,
                     "first": first, "last": last, "note": note})
    return pd.DataFrame(rows, columns=list(PRETREND_COLUMNS))


def _robust_slope(t: np.ndarray, y: np.ndarray, level: float) -> tuple[float, float, float]:
    n = len(t)
    tc = t - t.mean()
    sxx = float((tc ** 2).sum())
    if n < 3 or sxx <= 0:
        return float("nan"), float("nan"), float("nan")
    slope = float((tc * (y - y.mean())).sum() / sxx)
    resid = y - y.mean() - slope * tc
    leverage = 1.0 / n + tc ** 2 / sxx
    var = float((tc ** 2 * (resid / (1 - leverage)) ** 2).sum() / sxx ** 2)  # HC3: honest with few episodes
    q = float(stats.t.ppf(1 - (1 - level) / 2, n - 2))
    half = q * np.sqrt(var)
    return slope, slope - half, slope + half
