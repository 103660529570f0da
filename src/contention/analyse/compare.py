"""Across episodes: family shares over time, before/after a landmark, other countries.

The unit of comparison is the **episode**, not the event: an episode with forty arrests
reported in forty articles must not outweigh nine episodes with one response each. For each
episode with at least one response we take the share of each family among its responses;
a period's estimate is the mean of those shares over its episodes. Intervals come from a
bootstrap that resamples episodes (percentile method, seeded), and a Bayesian alternative: a
Dirichlet posterior in which each episode counts as one observation of a response mix
(prior ``DIRICHLET_PRIOR`` per family plus the sum of the episodes' share vectors). Below
``SMALL_N`` episodes the bootstrap is known to be too narrow, and for a family that never
varies (never seen, or the only one seen) it has zero width; in both cases the reported
interval is the union of both.

DOCS: docs/analysis.md#before-and-after
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..taxonomy import RESPONSE_FAMILIES

#: Bootstrap replicates unless told otherwise.
N_BOOT = 2000
#: Interval level unless told otherwise.
LEVEL = 0.95
#: Below this many episodes in a period the interval is widened to cover the Dirichlet one.
SMALL_N = 10
#: Jeffreys-style prior weight per family in the Dirichlet posterior.
DIRICHLET_PRIOR = 0.5
PERIODS = ("before", "after", "difference")
RESULT_COLUMNS = ("family", "period", "estimate", "ci_low", "ci_high", "n_episodes", "method",
                  "boot_low", "boot_high", "bayes_estimate", "bayes_low", "bayes_high")


def period_of(per_episode: pd.DataFrame, landmark: str, *, spanning: str = "before") -> pd.Series:
    """``before``/``after`` per episode relative to ``landmark`` (ISO date).

    per_episode: needs ``episode_id``, ``start``, ``end`` (Timestamps).
    spanning: where the landmark episode (in progress on the landmark day) goes:
        ``"before"`` (default: the episode that taught the lesson belongs to the past),
        ``"after"`` or ``"exclude"``. Undated episodes are excluded.
    RETURNS (Series): index episode_id, values "before", "after" or None.
    """
    mark = pd.Timestamp(landmark)
    start, end = pd.to_datetime(per_episode["start"]), pd.to_datetime(per_episode["end"])
    label = np.where(start < mark, "before", "after").astype(object)
    spans = (start <= mark) & (end >= mark)  # in progress on the landmark day (or starting on it)
    if spanning in ("before", "after"):
        label[spans.to_numpy()] = spanning
    elif spanning == "exclude":
        label[spans.to_numpy()] = None
    else:
        raise ValueError(f"spanning must be before, after or exclude, not {spanning!r}")
    label[start.isna().to_numpy()] = None
    return pd.Series(label, index=per_episode["episode_id"].to_numpy(), name="period", dtype=object)


def share_matrix(per_episode: pd.DataFrame, *, families: Sequence[str] = RESPONSE_FAMILIES) -> pd.DataFrame:
    """Episodes x families shares (episodes with no responses dropped), index episode_id."""
    shares = per_episode.set_index("episode_id")[[f"share_{f}" for f in families]]
    shares.columns = list(families)
    return shares.dropna(how="any")


def before_after(
    shares: pd.DataFrame, period: pd.Series, *, n_boot: int = N_BOOT, seed: int = 0, level: float = LEVEL,
    small_n: int = SMALL_N,
) -> pd.DataFrame:
    """Mean per-episode family shares before and after, their difference, with intervals.

    shares: episodes x families share table (``share_matrix``), index episode_id.
    period: episode_id -> "before"/"after" (``period_of``); other episodes are ignored.
    n_boot: bootstrap replicates and Dirichlet draws (2000). seed: random seed (0).
    level: interval level (0.95). small_n: below it the interval also covers the Dirichlet one (10).
    RETURNS (DataFrame): one row per family and period (before, after, difference) with
        columns RESULT_COLUMNS; ``n_episodes`` for a difference is before + after.
    """
    rng = np.random.default_rng(seed)
    aligned = period.reindex(shares.index)
    groups = {p: shares[aligned == p].to_numpy(dtype=float) for p in ("before", "after")}
    boot = {p: _bootstrap_means(x, n_boot=n_boot, rng=rng) for p, x in groups.items()}
    bayes = {p: _dirichlet_draws(x, n_draws=n_boot, rng=rng) for p, x in groups.items()}
    boot["difference"] = boot["after"] - boot["before"]
    bayes["difference"] = bayes["after"] - bayes["before"]
    n = {"before": len(groups["before"]), "after": len(groups["after"])}
    n["difference"] = n["before"] + n["after"]
    small = {"before": n["before"] < small_n, "after": n["after"] < small_n}
    small["difference"] = small["before"] or small["after"]
    est = {p: _mean(groups[p], shares.shape[1]) for p in ("before", "after")}
    est["difference"] = est["after"] - est["before"]
    rows = []
    for p in PERIODS:
        for j, fam in enumerate(shares.columns):
            rows.append(_result_row(fam, p, est[p][j], boot[p][:, j], bayes[p][:, j], n[p], small[p], level))
    return pd.DataFrame(rows, columns=list(RESULT_COLUMNS))


def _mean(x: np.ndarray, k: int) -> np.ndarray:
    return x.mean(axis=0) if len(x) else np.full(k, np.nan)


def _bootstrap_means(x: np.ndarray, *, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """n_boot x families means of episodes resampled with replacement (NaN when no episodes).

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


def _dirichlet_draws(x: np.ndarray, *, n_draws: int, rng: np.random.Generator) -> np.ndarray:
    """Draws of the family mix from Dirichlet(prior + sum of episode share vectors)."""
    n, k = x.shape
    if n == 0:
        return np.full((n_draws, k), np.nan)
    alpha = DIRICHLET_PRIOR + x.sum(axis=0)
    return rng.dirichlet(alpha, size=n_draws)


def _interval(draws: np.ndarray, level: float) -> tuple[float, float]:
    if np.isnan(draws).all():
        return float("nan"), float("nan")
    tail = (1.0 - level) / 2.0
    low, high = np.quantile(draws, [tail, 1.0 - tail])
    return float(low), float(high)


def _result_row(fam: str, p: str, estimate: float, boot: np.ndarray, bayes: np.ndarray, n: int,
                small: bool, level: float) -> dict[str, object]:
    boot_low, boot_high = _interval(boot, level)
    bayes_low, bayes_high = _interval(bayes, level)
    low, high, method = boot_low, boot_high, "bootstrap"
    # A family never (or always) seen gives every replicate the same mean: a zero-width
    # bootstrap interval that claims certainty 22 episodes cannot give.
    degenerate = not np.isnan(boot_low) and boot_high - boot_low == 0
    if (small or degenerate) and not np.isnan(bayes_low):
        low = bayes_low if np.isnan(boot_low) else min(boot_low, bayes_low)
        high = bayes_high if np.isnan(boot_high) else max(boot_high, bayes_high)
        method = "bootstrap+dirichlet (" + ("small n" if small else "no variation") + ")"
    return {"family": fam, "period": p, "estimate": float(estimate), "ci_low": low, "ci_high": high,
            "n_episodes": int(n), "method": method, "boot_low": boot_low, "boot_high": boot_high,
            "bayes_estimate": float(np.nanmean(bayes)) if not np.isnan(bayes).all() else float("nan"),
            "bayes_low": bayes_low, "bayes_high": bayes_high}


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
    seed: int = 0, level: float = LEVEL, spanning: str = "before", **episode_options: object,
) -> pd.DataFrame:
    """``before_after`` for every country in ``frame`` (or ``countries``), stacked.

    episode_options: passed to ``build_episodes`` (window_days, gap_days, ...).
    RETURNS (DataFrame): RESULT_COLUMNS with a leading ``country`` column.
    """
    from ..link.episodes import build_episodes
    from .repertoire import per_episode as _per_episode

    names = sorted(frame["country"].dropna().unique()) if countries is None else list(countries)
    parts = []
    for country in names:
        sub = frame[frame["country"] == country]
        episodes, mapping = build_episodes(sub, **episode_options)  # type: ignore[arg-type]
        table = _per_episode(sub, episodes, mapping)
        result = before_after(share_matrix(table), period_of(table, landmark, spanning=spanning),
                              n_boot=n_boot, seed=seed, level=level)
        parts.append(result.assign(country=country))
    if not parts:
        return pd.DataFrame(columns=["country", *RESULT_COLUMNS])
    out = pd.concat(parts, ignore_index=True)
    return out[["country", *RESULT_COLUMNS]]
