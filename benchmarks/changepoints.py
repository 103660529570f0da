"""Change points: our binary segmentation (exact Poisson/binomial cost, event floor) against
``ruptures`` (PELT and binary segmentation, l2 cost, the same 3 x log(T) penalty on the
Gaussian -2 log-likelihood scale), and the coverage of our break-date intervals.

Run: PYTHONPATH=src python benchmarks/changepoints.py [--reps 400]
(``ruptures`` is optional: ``pip install ruptures``; without it only our method is measured.)
Each line: a planted break at month 30 of 60 (or none), how often a method finds a break within
3 months of it, and false alarms per series on the same series without a break.
"""
from __future__ import annotations

import argparse
import time

import numpy as np

from contention.analyse.changepoints import MIN_EVENTS, PENALTY_PER_LOG_N, binary_segmentation
from contention.analyse.synthetic import changepoint_check

CASES = {"counts 2 -> 5 a month": dict(rates=(2.0, 5.0)), "counts 1 -> 2": dict(rates=(1.0, 2.0)),
         "counts 3 -> 4.5": dict(rates=(3.0, 4.5)), "share .70 -> .40 (8 responses a month)": dict(share=(0.7, 0.4)),
         "share .60 -> .45": dict(share=(0.6, 0.45))}


def series(case: dict, rng: np.random.Generator, *, months: int = 60, at: int = 30, trials: int = 8):  # type: ignore[no-untyped-def]
    if "share" in case:
        a, b = case["share"]
        y = np.r_[rng.binomial(trials, a, at), rng.binomial(trials, b, months - at)].astype(float)
        null = rng.binomial(trials, a, months).astype(float)
        return y / trials, null / trials, np.full(months, float(trials))
    a, b = case["rates"]
    return (np.r_[rng.poisson(a, at), rng.poisson(b, months - at)].astype(float),
            rng.poisson(a, months).astype(float), None)


def ruptures_found(y: np.ndarray, algo: str) -> list[int]:
    import ruptures as rpt

    sigma2 = max(float(np.var(np.diff(y)) / 2), 1e-6)
    pen = PENALTY_PER_LOG_N * sigma2 * np.log(len(y))
    model = (rpt.Pelt if algo == "pelt" else rpt.Binseg)(model="l2", min_size=3, jump=1).fit(y.reshape(-1, 1))
    return [b for b in model.predict(pen=pen) if b < len(y)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reps", type=int, default=400)
    args = parser.parse_args()
    try:
        import ruptures  # noqa: F401
        algos = ["ours", "ruptures-pelt", "ruptures-binseg"]
    except ImportError:
        algos = ["ours"]
    print(f"| series | method | found (+-3 months) | false alarms / series | interval coverage | mean width (months) | s |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for name, case in CASES.items():
        t0 = time.perf_counter()
        ours = changepoint_check(args.reps, **case)
        print(f"| {name} | ours | {ours['detected']:.3f} | {ours['false_alarms_per_series']:.3f} | "
              f"{ours['coverage']:.3f} | {ours['mean_width']:.1f} | {time.perf_counter() - t0:.1f} |")
        for algo in algos[1:]:
            rng = np.random.default_rng(0)
            t0 = time.perf_counter()
            hit = alarms = 0
            for _ in range(args.reps):
                y, null, trials = series(case, rng)
                hit += any(abs(b - 30) <= 3 for b in ruptures_found(y, algo.split("-")[1]))
                alarms += len(ruptures_found(null, algo.split("-")[1]))
            print(f"| {name} | {algo} | {hit / args.reps:.3f} | {alarms / args.reps:.3f} | (none) | | "
                  f"{time.perf_counter() - t0:.1f} |")
    _ = binary_segmentation, MIN_EVENTS


if __name__ == "__main__":
    main()
