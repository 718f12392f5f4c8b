"""Worker processes for `build` and `batch`: how many, how they start, and how they stop at
once on Ctrl-C or a failure, leaving no half-written file behind."""

from __future__ import annotations

import gc
import os
import signal
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # about 17 ms to import: only when a build has workers to start
    from concurrent.futures import ProcessPoolExecutor


# A build allocates millions of small objects that mostly live until the leaflet is written;
# Python's default collector walks the young ones every 700 allocations, about 15 % of a fresh
# leaflet (20 % in Arabic).  Collecting less often, as mypy does, costs about 5 % more peak
# memory.  For the console script and its workers; library callers keep their own settings.
COLLECTOR_THRESHOLDS = (200_000, 30, 30)


def collect_less_often() -> None:
    gc.set_threshold(*COLLECTOR_THRESHOLDS)


def default_workers() -> int:
    """The cores this process may run on (a container's share, not the machine's)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


@contextmanager
def worker_pool(workers: int, out: Path) -> Iterator[ProcessPoolExecutor]:
    """Processes that write under `out`. On Ctrl-C or any failure they are ended at once, not
    after every queued job, and the temporary files they were writing are removed."""
    started = time.time()
    pool = new_pool(workers)
    try:
        yield pool
    except BaseException:
        _stop_at_once(pool)
        remove_parts(out, lambda mtime: mtime >= started - 1)  # the workers just stopped
        raise
    else:
        pool.shutdown(wait=True)


def new_pool(workers: int) -> ProcessPoolExecutor:
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=max(1, workers), initializer=_start_worker)


def _start_worker() -> None:
    """Workers ignore Ctrl-C: the parent stops them, so they print no traceback of their own.
    They collect as the parent does: a worker that is not forked (macOS, and Linux from
    Python 3.14, start them afresh) does not inherit the parent's setting."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    collect_less_often()


def _stop_at_once(pool: ProcessPoolExecutor) -> None:
    """End the workers now, not after every queued job."""
    # A second or third Ctrl-C while the workers are stopped must not leave them behind.
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if _main_thread() else None
    try:
        _end_workers(pool)
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)


def _main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


def _end_workers(pool: ProcessPoolExecutor) -> None:
    # The executor keeps its processes private; ending them is the only way not to wait for
    # the jobs they are running (each writes atomically, so nothing half-written is left).
    # They are taken before `shutdown`, which forgets them: taken after, none was ended, and
    # the process waited at exit for the workers to finish what they had been given.
    processes = list((getattr(pool, "_processes", None) or {}).values())
    manager = getattr(pool, "_executor_manager_thread", None)
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(timeout=5)
    # The pool's own thread notices its workers ended, and closes its wake-up pipe. Waited
    # for here: Python's exit hook writes to that pipe, and on Python 3.11 it could do so
    # while the thread was closing it ("Bad file descriptor", printed with a traceback).
    if manager is not None:
        manager.join(timeout=5)


def remove_parts(out: Path, written: Callable[[float], bool]) -> None:
    """Temporary `.part` files under `out` whose modification time satisfies `written` (a
    stopped worker's file that `output.write_atomically` had not yet moved into place)."""
    for part in out.rglob(".*.part"):
        try:
            if part.is_file() and written(part.stat().st_mtime):
                part.unlink()
        except OSError:
            continue  # not ours to fight over: the next run tries again
