"""Values with a format of their own (dates, UUIDs, base64) and their JSON spelling.

Decoding is strict: a `date-time` field holding something that is not an RFC 3339
timestamp raises ``ValueError``, which the client reports as ``ApiDecodeError``.
Python 3.10's ``fromisoformat`` rejects ``Z`` and fractions that are not 3 or 6
digits long, both common on the wire, so timestamps are parsed here.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import enum
import json
import re
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ._unset import Unset

if TYPE_CHECKING:
    import uuid

_DATE_TIME = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?"
    r"(?:([Zz])|([+-])(\d{2}):?(\d{2}))?"
)


def parse_datetime(value: Any) -> datetime.datetime:
    """An RFC 3339 timestamp (``2024-05-01T12:30:00Z``, any fraction, any offset)."""
    if not isinstance(value, str):
        raise TypeError(f"a date-time is a string, not {type(value).__name__}")
    match = _DATE_TIME.fullmatch(value.strip())
    if match is None:
        raise ValueError(f"not an RFC 3339 date-time: {value!r}")
    year, month, day, hour, minute, second, fraction, zulu, sign, off_h, off_m = match.groups()
    tz: datetime.tzinfo | None = None
    if zulu:
        tz = datetime.timezone.utc
    elif sign:
        offset = datetime.timedelta(hours=int(off_h), minutes=int(off_m))
        tz = datetime.timezone(-offset if sign == "-" else offset)
    micro = int((fraction or "0")[:6].ljust(6, "0"))
    return datetime.datetime(
        int(year), int(month), int(day), int(hour), int(minute), int(second), micro, tzinfo=tz
    )


def parse_date(value: Any) -> datetime.date:
    """An RFC 3339 full date, ``2024-05-01``."""
    if not isinstance(value, str):
        raise TypeError(f"a date is a string, not {type(value).__name__}")
    return datetime.date.fromisoformat(value.strip())


def parse_uuid(value: Any) -> uuid.UUID:
    if not isinstance(value, str):
        raise TypeError(f"a UUID is a string, not {type(value).__name__}")
    import uuid  # here: only APIs with UUIDs need it (~2 ms to import, with platform)

    return uuid.UUID(value)


def parse_base64(value: Any) -> bytes:
    """Bytes from base64 text (`format: byte`); the URL-safe alphabet is accepted too."""
    if not isinstance(value, str):
        raise TypeError(f"base64 data is a string, not {type(value).__name__}")
    text = value.strip().replace("-", "+").replace("_", "/")
    try:
        return base64.b64decode(text + "=" * (-len(text) % 4), validate=True)
    except binascii.Error as exc:
        raise ValueError(f"not base64: {exc}") from exc


def parse_binary(value: Any) -> bytes:
    """Bytes from a JSON string holding binary data (its characters as UTF-8)."""
    if isinstance(value, bytes):
        return value
    if not isinstance(value, str):
        raise TypeError(f"binary data is a string, not {type(value).__name__}")
    return value.encode("utf-8")


def format_datetime(value: datetime.datetime) -> str:
    """RFC 3339 text; UTC is written ``Z``."""
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def format_base64(value: bytes) -> str:
    return base64.b64encode(value).decode("ascii")


def wire_text(value: Any) -> str:
    """A JSON-like scalar as parameter text: ``true``/``false``, ``""`` for None, JSON for
    lists and objects, ``str()`` otherwise."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    return str(value)


def to_json(value: Any) -> Any:
    """JSON-ready data for any value a model field or parameter may hold.

    Models become dicts (``to_dict``), enum members their values, dates and
    times RFC 3339 text, UUIDs text, bytes base64; lists and dicts are
    converted item by item. ``UNSET`` entries of a dict are left out.
    """
    if value is None or isinstance(value, (str, int, float)):
        return value.value if isinstance(value, enum.Enum) else value
    if isinstance(value, enum.Enum):
        return value.value
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        return to_json(to_dict())
    if isinstance(value, datetime.datetime):
        return format_datetime(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    # No value is a UUID unless its module was imported: `uuid` is not imported for this test.
    uuid_module = sys.modules.get("uuid")
    if uuid_module is not None and isinstance(value, uuid_module.UUID):
        return str(value)
    if isinstance(value, (bytes, bytearray)):
        return format_base64(bytes(value))
    if isinstance(value, Mapping):
        return {str(k): to_json(v) for k, v in value.items() if not isinstance(v, Unset)}
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    return value
