"""Following redirects: the next request after a 3xx, and the credentials it may carry."""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from ._record import Frozen
from ._transport import RawResponse

if TYPE_CHECKING:  # urllib3 is imported on first use: it is most of the import time
    from urllib3 import HTTPHeaderDict

MAX_REDIRECTS = 5
"""Redirects followed in a row before ``TooManyRedirects``: real APIs need one or two."""

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})

_ALWAYS_SECRET = ("authorization", "cookie", "proxy-authorization")


class Request(Frozen):
    """One request as sent; ``repr`` leaves out the headers, which carry credentials.

    Attributes:
        method: the HTTP method, upper case.
        url: the absolute URL.
        headers: the headers; lookups ignore case.
        body: the body, or ``None``.
        credentials: whether the client's credentials are still attached: they
            are removed for good once a redirect leaves the original origin.
    """

    __slots__ = ("method", "url", "headers", "body", "credentials")
    _unshown = frozenset({"headers", "body"})

    method: str
    url: str
    headers: HTTPHeaderDict
    body: bytes | None
    credentials: bool

    def __init__(
        self,
        method: str,
        url: str,
        headers: HTTPHeaderDict,
        body: bytes | None,
        credentials: bool = True,
    ) -> None:
        object.__setattr__(self, "method", method)
        object.__setattr__(self, "url", url)
        object.__setattr__(self, "headers", headers)
        object.__setattr__(self, "body", body)
        object.__setattr__(self, "credentials", credentials)


def next_request(
    request: Request, response: RawResponse, secret_headers: Collection[str]
) -> Request | None:
    """The request to send after ``response``, or ``None`` when it is no redirect to follow.

    Followed: 301, 302, 303, 307 and 308 with a ``Location`` to an http or
    https URL (a relative one is resolved against ``request.url``). A 303, and
    a 301 or 302 after a POST, become a GET without body or ``Content-Type``
    (a HEAD stays a HEAD); 307 and 308 keep the method and body. When the new
    URL has another scheme, host or port, ``Authorization``, ``Cookie`` and
    the ``secret_headers`` (lower-case names) are dropped.
    """
    location = response.headers.get("location")
    if response.status not in REDIRECT_STATUSES or not location:
        return None
    import urllib.parse  # here, not at the top: see _core

    try:
        url = urllib.parse.urljoin(request.url, location)
        origin = _origin(url)
    except ValueError:  # e.g. a port that is not a number
        return None
    if origin[0] not in ("http", "https"):
        return None
    method, body = request.method, request.body
    from urllib3 import HTTPHeaderDict

    headers = HTTPHeaderDict(request.headers)
    if (response.status == 303 and method != "HEAD") or (
        response.status in (301, 302) and method == "POST"
    ):
        method, body = "GET", None
        headers.discard("content-type")
    credentials = request.credentials and origin == _origin(request.url)
    if not credentials:
        for name in (*_ALWAYS_SECRET, *secret_headers):
            headers.discard(name)
    return Request(method, url, headers, body, credentials)


def _origin(url: str) -> tuple[str, str | None, int]:
    import urllib.parse  # here, not at the top: see _core

    parts = urllib.parse.urlsplit(url)
    default_port = 443 if parts.scheme == "https" else 80
    return (parts.scheme, parts.hostname, parts.port or default_port)
