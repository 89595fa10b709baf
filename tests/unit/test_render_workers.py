"""Rendering with a forked second worker gives the files one process gives.

`render(..., workers=2)` hands every other template to a forked child. These
tests pin that the output is the same bytes, that the child really renders its
half, and that a child which fails is not trusted.
"""

from __future__ import annotations

import io
import os
import threading
from contextlib import redirect_stderr
from pathlib import Path

import pytest

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


@pytest.fixture(autouse=True)
def fork_even_for_small_specs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render_module, "_FORK_FROM", 1)
    # Other tests of the session leave idle server threads behind, which would (rightly)
    # stop render from forking; these tests are about what happens when it does.
    monkeypatch.setattr(render_module, "_may_fork", lambda: True)


@pytest.mark.parametrize("lang", ["python", "ruby"])
def test_two_workers_render_the_same_bytes(lang: str) -> None:
    api = _api(M2M)
    assert render(api, load_pack(lang), M2M.name, workers=2) == render(
        api, load_pack(lang), M2M.name
    )


@pytest.mark.skipif(not TWILIO.exists(), reason="corpus not beside the repository")
def test_two_workers_render_a_corpus_spec_the_same() -> None:
    api = _api(TWILIO)
    pack = load_pack("python")
    assert render(api, pack, TWILIO.name, workers=2) == render(api, pack, TWILIO.name)


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
    assert render(_api(M2M), pack, M2M.name, workers=2) == expected
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


def test_generate_forks_a_renderer_only_while_no_child_validates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On two cores a validating child already keeps the second core busy."""
    from generator import cache, cli

    monkeypatch.setenv(cache.ENV, str(tmp_path / "cache"))
    asked: list[int] = []

    def spy(api: Api, pack: object, spec_name: str, *, workers: int = 1) -> dict[str, bytes]:
        asked.append(workers)
        return {}

    monkeypatch.setattr(cli, "render", spy)
    monkeypatch.setattr(cli, "_WORKERS", 2)
    for _ in range(2):  # the first run validates; the second finds the verdict recorded
        assert cli.main(["generate", str(M2M), "--lang", "python", "--out", str(tmp_path)]) == 0
    assert asked == [1, 2]


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

    monkeypatch.setattr(render_module.os, "fork", fork)
    with pytest.raises(RuntimeError, match="parent's half"):
        render(_api(M2M), pack, M2M.name, workers=2)
    (pid,) = forked
    with pytest.raises(ChildProcessError):  # reaped: not running, not a zombie
        os.waitpid(pid, os.WNOHANG)


def test_no_fork_while_another_thread_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A thread holding a lock at the fork would leave it held forever in the child."""
    monkeypatch.undo()  # the real _may_fork
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not render_module._may_fork()
    finally:
        stop.set()
        other.join()
