"""Mass Mobilization in Autocracies Database (MMAD): not supported yet.

No MMAD file is in the project's shared data, and its variable layout is not known to us
well enough to map it without a copy to test against: guessing would mis-code events
silently. ``read()`` raises an InputError that says what is expected.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from .reading import ImportedRecord

SOURCE = "mmad"


def read(path: str | Path, *, country: str | None = None) -> Iterator[ImportedRecord]:
    """Always raises InputError: the MMAD reader is not written yet.

    path: an MMAD event-level CSV (one row per protest event, with its country, date,
    location, participants and state-response variables), once supported.
    country: as for the other readers.
    """
    raise InputError(
        "Mass Mobilization in Autocracies Database (MMAD) files are not supported yet",
        where=str(path),
        hint="an event-level MMAD CSV export is expected; add a copy with its codebook under "
             "shared/data/mmad/ so a reader can be written and tested against it, "
             "or convert it to the Mass Mobilization layout and use contention.datasets.mm",
    )
