"""The event table, re-exported for analysis (it lives in ``contention.link.frame``, the first
stage that reads it)."""
from ..link.frame import (
    COLUMNS,
    asserted_only,
    date_bounds,
    event_row,
    events_to_frame,
    is_protest,
    is_response,
    normalise_frame,
    year_of,
)

__all__ = ["COLUMNS", "asserted_only", "date_bounds", "event_row", "events_to_frame", "is_protest", "is_response",
           "normalise_frame", "year_of"]
