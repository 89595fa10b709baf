"""Files to upload: raw bytes, an open binary file, or a `File` naming them."""

from __future__ import annotations

import os
from typing import IO, TypeAlias

from ._record import Frozen


class File(Frozen):
    """A file to upload, with the name and media type to send it under.

    Example::

        File(open("report.pdf", "rb"), filename="report.pdf", content_type="application/pdf")
        File(b"col1,col2\\n", filename="data.csv", content_type="text/csv")

    Attributes:
        content: the bytes, or a binary file object (read when the request is built).
        filename: the name the server sees; by default the file object's own name.
        content_type: the part's media type; by default the one the spec gives,
            else ``application/octet-stream``.
    """

    __slots__ = ("content", "filename", "content_type")

    content: bytes | IO[bytes]
    filename: str | None
    content_type: str | None

    def __init__(
        self,
        content: bytes | IO[bytes],
        filename: str | None = None,
        content_type: str | None = None,
    ) -> None:
        object.__setattr__(self, "content", content)
        object.__setattr__(self, "filename", filename)
        object.__setattr__(self, "content_type", content_type)


FileContent: TypeAlias = bytes | IO[bytes] | File
"""What an upload accepts: bytes, an open binary file, or a `File`."""


def read_file(value: FileContent) -> tuple[bytes, str | None, str | None]:
    """(content, filename, content type) of an upload; the names are None when unknown."""
    if isinstance(value, File):
        content, filename, content_type = read_file(value.content)
        return content, value.filename or filename, value.content_type or content_type
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value), None, None
    data = value.read()
    if not isinstance(data, bytes):
        raise TypeError("a file to upload must be opened in binary mode ('rb')")
    name = getattr(value, "name", None)
    return data, os.path.basename(name) if isinstance(name, str) else None, None


def is_file(value: object) -> bool:
    """Whether `value` is something `read_file` takes."""
    return isinstance(value, (File, bytes, bytearray, memoryview)) or (
        hasattr(value, "read") and not isinstance(value, str)
    )


def file_body(value: FileContent) -> tuple[bytes, str | None]:
    """A raw request body from an upload: its bytes, and its media type when a `File` names one."""
    content, _, content_type = read_file(value)
    return content, content_type
