"""``Record`` and ``Frozen``: the bases of the models and of the runtime's value classes.

They stand in for ``dataclasses``, whose import (it loads ``inspect``, ``ast``, ``dis``
and more) would be a third of the package's import time, and whose decorator builds
each class's methods with ``exec`` when the class is created (~0.7 ms for ten fields).
"""

from __future__ import annotations

import operator
import reprlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar


def _reader(names: tuple[str, ...]) -> Callable[[object], tuple[Any, ...]]:
    """A function giving the attributes ``names`` of an object as a tuple.

    ``operator.attrgetter`` reads them in C, 3x faster than ``getattr`` in a loop:
    comparing two models costs about twice what a dataclass's generated ``__eq__``
    does. With fewer than two names it would not give a tuple, hence the loop then.
    """
    if len(names) > 1:
        return operator.attrgetter(*names)
    return lambda record: tuple([getattr(record, name) for name in names])


class Record:
    """An object compared and shown by its fields, as a dataclass is.

    A subclass lists its fields in ``__slots__`` (a subclass of it, only those it
    adds). Two records are equal when they are of the same class and their fields
    are equal; records are not hashable, as they can change. ``repr`` shows every
    field but those named in ``_unshown`` (credentials, bodies).
    """

    __slots__: ClassVar[tuple[str, ...]] = ()
    _unshown: ClassVar[frozenset[str]] = frozenset()
    _names: ClassVar[tuple[str, ...]] = ()
    """Every field, the base classes' first."""
    _fields: ClassVar[Callable[[object], tuple[Any, ...]]]
    """Reads a record's fields as a tuple; called on the class, ``type(self)._fields(self)``."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._names = (*cls._names, *cls.__dict__.get("__slots__", ()))
        cls._fields = _reader(cls._names)

    def __eq__(self, other: object) -> bool:
        if type(other) is type(self):
            fields = type(self)._fields
            return fields(self) == fields(other)
        return NotImplemented

    @reprlib.recursive_repr()
    def __repr__(self) -> str:
        shown = (name for name in self._names if name not in self._unshown)
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in shown)
        return f"{type(self).__qualname__}({fields})"


class Frozen(Record):
    """A record that cannot change, and so is hashable, as a frozen dataclass is.

    A subclass sets its fields in ``__init__`` with ``object.__setattr__``:
    assigning or deleting an attribute afterwards raises ``AttributeError``.
    """

    __slots__ = ()

    if not TYPE_CHECKING:  # hidden from mypy, which would otherwise accept any attribute name

        def __setattr__(self, name: str, value: object) -> None:
            raise AttributeError(f"{type(self).__name__} is immutable: cannot assign to {name!r}")

        def __delattr__(self, name: str) -> None:
            raise AttributeError(f"{type(self).__name__} is immutable: cannot delete {name!r}")

    def __hash__(self) -> int:
        return hash(type(self)._fields(self))

    def __reduce__(self) -> tuple[Any, ...]:
        # Copy and pickle rebuild the fields as they are, without running __init__ again
        # (the default way would assign them, which __setattr__ refuses).
        return (_rebuild, (type(self), type(self)._fields(self)))


def _rebuild(cls: type[Frozen], values: tuple[Any, ...]) -> Frozen:
    record = object.__new__(cls)
    for name, value in zip(cls._names, values, strict=True):
        object.__setattr__(record, name, value)
    return record
