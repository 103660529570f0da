"""Engines map one pure batch function over batches of documents: in-process, a process pool, or Dask.

``open_engine`` starts an engine once (a process pool, a Dask client and perhaps a LocalCluster)
and lends it to many ``map`` calls, so a streaming run pays the start-up once and not per chunk.
Every engine returns results in the order of the batches, so the output does not depend on
which engine ran.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Protocol, TypeVar

from ..errors import ConfigError

T = TypeVar("T")
R = TypeVar("R")

ENGINES = ("local", "processes", "dask")


class Engine(Protocol):
    """What a started engine offers: ``map(fn, batches)`` -> results of ``fn`` per batch, in order."""

    name: str

    def map(self, fn: Callable[[T], R], batches: Iterable[T]) -> Iterator[R]: ...


class LocalEngine:
    """The calling process itself."""

    name = "local"

    def map(self, fn: Callable[[T], R], batches: Iterable[T]) -> Iterator[R]:
        return map(fn, batches)


@contextmanager
def open_engine(engine: str = "local", *, workers: int | None = None, scheduler: str | None = None) -> Iterator[Engine]:
    """A started engine for the ``with`` block; closed (pool shut, LocalCluster stopped) at its end.

    engine: local | processes | dask. workers: processes for ``processes``, LocalCluster workers for
    ``dask``. scheduler: ``tcp://HOST:PORT`` of a running Dask scheduler (dask only; no LocalCluster then).
    """
    if workers is not None and workers < 1:
        raise ConfigError(f"workers must be 1 or more, not {workers}")
    if scheduler and engine != "dask":
        raise ConfigError(f"a scheduler is for the dask engine, not {engine!r}", hint="add --engine dask")
    if engine == "local":
        yield LocalEngine()
    elif engine == "processes":
        from .pool import PoolEngine
        with PoolEngine(workers=workers) as pool:
            yield pool
    elif engine == "dask":
        from .dask_cluster import DaskEngine
        with DaskEngine(workers=workers, scheduler=scheduler) as dask:
            yield dask
    else:
        raise ConfigError(f"unknown engine {engine!r}", hint=f"choose one of {', '.join(ENGINES)}")


def map_batches(fn: Callable[[T], R], batches: Iterable[T], *, engine: str = "local", workers: int | None = None,
                scheduler: str | None = None) -> Iterator[R]:
    """Results of ``fn`` over ``batches``, in order, on an engine started for this call only."""
    with open_engine(engine, workers=workers, scheduler=scheduler) as eng:
        yield from eng.map(fn, batches)
