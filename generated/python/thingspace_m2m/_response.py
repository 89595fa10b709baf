"""What a successful call returns: the decoded data plus the HTTP details."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Generic, TypeVar

T = TypeVar("T")


# No slots: on Python 3.10, `ApiResponse[X](...)` fails on a frozen dataclass with slots.
@dataclasses.dataclass(frozen=True)
class ApiResponse(Generic[T]):
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

    status_code: int
    reason_phrase: str
    headers: Mapping[str, str]
    raw_body: bytes = dataclasses.field(repr=False)
    data: T

    @property
    def text(self) -> str:
        """The body as text, decoded as UTF-8 (undecodable bytes become U+FFFD)."""
        return self.raw_body.decode("utf-8", errors="replace")
