"""The result of a comparison: each change with its impact, the semver bump, text and JSON."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from typing import Any


class Impact(enum.StrEnum):
    """How much a change matters; declared most severe first (the report's order)."""

    BREAKING = "breaking"
    COMPATIBLE = "compatible"
    DOCS = "docs"


class Bump(enum.StrEnum):
    MAJOR = "major"
    MINOR = "minor"
    PATCH = "patch"
    NONE = "none"


_BUMP_OF = {Impact.BREAKING: Bump.MAJOR, Impact.COMPATIBLE: Bump.MINOR, Impact.DOCS: Bump.PATCH}
_HEADINGS = {
    Impact.BREAKING: "Breaking changes",
    Impact.COMPATIBLE: "Compatible changes",
    Impact.DOCS: "Documentation changes",
}
_SEMVER = re.compile(r"v?(\d+)\.(\d+)\.(\d+)")


@dataclass(frozen=True, slots=True)
class Change:
    """One difference: how much it matters, a stable `kind` code, what changed and how."""

    impact: Impact
    kind: str  # e.g. "parameter-required"; stable, for scripts reading the JSON report
    # e.g. "assignLicenseToDevices header X-Request-ID", "AssignLicenseRequest.skuNumber"
    where: str
    message: str

    def to_json(self) -> dict[str, str]:
        return {
            "impact": self.impact.value,
            "kind": self.kind,
            "where": self.where,
            "message": self.message,
        }


@dataclass(frozen=True, slots=True)
class Report:
    """The changes from one API version to the next, and the version bump they call for."""

    changes: tuple[Change, ...]
    old_version: str = ""
    new_version: str = ""

    def of(self, impact: Impact) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.impact is impact)

    @property
    def breaking(self) -> bool:
        return any(c.impact is Impact.BREAKING for c in self.changes)

    @property
    def bump(self) -> Bump:
        for impact in Impact:  # most severe first
            if self.of(impact):
                return _BUMP_OF[impact]
        return Bump.NONE

    @property
    def suggested_version(self) -> str | None:
        """The old `info.version` bumped as the changes require; None unless it is X.Y.Z."""
        match = _SEMVER.fullmatch(self.old_version.strip())
        if match is None:
            return None
        major, minor, patch = (int(part) for part in match.groups())
        bump = self.bump
        if bump is Bump.MAJOR:
            return f"{major + 1}.0.0"
        if bump is Bump.MINOR:
            return f"{major}.{minor + 1}.0"
        if bump is Bump.PATCH:
            return f"{major}.{minor}.{patch + 1}"
        return f"{major}.{minor}.{patch}"

    def version_note(self) -> str | None:
        """A warning when the new `info.version` is lower than the changes call for."""
        suggested, declared = self.suggested_version, _SEMVER.fullmatch(self.new_version.strip())
        if suggested is None or declared is None:
            return None
        wanted = tuple(int(p) for p in suggested.split("."))
        if tuple(int(p) for p in declared.groups()) >= wanted:
            return None
        return (
            f"info.version {self.new_version} is lower than a {self.bump} bump "
            f"of {self.old_version} ({suggested})"
        )

    def counts(self) -> dict[str, int]:
        return {impact.value: len(self.of(impact)) for impact in Impact}

    def text(self) -> str:
        lines: list[str] = []
        for impact in Impact:
            found = self.of(impact)
            if found:
                lines.append(f"{_HEADINGS[impact]} ({len(found)}):")
                lines += [f"  - {c.where}: {c.message}" for c in found]
                lines.append("")
        if not self.changes:
            lines.append("No API changes.")
        counts = self.counts()
        lines.append(
            f"semver bump: {self.bump} ({counts['breaking']} breaking, "
            f"{counts['compatible']} compatible, {counts['docs']} documentation)"
        )
        if self.old_version != self.new_version:
            lines.append(f"info.version: {self.old_version} -> {self.new_version}")
        note = self.version_note()
        if note is not None:
            lines.append(f"note: {note}")
        return "\n".join(lines) + "\n"

    def to_json(self) -> dict[str, Any]:
        return {
            "bump": self.bump.value,
            "breaking": self.breaking,
            "counts": self.counts(),
            "old_version": self.old_version,
            "new_version": self.new_version,
            "suggested_version": self.suggested_version,
            "changes": [c.to_json() for c in self.changes],
        }
