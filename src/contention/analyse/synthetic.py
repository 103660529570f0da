"""Synthetic episodes with a planted change, to check that the before/after method works.

``simulate_shares`` draws per-episode response mixes directly (fast; used for coverage);
``simulate_events`` writes the same kind of episodes as an event table, so the whole path
(``build_episodes`` -> ``per_episode`` -> ``before_after``) can be checked end to end.
``coverage_check`` repeats the experiment and reports how often the intervals cover the
truth. Each episode's mix is drawn around the period's true mix (Dirichlet with
``concentration``), then its responses are a multinomial draw from it; the expected
per-episode share is exactly the true mix, which is what ``before_after`` estimates.

DOCS: docs/analysis.md#synthetic-check
"""
from __future__ import annotations

import time
from collections.abc import Mapping

import numpy as np
import pandas as pd

from ..taxonomy import RESPONSE_FAMILIES, RESPONSE_FAMILY
from .compare import before_after

#: The planted shift of the default experiment: repression 0.7 -> 0.4, accommodation 0.2 -> 0.45.
TRUE_BEFORE: dict[str, float] = {"repression": 0.70, "preemption": 0.05, "accommodation": 0.20, "rhetoric": 0.05}
TRUE_AFTER: dict[str, float] = {"repression": 0.40, "preemption": 0.10, "accommodation": 0.45, "rhetoric": 0.05}
#: How alike the episodes of one period are (Dirichlet concentration around the true mix).
CONCENTRATION = 20.0
#: Responses per episode are drawn uniformly from this range (inclusive).
RESPONSES_PER_EPISODE = (2, 12)
#: Days between consecutive synthetic episodes (longer than any attachment window used).
EPISODE_SPACING_DAYS = 60


def _probs(p: Mapping[str, float]) -> np.ndarray:
    v = np.array([p[f] for f in RESPONSE_FAMILIES], dtype=float)
    return v / v.sum()


def _episode_counts(n: int, p: Mapping[str, float], *, concentration: float,
                    responses: tuple[int, int], rng: np.random.Generator) -> np.ndarray:
    mixes = rng.dirichlet(_probs(p) * concentration, size=n)
    sizes = rng.integers(responses[0], responses[1] + 1, size=n)
    return np.array([rng.multinomial(m, q) for m, q in zip(sizes, mixes)], dtype=int).reshape(n, len(RESPONSE_FAMILIES))


def simulate_shares(
    *, n_before: int = 40, n_after: int = 40, p_before: Mapping[str, float] = TRUE_BEFORE,
    p_after: Mapping[str, float] = TRUE_AFTER, concentration: float = CONCENTRATION,
    responses: tuple[int, int] = RESPONSES_PER_EPISODE, seed: int = 0,
) -> tuple[pd.DataFrame, pd.Series]:
    """Per-episode family shares and their period labels, with the planted shift.

    RETURNS (tuple): shares (episodes x families, index ``s0``, ``s1``...) and period Series.
    """
    rng = np.random.default_rng(seed)
    counts = np.vstack([
        _episode_counts(n_before, p_before, concentration=concentration, responses=responses, rng=rng),
        _episode_counts(n_after, p_after, concentration=concentration, responses=responses, rng=rng),
    ])
    index = [f"s{i}" for i in range(len(counts))]
    shares = pd.DataFrame(counts / counts.sum(axis=1, keepdims=True), index=index, columns=list(RESPONSE_FAMILIES))
    period = pd.Series(["before"] * n_before + ["after"] * n_after, index=index, name="period")
    return shares, period


def _types_of(family: str) -> list[str]:
    return [t for t, f in RESPONSE_FAMILY.items() if f == family and t != "response.lethal_force"]


def simulate_events(
    *, n_before: int = 40, n_after: int = 40, p_before: Mapping[str, float] = TRUE_BEFORE,
    p_after: Mapping[str, float] = TRUE_AFTER, landmark: str = "2011-12-16", country: str = "KZ",
    concentration: float = CONCENTRATION, responses: tuple[int, int] = RESPONSES_PER_EPISODE, seed: int = 0,
) -> pd.DataFrame:
    """An event table of synthetic episodes (one protest + its responses each) around ``landmark``.

    Episodes are ``EPISODE_SPACING_DAYS`` apart, alternate between four regions, and their
    responses fall 0-20 days after the protest, so ``build_episodes`` with default thresholds
    recovers them exactly.
    """
    rng = np.random.default_rng(seed)
    mark = pd.Timestamp(landmark)
    counts = {
        "before": _episode_counts(n_before, p_before, concentration=concentration, responses=responses, rng=rng),
        "after": _episode_counts(n_after, p_after, concentration=concentration, responses=responses, rng=rng),
    }
    regions = ("Mangystau", "Almaty", "Karaganda", "Atyrau")
    rows: list[dict[str, object]] = []
    for period, table in counts.items():
        sign = -1 if period == "before" else 1
        for i, row in enumerate(table):
            start = mark + pd.Timedelta(days=sign * (i + 1) * EPISODE_SPACING_DAYS)
            base = {"country": country, "admin1": regions[i % len(regions)], "modality": "asserted",
                    "doc_id": f"{period}-{i}", "evidence": "synthetic", "origin": "synthetic"}
            rows.append({**base, "event_key": f"{period}-{i}-p", "type": "protest.strike", "family": "protest",
                         "date": start.strftime("%Y-%m-%d")})
            for j, fam in enumerate(np.repeat(RESPONSE_FAMILIES, row)):
                day = start + pd.Timedelta(days=int(rng.integers(0, 21)))
                rows.append({**base, "event_key": f"{period}-{i}-r{j}", "type": str(rng.choice(_types_of(fam))),
                             "family": str(fam), "date": day.strftime("%Y-%m-%d"),
                             "preemptive": fam == "preemption"})
    return pd.DataFrame(rows)


def coverage_check(
    reps: int = 200, *, n_before: int = 40, n_after: int = 40, n_boot: int = 500, level: float = 0.95,
    seed: int = 0, p_before: Mapping[str, float] = TRUE_BEFORE, p_after: Mapping[str, float] = TRUE_AFTER,
    concentration: float = CONCENTRATION,
) -> dict[str, object]:
    """Repeat simulate -> ``before_after`` ``reps`` times and measure interval coverage.

    RETURNS (dict): ``reps``, ``level``, ``n_before``, ``n_after``, ``n_boot``, ``coverage``
        ({family: {before, after, difference}} share of intervals containing the truth),
        ``mean_coverage`` (over all families and periods), ``mean_estimate`` and
        ``truth`` ({family: {before, after, difference}}), ``mean_width`` of the
        difference intervals per family, and ``seconds``.
    """
    t0 = time.perf_counter()
    truth = {f: {"before": p_before[f] / sum(p_before.values()), "after": p_after[f] / sum(p_after.values())}
             for f in RESPONSE_FAMILIES}
    for values in truth.values():
        values["difference"] = values["after"] - values["before"]
    hits = {f: {p: 0 for p in ("before", "after", "difference")} for f in RESPONSE_FAMILIES}
    sums = {f: {p: 0.0 for p in ("before", "after", "difference")} for f in RESPONSE_FAMILIES}
    widths = {f: 0.0 for f in RESPONSE_FAMILIES}
    for r in range(reps):
        shares, period = simulate_shares(n_before=n_before, n_after=n_after, p_before=p_before, p_after=p_after,
                                         concentration=concentration, seed=seed * 100_003 + r)
        result = before_after(shares, period, n_boot=n_boot, seed=seed * 100_003 + r, level=level)
        for row in result.itertuples():
            t = truth[row.family][row.period]
            hits[row.family][row.period] += int(row.ci_low <= t <= row.ci_high)
            sums[row.family][row.period] += row.estimate
            if row.period == "difference":
                widths[row.family] += row.ci_high - row.ci_low
    coverage = {f: {p: hits[f][p] / reps for p in hits[f]} for f in hits}
    return {
        "reps": reps, "level": level, "n_before": n_before, "n_after": n_after, "n_boot": n_boot,
        "coverage": coverage,
        "mean_coverage": float(np.mean([v for d in coverage.values() for v in d.values()])),
        "mean_estimate": {f: {p: sums[f][p] / reps for p in sums[f]} for f in sums},
        "truth": truth, "mean_width": {f: widths[f] / reps for f in widths},
        "seconds": time.perf_counter() - t0,
    }
