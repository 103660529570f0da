"""Engine fixtures: a real 2-worker ``distributed.LocalCluster`` shared by the module, fresh PostgreSQL
databases on the session server, and a small generated corpus (``corpus.py``, our own sentences)."""
from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.pg import fresh_pg_database
from .corpus import write_corpus

#: Small on purpose: 2 shared cores in CI. Enough for several chunks and several batches per chunk.
N_DOCS = 320


@pytest.fixture
def engine_db(pg_admin_url: str) -> str:
    """URL of a new, empty PostgreSQL database."""
    return fresh_pg_database(pg_admin_url, "engine_test")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """N_DOCS reports in 3 .jsonl.gz files and 12 .txt files."""
    return write_corpus(tmp_path_factory.mktemp("corpus"), N_DOCS, files=3, txt=12)


@pytest.fixture(scope="module")
def dask_cluster() -> Iterator[object]:
    """A real LocalCluster: 2 worker processes with one thread each (a nanny restarts a killed worker)."""
    import distributed  # the "dask" extra, installed by `make test`: a missing one fails, never skips
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=logging.ERROR, scheduler_kwargs={"dashboard_address": "127.0.0.1:0"}) as cluster:
        yield cluster
