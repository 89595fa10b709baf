"""The build stage's shortcuts and caches give the same answers as the plain rules they skip.

`Name.key` has an ASCII fast path, names and keys are memoised, `Document.lookup`
remembers targets, and `constraints_of` shares one empty value: none of this may
change a result, let a pin leak into another name, or hide an error.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from generator.build.schemas import constraints_of
from generator.diagnostics import SpecError
from generator.ir import Constraints, Name
from generator.loader import Document
from generator.naming import make_name


def _slow_key(words: tuple[str, ...]) -> str:
    """`Name.key` as its docstring states it, with no fast path."""
    text = unicodedata.normalize("NFKC", "".join(words)).lower()
    return "".join(c if ("_" + c).isidentifier() else "_" for c in text)


@pytest.mark.parametrize(
    "words",
    [
        tuple(chr(i) for i in range(128)),  # every ASCII character
        ("connection", "ID"),
        ("VZ", "M2M", "Token"),
        ("ﬁle",),  # NFKC: the ligature is "file"
        ("Straße", "Ⅻ"),
        ("a-b", "c.d", "2"),
    ],
)
def test_key_matches_the_plain_rule(words: tuple[str, ...]) -> None:
    assert Name("x", words).key == _slow_key(words)


def test_a_pin_applies_only_where_it_is_given() -> None:
    assert make_name("userId").words == ("user", "Id")
    assert make_name("userId", {"userId": ("user", "ID")}).words == ("user", "ID")
    assert make_name("userId").words == ("user", "Id")
    assert make_name("", {}).words == ("value",)


def test_lookup_remembers_targets_but_not_failures() -> None:
    document = Document({"a": {"b": {"type": "string"}}}, Path("spec.yaml"), "")
    first = document.lookup("#/a/b")
    assert document.lookup("#/a/b") is first
    for where in ("/x", "/y"):  # each failure names the place that asked
        with pytest.raises(SpecError) as caught:
            document.lookup("#/a/missing", where)
        assert caught.value.diagnostics[0].where == where


def test_constraints_of_a_schema_without_any_is_the_empty_value() -> None:
    assert constraints_of({"type": "string", "format": "uuid"}) == Constraints()
    assert constraints_of({"type": "string", "maxLength": 5}) == Constraints(max_length=5)
    assert constraints_of({"minimum": 0, "maximum": 9}) == Constraints(minimum=0, maximum=9)
