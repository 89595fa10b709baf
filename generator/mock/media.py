"""Media types as requests and examples spell them: `application/json; charset=utf-8`."""

from __future__ import annotations


def essence(media_type: str) -> str:
    """The type without its parameters, lower-cased: `application/json`."""
    return media_type.split(";", 1)[0].strip().lower()


def is_json(media_type: str) -> bool:
    found = essence(media_type)
    return found == "application/json" or found.endswith("+json")


def accepts(declared: str, sent: str) -> bool:
    """Whether a declared media type (perhaps a range like `image/*`) covers a sent essence."""
    if declared in (sent, "*/*"):
        return True
    return declared.endswith("/*") and sent.startswith(declared[:-1])
