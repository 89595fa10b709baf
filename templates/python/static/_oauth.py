"""OAuth 2 access tokens: fetched with client credentials and cached, or supplied by a function.

Both classes here are token sources: the client calls ``token()`` before each
request that needs the token, and ``invalidate(token)`` with the token it sent
when the server answered ``401``, before it sends the request once more.
"""

from __future__ import annotations

import base64
import http
import logging
import threading
import time
import urllib.parse
from collections.abc import Callable, Mapping, Sequence

from ._errors import ApiDecodeError, ApiException
from ._json import decode_json, encode_json
from ._record import Frozen
from ._transport import RawResponse, Timeout, Transport

_log = logging.getLogger(__name__.rpartition(".")[0])

_REASONS = {
    400: "OAuth 2 provider returned an error.",
    401: "OAuth 2 provider says client authentication failed.",
}
"""The API's descriptions of the token endpoint's error statuses."""

_SECRET_FIELDS = ("access_token", "refresh_token", "id_token")
"""Token response fields masked in the body an :class:`ApiDecodeError` keeps."""

_MASK = "***"


class OAuthProviderException(ApiException):
    """The OAuth 2 token endpoint answered with an error status, so no token was issued.

    Example::

        try:
            client.licenses.assign_license_to_devices(body)
        except OAuthProviderException as exc:
            exc.status_code   # 401
            exc.error         # "invalid_client": wrong client id or secret

    Attributes:
        error: the error code of RFC 6749 §5.2, e.g. ``"invalid_client"``,
            ``"invalid_scope"``; ``None`` when the body is not a JSON object
            with a string ``error`` (the body is still kept, see ``body``).
        error_description: the provider's human-readable explanation, or ``None``.
        error_uri: a link to a page about the error, or ``None``.

    ``status_code``, ``reason``, ``headers`` and ``body`` are those of
    :class:`ApiException`; ``reason`` is ``"OAuth 2 provider returned an
    error."`` for 400 and ``"OAuth 2 provider says client authentication
    failed."`` for 401.
    """

    error: str | None
    error_description: str | None
    error_uri: str | None

    def __init__(
        self,
        *,
        status_code: int,
        reason: str,
        headers: Mapping[str, str],
        body: bytes,
    ) -> None:
        super().__init__(status_code=status_code, reason=reason, headers=headers, body=body)
        payload = self.json()
        fields = payload if isinstance(payload, dict) else {}
        self.error = _text_or_none(fields.get("error"))
        self.error_description = _text_or_none(fields.get("error_description"))
        self.error_uri = _text_or_none(fields.get("error_uri"))

    def __repr__(self) -> str:
        text = super().__repr__()
        if self.error is None:
            return text
        return f"{text[:-1]}, error={self.error!r})"


class _Held(Frozen):
    """A token and the clock reading until which it is handed out (``None``: until invalidated)."""

    __slots__ = ("value", "refresh_at")
    _unshown = frozenset({"value"})

    value: str
    refresh_at: float | None

    def __init__(self, value: str, refresh_at: float | None) -> None:
        object.__setattr__(self, "value", value)
        object.__setattr__(self, "refresh_at", refresh_at)

    def usable(self, now: float) -> bool:
        return self.refresh_at is None or now < self.refresh_at


class ClientCredentialsTokenSource:
    """Fetches an access token with the OAuth 2 client credentials grant and caches it.

    Example::

        source = ClientCredentialsTokenSource(
            token_url="https://thingspace.verizon.com/api/ts/v1/oauth2/token",
            client_id="my-app-key",
            client_secret="my-app-secret",
            scopes=["discovery:read"],
            transport=Transport(),
            timeout=Timeout(),
            user_agent="my-app/1.0",
        )
        source.token()   # fetches a token; later calls reuse it until it nears expiry

    The token request is ``POST token_url`` with the form body
    ``grant_type=client_credentials`` (plus ``scope``, the scopes joined by
    spaces, when any are given) and the client authenticated with HTTP Basic,
    the id and secret form-encoded first as RFC 6749 §2.3.1 asks.

    Caching: a token is handed out until ``clock_skew`` seconds before it
    expires, then a new one is fetched. Its lifetime is the response's
    ``expires_in``, counted from when the request was sent. For a token that
    lives less than ``2 * clock_skew`` seconds, half its lifetime is used as the
    margin instead, so a short-lived token is still reused. A response without
    ``expires_in`` gives a token that is kept until :meth:`invalidate` is
    called with it, which the client does when a request using it gets ``401``.

    Safe to share between threads: when several threads need a new token at
    the same time, one request is sent and all of them use its token.

    Args:
        token_url: the token endpoint, an absolute ``http`` or ``https`` URL.
        client_id: the OAuth 2 client id (ThingSpace: the app key).
        client_secret: the client secret (ThingSpace: the app secret). It is
            never shown in ``repr``, in exception messages or in logs.
        scopes: the scopes to ask for; empty (the default) sends no ``scope``.
        transport: sends the token request.
        timeout: the token request's timeout.
        user_agent: the ``User-Agent`` header of the token request.
        clock_skew: seconds before expiry at which a new token is fetched
            (default 60), so that a token does not expire on its way to the server.
        clock: returns the current time in seconds; only differences between
            readings matter (default ``time.monotonic``).

    Raises:
        TypeError, ValueError: an argument of the wrong type or value (the
            secret is never part of the message).
    """

    __slots__ = (
        "_authorization",
        "_body",
        "_client_id",
        "_clock",
        "_clock_skew",
        "_failure",
        "_finished",
        "_held",
        "_lock",
        "_scopes",
        "_timeout",
        "_token_url",
        "_transport",
        "_user_agent",
    )

    def __init__(
        self,
        *,
        token_url: str,
        client_id: str,
        client_secret: str,
        scopes: Sequence[str] = (),
        transport: Transport,
        timeout: Timeout,
        user_agent: str,
        clock_skew: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        parts = urllib.parse.urlsplit(token_url) if isinstance(token_url, str) else None
        if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"token_url must be an absolute http or https URL, not {token_url!r}")
        if not isinstance(client_id, str):
            raise TypeError(f"client_id must be a str, not {type(client_id).__name__}")
        if not client_id:
            raise ValueError("client_id must not be empty")
        if not isinstance(client_secret, str):
            raise TypeError(f"client_secret must be a str, not {type(client_secret).__name__}")
        self._scopes = _check_scopes(scopes)
        if isinstance(clock_skew, bool) or not isinstance(clock_skew, (int, float)):
            raise TypeError(f"clock_skew must be a number, not {type(clock_skew).__name__}")
        if not 0 <= clock_skew < float("inf"):
            raise ValueError(f"clock_skew must be a finite number >= 0, not {clock_skew!r}")
        self._token_url = token_url
        self._client_id = client_id
        self._authorization = _basic_authorization(client_id, client_secret)
        form = [("grant_type", "client_credentials")]
        if self._scopes:
            form.append(("scope", " ".join(self._scopes)))
        self._body = urllib.parse.urlencode(form).encode("ascii")
        self._transport = transport
        self._timeout = timeout
        self._user_agent = user_agent
        self._clock_skew = float(clock_skew)
        self._clock = clock
        self._held: _Held | None = None
        self._finished = 0  # fetches finished so far (they run one at a time, under the lock)
        self._failure: tuple[int, BaseException] | None = None  # (fetch number, what it raised)
        self._lock = threading.Lock()

    def token(self) -> str:
        """Return the cached access token, fetching a new one when there is none
        or it is within ``clock_skew`` seconds of expiry.

        Raises:
            OAuthProviderException: the token endpoint answered with an error status.
            ApiDecodeError: a success answer that is not a JSON object with an
                ``access_token`` string and, if any, a numeric ``expires_in``
                (token fields in the body it keeps are masked).
            ApiConnectionError: the token endpoint could not be reached
                (``ApiTimeoutError`` when it did not answer in time).

        After an error no token is cached from that answer. Threads that were
        waiting for that fetch get the same error instead of each asking again;
        a later call tries again.
        """
        held = self._held
        if held is not None and held.usable(self._clock()):
            return held.value
        finished_before = self._finished
        with self._lock:
            held = self._held
            if held is not None and held.usable(self._clock()):
                return held.value
            if self._failure is not None and self._failure[0] > finished_before:
                raise self._failure[1]  # the fetch this call waited for failed: share it
            number = self._finished + 1
            try:
                held = self._fetch()
            except BaseException as error:
                self._failure = (number, error)
                raise
            finally:
                self._finished = number
            self._held, self._failure = held, None
            return held.value

    def invalidate(self, token: str) -> None:
        """Forget ``token`` if it is still the cached one, so the next :meth:`token`
        fetches a new one. A token that was already replaced is ignored: many
        requests that failed with the same token cause a single new fetch."""
        with self._lock:
            if self._held is not None and self._held.value == token:
                self._held = None

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(token_url={self._token_url!r}, "
            f"client_id={self._client_id!r}, scopes={self._scopes!r})"
        )

    def _fetch(self) -> _Held:
        headers = {
            "Authorization": self._authorization,
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/json",
            "User-Agent": self._user_agent,
        }
        where = _where(self._token_url)
        sent_at = self._clock()
        started = time.perf_counter()
        try:
            raw = self._transport.send("POST", self._token_url, headers, self._body, self._timeout)
        except Exception as exc:
            _log.debug(
                "OAuth 2 token request %s failed after %.3f s: %s",
                where,
                time.perf_counter() - started,
                type(exc).__name__,
            )
            raise
        _log.debug(
            "OAuth 2 token request %s: %d in %.3f s",
            where,
            raw.status,
            time.perf_counter() - started,
        )
        if not 200 <= raw.status < 300:
            raise OAuthProviderException(
                status_code=raw.status,
                reason=_REASONS.get(raw.status) or raw.reason or _phrase(raw.status),
                headers=raw.headers,
                body=raw.data,
            )
        value, expires_in = _read_token(raw)
        if expires_in is None:
            return _Held(value, None)
        margin = min(self._clock_skew, expires_in / 2)
        return _Held(value, sent_at + expires_in - margin)


class CallableTokenSource:
    """Hands out the token returned by a function of yours, called for every request.

    Example::

        def current_token() -> str:
            return my_vault.read("thingspace/access-token")

        source = CallableTokenSource(current_token)

    The function is called each time a token is needed, so it should cache the
    token itself if getting one is slow. :meth:`invalidate` does nothing: when a
    request gets ``401``, the function is simply called again for the retry and
    may return a fresh token then.

    Args:
        provider: a function without arguments that returns the token, a
            non-empty ``str``.
    """

    __slots__ = ("_provider",)

    def __init__(self, provider: Callable[[], str]) -> None:
        if not callable(provider):
            raise TypeError(f"token provider must be callable, not {type(provider).__name__}")
        self._provider = provider

    def token(self) -> str:
        """Call the provider and return its token.

        Raises:
            TypeError: the provider returned something other than a ``str``.
            ValueError: the provider returned an empty string.

        Whatever the provider raises is passed on unchanged.
        """
        value: object = self._provider()
        if not isinstance(value, str):
            raise TypeError(f"token provider returned {type(value).__name__}, expected str")
        if not value:
            raise ValueError("token provider returned an empty string")
        return value

    def invalidate(self, token: str) -> None:
        """Do nothing: the provider is called again for the next request."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}({_callable_name(self._provider)})"


def _check_scopes(scopes: Sequence[str]) -> tuple[str, ...]:
    if isinstance(scopes, (str, bytes)):
        raise TypeError("scopes must be a sequence of str, not a single string")
    checked = tuple(scopes)
    for scope in checked:
        if not isinstance(scope, str):
            raise TypeError(f"each scope must be a str, not {type(scope).__name__}")
        if not scope or any(char.isspace() for char in scope):
            raise ValueError(f"a scope must be non-empty and contain no whitespace: {scope!r}")
    return checked


def _basic_authorization(client_id: str, client_secret: str) -> str:
    """``Basic base64(id:secret)``, each part form-encoded first (RFC 6749 §2.3.1)."""
    pair = f"{urllib.parse.quote_plus(client_id)}:{urllib.parse.quote_plus(client_secret)}"
    return "Basic " + base64.b64encode(pair.encode("ascii")).decode("ascii")


def _read_token(raw: RawResponse) -> tuple[str, float | None]:
    """The access token and its ``expires_in`` from a success response (RFC 6749 §5.1)."""
    try:
        payload = decode_json(raw.data)
    except ValueError as exc:
        raise _decode_error(raw, f"the body is not JSON ({exc})") from None
    if not isinstance(payload, dict):
        raise _decode_error(raw, "the body is not a JSON object")
    value = payload.get("access_token")
    if not isinstance(value, str) or not value:
        raise _decode_error(raw, "the body has no access_token string")
    if any(char in value for char in "\r\n\0"):
        raise _decode_error(raw, "the access_token contains a line break or NUL")
    return value, _expires_in(raw, payload.get("expires_in"))


def _expires_in(raw: RawResponse, value: object) -> float | None:
    """``expires_in`` in seconds, ``None`` when absent. Digits in a string are
    accepted too, as some providers send ``"3600"``."""
    if value is None:
        return None
    if isinstance(value, str) and value.isascii() and value.strip().isdigit():
        return float(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 0 <= value < float("inf"):
            return float(value)
    raise _decode_error(raw, "expires_in is not a number of seconds >= 0")


def _decode_error(raw: RawResponse, problem: str) -> ApiDecodeError:
    return ApiDecodeError(
        f"OAuth 2 token response: {problem}",
        status_code=raw.status,
        headers=raw.headers,
        body=_masked(raw.data),
    )


def _masked(raw: bytes) -> bytes:
    """``raw`` with the token fields of a JSON object (non-empty strings) replaced by
    ``***``, so that an exception never shows a token; any other body is returned unchanged."""
    try:
        payload = decode_json(raw)
    except ValueError:
        return raw
    if not isinstance(payload, dict) or not any(map(_is_secret, payload.items())):
        return raw
    masked = {key: _MASK if _is_secret((key, value)) else value for key, value in payload.items()}
    try:
        return encode_json(masked)
    except ValueError:  # NaN or an infinity, which the parser accepts and the encoder refuses
        return b""


def _is_secret(field: tuple[str, object]) -> bool:
    key, value = field
    return key in _SECRET_FIELDS and isinstance(value, str) and bool(value)


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _phrase(status: int) -> str:
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return ""


def _where(url: str) -> str:
    """``scheme://host/path`` of ``url``: no query and no ``user:password@``."""
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}{parts.path}"


def _callable_name(function: object) -> str:
    """A function's qualified name; never its ``repr``, which may show bound arguments."""
    name = getattr(function, "__qualname__", None)
    return name if isinstance(name, str) else type(function).__name__
