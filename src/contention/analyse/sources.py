"""Where the events come from: selecting by origin, and splitting an estimate by source.

Every event carries an ``origin``: ``extracted`` (coded by contention from reports),
``imported:<dataset>`` (a dataset's coded columns), ``imported:<dataset>/notes`` (responses
that the extractor read in a dataset's free-text notes and the coded columns lack), or
``synthetic``. Origins are hierarchical: selecting ``imported:mm`` keeps ``imported:mm`` and
``imported:mm/notes``; selecting ``imported:mm/notes`` keeps only the notes-coded events; a
leading ``-`` leaves an origin out (``imported:mm,-imported:mm/notes``: MM's coded columns only). A
**source** is the part before the first ``/``, so notes-coded responses count with the
dataset they came from when estimates are split by source.

DOCS: docs/analysis.md#sources-and-origins
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

#: Words for the sources in sentences (others are shown as they are).
SOURCE_NAMES = {
    "extracted": "reports coded by contention",
    "imported:mm": "Mass Mobilization",
    "imported:acled": "ACLED",
    "imported:gdelt": "GDELT",
    "imported:ccc": "Crowd Counting Consortium",
    "imported:keepiton": "#KeepItOn",
    "synthetic": "synthetic",
}


def parse_origins(origin: str | Sequence[str] | None) -> tuple[str, ...] | None:
    """``"a,b"`` or ``["a", "b"]`` -> ("a", "b"); None or empty -> None (every origin)."""
    if origin is None:
        return None
    items = origin.split(",") if isinstance(origin, str) else list(origin)
    out = tuple(dict.fromkeys(i.strip() for i in items if i and i.strip()))
    return out or None


def origin_matches(origins: pd.Series, wanted: Iterable[str]) -> pd.Series:
    """Boolean mask: the origin equals one of ``wanted`` or lies under it (``wanted + "/..."``)."""
    values = origins.fillna("").astype(str)
    mask = pd.Series(False, index=origins.index)
    for w in wanted:
        mask |= (values == w) | values.str.startswith(w + "/")
    return mask


def select_origin(events: pd.DataFrame, origin: str | Sequence[str] | None) -> pd.DataFrame:
    """The events whose origin is (under) one of ``origin`` and under none of its ``-`` items
    (all events when None; only exclusions: everything else)."""
    wanted = parse_origins(origin)
    if wanted is None:
        return events
    include = [w for w in wanted if not w.startswith("-")]
    exclude = [w[1:] for w in wanted if w.startswith("-") and len(w) > 1]
    mask = origin_matches(events["origin"], include) if include else pd.Series(True, index=events.index)
    if exclude:
        mask &= ~origin_matches(events["origin"], exclude)
    return events[mask.to_numpy()]


def source_of(origins: pd.Series) -> pd.Series:
    """The source of each origin: the part before the first ``/`` (``imported:mm/notes`` -> ``imported:mm``)."""
    return origins.fillna("unknown").astype(str).str.split("/", n=1).str[0]


def source_name(source: str) -> str:
    return SOURCE_NAMES.get(source, source)


def origin_counts(events: pd.DataFrame) -> pd.DataFrame:
    """Events per origin and family (protests and responses), for the methods box."""
    if events.empty:
        return pd.DataFrame(columns=["origin", "protests", "responses"])
    is_protest = events["family"] == "protest"
    out = events.assign(_p=is_protest, _r=~is_protest).groupby(events["origin"].fillna("unknown"))[["_p", "_r"]].sum()
    out.columns = ["protests", "responses"]
    return out.astype(int).reset_index().rename(columns={"index": "origin"})


def sign_disagreements(by_source: pd.DataFrame, *, measures: Sequence[str], min_episodes: int = 1,
                       tolerance: float = 0.005) -> list[dict[str, object]]:
    """Measures whose before/after difference has opposite signs in two sources.

    by_source: ``before_after`` rows with a ``source`` column (difference rows are used).
    min_episodes: a source needs at least this many episodes on each side to count.
    tolerance: differences smaller than this (in share points) have no sign.
    RETURNS (list): {measure, sources: {source: difference}, clear: [sources whose interval
        excludes zero]} per disagreeing measure.
    """
    if by_source.empty:
        return []
    out = []
    sides = by_source[by_source["period"].isin(["before", "after"])]
    enough = sides.groupby(["source", "family"])["n_episodes"].min() >= min_episodes
    diffs = by_source[by_source["period"] == "difference"]
    for measure in measures:
        rows = diffs[diffs["family"] == measure]
        rows = rows[[bool(enough.get((s, measure), False)) for s in rows["source"]]]
        est = rows.set_index("source")["estimate"].dropna()
        signs = np.sign(est.where(est.abs() >= tolerance, 0.0))
        if (signs > 0).any() and (signs < 0).any():
            clear = rows[(rows["ci_low"] > 0) | (rows["ci_high"] < 0)]["source"].tolist()
            out.append({"measure": measure, "sources": {str(k): float(v) for k, v in est.items()}, "clear": clear})
    return out
