"""Do the 95% intervals of the before/after comparison hold? The synthetic check of issue 15.

Run: PYTHONPATH=src python benchmarks/coverage.py [--reps 4000] [--boot-reps 500] [--episodes-only]
Prints markdown tables for BENCHMARKS.md:
1. the score interval (what ``learn`` reports) for every measure, period and size, in four
   scenarios (shift, null, and two stress tests), with ``--reps`` replications each;
2. the percentile bootstrap and scipy's BCa bootstrap on the same simulated episodes
   (``--boot-reps`` replications: they resample, so they are slow);
3. the exact coverage of the yes/no episode measures: mid-p (what ``learn`` reports; difference:
   MOVER with mid-p limits) beside Wilson (difference: Newcombe), in the scenarios and over a grid
   of truths (``--episodes-only`` prints this part alone; it is exact, so it takes seconds).
"""
from __future__ import annotations

import argparse
import time

import pandas as pd

import numpy as np

from contention.analyse.synthetic import SCENARIOS, coverage_grid, episode_coverage_exact, exact_yes_no_coverage

SIZES = (10, 30, 100)


def summary(grid: pd.DataFrame) -> str:
    lines = ["| scenario | episodes per side | min | mean | max | cells outside 93-97% | worst cell | seconds |",
             "|---|---:|---:|---:|---:|---:|---|---:|"]
    for (scenario, method, n), rows in grid.groupby(["scenario", "method", "n_per_side"], sort=False):
        out = rows[(rows["coverage"] < 0.93) | (rows["coverage"] > 0.97)]
        worst = rows.loc[(rows["coverage"] - 0.95).abs().idxmax()]
        lines.append(f"| {scenario} ({method}) | {n} | {rows['coverage'].min():.3f} | {rows['coverage'].mean():.3f} | "
                     f"{rows['coverage'].max():.3f} | {len(out)} of {len(rows)} | {worst['measure']} {worst['period']} "
                     f"{worst['coverage']:.3f} | {rows['seconds'].iloc[0]:.1f} |")
    return "\n".join(lines)


def cells(grid: pd.DataFrame) -> str:
    table = grid.pivot_table(index=["n_per_side", "period"], columns="measure", values="coverage", sort=False)
    cols = list(table.columns)
    lines = ["| episodes per side | period | " + " | ".join(cols) + " |", "|---:|---|" + "---:|" * len(cols)]
    for (n, period), row in table.iterrows():
        lines.append(f"| {n} | {period} | " + " | ".join(f"{row[c]:.3f}" for c in cols) + " |")
    return "\n".join(lines)


def episode_tables() -> str:
    """The yes/no episode measures: exact coverage in the scenarios, and over a grid of truths."""
    out = ["\n## Yes/no episode measures, exact coverage\n",
           "| interval | scenario | episodes per side | min | max | cells outside 93-97% | worst cell |",
           "|---|---|---:|---:|---:|---:|---|"]
    for interval in ("midp", "wilson"):
        for s in ("shift", "null"):
            for n in SIZES:
                rows = episode_coverage_exact(n, scenario=s, interval=interval)
                bad = (rows["coverage"] < 0.93) | (rows["coverage"] > 0.97)
                worst = rows.loc[(rows["coverage"] - 0.95).abs().idxmax()]
                out.append(f"| {interval} | {s} | {n} | {rows['coverage'].min():.3f} | {rows['coverage'].max():.3f} | "
                           f"{int(bad.sum())} of {len(rows)} | {worst['measure']} {worst['period']} (truth "
                           f"{worst['truth']:.3f}) {worst['coverage']:.3f} |")
    truths = np.linspace(0.02, 0.98, 49)
    out += ["\nOver truths from 2% to 98% (49 values; differences over 13 x 13 pairs), exact:\n",
            "| interval | episodes per side | one period: mean | min | share of truths in 93-97% | "
            "difference: mean | min | share in 93-97% |", "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for n in (5, 10, 20, 30, 100):
        for interval in ("midp", "wilson"):
            one = np.array([exact_yes_no_coverage(n, p, p, interval=interval)[0] for p in truths])
            two = np.array([exact_yes_no_coverage(n, a, b, interval=interval)[2]
                            for a in truths[::4] for b in truths[::4]])
            band = lambda c: float(((c >= 0.93) & (c <= 0.97)).mean())  # noqa: E731
            out.append(f"| {interval} | {n} | {one.mean():.3f} | {one.min():.3f} | {band(one):.2f} | "
                       f"{two.mean():.3f} | {two.min():.3f} | {band(two):.2f} |")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reps", type=int, default=4000)
    parser.add_argument("--boot-reps", type=int, default=500)
    parser.add_argument("--boot", type=int, default=999, help="resamples per bootstrap interval")
    parser.add_argument("--episodes-only", action="store_true", help="only the exact yes/no episode measures")
    args = parser.parse_args()
    t0 = time.perf_counter()
    if not args.episodes_only:
        grid = coverage_grid(sizes=SIZES, scenarios=tuple(SCENARIOS), reps=args.reps)
        print(f"## Score interval, {args.reps} replications per cell\n")
        for name, s in SCENARIOS.items():
            print(f"- {name}: {s.note}")
        print()
        print(summary(grid))
        print("\nShift scenario, every cell:\n")
        print(cells(grid[grid["scenario"] == "shift"]))
        print(f"\n## Bootstraps on the same episodes (shift), {args.boot_reps} replications, {args.boot} resamples\n")
        boot = coverage_grid(sizes=SIZES, scenarios=("shift",), methods=("bootstrap", "bca"), reps=args.boot_reps,
                             n_boot=args.boot)
        print(summary(boot))
    print(episode_tables())
    print(f"\ntotal {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
