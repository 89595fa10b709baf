"""The exceptions the client raises, all rooted at :class:`ApiError`.

::

    ApiError
    ├── ApiException            the server answered with an error status
    │   └── (one generated subclass per error schema of the API)
    ├── ApiConnectionError      the server could not be reached, or the connection broke
    │   └── ApiTimeoutError     no connection or no response in time
    ├── ApiDecodeError          a success response whose body is not what the API documents
    ├── TooManyRedirects        the server kept redirecting
    └── MissingCredentialError  the operation needs a credential the client was not given
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ._json import decode_json

if TYPE_CHECKING:  # urllib3 is imported on first use: it is most of the import time
    pass

_EXCERPT_CHARS = 200
"""How much of a response body ``str(exception)`` shows: enough to read an error message."""


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", errors="replace")


def _excerpt(raw: bytes) -> str:
    """The body on one line, cut to ``_EXCERPT_CHARS`` characters."""
    text = " ".join(_text(raw).split())
    if len(text) > _EXCERPT_CHARS:
        return text[: _EXCERPT_CHARS - 1] + "…"
    return text


class ApiError(Exception):
    """Root of every exception the client raises: ``except ApiError`` catches them all."""


class ApiException(ApiError):
    """The server answered with an error status (anything outside 200-299).

    Each error the API documents raises its own subclass, named after the
    error's schema (for example ``SecurityResultException``), which adds the
    fields parsed from the body. A status the API does not document raises
    ``ApiException`` itself.

    Attributes:
        status_code: the HTTP status, e.g. ``400``.
        reason: the API's description of that status (``"Bad request."``),
            or the HTTP reason phrase when the status is not documented.
        headers: the response headers; lookups ignore case.
        raw_body: the response body as received (``b""`` when there was none).

    Subclasses keep this constructor's signature: the client builds every
    mapped exception with exactly these keyword arguments.
    """

    status_code: int
    reason: str
    headers: Mapping[str, str]
    raw_body: bytes

    def __init__(
        self,
        *,
        status_code: int,
        reason: str,
        headers: Mapping[str, str],
        body: bytes,
    ) -> None:
        super().__init__(status_code, reason)
        self.status_code = status_code
        self.reason = reason
        from urllib3 import HTTPHeaderDict

        self.headers = HTTPHeaderDict(headers)
        self.raw_body = body

    @property
    def body(self) -> str:
        """The response body as text, decoded as UTF-8 (undecodable bytes become U+FFFD)."""
        return _text(self.raw_body)

    def json(self) -> object | None:
        """The body parsed as JSON, or ``None`` when it is empty or not JSON. Never raises."""
        try:
            return decode_json(self.raw_body)
        except ValueError:
            return None

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status_code={self.status_code}, reason={self.reason!r})"

    def __str__(self) -> str:
        excerpt = _excerpt(self.raw_body)
        return f"{self!r}: {excerpt}" if excerpt else repr(self)

    def __reduce__(self) -> tuple[Any, ...]:
        rebuild = functools.partial(
            type(self),
            status_code=self.status_code,
            reason=self.reason,
            headers=self.headers,
            body=self.raw_body,
        )
        return (rebuild, ())


class ApiConnectionError(ApiError):
    """The request did not get a response: the server could not be reached or the
    connection broke. The underlying error is kept as ``__cause__``.

    A request that failed this way may or may not have reached the server.
    """


class ApiTimeoutError(ApiConnectionError):
    """No connection or no response within the client's ``Timeout``."""


class ApiDecodeError(ApiError):
    """A success response (200-299) whose body does not decode as the documented type.

    The operation may have taken effect on the server; the response is kept
    so that nothing is lost.

    Attributes:
        status_code: the HTTP status, e.g. ``200``.
        headers: the response headers; lookups ignore case.
        raw_body: the response body as received.
    """

    status_code: int
    headers: Mapping[str, str]
    raw_body: bytes

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        headers: Mapping[str, str],
        body: bytes,
    ) -> None:
        super().__init__(message)
        self.status_code = status_code
        from urllib3 import HTTPHeaderDict

        self.headers = HTTPHeaderDict(headers)
        self.raw_body = body

    @property
    def body(self) -> str:
        """The response body as text, decoded as UTF-8 (undecodable bytes become U+FFFD)."""
        return _text(self.raw_body)

    def __str__(self) -> str:
        text = f"{self.args[0]} (status_code={self.status_code})"
        excerpt = _excerpt(self.raw_body)
        return f"{text}: {excerpt}" if excerpt else text

    def __reduce__(self) -> tuple[Any, ...]:
        rebuild = functools.partial(
            type(self),
            self.args[0],
            status_code=self.status_code,
            headers=self.headers,
            body=self.raw_body,
        )
        return (rebuild, ())


class TooManyRedirects(ApiError):
    """The server answered with more redirects in a row than the client follows (5).

    The message names the last URL requested, without its query.
    """


class MissingCredentialError(ApiError):
    """The operation's security requirement cannot be met with the credentials
    the client was given. Raised before anything is sent.

    The message names the security schemes and the client arguments that
    would supply them.

    Attributes:
        missing: for each alternative requirement of the operation, in the
            API's order, the names of its security schemes that lack a credential.
    """

    missing: tuple[tuple[str, ...], ...]

    def __init__(self, message: str, *, missing: tuple[tuple[str, ...], ...]) -> None:
        super().__init__(message)
        self.missing = missing

    def __reduce__(self) -> tuple[Any, ...]:
        return (functools.partial(type(self), self.args[0], missing=self.missing), ())
