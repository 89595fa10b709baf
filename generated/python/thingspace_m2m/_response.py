"""What a successful call returns: the decoded data plus the HTTP details."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Generic, TypeVar

from ._record import Frozen

T = TypeVar("T")


class ApiResponse(Frozen, Generic[T]):
    """A success response (status 200-299) and its decoded body.

    Example::

        response = client.licenses.assign_license_to_devices(body)
        response.status_code              # 200
        response.headers["content-type"]  # lookups ignore case
        response.data                     # the decoded model

    Attributes:
        status_code: the HTTP status.
        reason_phrase: the HTTP reason phrase sent by the server (may be ``""``).
        headers: the response headers; lookups ignore case.
        raw_body: the body as received (``b""`` when there was none).
        data: the body decoded as the type the API documents for this status;
            ``None`` for a response documented without a body.
    """

    __slots__ = ("status_code", "reason_phrase", "headers", "raw_body", "data")
    _unshown = frozenset({"raw_body"})

    status_code: int
    reason_phrase: str
    headers: Mapping[str, str]
    raw_body: bytes
    data: T

    def __init__(
        self,
        status_code: int,
        reason_phrase: str,
        headers: Mapping[str, str],
        raw_body: bytes,
        data: T,
    ) -> None:
        object.__setattr__(self, "status_code", status_code)
        object.__setattr__(self, "reason_phrase", reason_phrase)
        object.__setattr__(self, "headers", headers)
        object.__setattr__(self, "raw_body", raw_body)
        object.__setattr__(self, "data", data)

    @property
    def text(self) -> str:
        """The body as text, decoded as UTF-8 (undecodable bytes become U+FFFD)."""
        return self.raw_body.decode("utf-8", errors="replace")
