"""Half of a list's work done by a forked child: the way the generator (and a pack's
code) puts pure-Python work on a second core, where threads would take turns on the GIL.

A fork inherits everything loaded (a pack, compiled templates, the IR), so the
child only computes and sends back its results. Forking is left to Linux, and to
a process with no other thread (one holding a lock at the fork would leave it
held forever in the child).
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


_sharing = False  # set while this process does its half of a `split`


def sharing() -> bool:
    """Whether this process is doing its half of a `split` now, another process the other:
    work that would put a second core to use (e.g. a subprocess beside Python work) finds
    it busy."""
    return _sharing


def may_fork() -> bool:
    """Whether `split` may fork now: on Linux, with no other thread running."""
    return sys.platform.startswith("linux") and threading.active_count() == 1


def split(work: Callable[[Sequence[T]], list[R]], items: Sequence[T]) -> list[R]:
    """`work(items)`, with every other item done by a forked child when `may_fork()`.

    `work` must map a list to the list of its items' results, each result depending
    on its item alone, and its results must pickle. Every other item, since
    neighbouring items (models of one kind) cost alike. A child that fails or dies is
    not trusted: its items are done here, where an error surfaces as it would without
    it. When this process's half fails, the child is killed and reaped.
    """
    if not may_fork():
        return work(items)
    theirs = items[1::2]
    try:
        read_end, write_end = os.pipe()
    except OSError:  # out of file descriptors: one process it is
        return work(items)
    try:
        pid = os.fork()
    except OSError:  # out of memory or processes
        os.close(read_end)
        os.close(write_end)
        return work(items)
    global _sharing
    if pid == 0:  # the child: compute, send, and leave without running the parent's exit code
        status = 1
        try:
            _sharing = True
            os.close(read_end)
            with os.fdopen(write_end, "wb") as pipe:
                pickle.dump(work(theirs), pipe, pickle.HIGHEST_PROTOCOL)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        try:
            _sharing = True
            mine = work(items[::2])
            received = pipe.read()
        except BaseException:
            os.kill(pid, signal.SIGKILL)  # our half failed: theirs is not wanted
            raise
        finally:
            _sharing = False
            os.waitpid(pid, 0)
    try:
        others = pickle.loads(received)
    except (pickle.UnpicklingError, EOFError, ValueError):
        others = None
    if not isinstance(others, list) or len(others) != len(theirs):
        others = work(theirs)
    results: list[R] = [None] * len(items)  # type: ignore[list-item]  # all set below
    results[::2], results[1::2] = mine, others
    return results
