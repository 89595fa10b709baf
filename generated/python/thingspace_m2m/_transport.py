"""Sending one HTTP request over a pool of connections (urllib3)."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import TYPE_CHECKING

from ._errors import ApiConnectionError, ApiTimeoutError
from ._record import Frozen

if TYPE_CHECKING:
    import ssl

    import urllib3

# urllib3 (and ssl, http.client, email... with it) takes tens of milliseconds to import: it is
# imported when the first Transport is made, not when the package is, so `import` stays fast.

_POOL_SIZE = 10
"""Connections kept per host: enough for a client shared by a few threads without
urllib3 discarding connections (its default keeps one)."""


class Timeout(Frozen):
    """How long to wait, in seconds, before giving up with :class:`ApiTimeoutError`.

    Example::

        Timeout()                      # 10 s to connect, 60 s between bytes of the response
        Timeout(connect=3, read=300)   # a slow report endpoint
        Timeout(read=None)             # wait for the response forever

    Attributes:
        connect: seconds to establish the connection (default 10).
        read: seconds to wait for each chunk of the response, not for the whole
            response (default 60).

    ``None`` means wait forever. ``0`` and negative values are rejected
    (``ValueError``): they would fail every request.
    """

    __slots__ = ("connect", "read")

    connect: float | None
    read: float | None

    def __init__(self, connect: float | None = 10.0, read: float | None = 60.0) -> None:
        for name, value in (("connect", connect), ("read", read)):
            if value is not None and (isinstance(value, bool) or not value > 0):
                raise ValueError(
                    f"Timeout.{name} must be a positive number of seconds or None, not {value!r}"
                )
            object.__setattr__(self, name, value)


class RawResponse(Frozen):
    """A response as received: status, reason phrase, headers (lookups ignore case), body."""

    __slots__ = ("status", "reason", "headers", "data")
    _unshown = frozenset({"data"})

    status: int
    reason: str
    headers: Mapping[str, str]
    data: bytes

    def __init__(self, status: int, reason: str, headers: Mapping[str, str], data: bytes) -> None:
        object.__setattr__(self, "status", status)
        object.__setattr__(self, "reason", reason)
        object.__setattr__(self, "headers", headers)
        object.__setattr__(self, "data", data)


class Transport:
    """Sends requests over one urllib3 ``PoolManager``, reusing connections.

    It sends each request exactly once: it never retries and never follows
    redirects (a 3xx comes back as the response). TLS certificates are
    verified against ``ssl_context``, by default the system's trusted CAs
    (``ssl.create_default_context()``). Safe to share between threads.
    """

    __slots__ = ("_pool",)

    def __init__(self, *, ssl_context: ssl.SSLContext | None = None) -> None:
        import ssl

        import urllib3

        self._pool = urllib3.PoolManager(
            maxsize=_POOL_SIZE,
            retries=False,
            cert_reqs="CERT_REQUIRED",
            ssl_context=ssl_context if ssl_context is not None else ssl.create_default_context(),
        )

    def send(
        self,
        method: str,
        url: str,
        headers: Mapping[str, str],
        body: bytes | None,
        timeout: Timeout,
    ) -> RawResponse:
        """Send one request and read the whole response.

        Raises:
            ApiTimeoutError: no connection or no response data within ``timeout``.
            ApiConnectionError: the server could not be reached or the connection broke.
        """
        try:
            # urlopen, not request: request only re-wraps the headers and then calls urlopen.
            response = self._pool.urlopen(
                method.upper(),
                url,
                body=body,
                headers=dict(headers),
                timeout=_pool_timeout(timeout.connect, timeout.read),
                retries=False,
                redirect=False,
            )
        except Exception as exc:
            error = _translate(exc, method, url, timeout)
            if error is None:
                raise
            raise error from exc
        return RawResponse(
            status=response.status,
            reason=response.reason or "",
            headers=response.headers,
            data=response.data,
        )

    def close(self) -> None:
        """Close the pooled connections. Sending again opens new ones."""
        self._pool.clear()


def _translate(
    exc: Exception, method: str, url: str, timeout: Timeout
) -> ApiConnectionError | None:
    """The error to raise for urllib3's (or the socket's) ``exc``; None: not a transport error."""
    from urllib3 import exceptions as urllib3_errors

    # NewConnectionError subclasses ConnectTimeoutError but is no timeout: it comes first.
    if isinstance(exc, urllib3_errors.NewConnectionError):
        return ApiConnectionError(f"{where(method, url)}: could not connect: {_cause(exc)}")
    if isinstance(exc, urllib3_errors.ConnectTimeoutError):
        return ApiTimeoutError(f"{where(method, url)}: no connection within {timeout.connect} s")
    if isinstance(exc, urllib3_errors.ReadTimeoutError):
        return ApiTimeoutError(f"{where(method, url)}: no response data within {timeout.read} s")
    if isinstance(exc, (urllib3_errors.TimeoutError, TimeoutError)):
        return ApiTimeoutError(f"{where(method, url)}: timed out")
    if isinstance(exc, (urllib3_errors.HTTPError, OSError)):
        return ApiConnectionError(f"{where(method, url)}: {_cause(exc)}")
    return None


# Keyed by the two numbers, not the Timeout, for every request: numbers hash in C,
# a Timeout in Python.
@functools.lru_cache(maxsize=64)
def _pool_timeout(connect: float | None, read: float | None) -> urllib3.Timeout:
    """urllib3's spelling of a :class:`Timeout`, made once per distinct value (urllib3
    clones it for each request, so one instance can be shared)."""
    import urllib3

    return urllib3.Timeout(connect=connect, read=read)


def where(method: str, url: str) -> str:
    """``METHOD scheme://host/path``: the query is left out, it may carry an API key."""
    import urllib.parse  # here, not at the top: see _core

    parts = urllib.parse.urlsplit(url)
    host = parts.netloc.rpartition("@")[2]  # user:password@ is left out too
    return f"{method} {parts.scheme}://{host}{parts.path}"


def _cause(exc: BaseException) -> str:
    """The innermost cause's message, e.g. ``[Errno 111] Connection refused``."""
    while (inner := exc.__cause__ or exc.__context__) is not None:
        exc = inner
    return str(exc) or type(exc).__name__
