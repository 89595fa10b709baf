"""`application/x-www-form-urlencoded` bodies, with the spec's per-field `encoding`.

A field is spelled in its style (``form`` by default, exploded): a scalar ``a=1``,
a list ``a=1&a=2`` (``a=1,2`` unexploded, ``a=1%202`` / ``a=1%7C2`` space or pipe
delimited), an object ``x=1&y=2`` (its properties as fields) or, in ``deepObject``
style, ``a[x]=1&a[list][0]=2``, as Stripe and Rails read them. Nested values a style
cannot spell are sent as JSON text. ``None`` is sent as an empty value.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Mapping
from typing import Any

from ._params import deep_pairs
from ._values import to_json, wire_text

FieldEncoding = tuple[str, bool]
"""(style, explode) of one field."""

_DEFAULT: FieldEncoding = ("form", True)
_SEPARATORS = {"spaceDelimited": " ", "pipeDelimited": "|"}


def form_pairs(
    data: Any, encodings: Mapping[str, FieldEncoding] | None = None
) -> list[tuple[str, str]]:
    """The (name, value) pairs of a form body, unencoded, in field order."""
    fields = to_json(data)
    if not isinstance(fields, dict):
        raise TypeError(f"a form body is an object, not {type(fields).__name__}")
    encodings = encodings or {}
    pairs: list[tuple[str, str]] = []
    for key, value in fields.items():
        style, explode = encodings.get(key, _DEFAULT)
        if style == "deepObject":
            pairs.extend((name, wire_text(item)) for name, item in deep_pairs(key, value))
        elif isinstance(value, dict):
            if explode and style == "form":
                pairs.extend((str(k), wire_text(v)) for k, v in value.items())
            else:
                sep = _SEPARATORS.get(style, ",")
                pairs.append((key, sep.join(f"{k}{sep}{wire_text(v)}" for k, v in value.items())))
        elif isinstance(value, list):
            if explode:
                pairs.extend((key, wire_text(v)) for v in value)
            else:
                pairs.append((key, _SEPARATORS.get(style, ",").join(wire_text(v) for v in value)))
        else:
            pairs.append((key, wire_text(value)))
    return pairs


def encode_form(data: Any, encodings: Mapping[str, FieldEncoding] | None = None) -> bytes:
    """The body bytes: pairs percent-encoded, spaces as ``+``."""
    return urllib.parse.urlencode(form_pairs(data, encodings)).encode("ascii")
