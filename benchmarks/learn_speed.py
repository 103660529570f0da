"""Time ``repertoire_by_year`` over 1,000,000 synthetic event rows (target: under 1 s).

Run: PYTHONPATH=src python benchmarks/learn_speed.py [--rows N] [--repeat R]
Also prints the synthetic coverage figure of the before/after method (``--coverage-reps``).
"""
from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

from contention.analyse.repertoire import repertoire_by_year
from contention.analyse.synthetic import coverage_check
from contention.taxonomy import EVENT_TYPES, family


def synthetic_rows(n: int, *, seed: int = 0) -> pd.DataFrame:
    """n event rows: 8 countries, 12 regions, dates 1990-2020 (10% month-only, 2% undated)."""
    rng = np.random.default_rng(seed)
    types = np.array(EVENT_TYPES, dtype=object)
    chosen = types[rng.integers(0, len(types), n)]
    days = np.datetime64("1990-01-01") + rng.integers(0, 365 * 31, n).astype("timedelta64[D]")
    dates = np.datetime_as_string(days, unit="D").astype(object)
    month_only = rng.random(n) < 0.10
    dates[month_only] = np.array([d[:7] for d in dates[month_only]], dtype=object)
    dates[rng.random(n) < 0.02] = None
    fam_of = {t: family(t) for t in EVENT_TYPES}
    return pd.DataFrame({
        "event_key": np.char.add("e", np.arange(n).astype(str)),
        "type": chosen,
        "family": pd.Series(chosen).map(fam_of).to_numpy(),
        "date": dates,
        "country": np.array(["KZ", "KG", "UZ", "TJ", "RU", "BY", "AM", "GE"], dtype=object)[rng.integers(0, 8, n)],
        "admin1": np.array([f"R{i}" for i in range(12)], dtype=object)[rng.integers(0, 12, n)],
        "modality": np.where(rng.random(n) < 0.9, "asserted", "planned").astype(object),
    })


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--coverage-reps", type=int, default=200)
    args = parser.parse_args()
    frame = synthetic_rows(args.rows)
    for by in (("country",), ("country", "admin1")):
        times = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            out = repertoire_by_year(frame, by=by)
            times.append(time.perf_counter() - t0)
        print(f"repertoire_by_year(by={by}) over {args.rows:,} rows: best {min(times):.3f} s, "
              f"median {sorted(times)[len(times) // 2]:.3f} s ({len(out)} groups)")
    if args.coverage_reps:
        report = coverage_check(args.coverage_reps, n_boot=500)
        cov = report["coverage"]
        print(f"synthetic coverage of 95% intervals over {report['reps']} replications "
              f"(40+40 episodes, n_boot 500): mean {report['mean_coverage']:.3f}; difference: "
              + ", ".join(f"{f} {cov[f]['difference']:.3f}" for f in cov) + f" ({report['seconds']:.1f} s)")


if __name__ == "__main__":
    main()
