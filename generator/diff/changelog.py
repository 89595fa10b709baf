"""The changes found so far, in the order found; every part of the comparison adds to it."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Any, Protocol, TypeVar

from ..ir import Example
from .relations import Use, required_impact
from .report import Change, Impact

_T = TypeVar("_T")


class _Documented(Protocol):
    @property
    def description(self) -> str: ...

    @property
    def examples(self) -> tuple[Example, ...]: ...


class ChangeLog:
    def __init__(self) -> None:
        self.changes: list[Change] = []

    def add(self, impact: Impact, kind: str, where: str, message: str) -> None:
        self.changes.append(Change(impact, kind, where, message))

    def breaking(self, kind: str, where: str, message: str) -> None:
        self.add(Impact.BREAKING, kind, where, message)

    def compatible(self, kind: str, where: str, message: str) -> None:
        self.add(Impact.COMPATIBLE, kind, where, message)

    def docs(self, where: str, **pairs: tuple[Any, Any]) -> None:
        """One documentation change naming every pair (old, new) that differs."""
        changed = [name for name, (a, b) in pairs.items() if a != b]
        if changed:
            self.add(Impact.DOCS, "documentation", where, " and ".join(changed) + " changed")

    def docs_and_examples(self, where: str, old: _Documented, new: _Documented) -> None:
        self.docs(
            where,
            description=(old.description, new.description),
            examples=(old.examples, new.examples),
        )

    def required(self, subject: str, where: str, required: bool, use: Use) -> None:
        """A value became required or optional."""
        word = "required" if required else "optional"
        self.add(required_impact(required, use), f"{subject}-{word}", where, f"became {word}")

    def matched(
        self,
        kind: str,
        old: Iterable[_T],
        new: Iterable[_T],
        key: Callable[[_T], Hashable],
        spell: Callable[[_T], str],
    ) -> list[tuple[_T, _T]]:
        """Pairs of items with the same key; the rest reported as removed / added."""
        old_by, new_by = {key(x): x for x in old}, {key(x): x for x in new}
        for k, item in old_by.items():
            if k not in new_by:
                self.breaking(f"{kind}-removed", spell(item), f"{kind} removed")
        for k, item in new_by.items():
            if k not in old_by:
                self.compatible(f"{kind}-added", spell(item), f"{kind} added")
        return [(item, new_by[k]) for k, item in old_by.items() if k in new_by]

    def by_impact(self) -> tuple[Change, ...]:
        """Most severe first, in the order found within an impact."""
        order = {impact: index for index, impact in enumerate(Impact)}
        return tuple(sorted(self.changes, key=lambda c: order[c.impact]))
