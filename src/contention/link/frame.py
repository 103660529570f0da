"""The event table every analysis function reads: one row per event, plain columns.

``events_to_frame`` turns ``Event`` records into it; importers that produce a DataFrame
directly only need the columns in ``COLUMNS`` (missing ones are added empty by
``normalise_frame``). Only ``modality == "asserted"`` rows count for analysis
(``asserted_only``). Dates are ISO strings as precise as the source allows; ``date_bounds``
turns them into the first and last day they may mean.

DOCS: docs/analysis.md
"""
from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from ..records import Event
from ..taxonomy import COUNT_KEYS, RESPONSE_FAMILIES

#: The columns of the event table, in order.
COLUMNS: tuple[str, ...] = (
    "event_key", "type", "family", "date", "country", "admin1", "place", "actor",
    "actor_type", "modality", "preemptive", "origin", "doc_id", "evidence",
    "killed", "injured", "detained", "participants", "claims",
)


def event_row(event: Event) -> dict[str, object]:
    """One event as a row of the event table (counts missing from the text are NaN)."""
    counts = {k: float(event.counts[k]) if k in event.counts else np.nan for k in COUNT_KEYS}
    return {
        "event_key": event.key, "type": event.type, "family": event.family, "date": event.date,
        "country": event.country, "admin1": event.admin1, "place": event.place,
        "actor": event.actor, "actor_type": event.actor_type, "modality": event.modality,
        "preemptive": bool(event.preemptive), "origin": event.origin, "doc_id": event.doc_id,
        "evidence": event.evidence.text, **counts, "claims": ";".join(event.claims),
    }


def events_to_frame(events: Iterable[Event]) -> pd.DataFrame:
    """The event table of ``events``: one row per event, columns ``COLUMNS``.

    events: Event records (any iterable; consumed once).
    RETURNS (DataFrame): the event table, empty with the right columns when there are none.
    """
    return normalise_frame(pd.DataFrame([event_row(e) for e in events]))


def normalise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every column of ``COLUMNS`` present (missing ones empty).

    The count columns become floats (NaN = not stated); ``preemptive`` becomes bool;
    ``family`` is filled from ``type`` when absent. Extra columns are kept.
    """
    out = frame.copy()
    for col in COLUMNS:
        if col not in out.columns:
            out[col] = None
    if out["family"].isna().any():
        out["family"] = out["family"].where(out["family"].notna(), out["type"].map(_family_of))
    for col in COUNT_KEYS:
        out[col] = pd.to_numeric(out[col], errors="coerce").astype(float)
    out["preemptive"] = out["preemptive"].fillna(False).astype(bool)
    out["modality"] = out["modality"].fillna("asserted")
    return out[list(COLUMNS) + [c for c in out.columns if c not in COLUMNS]]


def _family_of(event_type: object) -> str:
    from ..taxonomy import family
    return family(event_type if isinstance(event_type, str) else None)


def asserted_only(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``frame`` whose modality is ``asserted`` (the only ones analysis counts)."""
    return frame[frame["modality"].fillna("asserted") == "asserted"]


def is_response(frame: pd.DataFrame) -> pd.Series:
    """Boolean mask: the row is a response (its family is one of the response families)."""
    return frame["family"].isin(RESPONSE_FAMILIES)


def is_protest(frame: pd.DataFrame) -> pd.Series:
    """Boolean mask: the row is a protest."""
    return frame["family"] == "protest"


def date_bounds(dates: pd.Series) -> tuple[pd.Series, pd.Series]:
    """First and last day each ISO date may mean: ``2011`` -> (2011-01-01, 2011-12-31).

    dates: ISO strings ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` (None/unparseable -> NaT).
    RETURNS (tuple): two datetime64 Series aligned with ``dates``: low and high bounds.
    """
    text = dates.astype("string").str.strip()
    n = text.str.len()
    day = pd.to_datetime(text.where(n == 10), format="%Y-%m-%d", errors="coerce")
    month = pd.to_datetime(text.where(n == 7), format="%Y-%m", errors="coerce")
    year = pd.to_datetime(text.where(n == 4), format="%Y", errors="coerce")
    low = day.fillna(month).fillna(year)
    high = day.fillna(month + pd.offsets.MonthEnd(0)).fillna(year + pd.offsets.YearEnd(0))
    return low.astype("datetime64[ns]"), high.astype("datetime64[ns]")


def year_of(dates: pd.Series) -> pd.Series:
    """The year of each ISO date as a nullable integer (fast: reads the first four characters)."""
    return pd.to_numeric(dates.astype("string").str.slice(0, 4), errors="coerce").astype("Int64")
