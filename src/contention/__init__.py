"""contention: protests and state responses, coded from reports, with the evidence behind each event.

The public API mirrors the command line::

    import contention
    events = contention.extract("Police detained 20 strikers in Aktau.", lang="en", published="2016-10-05")
    summary = contention.run(["examples"], db="sqlite:///contention.db", report="contention-report")
    frame = contention.events(db="sqlite:///contention.db", country="KZ", family="repression")
    result = contention.learn(db="sqlite:///contention.db", country="KZ", landmark="2011-12-16")

Everything returns plain records (``Event``, ``Document``, ``Episode``) or pandas DataFrames.
"""
from __future__ import annotations

import logging
import sys
import types
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ConfigError, ContentionError, InputError, PipelineError, StoreError
from .records import DocResult, Document, Episode, Event, Evidence

if TYPE_CHECKING:
    import pandas as pd

    from .analyse import LearningResult
    from .pipeline import RunSummary
    from .store import Store

__version__ = "0.1.0"
__all__ = [
    "ConfigError", "ContentionError", "DocResult", "Document", "Episode", "Event", "Evidence", "InputError",
    "PipelineError", "StoreError", "__version__", "events", "extract", "extract_documents", "import_dataset",
    "learn", "open_store", "report", "run",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())


def extract(text: str, *, lang: str | None = None, published: str | None = None, doc_id: str = "text") -> list[Event]:
    """Code one text; ``lang`` is detected when not given. RETURNS: its events, each with evidence."""
    from .pipeline import extract_documents as _extract

    (res,) = _extract([Document(doc_id, text, lang=lang, published=published)])
    return list(res.events)


def extract_documents(docs: list[Document]) -> list[DocResult]:
    """Code many documents (pure: no database)."""
    from .pipeline import extract_documents as _extract

    return list(_extract(docs))


def open_store(db: str | None = None, *, create: bool = True) -> Store:
    """The database at URL ``db`` (default: SQLite file contention.db here); ``create=False`` refuses a
    path where there is no contention store yet instead of making an empty one."""
    from .store import open_store as _open

    return _open(db, create=create)


def run(paths: list[str | Path], *, db: str | None = None, report: str | Path | None = None,
        engine: str = "local", workers: int | None = None, scheduler: str | None = None,
        resume: bool = False) -> RunSummary:
    """Ingest, code, link and store every report under ``paths``; write the report to ``report`` if given.

    engine: local | processes | dask (``scheduler``: tcp://host:port of an existing Dask cluster).
    resume: continue the latest unfinished run over the same ``paths`` (see docs/scale.md).
    """
    from .pipeline import run as _run

    store = open_store(db)
    try:
        return _run(list(paths), store=store, report_dir=report, engine=engine, workers=workers,
                    scheduler=scheduler, resume=resume)
    finally:
        store.close()


def events(*, db: str | None = None, **filters: Any) -> pd.DataFrame:
    """Stored events as a DataFrame; filters as ``contention events`` (country, admin1, type, family, ...)."""
    store = open_store(db, create=False)
    try:
        return store.events_frame(**filters)
    finally:
        store.close()


def report(*, db: str | None = None, out: str | Path = "contention-report") -> Path:
    """Rebuild the offline HTML report; RETURNS the path of index.html."""
    from .pipeline import rebuild_episodes
    from .report.from_store import build_from_store

    store = open_store(db, create=False)
    try:
        rebuild_episodes(store)
        return build_from_store(store, out)
    finally:
        store.close()


def learn(*, db: str | None = None, country: str = "KZ", region: str | None = None, landmark: str = "2011-12-16",
          n_boot: int = 2000, seed: int = 0) -> LearningResult:
    """The learning analysis of the stored events (see ``contention.analyse.learn``)."""
    from .analyse import learn as _learn

    return _learn(events(db=db), country=country, region=region, landmark=landmark, n_boot=n_boot, seed=seed)


def import_dataset(source: str, path: str | Path, *, db: str | None = None, country: str | None = None) -> Any:
    """Import a dataset file (mm, acled, gdelt, ccc, keepiton) into the database; idempotent."""
    from .datasets.load import import_dataset as _import

    store = open_store(db)
    try:
        return _import(source, str(path), store=store, country=country)
    finally:
        store.close()


class _PublicModule(types.ModuleType):
    """``contention.extract`` and ``contention.report`` stay the functions of this API.

    Importing the subpackages of the same names (as ``contention.pipeline`` does, on first use)
    would otherwise rebind these names to the packages; they stay reachable through
    ``sys.modules`` and ``import contention.report.offline`` as before.
    """

    def __setattr__(self, name: str, value: object) -> None:
        if name in ("extract", "report") and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _PublicModule
