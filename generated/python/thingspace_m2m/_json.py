"""JSON as it travels on the wire: compact UTF-8 bytes out, bytes in."""

from __future__ import annotations

import json


def encode_json(value: object) -> bytes:
    """Encode ``value`` as compact UTF-8 JSON (``None`` becomes ``null``).

    Raises ``TypeError`` for values JSON cannot represent and ``ValueError``
    for NaN or infinite floats, which are not valid JSON.
    """
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return text.encode("utf-8")


def decode_json(raw: bytes) -> object:
    """Parse a JSON document from ``raw`` (UTF-8, UTF-16 or UTF-32).

    Raises ``ValueError`` when ``raw`` is empty, not valid JSON, or nested too
    deeply to parse.
    """
    try:
        return json.loads(raw)
    except RecursionError as exc:
        raise ValueError("JSON document is nested too deeply") from exc
