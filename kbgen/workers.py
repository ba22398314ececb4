"""Forked worker processes for the work that grows with the knowledge base: loading files and
running the per-article rules of a large KB on every core.

Fork, not spawn: the workers inherit what this process has loaded (the config, the whole
knowledge base) instead of receiving it pickled, and ``work`` may be any function, closures
included. Only the plain command line asks for more than one process: forking a process that
runs threads (`kbgen serve`) can deadlock, and Python 3.12 warns about it.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")
M = TypeVar("M")

_work: Callable[[Any], Any] | None = None  # what the forked workers run, set before they are forked


def available_processes() -> int:
    """How many processes the command line uses: one per CPU this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


# From this many files or articles the work is shared between processes (10,000 articles: about 2x
# faster on two cores); below it starting them costs more than it saves.
PARALLEL_FROM = 2000


def worth_forking(items: int, processes: int, least: int = PARALLEL_FROM) -> bool:
    """Whether ``items`` pieces of work (at least ``least``) are many enough to share between
    ``processes`` forked processes."""
    return processes > 1 and items >= least and "fork" in multiprocessing.get_all_start_methods()


def map_in_processes(work: Callable[[T], R], tasks: Sequence[T], processes: int,
                     meanwhile: Callable[[], M] = lambda: None) -> tuple[list[R], M]:
    """``[work(task) for task in tasks]``, in order, shared by this process and ``processes`` - 1
    forked workers, and what ``meanwhile()`` returns. This process runs ``meanwhile()`` first, then
    the tasks no worker has started, from the last: exactly ``processes`` of them are busy until the
    end, however long ``meanwhile`` takes, and its own results need no pickling."""
    global _work
    _work = work
    # Frozen, what this process holds is never walked by the workers' collectors either: walking it
    # would write to every object and so copy the pages they share with this process.
    gc.freeze()
    try:
        with ProcessPoolExecutor(processes - 1, mp_context=multiprocessing.get_context("fork"),
                                 initializer=_die_with, initargs=(os.getpid(),)) as pool:
            futures = [pool.submit(_run, task) for task in tasks]
            here = meanwhile()
            done_here = {}
            for n in reversed(range(len(tasks))):  # one at a time, while the workers go on from the first
                if futures[n].cancel():  # no worker has it yet
                    done_here[n] = work(tasks[n])
            return [done_here[n] if n in done_here else future.result() for n, future in enumerate(futures)], here
    finally:
        gc.unfreeze()
        _work = None


class Claims:
    """Items 0, 1, 2... shared out among the processes forked after this is made, each item to the
    first process that gets to it: every process asks about every item, in order, with ``mine``."""

    def __init__(self) -> None:
        self._next = multiprocessing.get_context("fork").Value("q", 0)  # the first item nobody has taken
        self._mine = -1  # this process's latest item, rendered or not yet reached

    def mine(self, item: int) -> bool:
        """Whether this process takes ``item``. Asked in order, so an item taken here is never behind."""
        if self._mine < item:
            with self._next.get_lock():
                self._mine = self._next.value
                self._next.value += 1
        return self._mine == item


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector paused, here and in the workers forked meanwhile, for work that makes
    objects which all live on (a loaded KB, the rules' parsed text): collecting would walk them again
    and again to free nothing, a tenth of checking 10,000 articles. What was there before is frozen
    (never walked again; forked workers leave its pages shared); the collector runs again after."""
    was_enabled = gc.isenabled()
    gc.disable()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
        if was_enabled:
            gc.enable()


# A worker's next task is queued while it runs one, and neither can be taken back: small slices keep
# the other processes from waiting for them at the end (at 10,000 articles, 8 per process left this
# one idle for 0.6 s).
_SLICES_PER_PROCESS = 32


def work_slices(count: int, processes: int) -> list[tuple[int, int]]:
    """(start, stop) bounds cutting ``range(count)`` into slices of nearly equal size, for
    map_in_processes to share among ``processes``."""
    parts = processes * _SLICES_PER_PROCESS
    size = -(-count // parts) if count else 1
    return [(start, min(start + size, count)) for start in range(0, count, size)]


_PR_SET_PDEATHSIG = 1


def _die_with(parent: int) -> None:
    """A worker is killed with the process that forked it (Linux): a killed build's workers must not
    go on writing into the folders the next build clears."""
    libc_name = ctypes.util.find_library("c")
    if libc_name:
        ctypes.CDLL(libc_name).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # it died before the line above
        os._exit(1)


def _run(task: Any) -> Any:
    assert _work is not None
    return _work(task)
