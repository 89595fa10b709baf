"""The ``UNSET`` sentinel: "not given", as opposed to ``None`` (JSON ``null``)."""

from __future__ import annotations

import enum
from typing import Final, Literal


class Unset(enum.Enum):
    """Type of :data:`UNSET`, the marker for an argument or field that was not given.

    ``None`` and ``UNSET`` mean different things on the wire: a model field or
    request body set to ``None`` is sent as JSON ``null``, while one left
    ``UNSET`` is not sent at all. Test for it with ``value is UNSET``; the
    sentinel is also falsy, so ``if value:`` treats it like an empty value.

    Example::

        def update(name: str | None | Unset = UNSET) -> None:
            if name is UNSET:
                ...  # leave the name as it is
            elif name is None:
                ...  # clear the name (sends null)
    """

    UNSET = "UNSET"

    def __repr__(self) -> str:
        return "UNSET"

    def __bool__(self) -> Literal[False]:
        return False


UNSET: Final = Unset.UNSET
"""The one :class:`Unset` value: "not given"."""
