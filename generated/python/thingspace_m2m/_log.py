"""Logging of requests, responses and retries, with credentials left out.

Records go to the logger named after the package. At ``DEBUG`` there is one
line per request sent and one per response received; at ``WARNING`` one line
per retry. Enable them with, for example::

    logging.basicConfig()
    logging.getLogger("<package>").setLevel(logging.DEBUG)

Header values are shown only for the headers in :data:`SHOWN_HEADERS`; every
other header is listed with the value ``[redacted]``. Query parameters that
carry a credential, and JSON body values under keys that look secret
(``token``, ``password``, ``secret``, ``authorization``, ``api_key``,
``credential``), are redacted too. Bodies that are not JSON are not shown.
"""

from __future__ import annotations

import json
import logging
import re
import urllib.parse
from collections.abc import Collection, Mapping

from ._json import decode_json
from ._redirect import Request
from ._transport import RawResponse

logger = logging.getLogger(__name__.rpartition(".")[0])

SHOWN_HEADERS = frozenset(
    {
        "accept",
        "content-type",
        "content-length",
        "user-agent",
        "x-request-id",
        "retry-after",
        "date",
        "location",
    }
)
"""The headers whose values are logged: none of them carries a credential."""

REDACTED = "[redacted]"

_SECRET_KEY = re.compile(r"token|password|secret|authorization|api[_-]?key|credential", re.I)
_BODY_CHARS = 2048
"""How much of a body a log line shows: enough to recognise it, short enough to scan."""


def log_request(request: Request, attempt: int, secret_query: Collection[str]) -> None:
    """Log ``request`` at DEBUG; ``secret_query`` names the query parameters to redact."""
    if not logger.isEnabledFor(logging.DEBUG):
        return
    logger.debug(
        "request %s %s (attempt %d) headers=%s%s",
        request.method,
        redact_url(request.url, secret_query),
        attempt,
        _headers(request.headers, secret_query),
        _body(request.body, secret_query),
    )


def log_response(
    request: Request,
    response: RawResponse,
    attempt: int,
    seconds: float,
    secret_query: Collection[str],
) -> None:
    """Log ``response`` to ``request`` at DEBUG, with the ``seconds`` it took."""
    if not logger.isEnabledFor(logging.DEBUG):
        return
    logger.debug(
        "response %d to %s %s in %d ms (attempt %d) headers=%s%s",
        response.status,
        request.method,
        redact_url(request.url, secret_query),
        round(seconds * 1000),
        attempt,
        _headers(response.headers, secret_query),
        _body(response.data, secret_query),
    )


def log_retry(
    request: Request,
    why: str,
    retry: int,
    max_retries: int,
    delay: float,
    secret_query: Collection[str],
) -> None:
    """Log at WARNING that ``request`` failed (``why``) and is retried after ``delay`` s."""
    if not logger.isEnabledFor(logging.WARNING):
        return
    logger.warning(
        "%s %s failed (%s); retry %d of %d in %.2f s",
        request.method,
        redact_url(request.url, secret_query),
        why,
        retry,
        max_retries,
        delay,
    )


def redact_url(url: str, secret_query: Collection[str]) -> str:
    """``url`` without user info or fragment, with the values of credential query parameters
    (those in ``secret_query`` and those whose name looks secret) replaced by ``[redacted]``."""
    parts = urllib.parse.urlsplit(url)
    pairs = []
    for pair in parts.query.split("&") if parts.query else ():
        name = urllib.parse.unquote_plus(pair.partition("=")[0])
        secret = name in secret_query or _SECRET_KEY.search(name)
        pairs.append(f"{pair.partition('=')[0]}={REDACTED}" if secret else pair)
    netloc = parts.netloc.rpartition("@")[2]
    return urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, "&".join(pairs), ""))


def _headers(headers: Mapping[str, str], secret_query: Collection[str]) -> dict[str, str]:
    shown = {}
    for name, value in headers.items():
        key = name.lower()
        if key == "location":
            value = redact_url(value, secret_query)
        shown[name] = value if key in SHOWN_HEADERS else REDACTED
    return shown


def _body(data: bytes | None, secret: Collection[str]) -> str:
    if not data:
        return ""
    try:
        text = json.dumps(_redact(decode_json(data), secret), ensure_ascii=False)
    except (ValueError, RecursionError):
        return f" body=<{len(data)} bytes, not JSON>"
    if len(text) > _BODY_CHARS:
        text = text[: _BODY_CHARS - 1] + "…"
    return f" body={text}"


def _redact(value: object, secret: Collection[str]) -> object:
    """``value`` with the values of ``secret`` and secret-looking keys replaced, at any depth."""
    if isinstance(value, dict):
        return {
            key: REDACTED if key in secret or _SECRET_KEY.search(key) else _redact(item, secret)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_redact(item, secret) for item in value]
    return value
