"""The Dask engine: batches as tasks on a distributed cluster (a LocalCluster, or one at ``--scheduler``).

Why it is shaped like this:

* One task per *batch* (hundreds of documents), never per document: a Dask task costs ~2 ms of
  scheduler time, a document ~10-60 ms of extraction, so per-document tasks would make the
  scheduler the bottleneck (notes/stack.md: 10k one-item tasks 17.9 s, batched 0.6 s).
* ``pure=False``: Dask would otherwise deduplicate identical batches by their token and hand
  one result to both; we want every submitted batch computed and returned in its place.
* A bounded window of tasks in flight (``IN_FLIGHT_PER_THREAD`` per worker thread), so a run
  over millions of documents never holds more than a few batches in the driver's or the
  scheduler's memory; results are yielded in submission order.
* Workers only compute (``extract_batch`` is pure); the driver writes. If a worker dies the
  scheduler re-runs its tasks elsewhere (up to ``distributed.scheduler.allowed-failures``), and
  since a result is only stored when the driver receives it, a lost worker can neither lose nor
  duplicate anything.
* Dask's developer logs are switched off (``LOG_LENGTH``): every comm between client, scheduler and
  workers remembers its last ``distributed.admin.low-level-log-length`` messages (1,000 by
  default), and an ``update-graph`` message carries the batch of documents itself, so with the
  default the driver kept the last ~1,000 batches alive: memory grew with the input up to
  ~100,000 documents (measured: 376 -> 613 MiB over 100k; flat after this change).
"""
from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Self, TypeVar

from ..errors import ConfigError, PipelineError

log = logging.getLogger(__name__)
T = TypeVar("T")
R = TypeVar("R")

#: Batches queued per worker thread: 2 keeps every worker busy while the driver receives a result.
IN_FLIGHT_PER_THREAD = 2
#: Messages each comm remembers for debugging: none (Dask's 1,000 would pin the last ~1,000 batches of documents).
LOG_LENGTH = 0
#: Longest wait, at the end of ``map``, for the scheduler to forget the tasks it was told to release.
FORGET_SECONDS = 10
#: LocalCluster size when --workers is not given (CI machines have 2 cores).
DEFAULT_LOCAL_WORKERS = 2


def _distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:  # pragma: no cover - only without the extra
        raise ConfigError("the dask engine needs dask.distributed", hint="pip install 'contention[dask]'") from exc
    return distributed


class DaskEngine:
    """A Dask client, on a LocalCluster it owns (no ``scheduler``) or on an existing cluster."""

    name = "dask"

    def __init__(self, *, workers: int | None = None, scheduler: str | None = None) -> None:
        distributed = _distributed()
        import dask

        self._cluster = None
        # for the engine's life: comms created later (a worker that restarts) read it too
        self._config = dask.config.set({"distributed.admin.low-level-log-length": LOG_LENGTH})
        self._config.__enter__()
        try:
            if scheduler:
                self.client = distributed.Client(scheduler, timeout="10s")
            else:
                self._cluster = distributed.LocalCluster(
                    n_workers=workers or DEFAULT_LOCAL_WORKERS, threads_per_worker=1, processes=True,
                    dashboard_address=None, silence_logs=logging.WARNING,
                    # its HTTP server (metrics) on a free loopback port: 8787 may be taken by another run
                    scheduler_kwargs={"dashboard_address": "127.0.0.1:0"})
                self.client = distributed.Client(self._cluster)
        except (OSError, TimeoutError) as exc:
            self.close()
            raise ConfigError(f"cannot reach the Dask scheduler: {exc}", where=scheduler,
                              hint="start one with `dask scheduler` or drop --scheduler for a local cluster") from exc

    def threads(self) -> int:
        """Worker threads in the cluster now (at least 1)."""
        return max(1, sum(self.client.nthreads().values()))

    def map(self, fn: Callable[[T], R], batches: Iterable[T]) -> Iterator[R]:
        """``fn`` over ``batches`` as tasks, at most a window of them in flight; results in order."""
        distributed = _distributed()
        window = IN_FLIGHT_PER_THREAD * self.threads()
        pending: deque[Any] = deque()
        last = None
        try:
            for batch in batches:
                future = self.client.submit(fn, batch, pure=False)
                last = future.key
                pending.append(future)
                del future, batch
                if len(pending) >= window:
                    yield _result(pending.popleft(), distributed)
            while pending:
                yield _result(pending.popleft(), distributed)
        finally:
            if pending:
                self.client.cancel(list(pending))
                pending.clear()
            if last is not None:
                self._wait_forgotten(last)

    def _wait_forgotten(self, key: Any) -> None:
        """Return once the scheduler has forgotten task ``key`` (the last one submitted).

        Releasing a future only sends a message: until the scheduler has handled it, the
        scheduler's task state still holds the task and its batch of documents (in this very
        process with a LocalCluster). Releases are handled in the order they were sent, so once the
        last task is gone every earlier one is too, and ``map`` returns holding no batch at all.
        """
        import time

        deadline = time.monotonic() + FORGET_SECONDS
        while time.monotonic() < deadline:
            try:
                if not self.client.run_on_scheduler(_scheduler_has, key=key):
                    return
            except (OSError, TimeoutError):  # the scheduler is gone: it holds nothing
                return
            time.sleep(0.005)
        log.warning("the Dask scheduler still holds task %s after %s s", key, FORGET_SECONDS)

    def close(self) -> None:
        client = getattr(self, "client", None)
        if client is not None:
            client.close()
        if self._cluster is not None:
            self._cluster.close()
        config, self._config = getattr(self, "_config", None), None
        if config is not None:
            config.__exit__(None, None, None)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _scheduler_has(dask_scheduler: Any, key: Any) -> bool:
    """Run on the scheduler: whether it still has task ``key``."""
    return key in dask_scheduler.tasks


def _result(future: Any, distributed: Any) -> Any:
    try:
        out = future.result()
    except distributed.KilledWorker as exc:
        raise PipelineError(f"a batch was lost with {getattr(exc, 'last_worker', 'its worker')} too many times; giving up",
                            hint="see the worker logs; the run can be resumed") from exc
    future.release()
    return out


def map_dask(fn: Callable[[T], R], batches: Iterable[T], *, workers: int | None = None,
             scheduler: str | None = None) -> Iterator[R]:
    """``fn`` over ``batches`` on a cluster started (and stopped) for this call, or the one at ``scheduler``."""
    with DaskEngine(workers=workers, scheduler=scheduler) as engine:
        yield from engine.map(fn, batches)
