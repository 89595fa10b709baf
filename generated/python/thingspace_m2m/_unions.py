"""Deciding which variant of a union (oneOf / anyOf) a JSON value is.

Each union gets a small generated decoder: a discriminated union reads its tag;
otherwise, and for a tag it does not know, the decoder takes the first variant
the value fits, in the spec's order, using the checks below.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any, TypeGuard

DECODE_ERRORS = (KeyError, TypeError, ValueError, AttributeError)
"""What a variant's decoding raises when the value is not that variant after all."""


def is_object(
    data: Any, required: Collection[str] = (), fixed: Mapping[str, object] | None = None
) -> TypeGuard[Mapping[str, Any]]:
    """Whether `data` is an object with every `required` key, and `fixed` keys at their value
    (a one-value enum such as Stripe's ``"object": "charge"`` tells objects apart)."""
    if not isinstance(data, Mapping):
        return False
    if any(key not in data for key in required):
        return False
    return all(data.get(key) == value for key, value in (fixed or {}).items())


def no_variant(data: Any, expected: str) -> ValueError:
    """The error for a value that fits none of a union's variants."""
    kind = type(data).__name__
    keys = f" with keys {sorted(map(str, data))[:10]}" if isinstance(data, Mapping) else ""
    return ValueError(f"a {kind}{keys} is none of {expected}")
