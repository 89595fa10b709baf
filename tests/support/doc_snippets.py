"""The code blocks of generated markdown pages, and the spec's mock server as a subprocess.

Shared by the snippet tests of both languages (tests/docs and tests/ruby): a page's blocks
are classified the same way for Python and Ruby, so both suites run the same kinds of
snippets against the same mock.
"""

from __future__ import annotations

import json
import os
import re
import selectors
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = REPO_ROOT / "spec" / "thingspace-m2m.yaml"

# Real-looking credentials: the mock may validate that credentials are present.
ACCESS_TOKEN = "snippet-access-token-2f6c1d"
VZ_M2M_TOKEN = "snippet-vz-m2m-token-8a41b7"

_FENCE = re.compile(r"^```([A-Za-z]*)[^\n]*\n(.*?)^```[ \t]*$", re.M | re.S)
_HEADING = re.compile(r"^(#{1,6}) (.*)$", re.M)


@dataclass(frozen=True)
class Block:
    """One fenced code block of a page."""

    page: Path
    language: str
    code: str
    line: int  # 1-based line of the opening fence
    heading: str  # the nearest heading above the block, without its `#`s
    level: int  # that heading's level
    index: int  # position among the page's blocks of the same language

    @property
    def id(self) -> str:
        return f"{self.page.parent.name}/{self.page.name}:{self.line}"

    @property
    def is_signature(self) -> bool:
        """A method's signature (`def name(…)` without a body), shown, not run."""
        return self.code.lstrip().startswith("def ")


def blocks(page: Path, language: str | None = None) -> list[Block]:
    """The page's fenced blocks, in order (only those of `language` when given)."""
    text = page.read_text("utf-8")
    headings = [(m.start(), len(m.group(1)), m.group(2).strip()) for m in _HEADING.finditer(text)]
    found: list[Block] = []
    counts: dict[str, int] = {}
    for match in _FENCE.finditer(text):
        lang = match.group(1)
        if language is not None and lang != language:
            continue
        above = [h for h in headings if h[0] < match.start()]
        level, heading = (above[-1][1], above[-1][2]) if above else (0, "")
        line = text.count("\n", 0, match.start()) + 1
        found.append(Block(page, lang, match.group(2), line, heading, level, counts.get(lang, 0)))
        counts[lang] = counts.get(lang, 0) + 1
    return found


def example_response(block: Block) -> Any | None:
    """The JSON of the `Example Response` section that follows an `Example Usage` block in
    the same operation (before the next level-1 heading), or None when there is none."""
    if block.heading != "Example Usage":
        return None
    text = block.page.read_text("utf-8")
    lines = text.splitlines(keepends=True)
    rest = "".join(lines[block.line :])
    end = re.search(r"^# ", rest, re.M)
    section = rest[: end.start()] if end else rest
    found = re.search(r"^## Example Response.*?\n```json\n(.*?)^```", section, re.M | re.S)
    return json.loads(found.group(1)) if found else None


def controller_prelude(page: Path, language: str) -> str:
    """The page's first block when it defines the controller variable (`x = client.y`)."""
    first = blocks(page, language)[:1]
    if first and re.fullmatch(r"\s*\w+ = client\.\w+\s*", first[0].code):
        return first[0].code
    return ""


def class_name(page: Path) -> str | None:
    """The class a controller page documents (its `## Class Name` section)."""
    found = re.search(r"^## Class Name\n\n`(\w+)`", page.read_text("utf-8"), re.M)
    return found.group(1) if found else None


def runnable(page: Path, language: str) -> list[Block]:
    """The blocks to execute: every block of `language` but signatures and the controller
    variable (which goes into the prelude)."""
    prelude = controller_prelude(page, language)
    return [
        b for b in blocks(page, language) if not b.is_signature and not (prelude and b.index == 0)
    ]


class MockProcess:
    """`python -m generator mock SPEC --port 0` as a subprocess, for the time of a `with`."""

    STARTUP_SECONDS = 30.0
    LISTENING = "mock listening on "

    def __init__(self, spec: Path = SPEC_PATH) -> None:
        self.spec = spec
        self.url = ""
        self._process: subprocess.Popen[str] | None = None

    def __enter__(self) -> MockProcess:
        self._process = subprocess.Popen(
            [sys.executable, "-m", "generator", "mock", str(self.spec), "--port", "0"],
            cwd=REPO_ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        self.url = self._read_url(self._process)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        process = self._process
        if process is None:
            return
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()

    def _read_url(self, process: subprocess.Popen[str]) -> str:
        assert process.stdout is not None
        deadline = time.monotonic() + self.STARTUP_SECONDS
        with selectors.DefaultSelector() as selector:
            selector.register(process.stdout, selectors.EVENT_READ)
            while time.monotonic() < deadline:
                if selector.select(timeout=0.1):
                    line = process.stdout.readline()
                    if line.startswith(self.LISTENING):
                        return line[len(self.LISTENING) :].strip()
                    if not line:
                        break
        process.kill()
        process.wait()
        raise AssertionError("the mock server did not start")

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
