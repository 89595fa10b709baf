"""Problems found in a spec, as values.

Every stage reports what it finds as a `Diagnostic` with a JSON pointer into the
spec, so the CLI can print one grouped summary instead of failing on the first.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass


class Level(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True, order=True)
class Diagnostic:
    """One problem: how bad it is, where it is (a JSON pointer), and what it is."""

    level: Level
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.level}: {self.where or '#'}: {self.message}"


class SpecError(Exception):
    """The spec cannot be turned into a client; carries every diagnostic found."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = tuple(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))


def has_errors(found: Iterable[Diagnostic]) -> bool:
    return any(d.level is Level.ERROR for d in found)


def to_rows(found: Iterable[Diagnostic]) -> list[list[str]]:
    """Diagnostics as JSON-ready rows (the validation cache, the validating child)."""
    return [[str(d.level), d.where, d.message] for d in found]


def from_rows(rows: Iterable[Iterable[object]]) -> list[Diagnostic]:
    """`to_rows`'s rows as diagnostics again; ValueError or TypeError on a malformed row."""
    return [Diagnostic(Level(str(level)), str(where), str(text)) for level, where, text in rows]


def pointer(*parts: str | int) -> str:
    """Build a JSON pointer (RFC 6901) from path segments, escaping `~` and `/`."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def first_line(text: str) -> str:
    """A message's first line, at most 300 characters (library messages can run long)."""
    line = text.strip().splitlines()[0] if text.strip() else text
    return line if len(line) <= 300 else line[:297] + "..."
