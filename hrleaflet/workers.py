"""Worker processes for `build` and `batch`: how many, how they start, and how they stop at
once on Ctrl-C or a failure, leaving no half-written file behind."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path


def default_workers() -> int:
    """The cores this process may run on (a container's share, not the machine's)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def new_pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=max(1, workers), initializer=_leave_interrupts_to_the_parent)


def _leave_interrupts_to_the_parent() -> None:
    """Workers ignore Ctrl-C: the parent stops them, so they print no traceback of their own."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def stop_at_once(pool: ProcessPoolExecutor) -> None:
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
    pool.shutdown(wait=False, cancel_futures=True)
    # The executor keeps its processes private; ending them is the only way not to wait for
    # the jobs they are running (each writes atomically, so nothing half-written is left).
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(timeout=5)


def remove_parts(out: Path, written: Callable[[float], bool]) -> None:
    """Temporary `.part` files under `out` whose modification time satisfies `written` (a
    stopped worker's file that `output.write_atomically` had not yet moved into place)."""
    for part in out.rglob(".*.part"):
        try:
            if part.is_file() and written(part.stat().st_mtime):
                part.unlink()
        except OSError:
            continue  # not ours to fight over: the next run tries again
