"""Across episodes: family shares over time, before/after a landmark, other countries.

The unit of comparison is the **episode**, not the event: an episode with forty arrests
reported in forty articles must not outweigh nine episodes with one response each. For each
episode with at least one response we take the share of each family among its responses
(and the share of its responses that were preemptive); a period's estimate is the mean of
those shares over its episodes.

Intervals (``method="score"``, the default): each share is a mean of values in [0, 1], so
its variance is ``phi * mu * (1 - mu) / n`` with a dispersion ``phi`` in (0, 1] (1 when each
episode has a single response; smaller when episodes mix families). ``phi`` is estimated from
the episodes (pooled over the four families, which share it when episodes are draws around a
common mix), never below half the multinomial floor ``mean(1 / responses per episode)``, and the
interval is the Wilson score interval at the effective number of episodes ``n / phi`` with a
t quantile (the dispersion is estimated). The difference after - before combines the two
periods' Jeffreys intervals at the same effective n by MOVER (Newcombe's method of variance
estimates recovery). The synthetic check (``synthetic.coverage_grid``) shows 93-97 %
coverage at 10, 30 and 100 episodes per side; a percentile bootstrap of episodes and scipy's
BCa bootstrap are kept for comparison (``method="bootstrap"``/``"bca"``; the percentile
interval is always given in ``boot_low``/``boot_high``): both run narrow below 30 episodes.

DOCS: docs/analysis.md#before-and-after
"""
from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd
from scipy import stats

from ..taxonomy import RESPONSE_FAMILIES

#: Bootstrap replicates unless told otherwise.
N_BOOT = 2000
#: Interval level unless told otherwise.
LEVEL = 0.95
#: Interval methods: the quasi-binomial score interval (default) and two bootstraps for comparison.
METHODS = ("score", "bootstrap", "bca")
#: The measure beside the four families: the share of an episode's responses that were preemptive.
PREEMPTIVE = "preemptive"
MEASURES = (*RESPONSE_FAMILIES, PREEMPTIVE)
#: Dispersion floor when the responses per episode are not known.
PHI_FLOOR = 0.01
#: With the responses per episode known, phi is not allowed below this fraction of mean(1 / m).
FLOOR_FRACTION = 0.5
#: The interval of the yes/no episode measures (``episode_shares``), as the tables name it.
EPISODE_METHOD = "mid-p exact; difference: MOVER with mid-p limits"
#: Days after the landmark in which an episode that starts still counts as the landmark episode
#: (the attachment window ``link.episodes.LEAD_DAYS``: a response on the landmark day can belong
#: to an episode whose first protest comes up to a week later).
LANDMARK_LEAD_DAYS = 7
PERIODS = ("before", "after", "difference")
RESULT_COLUMNS = ("family", "period", "estimate", "ci_low", "ci_high", "n_episodes", "method",
                  "dispersion", "boot_low", "boot_high")


def landmark_acts(events: pd.DataFrame, landmark: str) -> frozenset[str]:
    """The episodes holding an event dated the landmark day itself (the landmark's act).

    events: events with ``date`` and ``episode_id`` (``repertoire.with_episodes``). Only
    day-precise dates count: an event dated ``2011-12`` could be any day of the month.
    """
    if events.empty or "episode_id" not in events:
        return frozenset()
    day = pd.Timestamp(landmark).strftime("%Y-%m-%d")
    hits = events[(events["date"].astype("string").str.slice(0, 10) == day) & events["episode_id"].notna()]
    return frozenset(str(x) for x in hits["episode_id"])


def landmark_mask(per_episode: pd.DataFrame, landmark: str, *, lead_days: int = LANDMARK_LEAD_DAYS,
                  acts: Iterable[str] = ()) -> np.ndarray:
    """True for the landmark episode(s): in progress on the landmark day (or starting on it),
    starting within ``lead_days`` after it, or holding the landmark's act (``acts``: episode
    ids, see ``landmark_acts``). One definition for ``period_of`` and the landmark sentence."""
    mark = pd.Timestamp(landmark)
    start, end = pd.to_datetime(per_episode["start"]), pd.to_datetime(per_episode["end"])
    on = (start <= mark) & (end >= mark)
    soon = (start > mark) & (start <= mark + pd.Timedelta(days=lead_days))
    holds = per_episode["episode_id"].astype(str).isin(frozenset(acts))
    return ((on | soon | holds) & start.notna()).to_numpy(dtype=bool)


def period_of(per_episode: pd.DataFrame, landmark: str, *, spanning: str = "before",
              lead_days: int = LANDMARK_LEAD_DAYS, acts: Iterable[str] = ()) -> pd.Series:
    """``before``/``after`` per episode relative to ``landmark`` (ISO date).

    per_episode: needs ``episode_id``, ``start``, ``end`` (Timestamps).
    spanning: where the landmark episode goes: ``"before"`` (default: the episode that
        taught the lesson belongs to the past), ``"after"`` or ``"exclude"``. The landmark
        episode is one in progress on the landmark day, starting within ``lead_days`` after
        it (a response on the landmark day can open the episode that its protests begin a day
        later), or holding an event dated the landmark day (``acts``, see ``landmark_acts``).
        Undated episodes are excluded.
    RETURNS (Series): index episode_id, values "before", "after" or None.
    """
    if spanning not in ("before", "after", "exclude"):
        raise ValueError(f"spanning must be before, after or exclude, not {spanning!r}")
    mark = pd.Timestamp(landmark)
    start = pd.to_datetime(per_episode["start"])
    label = np.where(start < mark, "before", "after").astype(object)
    spans = landmark_mask(per_episode, landmark, lead_days=lead_days, acts=acts)
    label[spans] = None if spanning == "exclude" else spanning
    label[start.isna().to_numpy()] = None
    return pd.Series(label, index=per_episode["episode_id"].to_numpy(), name="period", dtype=object)


def share_matrix(per_episode: pd.DataFrame, *, families: Sequence[str] = RESPONSE_FAMILIES,
                 preemptive: bool = True) -> pd.DataFrame:
    """Episodes x measures (index episode_id): the family shares and, with ``preemptive``, the
    share of the episode's responses that were preemptive. Episodes with no responses are left out."""
    table = per_episode.set_index("episode_id")
    cols = [f"share_{f}" for f in families]
    shares = table[cols].copy()
    shares.columns = list(families)
    if preemptive and "preemptive_share" in table.columns:
        shares[PREEMPTIVE] = table["preemptive_share"].astype(float)
    return shares[table[cols].notna().all(axis=1)]


def responses_per_episode(per_episode: pd.DataFrame) -> pd.Series:
    """n_responses per episode (index episode_id): the multinomial floor of the dispersion."""
    return per_episode.set_index("episode_id")["n_responses"].astype(float)


def before_after(
    shares: pd.DataFrame, period: pd.Series, *, n_boot: int = N_BOOT, seed: int = 0, level: float = LEVEL,
    method: str = "score", sizes: pd.Series | None = None,
) -> pd.DataFrame:
    """Mean per-episode shares before and after, their difference, with intervals.

    shares: episodes x measures table (``share_matrix``), index episode_id; the columns that
        are response families form one composition (their dispersion is pooled), any other
        column (``preemptive``) is a share of its own.
    period: episode_id -> "before"/"after" (``period_of``); other episodes are ignored.
    n_boot: bootstrap replicates for ``boot_low``/``boot_high`` and the bootstrap methods (2000).
    seed: random seed (0). level: interval level (0.95).
    method: which interval goes to ``ci_low``/``ci_high``: ``"score"`` (default),
        ``"bootstrap"`` (percentile) or ``"bca"`` (``scipy.stats.bootstrap``).
    sizes: responses per episode (``responses_per_episode``), for the dispersion floor.
    RETURNS (DataFrame): one row per measure and period (before, after, difference) with
        columns RESULT_COLUMNS; ``n_episodes`` for a difference is before + after;
        ``dispersion`` is the estimated phi (NaN for a difference).
    """
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}, not {method!r}")
    rng = np.random.default_rng(seed)
    aligned = period.reindex(shares.index)
    columns = list(shares.columns)
    k = len(columns)
    groups = composition_groups(columns)
    data = {p: shares[(aligned == p).to_numpy()].to_numpy(dtype=float) for p in ("before", "after")}
    floors = {p: _floor(None if sizes is None else sizes.reindex(shares.index)[(aligned == p).to_numpy()])
              for p in ("before", "after")}
    n = {p: len(data[p]) for p in ("before", "after")}
    n["difference"] = n["before"] + n["after"]
    est = {p: _mean(data[p], k) for p in ("before", "after")}
    est["difference"] = est["after"] - est["before"]
    score = {p: score_interval(data[p], groups, level=level, floor=floors[p]) for p in ("before", "after")}
    ci = {p: (score[p].low, score[p].high) for p in ("before", "after")}
    ci["difference"] = mover(est["before"], score["before"].jeffreys_low, score["before"].jeffreys_high,
                             est["after"], score["after"].jeffreys_low, score["after"].jeffreys_high)
    boot = {p: _bootstrap_means(x, n_boot=n_boot, rng=rng) for p, x in data.items()}
    boot["difference"] = boot["after"] - boot["before"]
    boot_ci = {p: _percentile(boot[p], level) for p in PERIODS}
    if method == "bootstrap":
        ci = boot_ci
    elif method == "bca":
        ci = _bca(data, level=level, n_boot=n_boot, rng=rng)
    label = {"score": "score (quasi-binomial Wilson; difference: MOVER)", "bootstrap": "percentile bootstrap",
             "bca": "BCa bootstrap"}[method]
    rows = []
    for p in PERIODS:
        phi = score[p].dispersion if p != "difference" else np.full(k, np.nan)
        for j, col in enumerate(columns):
            low, high = ci[p][0][j], ci[p][1][j]
            rows.append({"family": col, "period": p, "estimate": float(est[p][j]), "ci_low": float(low),
                         "ci_high": float(high), "n_episodes": int(n[p]), "method": label,
                         "dispersion": float(phi[j]), "boot_low": float(boot_ci[p][0][j]),
                         "boot_high": float(boot_ci[p][1][j])})
    return pd.DataFrame(rows, columns=list(RESULT_COLUMNS))


def composition_groups(columns: Sequence[str]) -> list[np.ndarray]:
    """Column positions whose dispersion is pooled: the response families together, others alone."""
    fams = np.array([j for j, c in enumerate(columns) if c in RESPONSE_FAMILIES], dtype=int)
    rest = [np.array([j]) for j, c in enumerate(columns) if c not in RESPONSE_FAMILIES]
    return ([fams] if len(fams) else []) + rest


class ScoreInterval:
    """Per-column score interval of a period: ``low``/``high`` (Wilson, t quantile), ``dispersion``
    and the Jeffreys interval at the same effective n (``jeffreys_low``/``_high``, for MOVER)."""

    __slots__ = ("dispersion", "high", "jeffreys_high", "jeffreys_low", "low")

    def __init__(self, low: np.ndarray, high: np.ndarray, dispersion: np.ndarray, jeffreys_low: np.ndarray,
                 jeffreys_high: np.ndarray) -> None:
        self.low, self.high, self.dispersion = low, high, dispersion
        self.jeffreys_low, self.jeffreys_high = jeffreys_low, jeffreys_high


def dispersion(x: np.ndarray, groups: Sequence[np.ndarray], *, floor: float | np.ndarray = PHI_FLOOR) -> np.ndarray:
    """phi per column of ``x`` (..., episodes, measures): sum of variances over sum of mu(1 - mu)
    within each group, in [floor, 1].

    With fewer than two episodes phi is 1 (its bound: a share in [0, 1] never varies more than a
    single yes/no). A lone measure that does not vary (never or always preemptive) takes the
    phi of the family composition of the same episodes, or 1 without one."""
    n, k = x.shape[-2:]
    phi = np.ones(x.shape[:-2] + (k,))
    if n < 2:
        return phi
    m = x.mean(axis=-2)
    var = x.var(axis=-2, ddof=1)
    binom = m * (1 - m)
    pooled = None
    for cols in sorted(groups, key=len, reverse=True):
        b = binom[..., cols].sum(axis=-1, keepdims=True)
        v = var[..., cols].sum(axis=-1, keepdims=True)
        # a measure that never varies borrows the composition's phi (same episodes), else 1
        fallback = pooled if pooled is not None and len(cols) == 1 else 1.0
        with np.errstate(invalid="ignore", divide="ignore"):
            phi[..., cols] = np.where(b > 0, v / np.where(b > 0, b, 1.0), fallback)
        if len(cols) > 1 and pooled is None:
            pooled = phi[..., cols[:1]].copy()
    low = np.minimum(np.asarray(floor, dtype=float), 1.0)
    return np.clip(phi, low[..., None] if np.ndim(low) else low, 1.0)


def score_interval(x: np.ndarray, groups: Sequence[np.ndarray], *, level: float = LEVEL,
                   floor: float | np.ndarray = PHI_FLOOR) -> ScoreInterval:
    """The score interval of each column mean of ``x`` (..., episodes, measures; values in [0, 1]).

    Leading axes are independent samples (the synthetic check passes all replications at once);
    ``floor`` is a scalar or one value per sample."""
    n, k = x.shape[-2:]
    if n == 0:
        nan = np.full(x.shape[:-2] + (k,), np.nan)
        return ScoreInterval(nan, nan, nan, nan, nan)
    m = x.mean(axis=-2)
    phi = dispersion(x, groups, floor=floor)
    df = np.ones(k)
    for cols in groups:
        df[cols] = max(len(cols) - 1, 1) * max(n - 1, 1)
    tail = (1 - level) / 2
    t = stats.t.ppf(1 - tail, df)
    z = stats.norm.ppf(1 - tail)
    n_eff = n / phi
    low, high = wilson(m, n_eff, t)
    j_low, j_high = jeffreys(m, n_eff * (z / t) ** 2, level)
    return ScoreInterval(low, high, phi, j_low, j_high)


def wilson(m: np.ndarray, n_eff: np.ndarray | float, q: np.ndarray | float) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval for a proportion ``m`` observed on ``n_eff`` trials, quantile ``q``."""
    m = np.asarray(m, dtype=float)
    q2 = np.asarray(q, dtype=float) ** 2
    denom = 1 + q2 / n_eff
    centre = (m + q2 / (2 * n_eff)) / denom
    half = np.sqrt(q2) * np.sqrt(m * (1 - m) / n_eff + q2 / (4 * n_eff ** 2)) / denom
    return np.clip(centre - half, 0.0, 1.0), np.clip(centre + half, 0.0, 1.0)


def jeffreys(m: np.ndarray, n_eff: np.ndarray | float, level: float) -> tuple[np.ndarray, np.ndarray]:
    """Jeffreys interval (Beta(x + 1/2, n - x + 1/2) quantiles) at ``n_eff`` trials; 0 / 1 at the ends."""
    m = np.asarray(m, dtype=float)
    a, b = m * n_eff + 0.5, (1 - m) * n_eff + 0.5
    tail = (1 - level) / 2
    low = np.where(m <= 0, 0.0, stats.beta.ppf(tail, a, b))
    high = np.where(m >= 1, 1.0, stats.beta.ppf(1 - tail, a, b))
    return low, high


def midp(count: np.ndarray | float, n: np.ndarray | float, level: float) -> tuple[np.ndarray, np.ndarray]:
    """Mid-p exact interval for ``count`` yes of ``n`` (Lancaster's mid-p version of Clopper-Pearson).

    The lower limit solves ``P(X > x) + P(X = x) / 2 = (1 - level) / 2`` for p, the upper one
    ``P(X < x) + P(X = x) / 2 = (1 - level) / 2`` (0 and 1 at the ends). Chosen for the yes/no
    episode measures because at 5-30 episodes its coverage never falls far below the level, where
    Wilson's dips to 85-91% for some truths (BENCHMARKS.md); it errs wide instead. Vectorised
    bisection (60 halvings: far below any printed digit).
    """
    x = np.asarray(count, dtype=float)
    n = np.broadcast_to(np.asarray(n, dtype=float), x.shape)
    tail = (1 - level) / 2

    def solve(f: object, increasing: bool) -> np.ndarray:
        lo, hi = np.zeros(x.shape), np.ones(x.shape)
        for _ in range(60):
            mid = (lo + hi) / 2
            above = f(mid) > tail  # type: ignore[operator]
            go_down = above if increasing else ~above
            hi, lo = np.where(go_down, mid, hi), np.where(go_down, lo, mid)
        return (lo + hi) / 2

    with np.errstate(invalid="ignore"):
        low = solve(lambda p: stats.binom.sf(x, n, p) + 0.5 * stats.binom.pmf(x, n, p), True)
        high = solve(lambda p: stats.binom.cdf(x - 1, n, p) + 0.5 * stats.binom.pmf(x, n, p), False)
    low, high = np.where(x <= 0, 0.0, low), np.where(x >= n, 1.0, high)
    bad = ~(n > 0)
    return np.where(bad, np.nan, low), np.where(bad, np.nan, high)


def mover(m1: np.ndarray, l1: np.ndarray, u1: np.ndarray, m2: np.ndarray, l2: np.ndarray,
          u2: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Interval of m2 - m1 from the two intervals (MOVER, Newcombe 1998 / Zou & Donner 2008)."""
    d = m2 - m1
    return d - np.sqrt((m2 - l2) ** 2 + (u1 - m1) ** 2), d + np.sqrt((u2 - m2) ** 2 + (m1 - l1) ** 2)


def dispersion_floor(sizes: np.ndarray) -> np.ndarray:
    """FLOOR_FRACTION * mean(1 / responses per episode) over the last axis (PHI_FLOOR when none).

    Multinomial sampling alone gives phi = mean(1 / m); a period whose episodes vary less than
    half of that is taken as a chance low, so that identical episodes never give a zero-width
    interval."""
    s = np.asarray(sizes, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        inv = np.where(s > 0, 1.0 / np.where(s > 0, s, 1.0), np.nan)
        out = FLOOR_FRACTION * np.nanmean(inv, axis=-1) if s.shape[-1] else np.full(s.shape[:-1], np.nan)
    return np.where(np.isnan(out), PHI_FLOOR, np.maximum(out, PHI_FLOOR))


def _floor(sizes: pd.Series | None) -> float:
    if sizes is None:
        return PHI_FLOOR
    return float(dispersion_floor(sizes.dropna().to_numpy(dtype=float)))


def _mean(x: np.ndarray, k: int) -> np.ndarray:
    return x.mean(axis=0) if len(x) else np.full(k, np.nan)


def _bootstrap_means(x: np.ndarray, *, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """n_boot x measures means of episodes resampled with replacement (NaN when no episodes).

    The spread around the sample mean is scaled by sqrt(n / (n - 1)): the plain bootstrap
    estimates the variance of a mean with divisor n, which is too narrow for few episodes.
    """
    n, k = x.shape
    if n == 0:
        return np.full((n_boot, k), np.nan)
    idx = rng.integers(0, n, size=(n_boot, n))
    means = x[idx].mean(axis=1)
    if n > 1:
        centre = x.mean(axis=0)
        means = np.clip(centre + (means - centre) * np.sqrt(n / (n - 1)), 0.0, 1.0)
    return means


def _percentile(draws: np.ndarray, level: float) -> tuple[np.ndarray, np.ndarray]:
    k = draws.shape[1]
    if np.isnan(draws).all():
        return np.full(k, np.nan), np.full(k, np.nan)
    tail = (1.0 - level) / 2.0
    low, high = np.quantile(draws, [tail, 1.0 - tail], axis=0)
    return low, high


def _bca(data: dict[str, np.ndarray], *, level: float, n_boot: int,
         rng: np.random.Generator) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """scipy.stats.bootstrap BCa intervals per period and for the difference (NaN where undefined)."""
    k = data["before"].shape[1]
    out: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def run(samples: tuple[np.ndarray, ...], statistic) -> tuple[np.ndarray, np.ndarray]:  # type: ignore[no-untyped-def]
        if any(len(s) < 2 for s in samples):
            return np.full(k, np.nan), np.full(k, np.nan)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            res = stats.bootstrap(samples, statistic, axis=0, method="BCa", n_resamples=n_boot,
                                  confidence_level=level, rng=rng)
        return np.asarray(res.confidence_interval.low, float), np.asarray(res.confidence_interval.high, float)

    for p in ("before", "after"):
        out[p] = run((data[p],), np.mean)
    out["difference"] = run((data["after"], data["before"]),
                            lambda a, b, axis=-1: np.mean(a, axis=axis) - np.mean(b, axis=axis))
    return out


#: Episode-level measures of the coverage lines: share of episodes (with protests) that ...
EPISODE_MEASURES = ("no_response", "any_repression", "any_accommodation", "any_preemptive")
EPISODE_COLUMNS = ("measure", "period", "count", "n_episodes", "estimate", "ci_low", "ci_high")


def episode_flags(per_episode: pd.DataFrame) -> pd.DataFrame:
    """Per episode (index episode_id), booleans: no coded response, any repression, any
    accommodation, any preemptive response (flagged ``preemptive`` or surveillance)."""
    table = per_episode.set_index("episode_id")
    return pd.DataFrame({
        "no_response": table["n_responses"].fillna(0) == 0,
        "any_repression": table["n_repression"].fillna(0) > 0,
        "any_accommodation": table["n_accommodation"].fillna(0) > 0,
        "any_preemptive": table.get("n_preemptive", pd.Series(0, index=table.index)).fillna(0) > 0,
    }, index=table.index)


def episode_shares(per_episode: pd.DataFrame, period: pd.Series, *, level: float = LEVEL) -> pd.DataFrame:
    """Share of episodes with no coded response / any repression / any accommodation / any
    preemptive response, per period, with mid-p exact intervals (``midp``); the difference by
    MOVER from the two mid-p intervals (Newcombe's hybrid method with mid-p limits in place of
    Wilson's). Every episode with protests counts here, including those without responses
    (which the share-of-responses estimates leave out).

    RETURNS (DataFrame): columns EPISODE_COLUMNS, one row per measure and period
        (``count`` is the number of episodes with the property; NaN for a difference).
    """
    flags = episode_flags(per_episode)
    aligned = period.reindex(flags.index)
    rows = []
    for measure in EPISODE_MEASURES:
        parts = {}
        for p in ("before", "after"):
            x = flags.loc[(aligned == p).to_numpy(), measure].to_numpy(dtype=bool)
            n, c = len(x), int(x.sum())
            m = c / n if n else np.nan
            low, high = midp(c, n, level) if n else (np.array(np.nan), np.array(np.nan))
            parts[p] = (c, n, m, float(low), float(high))
            rows.append({"measure": measure, "period": p, "count": c, "n_episodes": n, "estimate": m,
                         "ci_low": float(low), "ci_high": float(high)})
        (_, nb, mb, lb, ub), (_, na, ma, la, ua) = parts["before"], parts["after"]
        low, high = mover(mb, lb, ub, ma, la, ua)
        rows.append({"measure": measure, "period": "difference", "count": None, "n_episodes": nb + na,
                     "estimate": ma - mb, "ci_low": float(low), "ci_high": float(high)})
    out = pd.DataFrame(rows, columns=list(EPISODE_COLUMNS))
    out["count"] = out["count"].astype("Int64")
    return out


def shares_by_year(per_episode: pd.DataFrame, *, by: Sequence[str] = ("country",),
                   families: Sequence[str] = RESPONSE_FAMILIES) -> pd.DataFrame:
    """Mean per-episode family shares by year of episode start, with n_episodes.

    RETURNS (DataFrame): columns ``*by, year, n_episodes, share_<family>...`` (episodes with
        no responses are left out, as in ``before_after``).
    """
    cols = [f"share_{f}" for f in families]
    data = per_episode.dropna(subset=cols).assign(year=pd.to_datetime(per_episode["start"]).dt.year)
    data = data.dropna(subset=["year"]).astype({"year": int})
    grouped = data.groupby(list(by) + ["year"])
    out = grouped[cols].mean()
    out.insert(0, "n_episodes", grouped.size())
    return out.reset_index()


def compare_countries(
    frame: pd.DataFrame, *, landmark: str, countries: Sequence[str] | None = None, n_boot: int = N_BOOT,
    seed: int = 0, level: float = LEVEL, spanning: str = "before", method: str = "score",
    **episode_options: object,
) -> pd.DataFrame:
    """``before_after`` for every country in ``frame`` (or ``countries``), stacked.

    episode_options: passed to ``build_episodes`` (window_days, gap_days, ...).
    RETURNS (DataFrame): RESULT_COLUMNS with a leading ``country`` column.
    """
    from ..link.episodes import build_episodes
    from .repertoire import per_episode as _per_episode
    from .repertoire import with_episodes

    names = sorted(frame["country"].dropna().unique()) if countries is None else list(countries)
    parts = []
    for country in names:
        sub = frame[frame["country"] == country]
        episodes, mapping = build_episodes(sub, **episode_options)  # type: ignore[arg-type]
        table = _per_episode(sub, episodes, mapping)
        acts = landmark_acts(with_episodes(sub, mapping), landmark)
        result = before_after(share_matrix(table), period_of(table, landmark, spanning=spanning, acts=acts),
                              n_boot=n_boot, seed=seed, level=level, method=method,
                              sizes=responses_per_episode(table))
        parts.append(result.assign(country=country))
    if not parts:
        return pd.DataFrame(columns=["country", *RESULT_COLUMNS])
    out = pd.concat(parts, ignore_index=True)
    return out[["country", *RESULT_COLUMNS]]
