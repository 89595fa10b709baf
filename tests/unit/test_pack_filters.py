"""The Python pack's text filters: every spec string must come out as a safe literal,
docstring body or comment."""

from __future__ import annotations

import ast
import math
from collections.abc import Callable
from typing import Any

import pytest

from generator.packs import load_pack

FILTERS = load_pack("python").filters
literal: Callable[[Any], str] = FILTERS["literal"]
docstring: Callable[..., str] = FILTERS["docstring"]
entry: Callable[[str, str, int], str] = FILTERS["entry"]
comment: Callable[[str], str] = FILTERS["comment"]

NASTY_STRINGS = [
    "",
    "plain",
    '"""',
    "'''",
    '""""',
    'ends with a quote"',
    "ends with a backslash\\",
    "\\",
    "\\\\",
    '\\"""',
    "{{ 7*7 }} {% if x %}y{% endif %} {# c #}",
    "line\nbreak\r\nand\rreturn",
    "\x07\x08\x0b\x0c\x1b[31m\x7f",
    "tab\there",
    "\u2028\u2029\x85",
    "__import__('os').system('touch PWNED')",
    "naïve café 日本語 🎉",
    "\ud7ff\ue000",
]


@pytest.mark.parametrize(
    "value",
    [
        None,
        True,
        False,
        0,
        -17,
        2**70,
        1.5,
        -0.0,
        1e300,
        *NASTY_STRINGS,
        [],
        {},
        [1, "two", None, [True, {"k": "v"}]],
        {"a": {"b": [{"c": '"""'}, "\\"]}, "": None, "x\ny": [1.25]},
        {"list": [[[]]], "quote'": 'q"', "nul-free": "\x01\x02"},
    ],
    ids=repr,
)
def test_literal_round_trips(value: Any) -> None:
    spelled = literal(value)
    assert ast.literal_eval(spelled) == value
    assert type(ast.literal_eval(spelled)) is type(value)


def test_literal_turns_keys_into_strings() -> None:
    assert ast.literal_eval(literal({1: "a", 2.5: "b"})) == {"1": "a", "2.5": "b"}


def test_literal_refuses_what_json_cannot_hold() -> None:
    with pytest.raises(TypeError):
        literal(object())
    with pytest.raises(TypeError):
        literal({"a": {1, 2}})


@pytest.mark.parametrize("value", [math.inf, -math.inf])
def test_literal_of_infinity_evaluates(value: float) -> None:
    assert eval(literal(value), {"__builtins__": {}}) == value  # noqa: S307


def _close(body: str) -> str:
    """A docstring as a template writes it: `\"\"\"` + body + `\"\"\"`."""
    return '"""' + body + '"""'


@pytest.mark.parametrize(
    "text", NASTY_STRINGS + [s + " " + t for s in NASTY_STRINGS for t in ('"', "\\")]
)
@pytest.mark.parametrize("indent", [0, 4, 8])
def test_docstring_is_one_string_literal(text: str, indent: int) -> None:
    body = docstring(text, indent)
    assert not body.endswith('"')
    source = "x = " + _close(body) + "\n"
    tree = ast.parse(source)
    (statement,) = tree.body
    assert isinstance(statement, ast.Assign)
    assert isinstance(statement.value, ast.Constant)
    assert isinstance(statement.value.value, str)
    assert "\x00" not in body


def test_docstring_never_has_an_unescaped_triple_quote() -> None:
    for text in NASTY_STRINGS:
        body = docstring(text)
        stripped = body.replace('\\"', "")
        assert '"""' not in stripped, body


def test_docstring_keeps_the_text_readable() -> None:
    text = 'Use """quotes""" and C:\\path\\ and {{ jinja }}.'
    value = ast.literal_eval(_close(docstring(text)))
    assert value == text


def test_docstring_has_no_control_characters() -> None:
    body = docstring("a\x07b\x1bc\rd\x0be")
    assert all(ch.isprintable() or ch == "\n" for ch in body)


ORDINARY = (
    "Assigns SIM-Secure for IoT licenses to SIMs. A request carries a single SKU (license "
    "type); to assign several license types, send one request per SKU. A device can receive "
    "a license only when it is an active 4G device that is onboarded into ThingSpace."
    "\n\nThe call is asynchronous: the response only returns a `requestId`."
)


@pytest.mark.parametrize(("indent", "lead"), [(0, 3), (4, 3), (8, 3), (12, 10)])
def test_docstring_wraps_within_88_columns(indent: int, lead: int) -> None:
    body = docstring(ORDINARY, indent, lead)
    first, *rest = body.split("\n")
    assert indent + lead + len(first) <= 88
    assert all(len(line) <= 88 for line in rest)
    assert all(line.startswith(" " * indent) or not line for line in rest)
    assert "" in rest, "paragraphs stay apart"
    assert len(rest) >= 2


def test_docstring_joins_single_line_breaks() -> None:
    assert docstring("one\ntwo", 0, 0) == "one two"


def test_entry_continuation_lines_are_indented_four_deeper() -> None:
    name = "account_name"
    body = entry(ORDINARY, name, 8)
    first, *rest = body.split("\n")
    assert 8 + len(name) + 2 + len(first) <= 88
    assert rest and all(line.startswith(" " * 12) for line in rest if line)


@pytest.mark.parametrize("text", NASTY_STRINGS)
def test_comment_is_one_line(text: str) -> None:
    line = comment(text)
    assert "\n" not in line and "\r" not in line
    assert all(ch.isprintable() for ch in line)
    assert line == line.strip()
    # Inside a docstring, as the templates use it, it stays one string literal.
    assert isinstance(ast.literal_eval(_close(line + " ")), str)
    # And as a comment it comments out the rest of the line.
    assert ast.parse("x = 1  # " + line + "\n").body[0].lineno == 1
