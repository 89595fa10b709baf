"""JSON as it travels on the wire: compact UTF-8 bytes out, bytes in.

``json`` is imported by each function rather than with the package: a client needs
it only once it sends (when urllib3 has imported it anyway), and an import statement
for a module already loaded costs ~0.15 us a call.
"""

from __future__ import annotations


def encode_json(value: object) -> bytes:
    """Encode ``value`` as compact UTF-8 JSON (``None`` becomes ``null``).

    Raises ``TypeError`` for values JSON cannot represent and ``ValueError``
    for NaN or infinite floats, which are not valid JSON.
    """
    import json

    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return text.encode("utf-8")


def decode_json(raw: bytes) -> object:
    """Parse a JSON document from ``raw`` (UTF-8, UTF-16 or UTF-32).

    Raises ``ValueError`` when ``raw`` is empty, not valid JSON, or nested too
    deeply to parse.
    """
    import json

    try:
        return json.loads(raw)
    except RecursionError as exc:
        raise ValueError("JSON document is nested too deeply") from exc
