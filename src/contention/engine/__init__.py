"""Engines map one pure batch function over batches of documents: in-process, a process pool, or Dask."""
from __future__ import annotations

from typing import Callable, Iterable, Iterator, TypeVar

from ..errors import ConfigError

T = TypeVar("T")
R = TypeVar("R")

ENGINES = ("local", "processes", "dask")


def map_batches(fn: Callable[[T], R], batches: Iterable[T], *, engine: str = "local", workers: int | None = None,
                scheduler: str | None = None) -> Iterator[R]:
    """Results of ``fn`` over ``batches``, in order. ``engine``: local | processes | dask."""
    if engine == "local":
        return map(fn, batches)
    if engine == "processes":
        from .pool import map_pool
        return map_pool(fn, batches, workers=workers)
    if engine == "dask":
        from .dask_cluster import map_dask
        return map_dask(fn, batches, workers=workers, scheduler=scheduler)
    raise ConfigError(f"unknown engine {engine!r}", hint=f"choose one of {', '.join(ENGINES)}")
