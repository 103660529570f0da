"""A local process pool (all cores)."""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def map_pool(fn: Callable[[T], R], batches: Iterable[T], *, workers: int | None = None) -> Iterator[R]:
    with ProcessPoolExecutor(max_workers=workers or os.cpu_count() or 1) as ex:
        yield from ex.map(fn, batches)
