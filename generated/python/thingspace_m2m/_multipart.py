"""`multipart/form-data` bodies: fields as text parts, files as file parts.

A field holding bytes, an open binary file or a `File` becomes a file part; a
list becomes one part per item under the same name; an object becomes a JSON
part; any other value a text part. The spec's `encoding.contentType` of a field
sets its part's media type. ``None`` fields are left out.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Mapping
from typing import Any

from ._files import is_file, read_file
from ._values import to_json


def encode_multipart(
    data: Mapping[str, Any], content_types: Mapping[str, str] | None = None
) -> tuple[bytes, str]:
    """(body, Content-Type header with its boundary) of a multipart/form-data body."""
    content_types = content_types or {}
    boundary = "----sdk-boundary-" + secrets.token_hex(16)
    out = bytearray()
    for key, value in data.items():
        items = value if isinstance(value, (list, tuple)) else [value]
        for item in items:
            if item is None:
                continue
            out += f"--{boundary}\r\n".encode("ascii")
            out += _part(str(key), item, content_types.get(str(key)))
    out += f"--{boundary}--\r\n".encode("ascii")
    return bytes(out), f"multipart/form-data; boundary={boundary}"


def _part(name: str, value: Any, content_type: str | None) -> bytes:
    disposition = f'form-data; name="{_quoted(name)}"'
    if is_file(value):
        content, filename, own_type = read_file(value)
        disposition += f'; filename="{_quoted(filename or name)}"'
        media = own_type or _concrete(content_type) or "application/octet-stream"
    else:
        data = to_json(value)
        if isinstance(data, (dict, list)):
            content = json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
            media = _concrete(content_type) or "application/json"
        else:
            text = ("true" if data else "false") if isinstance(data, bool) else str(data)
            content = text.encode("utf-8")
            media = _concrete(content_type) or ""
    head = f"Content-Disposition: {disposition}\r\n"
    if media:
        head += f"Content-Type: {media}\r\n"
    return head.encode("utf-8") + b"\r\n" + content + b"\r\n"


def _quoted(text: str) -> str:
    """A name inside a quoted header parameter, escaped the way browsers do."""
    return text.replace("\r", "%0D").replace("\n", "%0A").replace('"', "%22")


def _concrete(media_type: str | None) -> str | None:
    """The first concrete type of an `encoding.contentType` list (`image/png, image/*`)."""
    if not media_type:
        return None
    first = media_type.split(",")[0].strip()
    return None if "*" in first else first
