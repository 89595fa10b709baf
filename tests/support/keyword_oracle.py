"""openapi-spec-validator's own keyword pass, as the oracle `generator.keyword_pass` is
compared with (unit tests on crafted specs, corpus tests on real ones)."""

from __future__ import annotations

import ast
from collections import Counter
from typing import Any

from generator.diagnostics import pointer
from generator.keyword_pass import keyword_pass


def normal(message: str) -> str:
    """A message's first line, cut as diagnostics cut it; and in a set order where the
    library lists an allOf schema's undefined required names in set order."""
    lead = "Required list has not defined properties: "
    if message.startswith(lead):
        message = lead + str(sorted(ast.literal_eval(message[len(lead) :])))
    line = message.strip().splitlines()[0] if message.strip() else message
    return line if len(line) <= 300 else line[:297] + "..."


def library(root: dict[str, Any]) -> list[tuple[str, str]]:
    """(place inside the value at fault, message) of each error of the library's walk."""
    from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator

    version = str(root["openapi"])
    validator_class = (
        OpenAPIV31SpecValidator if version.startswith("3.1.") else OpenAPIV30SpecValidator
    )
    validator = validator_class(root)
    return [
        (pointer(*getattr(error, "absolute_path", ())), normal(str(error.message)))
        for error in validator.root_validator(validator.schema_path)
        if type(error).__name__ != "DuplicateOperationIDError"  # ours are reported elsewhere
    ]


def ours(root: dict[str, Any]) -> list[tuple[str, str]]:
    return [(d.where, normal(d.message)) for d in keyword_pass(root, str(root["openapi"]))]


def assert_same(root: dict[str, Any]) -> list[tuple[str, str]]:
    """Both walks find the same messages, as many of each, and each of our places ends
    with the library's (which starts inside the schema or value at fault); ours returned."""
    theirs, found = library(root), ours(root)
    assert Counter(m for _, m in found) == Counter(m for _, m in theirs)
    for where, message in found:
        assert any(where.endswith(at) for at, m in theirs if m == message), (where, message)
    return found
