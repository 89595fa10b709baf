"""The spec's mock server as a subprocess (`python -m generator mock SPEC --port 0`):
starting it, reading the URL it prints once it listens, stopping it, and a handle on the
requests it recorded."""

from __future__ import annotations

import json
import os
import selectors
import signal
import subprocess
import sys
import time
import urllib.request
from contextlib import suppress
from pathlib import Path
from types import TracebackType
from typing import IO, Any

REPO_ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = REPO_ROOT / "spec" / "thingspace-m2m.yaml"
LISTENING = "mock listening on "


def start_mock(spec: Path, stderr: int | IO[bytes] = subprocess.DEVNULL) -> subprocess.Popen[str]:
    """`python -m generator mock SPEC --port 0`, run from the repo root, stdout piped."""
    return subprocess.Popen(
        [sys.executable, "-m", "generator", "mock", str(spec), "--port", "0"],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=stderr,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def read_url(
    process: subprocess.Popen[str], seconds: float, *, only_that_line: bool = False
) -> str | None:
    """The URL the mock prints once it listens; ``None`` (the process killed) when it
    exits or prints none within ``seconds``. ``only_that_line``: any other line printed
    before it fails."""
    assert process.stdout is not None
    deadline = time.monotonic() + seconds
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        while time.monotonic() < deadline:
            if selector.select(timeout=0.1):
                line = process.stdout.readline()
                if line.startswith(LISTENING):
                    return line[len(LISTENING) :].strip()
                if not line:  # the mock exited before listening
                    break
                if only_that_line:
                    raise AssertionError(f"unexpected mock output: {line!r}")
    process.kill()
    process.wait()
    return None


def stop_mock(process: subprocess.Popen[str]) -> int:
    """SIGTERM (unless it has exited) and its exit code; killed, and ``TimeoutExpired``
    raised, when it takes more than 10 s. Its stdout is closed either way."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    try:
        return process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        raise
    finally:
        if process.stdout is not None:
            process.stdout.close()


class MockHandle:
    """A running mock server: its URL and the requests it recorded."""

    def __init__(self, url: str = "") -> None:
        self.url = url

    def _control(self, method: str) -> bytes:
        request = urllib.request.Request(self.url + "/__mock__/requests", method=method)
        with urllib.request.urlopen(request, timeout=5) as response:
            body: bytes = response.read()
            return body

    def requests(self) -> list[dict[str, Any]]:
        """The requests the mock recorded, oldest first."""
        records: list[dict[str, Any]] = json.loads(self._control("GET"))
        return records

    def clear(self) -> None:
        self._control("DELETE")


class MockProcess(MockHandle):
    """`python -m generator mock SPEC --port 0` as a subprocess, for the time of a `with`."""

    STARTUP_SECONDS = 30.0

    def __init__(self, spec: Path = SPEC_PATH) -> None:
        super().__init__()
        self.spec = spec
        self._process: subprocess.Popen[str] | None = None

    def __enter__(self) -> MockProcess:
        self._process = start_mock(self.spec)
        url = read_url(self._process, self.STARTUP_SECONDS)
        if url is None:
            raise AssertionError("the mock server did not start")
        self.url = url
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._process is not None:
            with suppress(subprocess.TimeoutExpired):  # it was killed: nothing more to do
                stop_mock(self._process)
