"""Half of a list's work done by a forked child: the way the generator (and a pack's
code) puts pure-Python work on a second core, where threads would take turns on the GIL.

A fork inherits everything loaded (a pack, compiled templates, the IR), so the
child computes (a pack's finish step may start subprocesses and write temporary
files) and sends back its results. Forking is left to Linux, and to a process
with no other thread (one holding a lock at the fork would leave it held forever
in the child).
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
import time
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
    it. When this process's half fails, the child is stopped (see `_stop`) and reaped.
    """
    if not may_fork():
        return work(items)
    theirs = items[1::2]
    try:
        read_end, write_end = os.pipe()
    except OSError:  # out of file descriptors: one process it is
        return work(items)
    # SIGTERM waits until the child has its handler: stopped at once, it would leave
    # what its work started (a pack's subprocesses, temporary files) behind.
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
    try:
        pid = os.fork()
    except OSError:  # out of memory or processes
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
        os.close(read_end)
        os.close(write_end)
        return work(items)
    global _sharing
    if pid == 0:  # the child: compute, send, and leave without running the parent's exit code
        status = 1
        try:
            signal.signal(signal.SIGTERM, _leave)
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
            _sharing = True
            os.close(read_end)
            with os.fdopen(write_end, "wb") as pipe:
                pickle.dump(work(theirs), pipe, pickle.HIGHEST_PROTOCOL)
            status = 0
        finally:
            os._exit(status)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        try:
            _sharing = True
            mine = work(items[::2])
            received = pipe.read()
        except BaseException:
            _stop(pid)  # our half failed: theirs is not wanted
            raise
        else:
            os.waitpid(pid, 0)
        finally:
            _sharing = False
    try:
        others = pickle.loads(received)
    except (pickle.UnpicklingError, EOFError, ValueError):
        others = None
    if not isinstance(others, list) or len(others) != len(theirs):
        others = work(theirs)
    results: list[R] = [None] * len(items)  # type: ignore[list-item]  # all set below
    results[::2], results[1::2] = mine, others
    return results


def _leave(signum: int, frame: object) -> None:
    """The child's SIGTERM handler: leave through SystemExit, so its cleanup runs."""
    raise SystemExit(1)


# How long a child asked to stop may take to clean up before it is killed.
_GRACE = 5.0


def _stop(pid: int) -> None:
    """Stop the child `pid` and reap it: asked first (SIGTERM, so that a pack's finish
    step stops its subprocesses and removes its temporary files), killed if it has not
    stopped within `_GRACE` seconds."""
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + _GRACE
    while time.monotonic() < deadline:
        if os.waitpid(pid, os.WNOHANG)[0]:
            return
        time.sleep(0.005)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
