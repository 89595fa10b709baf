"""Open enums: a response value the client does not know yet is kept, not an error."""

from __future__ import annotations

import enum
from typing import Any, TypeVar

E = TypeVar("E", bound=enum.Enum)


def open_enum(cls: type[E], value: Any) -> E | Any:
    """The member of `cls` with this value, or the value itself when no member has it."""
    try:
        return cls(value)
    except ValueError:
        return value
