"""A local process pool (all cores unless told otherwise)."""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Self, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class PoolEngine:
    """A ProcessPoolExecutor kept open across ``map`` calls."""

    name = "processes"

    def __init__(self, *, workers: int | None = None) -> None:
        self.workers = workers or os.cpu_count() or 1
        self._pool = ProcessPoolExecutor(max_workers=self.workers)

    def map(self, fn: Callable[[T], R], batches: Iterable[T]) -> Iterator[R]:
        return self._pool.map(fn, batches)

    def close(self) -> None:
        self._pool.shutdown(cancel_futures=True)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def map_pool(fn: Callable[[T], R], batches: Iterable[T], *, workers: int | None = None) -> Iterator[R]:
    with PoolEngine(workers=workers) as pool:
        yield from pool.map(fn, batches)
