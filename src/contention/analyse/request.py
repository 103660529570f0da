"""Check what a user asked ``learn``/``report``/the dashboard for, before any work: country,
landmark(s), origin and window, each wrong value a one-line ``ConfigError``.

DOCS: docs/analysis.md#landmarks
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from ..errors import ConfigError
from .frame import asserted_only, date_bounds, normalise_frame
from .landmarks import Landmark, check_country, resolve_landmarks
from .robustness import resolve_window
from .sources import parse_origins, select_origin


@dataclass(frozen=True)
class LearningRequest:
    """A checked request: ISO country, landmarks (default from the data file), origins."""

    country: str
    landmarks: tuple[Landmark, ...]
    origin: tuple[str, ...] | None


def check_request(frame: pd.DataFrame, *, country: str | None, landmark: str | None = None,
                  origin: str | Sequence[str] | None = None, date_from: str | None = None,
                  date_to: str | None = None, window_years: float | None = None) -> LearningRequest:
    """Validate a learning request against the events in ``frame`` (any countries).

    RETURNS (LearningRequest). ConfigError (one line) for an unknown country, a country with no
    asserted events, an origin with no events, a malformed landmark/window, or a landmark
    outside the dated events of the country (nothing to compare on one side).
    """
    try:
        code = check_country(country)
    except ValueError as exc:
        raise ConfigError(str(exc)) from None
    events = frame[frame["country"] == code] if "country" in frame else frame.iloc[:0]
    events = asserted_only(normalise_frame(events)) if len(events) else events
    if events.empty:
        raise ConfigError(f"no asserted events for country {code} in the database",
                          hint="import or code reports about it first, or choose another --country")
    origins = parse_origins(origin)
    if origins is not None:
        chosen = select_origin(events, origins)
        if chosen.empty:
            present = ", ".join(sorted(events["origin"].fillna("unknown").astype(str).unique()))
            raise ConfigError(f"no events of origin {','.join(origins)} for {code}", hint=f"origins present: {present}")
        events = chosen
    try:
        marks = resolve_landmarks(code, landmark)
        for mark in marks:
            resolve_window(mark.date, date_from=date_from, date_to=date_to, window_years=window_years)
    except ValueError as exc:
        raise ConfigError(str(exc)) from None
    first, last = date_bounds(events[events["family"] == "protest"]["date"])
    lo, hi = first.min(), last.max()
    if pd.isna(lo):
        raise ConfigError(f"no dated protests for {code}: episodes cannot be placed before or after a landmark")
    for mark in marks:
        day = pd.Timestamp(mark.date)
        if day <= lo or day >= hi:
            raise ConfigError(f"landmark {mark.date} is outside the dated protests of {code} "
                              f"({lo:%Y-%m-%d} to {hi:%Y-%m-%d}): nothing to compare on one side")
    return LearningRequest(code, marks, origins)
