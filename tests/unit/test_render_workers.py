"""Rendering with a forked second worker gives the files one process gives.

Once `render(..., free_core=...)` is told a second core is free, it hands every
other file (to render and finish) to a forked child. These tests pin that the output is the
same bytes, that the child really renders its half, that the question is asked
as rendering goes, and that a child which fails is not trusted.
"""

from __future__ import annotations

import io
import os
import signal
import subprocess
import threading
import time
from collections.abc import Sequence
from contextlib import redirect_stderr
from pathlib import Path

import pytest

from generator import cache, forking
from generator import render as render_module
from generator.build import build_api
from generator.config import load_config
from generator.ir import Api
from generator.loader import load_document
from generator.packs import load_pack
from generator.render import render

REPO = Path(__file__).resolve().parents[2]
TWILIO = REPO.parent / "shared" / "corpus" / "twilio-messaging-v1.json"
M2M = REPO / "spec" / "thingspace-m2m.yaml"


def _api(spec: Path) -> Api:
    document = load_document(spec)
    with redirect_stderr(io.StringIO()):
        api, _ = build_api(document, load_config(document.path, None))
    return api


def _always() -> bool:
    return True


@pytest.fixture(autouse=True)
def fork_even_for_small_specs(monkeypatch: pytest.MonkeyPatch) -> None:
    # No cache: both renders must finish every file themselves, not share the results.
    monkeypatch.setenv(cache.ENV, "off")
    monkeypatch.setattr(render_module, "_FORK_FROM", 1)
    # Other tests of the session leave idle server threads behind, which would (rightly)
    # stop render from forking; these tests are about what happens when it does.
    monkeypatch.setattr(forking, "may_fork", lambda: True)


@pytest.mark.parametrize("lang", ["python", "ruby"])
def test_two_workers_render_the_same_bytes(lang: str) -> None:
    api = _api(M2M)
    assert render(api, load_pack(lang), M2M.name, free_core=_always) == render(
        api, load_pack(lang), M2M.name
    )


@pytest.mark.skipif(not TWILIO.exists(), reason="corpus not beside the repository")
def test_two_workers_render_a_corpus_spec_the_same() -> None:
    api = _api(TWILIO)
    pack = load_pack("python")
    assert render(api, pack, TWILIO.name, free_core=_always) == render(api, pack, TWILIO.name)


def _renders_by_process(monkeypatch: pytest.MonkeyPatch, fail_in_child: bool) -> set[int]:
    """Render the M2M Python client with two workers; the pids that rendered a model page."""
    parent = os.getpid()
    read_end, write_end = os.pipe()
    pack = load_pack("python")
    original = pack.filters["class_name"]

    def spy(*args: object, **kwargs: object) -> object:
        os.write(write_end, f"{os.getpid()}\n".encode())
        if fail_in_child and os.getpid() != parent:
            raise RuntimeError("the child fails")
        return original(*args, **kwargs)

    monkeypatch.setitem(pack.filters, "class_name", spy)
    expected = render(_api(M2M), load_pack("python"), M2M.name)
    assert render(_api(M2M), pack, M2M.name, free_core=_always) == expected
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        return {int(line) for line in pipe.read().split()}


def test_the_child_renders_half(monkeypatch: pytest.MonkeyPatch) -> None:
    pids = _renders_by_process(monkeypatch, fail_in_child=False)
    assert os.getpid() in pids
    assert len(pids) == 2


def test_a_failing_child_is_replaced_by_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    pids = _renders_by_process(monkeypatch, fail_in_child=True)
    assert len(pids) == 2  # the child tried, failed, and its half was rendered here


def test_a_core_freed_halfway_takes_half_of_the_rest(monkeypatch: pytest.MonkeyPatch) -> None:
    """The second core is asked for as rendering goes: once free, the rest is shared."""
    parent = os.getpid()
    pack = load_pack("python")
    original = pack.filters["class_name"]
    rendered_by: list[int] = []

    def spy(*args: object, **kwargs: object) -> object:
        rendered_by.append(os.getpid())
        return original(*args, **kwargs)

    asked: list[bool] = []

    def free_from_the_third_question() -> bool:
        asked.append(len(asked) >= 2)
        return asked[-1]

    monkeypatch.setitem(pack.filters, "class_name", spy)
    expected = render(_api(M2M), pack, M2M.name)
    alone = len(rendered_by)
    rendered_by.clear()
    monkeypatch.setattr(render_module, "_ASK_EVERY", 1)
    assert render(_api(M2M), pack, M2M.name, free_core=free_from_the_third_question) == expected
    assert asked == [False, False, True]  # not asked again once the child is forked
    # What the child rendered was counted in its own memory, not here.
    assert set(rendered_by) == {parent}
    assert 0 < len(rendered_by) < alone


def test_generate_forks_a_renderer_once_no_child_validates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On two cores a validating child keeps the second core busy until it exits."""
    from generator import background, cache, cli

    monkeypatch.setenv(cache.ENV, str(tmp_path / "cache"))
    monkeypatch.setattr(cli, "_MANY_CORES", True)
    spawned: list[subprocess.Popen[bytes]] = []
    real_spawn = background._spawn

    def spawn_stopped(document: object) -> subprocess.Popen[bytes] | None:
        child = real_spawn(document)  # type: ignore[arg-type]
        assert child is not None
        os.kill(child.pid, signal.SIGSTOP)  # it cannot finish before render asks
        spawned.append(child)
        return child

    seen: list[bool] = []
    children = 0

    def spy(api: Api, pack: object, spec_name: str, *, free_core: object) -> dict[str, bytes]:
        nonlocal children
        assert callable(free_core)
        seen.append(free_core())
        while spawned:
            os.kill(spawned.pop().pid, signal.SIGCONT)
            children += 1
        deadline = time.monotonic() + 60
        while not free_core() and time.monotonic() < deadline:
            time.sleep(0.01)
        seen.append(free_core())
        return {}

    monkeypatch.setattr(background, "_spawn", spawn_stopped)
    monkeypatch.setattr(cli, "render", spy)
    for _ in range(2):  # the first run validates; the second finds the verdict recorded
        assert cli.main(["generate", str(M2M), "--lang", "python", "--out", str(tmp_path)]) == 0
    assert seen == [False, True, True, True]
    assert children == 1


def test_a_failure_in_this_process_s_half_stops_and_reaps_the_child(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    parent = os.getpid()
    pack = load_pack("python")
    original = pack.filters["class_name"]

    def fail_here(*args: object, **kwargs: object) -> object:
        if os.getpid() == parent:
            raise RuntimeError("the parent's half fails")
        return original(*args, **kwargs)

    monkeypatch.setitem(pack.filters, "class_name", fail_here)
    forked: list[int] = []
    real_fork = os.fork

    def fork() -> int:
        pid = real_fork()
        if pid:
            forked.append(pid)
        return pid

    monkeypatch.setattr(forking.os, "fork", fork)
    with pytest.raises(RuntimeError, match="parent's half"):
        render(_api(M2M), pack, M2M.name, free_core=_always)
    (pid,) = forked
    with pytest.raises(ChildProcessError):  # reaped: not running, not a zombie
        os.waitpid(pid, os.WNOHANG)


def test_no_fork_while_another_thread_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A thread holding a lock at the fork would leave it held forever in the child."""
    monkeypatch.undo()  # the real may_fork
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not forking.may_fork()
    finally:
        stop.set()
        other.join()


def test_each_process_knows_it_shares_the_work_only_while_it_does() -> None:
    def report(items: Sequence[int]) -> list[bool]:
        return [forking.sharing() for _ in items]

    assert not forking.sharing()
    assert forking.split(report, list(range(6))) == [True] * 6  # both halves, both processes
    assert not forking.sharing()


def test_a_child_no_longer_wanted_cleans_up_before_it_goes(tmp_path: Path) -> None:
    """When this process's half fails, the child's own cleanup still runs (a pack's
    finish step stops its subprocesses and removes its scratch files there)."""
    parent = os.getpid()
    marker = tmp_path / "cleaned"
    started = tmp_path / "started"

    def work(items: Sequence[int]) -> list[int]:
        if os.getpid() == parent:
            deadline = time.monotonic() + 60
            while not started.exists() and time.monotonic() < deadline:
                time.sleep(0.01)  # the child is at work, inside its try block
            raise RuntimeError("this half fails")
        try:
            started.touch()
            time.sleep(60)
            return list(items)
        finally:
            marker.touch()

    with pytest.raises(RuntimeError, match="this half fails"):
        forking.split(work, [1, 2, 3, 4])
    assert marker.exists()
