"""Already-coded datasets -> our records, and our events -> their layouts.

One module per source, each with ``read(path, *, country=None)`` returning an iterator of
``ImportedRecord`` (``.stats`` holds a ``ReadStats`` once it is exhausted):
``mm`` (Mass Mobilization), ``acled``, ``gdelt`` (1.0 and 2.0), ``ccc`` (Crowd Counting
Consortium), ``keepiton`` (#KeepItOn shutdowns), ``mmad`` (not supported yet).
``export`` writes ACLED-like and MM-like CSVs and the codebook. Mappings are data:
``datasets/mappings/*.toml``, rendered in docs/datasets.md.
"""
from __future__ import annotations

from .reading import ImportedRecord, ImportReader, ReadStats, RowWarning

#: source name -> module path of its reader (imported on demand: no work at import time)
READERS: dict[str, str] = {
    "mm": "contention.datasets.mm",
    "acled": "contention.datasets.acled",
    "gdelt": "contention.datasets.gdelt",
    "ccc": "contention.datasets.ccc",
    "keepiton": "contention.datasets.keepiton",
    "mmad": "contention.datasets.mmad",
}

__all__ = ["READERS", "ImportReader", "ImportedRecord", "ReadStats", "RowWarning", "read"]


def read(source: str, path: str, *, country: str | None = None) -> ImportReader:
    """Read ``path`` with the reader of ``source`` (a key of ``READERS``).

    RETURNS (ImportReader): the reader's iterator; ConfigError for an unknown source.
    """
    import importlib

    from ..errors import ConfigError

    if source not in READERS:
        raise ConfigError(f"unknown dataset {source!r}", hint=f"expected one of {', '.join(READERS)}")
    return importlib.import_module(READERS[source]).read(path, country=country)  # type: ignore[no-any-return]
