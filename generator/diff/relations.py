"""How a value's new description relates to the old one, and which way that hurts.

A value a client sends breaks callers when it gets stricter (narrower); a value
it receives breaks clients when it gets looser (wider). `Use` says which way a
value travels, `Rel` how it changed, and the `*_impact` functions combine them.
"""

from __future__ import annotations

import enum
from typing import Any

from ..ir import Constraints, Field, Parameter
from .report import Impact

# Formats that only annotate a value; changing them changes nothing on the wire or in types.
_ANNOTATION_FORMATS = frozenset({"password"})
_WIDER_FORMATS = frozenset({("int32", "int64"), ("float", "double")})
_LOWER_BOUNDS = (("min_length", "minLength"), ("minimum", "minimum"), ("min_items", "minItems"))
_UPPER_BOUNDS = (("max_length", "maxLength"), ("maximum", "maximum"), ("max_items", "maxItems"))


class Use(enum.Flag):
    """Which way values of a type travel: sent by the client, received by it, or both."""

    NONE = 0
    REQUEST = enum.auto()
    RESPONSE = enum.auto()


class Rel(enum.Enum):
    SAME = "same"
    NARROWER = "narrower"
    WIDER = "wider"
    DIFFERENT = "different"


def join(a: Rel, b: Rel) -> Rel:
    """Two changes of one value together: the same way stays that way, else different."""
    if a is Rel.SAME:
        return b
    if b is Rel.SAME or a is b:
        return a
    return Rel.DIFFERENT


def type_impact(rel: Rel, use: Use) -> Impact:
    """Narrowing breaks senders, widening breaks receivers, anything else breaks both."""
    if rel is Rel.NARROWER:
        return Impact.BREAKING if Use.REQUEST in use else Impact.COMPATIBLE
    if rel is Rel.WIDER:
        return Impact.BREAKING if Use.RESPONSE in use else Impact.COMPATIBLE
    return Impact.BREAKING


def constraint_impact(rel: Rel, use: Use) -> Impact:
    """Clients do not check what they receive, so only senders feel a stricter constraint."""
    if rel is Rel.WIDER:
        return Impact.COMPATIBLE
    return Impact.BREAKING if Use.REQUEST in use else Impact.COMPATIBLE


def required_impact(required: bool, use: Use) -> Impact:
    """A value became required (breaks senders) or optional (breaks receivers)."""
    hurt = Use.REQUEST if required else Use.RESPONSE
    return Impact.BREAKING if hurt in use else Impact.COMPATIBLE


def format_rel(old: str | None, new: str | None) -> Rel:
    old = None if old in _ANNOTATION_FORMATS else old
    new = None if new in _ANNOTATION_FORMATS else new
    if old == new:
        return Rel.SAME
    if old is None:
        return Rel.NARROWER
    if new is None or (old, new) in _WIDER_FORMATS:
        return Rel.WIDER
    if (new, old) in _WIDER_FORMATS:
        return Rel.NARROWER
    return Rel.DIFFERENT


def constraint_rel(old: Constraints, new: Constraints) -> tuple[Rel, list[str]]:
    """How the constraints changed, and a note per constraint that did."""
    rel, notes = Rel.SAME, []
    for bounds, lower in ((_LOWER_BOUNDS, True), (_UPPER_BOUNDS, False)):
        for attr, spelled in bounds:
            a, b = getattr(old, attr), getattr(new, attr)
            if a == b:
                continue
            notes.append(f"{spelled} {show(a)} -> {show(b)}")
            if a is None:
                step = Rel.NARROWER
            elif b is None:
                step = Rel.WIDER
            else:
                step = Rel.NARROWER if (b > a) == lower else Rel.WIDER
            rel = join(rel, step)
    if old.pattern != new.pattern:
        notes.append(f"pattern {show(old.pattern)} -> {show(new.pattern)}")
        if old.pattern is None:
            step = Rel.NARROWER
        elif new.pattern is None:
            step = Rel.WIDER
        else:
            step = Rel.DIFFERENT  # two patterns cannot be compared
        rel = join(rel, step)
    return rel, notes


def show(value: Any) -> str:
    """A spec value in a change message: strings quoted, a missing value as `none`."""
    if value is None:
        return "none"
    return repr(value) if isinstance(value, str) else str(value)


def default_change(old: Parameter | Field, new: Parameter | Field) -> str:
    before = show(old.default) if old.has_default else "none"
    after = show(new.default) if new.has_default else "none"
    return f"default {before} -> {after}"
