"""Synthetic episodes with a planted change (or none), to check that the intervals hold.

The model: each episode's response mix is drawn around its period's true mix (Dirichlet with
``concentration``); its number of responses is uniform in ``responses``; the responses are a
multinomial draw from the mix. Each response that is not surveillance is flagged preemptive
with the episode's own probability (Beta around the period's ``q`` with the same
concentration); surveillance is always preemptive. So the expected per-episode family share is
exactly the true mix, and the expected preemptive share is ``p_s + (1 - p_s) q`` (``p_s`` the
surveillance share): what ``before_after`` estimates. A share ``tolerated`` of episodes (for
the episode-level measures) has protests and no response at all.

``simulate_shares`` draws the per-episode shares directly (fast; used for coverage);
``simulate_events`` writes the same kind of episodes as an event table, so the whole path
(``build_episodes`` -> ``per_episode`` -> ``before_after``) can be checked end to end.
``coverage_check`` repeats the experiment and reports how often the intervals cover the
truth; ``coverage_grid`` does it at 10, 30 and 100 episodes per side for every measure and
several interval methods; ``episode_coverage_check`` does it for the episode-level measures.

DOCS: docs/analysis.md#synthetic-check
"""
from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy.special import betaln

from ..taxonomy import RESPONSE_FAMILIES, RESPONSE_FAMILY
from .compare import (EPISODE_MEASURES, MEASURES, PERIODS, PREEMPTIVE, before_after, composition_groups,
                      dispersion_floor, episode_shares, mover, score_interval)

#: The planted shift of the default experiment: repression 0.7 -> 0.4, accommodation 0.2 -> 0.45.
TRUE_BEFORE: dict[str, float] = {"repression": 0.70, "preemption": 0.05, "accommodation": 0.20, "rhetoric": 0.05}
TRUE_AFTER: dict[str, float] = {"repression": 0.40, "preemption": 0.10, "accommodation": 0.45, "rhetoric": 0.05}
#: Probability that a (non-surveillance) response is preemptive, before and after.
Q_BEFORE, Q_AFTER = 0.10, 0.25
#: How alike the episodes of one period are (Dirichlet concentration around the true mix).
CONCENTRATION = 20.0
#: Responses per episode are drawn uniformly from this range (inclusive).
RESPONSES_PER_EPISODE = (2, 12)
#: Days between consecutive synthetic episodes (longer than any attachment window used).
EPISODE_SPACING_DAYS = 60
#: Episode counts per side of the coverage grid (what real users have).
GRID_SIZES = (10, 30, 100)


@dataclass(frozen=True)
class Scenario:
    """One synthetic world: true mixes and preemptive probabilities before and after."""

    name: str
    p_before: Mapping[str, float]
    p_after: Mapping[str, float]
    q_before: float = Q_BEFORE
    q_after: float = Q_AFTER
    concentration: float = CONCENTRATION
    responses: tuple[int, int] = RESPONSES_PER_EPISODE
    tolerated_before: float = 0.5
    tolerated_after: float = 0.35
    note: str = field(default="", compare=False)


#: Known shift, known null, and two stress tests (reported, not required to hit 93-97 %).
SCENARIOS: dict[str, Scenario] = {
    "shift": Scenario("shift", TRUE_BEFORE, TRUE_AFTER, note="planted shift (repression .70->.40, "
                      "accommodation .20->.45, preemptive q .10->.25)"),
    "null": Scenario("null", TRUE_BEFORE, TRUE_BEFORE, Q_BEFORE, Q_BEFORE, tolerated_after=0.5,
                     note="no change (the 'before' world on both sides)"),
    "heterogeneous": Scenario("heterogeneous", TRUE_BEFORE, TRUE_AFTER, concentration=5.0,
                              note="shift; episodes far less alike (concentration 5)"),
    "few_responses": Scenario("few_responses", TRUE_BEFORE, TRUE_AFTER, responses=(1, 4),
                              note="shift; 1-4 responses per episode (shares nearly yes/no)"),
}


def _probs(p: Mapping[str, float]) -> np.ndarray:
    v = np.array([p[f] for f in RESPONSE_FAMILIES], dtype=float)
    return v / v.sum()


_SURV = RESPONSE_FAMILIES.index("preemption")


def _episode_draws(shape: int | tuple[int, ...], p: Mapping[str, float], q: float, *, concentration: float,
                   responses: tuple[int, int], rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """(family counts shape x 4, preemptive counts shape) of episodes with at least one response;
    ``shape`` is the number of episodes, or (replications, episodes)."""
    shape = (shape,) if isinstance(shape, int) else tuple(shape)
    mixes = rng.dirichlet(_probs(p) * concentration, size=shape)
    sizes = rng.integers(responses[0], responses[1] + 1, size=shape)
    counts = rng.multinomial(sizes, mixes).reshape(shape + (len(RESPONSE_FAMILIES),))
    qs = rng.beta(q * concentration, (1 - q) * concentration, size=shape)
    flagged = rng.binomial(sizes - counts[..., _SURV], qs) + counts[..., _SURV]
    return counts.astype(int), flagged.astype(int)


def truth(p: Mapping[str, float], q: float) -> dict[str, float]:
    """The expected per-episode share of each measure (families, then preemptive)."""
    mix = _probs(p)
    out = {f: float(v) for f, v in zip(RESPONSE_FAMILIES, mix)}
    out[PREEMPTIVE] = float(mix[_SURV] + (1 - mix[_SURV]) * q)
    return out


def simulate_shares(
    *, n_before: int = 40, n_after: int = 40, p_before: Mapping[str, float] = TRUE_BEFORE,
    p_after: Mapping[str, float] = TRUE_AFTER, q_before: float = Q_BEFORE, q_after: float = Q_AFTER,
    concentration: float = CONCENTRATION, responses: tuple[int, int] = RESPONSES_PER_EPISODE, seed: int = 0,
    preemptive: bool = False,
) -> tuple[pd.DataFrame, pd.Series] | tuple[pd.DataFrame, pd.Series, pd.Series]:
    """Per-episode shares and their period labels, with the planted shift.

    preemptive: also return the ``preemptive`` column and the responses per episode.
    RETURNS (tuple): shares (episodes x families, index ``s0``, ``s1``...) and period Series;
        with ``preemptive``, shares has a ``preemptive`` column and a third item, the
        responses per episode (for ``before_after(sizes=...)``).
    """
    rng = np.random.default_rng(seed)
    parts = [_episode_draws(n, p, q, concentration=concentration, responses=responses, rng=rng)
             for n, p, q in ((n_before, p_before, q_before), (n_after, p_after, q_after))]
    counts = np.vstack([c for c, _ in parts])
    flagged = np.concatenate([f for _, f in parts])
    sizes = counts.sum(axis=1)
    index = [f"s{i}" for i in range(len(counts))]
    shares = pd.DataFrame(counts / sizes[:, None], index=index, columns=list(RESPONSE_FAMILIES))
    period = pd.Series(["before"] * n_before + ["after"] * n_after, index=index, name="period")
    if not preemptive:
        return shares, period
    shares[PREEMPTIVE] = flagged / sizes
    return shares, period, pd.Series(sizes, index=index, name="n_responses", dtype=float)


def _types_of(family: str) -> list[str]:
    return [t for t, f in RESPONSE_FAMILY.items() if f == family and t != "response.lethal_force"]


def simulate_events(
    *, n_before: int = 40, n_after: int = 40, p_before: Mapping[str, float] = TRUE_BEFORE,
    p_after: Mapping[str, float] = TRUE_AFTER, landmark: str = "2011-12-16", country: str = "KZ",
    concentration: float = CONCENTRATION, responses: tuple[int, int] = RESPONSES_PER_EPISODE, seed: int = 0,
    q_before: float = Q_BEFORE, q_after: float = Q_AFTER, tolerated: int = 0, origin: str = "synthetic",
) -> pd.DataFrame:
    """An event table of synthetic episodes (one protest + its responses each) around ``landmark``.

    Episodes are ``EPISODE_SPACING_DAYS`` apart, alternate between four regions, and their
    responses fall 0-20 days after the protest, so ``build_episodes`` with default thresholds
    recovers them exactly. ``tolerated`` more episodes per side have a protest and no
    response (they come after the others). Every event has ``origin``.
    """
    rng = np.random.default_rng(seed)
    mark = pd.Timestamp(landmark)
    draws = {
        "before": _episode_draws(n_before, p_before, q_before, concentration=concentration, responses=responses, rng=rng),
        "after": _episode_draws(n_after, p_after, q_after, concentration=concentration, responses=responses, rng=rng),
    }
    regions = ("Mangystau", "Almaty", "Karaganda", "Atyrau")
    rows: list[dict[str, object]] = []
    for period, (table, flagged) in draws.items():
        sign = -1 if period == "before" else 1
        for i in range(len(table) + tolerated):
            start = mark + pd.Timedelta(days=sign * (i + 1) * EPISODE_SPACING_DAYS)
            base = {"country": country, "admin1": regions[i % len(regions)], "modality": "asserted",
                    "doc_id": f"{origin}-{period}-{i}", "evidence": "synthetic", "origin": origin}
            rows.append({**base, "event_key": f"{origin}-{period}-{i}-p", "type": "protest.strike",
                         "family": "protest", "date": start.strftime("%Y-%m-%d")})
            if i >= len(table):
                continue
            fams = np.repeat(RESPONSE_FAMILIES, table[i])
            others = [j for j, f in enumerate(fams) if f != "preemption"]
            n_flag = int(flagged[i] - table[i][_SURV])
            chosen = set(rng.choice(others, size=n_flag, replace=False).tolist()) if n_flag else set()
            for j, fam in enumerate(fams):
                day = start + pd.Timedelta(days=int(rng.integers(0, 21)))
                rows.append({**base, "event_key": f"{origin}-{period}-{i}-r{j}", "type": str(rng.choice(_types_of(fam))),
                             "family": str(fam), "date": day.strftime("%Y-%m-%d"),
                             "preemptive": bool(fam == "preemption" or j in chosen)})
    return pd.DataFrame(rows)


def coverage_check(
    reps: int = 200, *, n_before: int = 40, n_after: int = 40, n_boot: int = 500, level: float = 0.95,
    seed: int = 0, p_before: Mapping[str, float] = TRUE_BEFORE, p_after: Mapping[str, float] = TRUE_AFTER,
    q_before: float = Q_BEFORE, q_after: float = Q_AFTER, concentration: float = CONCENTRATION,
    responses: tuple[int, int] = RESPONSES_PER_EPISODE, method: str = "score",
) -> dict[str, object]:
    """Repeat simulate -> interval ``reps`` times and measure how often the intervals cover the truth.

    method: the interval ``before_after`` reports (``score``, ``bootstrap`` or ``bca``). The
        score interval is computed for all replications at once with the functions
        ``before_after`` calls (``score_interval``, ``mover``); the bootstrap methods call
        ``before_after`` once per replication with ``n_boot`` resamples (slow).
    RETURNS (dict): ``reps``, ``level``, ``n_before``, ``n_after``, ``n_boot``, ``method``,
        ``coverage`` ({measure: {before, after, difference}} share of intervals containing
        the truth; a missing interval counts as a miss), ``mean_coverage`` (over all
        measures and periods), ``mean_estimate`` and ``truth`` (same shape), ``mean_width``
        ({measure: {before, after, difference}}), and ``seconds``.
    """
    t0 = time.perf_counter()
    tb, ta = truth(p_before, q_before), truth(p_after, q_after)
    true = np.array([[tb[m], ta[m], ta[m] - tb[m]] for m in MEASURES]).T  # periods x measures
    if method == "score":
        rng = np.random.default_rng(seed)
        groups = composition_groups(MEASURES)
        est, low, high = [], [], []
        parts = {}
        for label, n, p, q in (("before", n_before, p_before, q_before), ("after", n_after, p_after, q_after)):
            counts, flagged = _episode_draws((reps, n), p, q, concentration=concentration, responses=responses, rng=rng)
            sizes = counts.sum(axis=-1)
            x = np.concatenate([counts / sizes[..., None], (flagged / sizes)[..., None]], axis=-1)
            floor = dispersion_floor(sizes)
            parts[label] = (x.mean(axis=-2), score_interval(x, groups, level=level, floor=floor))
        (mb, sb), (ma, sa) = parts["before"], parts["after"]
        dl, dh = mover(mb, sb.jeffreys_low, sb.jeffreys_high, ma, sa.jeffreys_low, sa.jeffreys_high)
        est = np.stack([mb, ma, ma - mb], axis=1)          # reps x periods x measures
        low = np.stack([sb.low, sa.low, dl], axis=1)
        high = np.stack([sb.high, sa.high, dh], axis=1)
    else:
        est = np.full((reps, 3, len(MEASURES)), np.nan)
        low, high = est.copy(), est.copy()
        for r in range(reps):
            shares, period, sizes = simulate_shares(  # type: ignore[misc]
                n_before=n_before, n_after=n_after, p_before=p_before, p_after=p_after, q_before=q_before,
                q_after=q_after, concentration=concentration, responses=responses, seed=seed * 100_003 + r,
                preemptive=True)
            result = before_after(shares, period, n_boot=n_boot, seed=seed * 100_003 + r, level=level,
                                  method=method, sizes=sizes)
            table = result.set_index(["period", "family"])
            for i, p in enumerate(PERIODS):
                rows = table.loc[p].reindex(list(MEASURES))
                est[r, i], low[r, i], high[r, i] = rows["estimate"], rows["ci_low"], rows["ci_high"]
    covered = (low - 1e-12 <= true) & (true <= high + 1e-12)
    width = np.nanmean(high - low, axis=0) if np.isfinite(high - low).any() else np.full(true.shape, np.nan)
    cover = covered.mean(axis=0)
    mean_est = est.mean(axis=0)

    def nested(a: np.ndarray) -> dict[str, dict[str, float]]:
        return {m: {p: float(a[i, j]) for i, p in enumerate(PERIODS)} for j, m in enumerate(MEASURES)}

    return {
        "reps": reps, "level": level, "n_before": n_before, "n_after": n_after, "n_boot": n_boot, "method": method,
        "coverage": nested(cover), "mean_coverage": float(cover.mean()),
        "mean_estimate": nested(mean_est), "truth": nested(true), "mean_width": nested(width),
        "seconds": time.perf_counter() - t0,
    }


GRID_COLUMNS = ("scenario", "method", "n_per_side", "measure", "period", "truth", "coverage", "mc_se",
                "mean_width", "reps", "seconds")


def coverage_grid(
    *, sizes: Sequence[int] = GRID_SIZES, scenarios: Sequence[str] = ("shift", "null"),
    methods: Sequence[str] = ("score",), reps: int = 2000, n_boot: int = 999, level: float = 0.95, seed: int = 0,
) -> pd.DataFrame:
    """``coverage_check`` for every scenario, method and episode count per side, as one table.

    RETURNS (DataFrame): columns GRID_COLUMNS, one row per scenario, method, size, measure and
        period; ``mc_se`` is the Monte Carlo standard error of the coverage figure.
    """
    rows = []
    for name in scenarios:
        s = SCENARIOS[name]
        for method in methods:
            for n in sizes:
                rep = coverage_check(reps, n_before=n, n_after=n, n_boot=n_boot, level=level, seed=seed,
                                     p_before=s.p_before, p_after=s.p_after, q_before=s.q_before, q_after=s.q_after,
                                     concentration=s.concentration, responses=s.responses, method=method)
                cov, true, width = rep["coverage"], rep["truth"], rep["mean_width"]
                for m in MEASURES:
                    for p in PERIODS:
                        c = cov[m][p]  # type: ignore[index]
                        rows.append({"scenario": name, "method": method, "n_per_side": n, "measure": m, "period": p,
                                     "truth": true[m][p], "coverage": c,  # type: ignore[index]
                                     "mc_se": float(np.sqrt(max(c * (1 - c), 1e-12) / reps)),
                                     "mean_width": width[m][p], "reps": reps,  # type: ignore[index]
                                     "seconds": rep["seconds"]})
    return pd.DataFrame(rows, columns=list(GRID_COLUMNS))


# ------------------------------------------------------------------------ episode-level measures
def _none_within(alpha: float, beta: float, sizes: np.ndarray) -> float:
    """E[(1 - p)^m] for p ~ Beta(alpha, beta) and m uniform over ``sizes``: B(a, b + m) / B(a, b)."""
    return float(np.mean(np.exp(betaln(alpha, beta + sizes) - betaln(alpha, beta))))


def episode_truth(s: Scenario, period: str) -> dict[str, float]:
    """Expected share of episodes with no response / any repression / accommodation / preemptive."""
    p = _probs(s.p_before if period == "before" else s.p_after)
    q = s.q_before if period == "before" else s.q_after
    tol = s.tolerated_before if period == "before" else s.tolerated_after
    c = s.concentration
    sizes = np.arange(s.responses[0], s.responses[1] + 1, dtype=float)

    def none_of(j: int) -> float:
        return _none_within(c * p[j], c * (1 - p[j]), sizes)

    # no preemptive response: no surveillance and no flag, independently; per size m
    none_pre = float(np.mean([np.exp(betaln(c * p[_SURV], c * (1 - p[_SURV]) + m) - betaln(c * p[_SURV], c * (1 - p[_SURV])))
                              * np.exp(betaln(c * q, c * (1 - q) + m) - betaln(c * q, c * (1 - q))) for m in sizes]))
    rep, acc = RESPONSE_FAMILIES.index("repression"), RESPONSE_FAMILIES.index("accommodation")
    return {"no_response": tol, "any_repression": (1 - tol) * (1 - none_of(rep)),
            "any_accommodation": (1 - tol) * (1 - none_of(acc)), "any_preemptive": (1 - tol) * (1 - none_pre)}


def simulate_episode_table(s: Scenario, *, n_before: int, n_after: int, seed: int = 0) -> tuple[pd.DataFrame, pd.Series]:
    """A per-episode table (``episode_id``, ``n_responses``, ``n_<family>``, ``n_preemptive``)
    with tolerated episodes, for ``episode_shares``."""
    rng = np.random.default_rng(seed)
    frames, labels = [], []
    for period, n in (("before", n_before), ("after", n_after)):
        p = s.p_before if period == "before" else s.p_after
        q = s.q_before if period == "before" else s.q_after
        tol = s.tolerated_before if period == "before" else s.tolerated_after
        counts, flagged = _episode_draws(n, p, q, concentration=s.concentration, responses=s.responses, rng=rng)
        quiet = rng.random(n) < tol
        counts[quiet] = 0
        flagged[quiet] = 0
        frame = pd.DataFrame(counts, columns=[f"n_{f}" for f in RESPONSE_FAMILIES])
        frame["n_preemptive"] = flagged
        frame["n_responses"] = counts.sum(axis=1)
        frame["episode_id"] = [f"{period}-{i}" for i in range(n)]
        frames.append(frame)
        labels += [period] * n
    table = pd.concat(frames, ignore_index=True)
    return table, pd.Series(labels, index=table["episode_id"].to_numpy(), name="period")


def episode_coverage_check(reps: int = 2000, *, n: int = 30, scenario: str = "shift", level: float = 0.95,
                           seed: int = 0) -> pd.DataFrame:
    """Coverage of the ``episode_shares`` intervals (yes/no per episode, so coverage moves in steps
    at small n: see docs/analysis.md#synthetic-check).

    RETURNS (DataFrame): measure, period, truth, coverage, mc_se, n_per_side, scenario.
    """
    s = SCENARIOS[scenario]
    tb, ta = episode_truth(s, "before"), episode_truth(s, "after")
    true = {m: {"before": tb[m], "after": ta[m], "difference": ta[m] - tb[m]} for m in EPISODE_MEASURES}
    hits = {m: dict.fromkeys(PERIODS, 0) for m in EPISODE_MEASURES}
    for r in range(reps):
        table, period = simulate_episode_table(s, n_before=n, n_after=n, seed=seed * 100_003 + r)
        for row in episode_shares(table, period, level=level).itertuples():
            t = true[row.measure][row.period]
            hits[row.measure][row.period] += int(row.ci_low - 1e-12 <= t <= row.ci_high + 1e-12)
    rows = []
    for m in EPISODE_MEASURES:
        for p in PERIODS:
            c = hits[m][p] / reps
            rows.append({"scenario": scenario, "n_per_side": n, "measure": m, "period": p, "truth": true[m][p],
                         "coverage": c, "mc_se": float(np.sqrt(max(c * (1 - c), 1e-12) / reps))})
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------------- change points
def changepoint_check(reps: int = 500, *, months: int = 60, at: int = 30, rates: tuple[float, float] = (2.0, 5.0),
                      share: tuple[float, float] | None = None, trials: int = 8, tolerance: int = 3,
                      seed: int = 0) -> dict[str, float]:
    """Planted break in a monthly count (Poisson ``rates``) or share (binomial ``share`` over
    ``trials`` responses a month) series: how often ``binary_segmentation`` finds it (within
    ``tolerance`` months), how often ``break_interval`` covers the true month when it does, the
    mean interval width, and false alarms per series when nothing changes.

    RETURNS (dict): detected, coverage, mean_width, false_alarms_per_series, reps.
    """
    from .changepoints import MIN_EVENTS, MIN_SIZE, binary_segmentation, break_interval

    rng = np.random.default_rng(seed)
    detected = covered = width = alarms = 0
    for _ in range(reps):
        if share is None:
            y = np.r_[rng.poisson(rates[0], at), rng.poisson(rates[1], months - at)].astype(float)
            null = rng.poisson(rates[0], months).astype(float)
            n = n_null = None
        else:
            n = np.full(months, float(trials))
            y = np.r_[rng.binomial(trials, share[0], at), rng.binomial(trials, share[1], months - at)].astype(float)
            null, n_null = rng.binomial(trials, share[0], months).astype(float), n
        found = binary_segmentation(y, trials=n, min_events=MIN_EVENTS)
        near = [i for i, _ in found if abs(i - at) <= tolerance]
        if near:
            detected += 1
            cps = sorted(i for i, _ in found)
            k = cps.index(near[0])
            bounds = [0, *cps, months]
            lo, hi, _ = break_interval(y, trials=n, a=bounds[k], b=bounds[k + 2], min_size=MIN_SIZE)
            covered += int(lo <= at <= hi)
            width += hi - lo + 1
        alarms += len(binary_segmentation(null, trials=n_null, min_events=MIN_EVENTS))
    return {"reps": reps, "detected": detected / reps, "coverage": covered / detected if detected else float("nan"),
            "mean_width": width / detected if detected else float("nan"), "false_alarms_per_series": alarms / reps}


def episode_coverage_exact(n: int, *, scenario: str = "shift", level: float = 0.95,
                           interval: str = "midp") -> pd.DataFrame:
    """Exact coverage of the ``episode_shares`` intervals for yes/no episode measures with ``n``
    episodes a side: the sum over all outcomes of their binomial probability. No simulation
    noise; shows the steps a yes/no measure takes at small n.

    interval: ``"midp"`` (what ``episode_shares`` uses; difference: MOVER with mid-p limits) or
        ``"wilson"`` (Wilson; difference: Newcombe's hybrid score, used before, for comparison).
    RETURNS (DataFrame): scenario, n_per_side, measure, period, truth, coverage.
    """
    s = SCENARIOS[scenario]
    tb, ta = episode_truth(s, "before"), episode_truth(s, "after")
    rows = []
    for measure in EPISODE_MEASURES:
        pb, pa = tb[measure], ta[measure]
        cover_b, cover_a, cover_d = exact_yes_no_coverage(n, pb, pa, level=level, interval=interval)
        for period, t, c in (("before", pb, cover_b), ("after", pa, cover_a), ("difference", pa - pb, cover_d)):
            rows.append({"scenario": scenario, "n_per_side": n, "measure": measure, "period": period, "truth": t,
                         "coverage": c})
    return pd.DataFrame(rows)


def exact_yes_no_coverage(n: int, p_before: float, p_after: float, *, level: float = 0.95,
                          interval: str = "midp") -> tuple[float, float, float]:
    """Exact coverage (before, after, difference) of the yes/no interval at ``n`` episodes a side
    when the true shares are ``p_before`` and ``p_after``."""
    from scipy import stats

    from .compare import midp, mover, wilson

    x = np.arange(n + 1)
    m = x / n
    if interval == "midp":
        low, high = midp(x, n, level)
    elif interval == "wilson":
        low, high = wilson(m, float(n), stats.norm.ppf(1 - (1 - level) / 2))
    else:
        raise ValueError(f"interval must be midp or wilson, not {interval!r}")
    wb, wa = stats.binom.pmf(x, n, p_before), stats.binom.pmf(x, n, p_after)
    cover_b = float(wb[(low <= p_before + 1e-12) & (p_before <= high + 1e-12)].sum())
    cover_a = float(wa[(low <= p_after + 1e-12) & (p_after <= high + 1e-12)].sum())
    dl, dh = mover(m[:, None], low[:, None], high[:, None], m[None, :], low[None, :], high[None, :])
    d = p_after - p_before
    cover_d = float((np.outer(wb, wa) * ((dl <= d + 1e-12) & (d <= dh + 1e-12))).sum())
    return cover_b, cover_a, cover_d
