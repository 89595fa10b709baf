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


def pointer(*parts: str | int) -> str:
    """Build a JSON pointer (RFC 6901) from path segments, escaping `~` and `/`."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)
