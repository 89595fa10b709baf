"""Spelling parameter values on the wire, in every OpenAPI style.

| location | styles                                              | default          |
| -------- | --------------------------------------------------- | ---------------- |
| path     | simple ``3,4``, label ``.3.4``, matrix ``;id=3;id=4``   | simple           |
| query    | form, spaceDelimited, pipeDelimited, deepObject     | form, exploded   |
| header   | simple                                              | simple           |
| cookie   | form                                                | form, exploded   |

Path and query values come back percent-encoded (as ``Encoded`` text, which the
client sends as it is), so that a delimiter the style adds (``,``, ``.``, ``;``,
``=``) stays a delimiter while the same character inside a value is escaped.
Values are first made JSON-like (``to_json``): enum members give their value,
models their fields, booleans ``true``/``false``; ``None`` sends nothing.
"""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Mapping
from typing import Any

from ._core import Encoded
from ._values import to_json, wire_text

# Characters `allowReserved` lets through unencoded; `#`, `&`, `=` and `+` are escaped
# anyway, as they would end or split the query.
_RESERVED = ":/?[]@!$'()*,;"
_DELIMITERS = {"spaceDelimited": "%20", "pipeDelimited": "%7C"}


def _quote(value: Any, allow_reserved: bool = False) -> str:
    return urllib.parse.quote(wire_text(value), safe=_RESERVED if allow_reserved else "")


def serialize(value: Any, content_type: str | None) -> str | None:
    """A parameter given by `content` (e.g. ``application/json``): the value as that text."""
    if value is None:
        return None
    data = to_json(value)
    if content_type is not None and "json" in content_type:
        return json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    return wire_text(data)


def encode_simple(value: Any, *, explode: bool = False) -> str | None:
    """A header (or unencoded path) value in `simple` style: ``3,4,5``; ``a,1,b,2`` or
    exploded ``a=1,b=2`` for objects; None stays None (not sent)."""
    if value is None:
        return None
    data = to_json(value)
    if isinstance(data, dict):
        if explode:
            return ",".join(f"{wire_text(k)}={wire_text(v)}" for k, v in data.items())
        return ",".join(f"{wire_text(k)},{wire_text(v)}" for k, v in data.items())
    if isinstance(data, list):
        return ",".join(wire_text(v) for v in data)
    return wire_text(data)


def encode_path(
    name: str, value: Any, *, style: str = "simple", explode: bool = False
) -> Encoded | None:
    """A path value, percent-encoded: ``simple`` ``3,4``, ``label`` ``.3,4`` / ``.3.4``,
    ``matrix`` ``;id=3,4`` / ``;id=3;id=4``; None stays None (a missing value)."""
    if value is None:
        return None
    data = to_json(value)
    if style == "label":
        return Encoded("." + _joined(name, data, explode, ".", "=", ","))
    if style == "matrix":
        key = _quote(name)
        if isinstance(data, dict):
            if explode:
                return Encoded("".join(f";{_quote(k)}={_quote(v)}" for k, v in data.items()))
            return Encoded(f";{key}=" + _joined(name, data, False, ",", ",", ","))
        if isinstance(data, list):
            if explode:
                return Encoded("".join(f";{key}={_quote(v)}" for v in data))
            return Encoded(f";{key}=" + ",".join(_quote(v) for v in data))
        return Encoded(f";{key}={_quote(data)}" if wire_text(data) else f";{key}")
    return Encoded(_joined(name, data, explode, ",", "=", ","))


def _joined(name: str, data: Any, explode: bool, item_sep: str, pair_sep: str, sep: str) -> str:
    """Lists and objects for simple/label styles; `item_sep` separates exploded items."""
    if isinstance(data, dict):
        if explode:
            return item_sep.join(f"{_quote(k)}{pair_sep}{_quote(v)}" for k, v in data.items())
        return sep.join(f"{_quote(k)}{sep}{_quote(v)}" for k, v in data.items())
    if isinstance(data, list):
        return (item_sep if explode else sep).join(_quote(v) for v in data)
    return _quote(data)


def encode_query(
    name: str,
    value: Any,
    *,
    style: str = "form",
    explode: bool = True,
    allow_reserved: bool = False,
) -> list[tuple[str, str]]:
    """A query parameter as percent-encoded (name, value) pairs; None sends nothing.

    ``form``: ``id=3&id=4`` exploded, ``id=3,4`` not; objects ``a=1&b=2`` exploded,
    ``id=a,1,b,2`` not. ``spaceDelimited`` / ``pipeDelimited``: ``id=3%204`` /
    ``id=3%7C4``. ``deepObject``: ``id[a]=1&id[b]=2``, nested objects and lists
    (``id[list][0]=x``) spelled the way Stripe and Rails read them.
    """
    if value is None:
        return []
    data = to_json(value)
    key = _quote(name)

    def q(item: Any) -> str:
        return _quote(item, allow_reserved)

    if style == "deepObject":
        return [(Encoded(_quote(k)), Encoded(q(v))) for k, v in deep_pairs(name, data)]
    if isinstance(data, dict):
        if explode and style == "form":
            return [(Encoded(_quote(k)), Encoded(q(v))) for k, v in data.items()]
        sep = _DELIMITERS.get(style, ",")
        return [(Encoded(key), Encoded(sep.join(f"{q(k)}{sep}{q(v)}" for k, v in data.items())))]
    if isinstance(data, list):
        if explode:
            return [(Encoded(key), Encoded(q(v))) for v in data]
        sep = _DELIMITERS.get(style, ",")
        return [(Encoded(key), Encoded(sep.join(q(v) for v in data)))]
    return [(Encoded(key), Encoded(q(data)))]


def deep_pairs(prefix: str, data: Any) -> list[tuple[str, Any]]:
    """Flatten objects and lists into ``prefix[key][0]`` names (unencoded) and scalar values."""
    if isinstance(data, Mapping):
        pairs: list[tuple[str, Any]] = []
        for k, v in data.items():
            pairs.extend(deep_pairs(f"{prefix}[{k}]", v))
        return pairs
    if isinstance(data, list):
        pairs = []
        for index, v in enumerate(data):
            pairs.extend(deep_pairs(f"{prefix}[{index}]", v))
        return pairs
    return [(prefix, data)]


def encode_cookie(name: str, value: Any, *, explode: bool = True) -> list[tuple[str, str]]:
    """A cookie parameter in `form` style: ``id=3`` pairs, a list ``id=3,4`` unexploded
    or one ``id`` per item exploded; values percent-encoded; None sends nothing."""
    if value is None:
        return []
    data = to_json(value)
    if isinstance(data, dict):
        if explode:
            return [(_quote(k), _quote(v)) for k, v in data.items()]
        return [(name, ",".join(f"{_quote(k)},{_quote(v)}" for k, v in data.items()))]
    if isinstance(data, list):
        if explode:
            return [(name, _quote(v)) for v in data]
        return [(name, ",".join(_quote(v) for v in data))]
    return [(name, _quote(data))]
