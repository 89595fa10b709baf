"""The code blocks of generated markdown pages.

Shared by the snippet tests of both languages (tests/docs and tests/ruby): a page's blocks
are classified the same way for Python and Ruby, so both suites run the same kinds of
snippets (against the same mock, `support.mock_process.MockProcess`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]

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
