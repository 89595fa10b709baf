"""``Record`` (the models' base) and ``Frozen`` (the runtime's value classes): compared and
shown by their fields as dataclasses were; ``Frozen`` ones also immutable, hashed, copied and
pickled by them, as the frozen dataclasses they replace were."""

from __future__ import annotations

import copy
import pickle
from types import ModuleType

import pytest


def test_values_compare_and_hash_by_their_fields(rt: ModuleType) -> None:
    Timeout = rt._transport.Timeout
    assert Timeout() == Timeout(10.0, 60.0) == Timeout(connect=10, read=60)
    assert Timeout(read=None) != Timeout()
    assert hash(Timeout(3, 4)) == hash(Timeout(3, 4))
    assert len({Timeout(), Timeout(), Timeout(read=5)}) == 2
    # another class with the same fields is not equal
    assert rt._auth.BearerScheme("a", "b") != rt._auth.BasicScheme("a", "b")
    assert Timeout() != (10.0, 60.0)


def test_values_are_immutable(rt: ModuleType) -> None:
    timeout = rt._transport.Timeout()
    with pytest.raises(AttributeError, match="immutable"):
        timeout.read = 5
    with pytest.raises(AttributeError, match="immutable"):
        del timeout.read
    with pytest.raises(AttributeError):
        timeout.other = 1
    assert timeout == rt._transport.Timeout()


def test_repr_shows_the_fields_but_bodies_and_credentials(rt: ModuleType) -> None:
    assert repr(rt._transport.Timeout(3)) == "Timeout(connect=3, read=60.0)"
    file = rt._files.File(b"x", filename="a.txt")
    assert repr(file) == "File(content=b'x', filename='a.txt', content_type=None)"
    response = rt._response.ApiResponse(
        status_code=200, reason_phrase="OK", headers={}, raw_body=b"secret", data=1
    )
    assert repr(response) == "ApiResponse(status_code=200, reason_phrase='OK', headers={}, data=1)"
    parts = rt._auth.AuthParts(headers=(("Authorization", "Bearer secret"),))
    assert repr(parts) == "AuthParts()"


def test_values_survive_copy_and_pickle(rt: ModuleType) -> None:
    policy = rt._retry.RetryPolicy(max_retries=4, statuses=frozenset({503}))
    options = rt._options.RequestOptions(extra_headers={"X": "1"}, timeout=2)
    for value in (policy, options, rt._transport.Timeout(read=None), rt._files.File(b"x")):
        assert copy.copy(value) == value
        assert copy.deepcopy(value) == value
        assert pickle.loads(pickle.dumps(value)) == value


def test_records_of_any_number_of_fields_compare_by_them(rt: ModuleType) -> None:
    Record = rt._record.Record

    class Empty(Record):
        __slots__ = ()

    class One(Record):
        __slots__ = ("a",)

        def __init__(self, a: object) -> None:
            self.a = a

    class Two(Record):
        __slots__ = ("a", "b")
        _unshown = frozenset({"b"})

        def __init__(self, a: object, b: object) -> None:
            self.a, self.b = a, b

    assert Empty() == Empty() and repr(Empty()).endswith(".Empty()")  # the qualified name
    assert One(1) == One(1) != One(2)
    assert Two(1, 2) == Two(1, 2) != Two(1, 3)
    assert One(1) != Two(1, 2) and Two(1, 2) != (1, 2)
    assert repr(Two(1, "secret")).endswith(".Two(a=1)")
    one = One([1])
    one.a.append(2)  # records (models) can change, so they are not hashable
    assert one == One([1, 2])
    with pytest.raises(TypeError):
        hash(one)


def test_every_value_class_survives_copy_and_pickle(rt: ModuleType) -> None:
    """Copy and pickle rebuild a value from its fields without calling __init__, so no
    value class can break them by the order or kind of its parameters."""
    Frozen = rt._record.Frozen
    classes = {
        klass
        for module in vars(rt).values()
        if isinstance(module, ModuleType)
        for klass in vars(module).values()
        if isinstance(klass, type) and issubclass(klass, Frozen) and klass is not Frozen
    }
    assert len(classes) >= 10
    for klass in classes:
        value = object.__new__(klass)
        for index, name in enumerate(klass._names):
            object.__setattr__(value, name, f"field {index}")
        for copied in (copy.copy(value), copy.deepcopy(value), pickle.loads(pickle.dumps(value))):
            assert type(copied) is klass and copied == value, klass


def test_a_subclass_keeps_its_bases_fields(rt: ModuleType) -> None:
    class Base(rt._record.Frozen):
        __slots__ = ("a",)

        def __init__(self, a: object) -> None:
            object.__setattr__(self, "a", a)

    class More(Base):
        __slots__ = ("b",)

        def __init__(self, a: object, b: object) -> None:
            super().__init__(a)
            object.__setattr__(self, "b", b)

    assert More(1, 2) != More(1, 3) and hash(More(1, 2)) == hash(More(1, 2))
    assert repr(More(1, 2)).endswith(".More(a=1, b=2)")
    assert copy.copy(More(1, 2)) == More(1, 2)


def test_a_record_holding_itself_has_a_repr(rt: ModuleType) -> None:
    class Node(rt._record.Record):
        __slots__ = ("next",)

        def __init__(self) -> None:
            self.next: object = self

    assert repr(Node()).endswith(".Node(next=...)")
