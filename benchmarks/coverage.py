"""Do the 95% intervals of the before/after comparison hold? The synthetic check of issue 15.

Run: PYTHONPATH=src python benchmarks/coverage.py [--reps 4000] [--boot-reps 500]
Prints markdown tables for BENCHMARKS.md:
1. the score interval (what ``learn`` reports) for every measure, period and size, in four
   scenarios (shift, null, and two stress tests), with ``--reps`` replications each;
2. the percentile bootstrap and scipy's BCa bootstrap on the same simulated episodes
   (``--boot-reps`` replications: they resample, so they are slow);
3. the exact coverage of the yes/no episode measures (Wilson, Newcombe).
"""
from __future__ import annotations

import argparse
import time

import pandas as pd

from contention.analyse.synthetic import SCENARIOS, coverage_grid, episode_coverage_exact

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reps", type=int, default=4000)
    parser.add_argument("--boot-reps", type=int, default=500)
    parser.add_argument("--boot", type=int, default=999, help="resamples per bootstrap interval")
    args = parser.parse_args()
    t0 = time.perf_counter()
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
    print("\n## Yes/no episode measures, exact coverage (Wilson; difference: Newcombe)\n")
    exact = pd.concat([episode_coverage_exact(n, scenario=s) for s in ("shift", "null") for n in SIZES])
    lines = ["| scenario | episodes per side | min | max | cells outside 93-97% |", "|---|---:|---:|---:|---:|"]
    for (s, n), rows in exact.groupby(["scenario", "n_per_side"], sort=False):
        out = ((rows["coverage"] < 0.93) | (rows["coverage"] > 0.97)).sum()
        lines.append(f"| {s} | {n} | {rows['coverage'].min():.3f} | {rows['coverage'].max():.3f} | {out} of {len(rows)} |")
    print("\n".join(lines))
    print(f"\ntotal {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
