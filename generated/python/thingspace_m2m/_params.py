"""Spelling parameter values on the wire (OpenAPI `simple` and `form` styles)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def encode_simple(value: Any) -> str | None:
    """A path or header value in `simple` style: lists comma-joined; None stays None (not sent)."""
    if value is None:
        return None
    if isinstance(value, Mapping):
        return ",".join(f"{_scalar(k)},{_scalar(v)}" for k, v in value.items())
    if isinstance(value, Sequence) and not isinstance(value, str):
        return ",".join(_scalar(v) for v in value)
    return _scalar(value)


def encode_query(name: str, value: Any, *, explode: bool) -> list[tuple[str, str]]:
    """A query parameter in `form` style: `a=1&a=2` exploded, `a=1,2` not; None sends nothing."""
    if value is None:
        return []
    if isinstance(value, Mapping):
        if explode:
            return [(str(k), _scalar(v)) for k, v in value.items()]
        return [(name, ",".join(f"{_scalar(k)},{_scalar(v)}" for k, v in value.items()))]
    if isinstance(value, Sequence) and not isinstance(value, str):
        if explode:
            return [(name, _scalar(v)) for v in value]
        return [(name, ",".join(_scalar(v) for v in value))]
    return [(name, _scalar(value))]
