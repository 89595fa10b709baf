"""``ClientCore``: builds, sends and decodes the requests of the generated client."""

from __future__ import annotations

import codecs
import re
import time
from collections.abc import Callable, Collection, Mapping, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, TypeVar, cast, final

from ._auth import Authenticator, AuthParts, SecurityScheme
from ._errors import ApiConnectionError, ApiDecodeError, ApiException, TooManyRedirects
from ._json import decode_json, encode_json
from ._operation import Decoder, OperationSpec, match_status
from ._options import RequestOptions
from ._redirect import MAX_REDIRECTS, Request, next_request
from ._response import ApiResponse
from ._retry import RetryPolicy
from ._transport import RawResponse, Timeout, Transport, where
from ._unset import UNSET

if TYPE_CHECKING:  # urllib3 is imported on first use: it is most of the import time
    from urllib3 import HTTPHeaderDict

# urllib.parse (~2 ms to import, with ipaddress) is imported where it is used, not here:
# urllib3 imports it anyway when the client makes its transport.

T = TypeVar("T")

_PATH_PARAM = re.compile(r"\{([^{}]+)\}")
_DOT_SEGMENTS = {".": "%2E", "..": "%2E%2E"}
"""Path values that URL normalization would otherwise resolve away (``/items/..`` → ``/``)."""


class Encoded(str):
    """Text that is already percent-encoded for its place in the URL: sent as it is."""

    __slots__ = ()


_DEFAULT_RETRY = RetryPolicy()
_NO_OPTIONS = RequestOptions()


@final
class ClientCore:
    """Sends the operations of one client: shared by the client and its controllers.

    Args:
        base_url: the server's URL, e.g. ``"https://api.example.com/v1"``;
            operation paths are appended to it.
        schemes: the API's security schemes by name.
        credentials: the credential given for each scheme name (``None``: not given).
        timeout: the default :class:`Timeout` of every request.
        user_agent: the ``User-Agent`` header sent with every request.
        transport: the :class:`Transport` to send with; by default the client
            creates its own and closes it in :meth:`close`. A transport passed
            in is left open, so it can be shared.
        retry: which failures are retried and how long to wait between
            attempts; by default ``RetryPolicy()``, see :class:`RetryPolicy`.
        pin_base_url: send every operation to ``base_url``, even one the API
            serves elsewhere (``OperationSpec.server``): for a proxy or a mock.
        sleep: waits the given seconds before a retry; ``time.sleep`` by default.
        secret_fields: JSON keys whose values logs never show (e.g. password fields),
            besides the keys that look secret by name.

    Besides retries, a request is sent again once, not counting as a retry,
    when it is answered ``401`` and used a :class:`RefreshableTokenSource`:
    the rejected token is invalidated first. Redirects (301, 302, 303, 307,
    308) are followed, up to 5 in a row; credentials are not sent to another
    origin.

    Safe to use from several threads at once: requests share no mutable state
    but the transport's connection pool.
    """

    __slots__ = (
        "_auth",
        "_base_url",
        "_owns_transport",
        "_pin_base_url",
        "_retry",
        "_secret_fields",
        "_sleep",
        "_timeout",
        "_transport",
        "_user_agent",
    )

    def __init__(
        self,
        *,
        base_url: str,
        schemes: Mapping[str, SecurityScheme],
        credentials: Mapping[str, object],
        timeout: Timeout,
        user_agent: str,
        transport: Transport | None = None,
        retry: RetryPolicy = _DEFAULT_RETRY,
        sleep: Callable[[float], object] = time.sleep,
        pin_base_url: bool = False,
        secret_fields: Collection[str] = (),
    ) -> None:
        import urllib.parse

        parts = urllib.parse.urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"base_url must be an absolute http or https URL, not {base_url!r}")
        self._base_url = base_url.rstrip("/")
        self._pin_base_url = pin_base_url
        self._auth = Authenticator(schemes, credentials)
        self._timeout = timeout
        self._user_agent = user_agent
        self._owns_transport = transport is None
        self._transport = transport if transport is not None else Transport()
        self._retry = retry
        self._sleep = sleep
        self._secret_fields = frozenset(secret_fields)

    def request(
        self,
        op: OperationSpec[T],
        *,
        path_params: Mapping[str, str | None] | None = None,
        query: Sequence[tuple[str, str]] = (),
        headers: Mapping[str, str | None] | None = None,
        json_body: object = UNSET,
        options: RequestOptions | None = None,
        cookies: Sequence[tuple[str, str]] = (),
        content: bytes | None = None,
        content_type: str | None = None,
    ) -> ApiResponse[T]:
        """Send ``op`` and return its decoded response.

        Args:
            op: the operation.
            path_params: the values of the path template's ``{name}`` parts,
                already spelled as text; ``None`` or ``""`` counts as missing.
                Values are percent-encoded, except :class:`Encoded` ones
                (``_params`` makes them), which already are.
            query: query parameters in order; a name may repeat. Pairs of
                ``Encoded`` text are sent as they are, others percent-encoded.
            headers: extra headers; those whose value is ``None`` are not sent.
            json_body: the request body, sent as JSON; ``None`` is sent as
                ``null``; ``UNSET`` (the default) sends no body.
            options: this call's :class:`RequestOptions`; ``None`` uses the
                client's settings.
            cookies: cookie parameters, (name, value) pairs already encoded;
                sent in one ``Cookie`` header with any credential cookies.
            content: a request body already encoded (a form, multipart, bytes);
                used instead of ``json_body``.
            content_type: the ``Content-Type`` of ``content``; by default the
                operation's ``request_content_type``.

        A success status without a documented response yields the body parsed
        as JSON as ``data`` (``None`` when empty or not JSON).

        Raises:
            MissingCredentialError: ``op``'s security cannot be met; nothing is sent.
            ValueError: a path parameter is missing or empty; nothing is sent.
            ApiException: an error status, as the subclass ``op.errors`` maps it to.
            ApiDecodeError: a success body that does not decode as documented.
            ApiConnectionError: no response (``ApiTimeoutError`` when out of time).
            TooManyRedirects: more than 5 redirects in a row.
        """
        opts = options or _NO_OPTIONS
        # RequestOptions has already turned a number of seconds into a Timeout.
        timeout = opts.timeout if isinstance(opts.timeout, Timeout) else self._timeout
        policy = self._retry
        if opts.max_retries is not None:
            policy = policy.replace(max_retries=opts.max_retries)
        may_retry = policy.is_retryable_method(op.method, opts.retry_non_idempotent)
        body = content
        if body is None and json_body is not UNSET:
            body = encode_json(json_body)
        retries = sends = 0
        reauthenticated = False
        while True:
            auth = self._auth.resolve(op.security, operation=op.operation_id)
            request = Request(
                op.method,
                self._url(op, path_params or {}, [*query, *auth.query]),
                self._headers(
                    op,
                    headers or {},
                    opts.extra_headers,
                    auth,
                    has_body=body is not None,
                    content_type=content_type,
                    cookies=cookies,
                ),
                body,
            )
            # Names whose values logs redact: credential query parameters, secret body fields.
            secret_query = {name for name, _ in auth.query} | self._secret_fields
            can_retry = may_retry and retries < policy.max_retries
            sends += 1
            try:
                final, raw = self._exchange(request, timeout, auth, sends, secret_query)
            except ApiConnectionError as exc:
                delay = policy.delay_for(retries + 1, None) if can_retry else None
                if delay is None:
                    raise
                why = f"{type(exc).__name__}: {exc}"
            else:
                if (
                    raw.status == 401
                    and final.credentials
                    and not reauthenticated
                    and auth.invalidate()
                ):
                    reauthenticated = True
                    continue
                retry_status = can_retry and policy.is_retryable_status(raw.status)
                delay = policy.delay_for(retries + 1, raw.headers) if retry_status else None
                if delay is None:
                    return _read_response(op, raw)
                why = f"status {raw.status}"
            retries += 1
            from . import _log  # see _exchange

            _log.log_retry(request, why, retries, policy.max_retries, delay, secret_query)
            self._sleep(delay)

    def close(self) -> None:
        """Close the connections of the transport the client created. Idempotent."""
        if self._owns_transport:
            self._transport.close()

    def __enter__(self) -> ClientCore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def _exchange(
        self,
        request: Request,
        timeout: Timeout,
        auth: AuthParts,
        attempt: int,
        secret_query: set[str],
    ) -> tuple[Request, RawResponse]:
        """Send ``request`` and follow its redirects; return the last request and its response."""
        # Here, not at the top: _log imports logging (~4 ms), which urllib3 imports anyway
        # by the time anything is sent, so `import` of the package does not pay for it.
        from . import _log

        secret_headers = [name.lower() for name, _ in auth.headers]
        redirects = 0
        while True:
            _log.log_request(request, attempt, secret_query)
            started = time.monotonic()
            raw = self._transport.send(
                request.method, request.url, request.headers, request.body, timeout
            )
            _log.log_response(request, raw, attempt, time.monotonic() - started, secret_query)
            following = next_request(request, raw, secret_headers)
            if following is None:
                return request, raw
            redirects += 1
            if redirects > MAX_REDIRECTS:
                raise TooManyRedirects(
                    f"{where(request.method, request.url)}: "
                    f"more than {MAX_REDIRECTS} redirects in a row"
                )
            request = following

    def _url(
        self,
        op: OperationSpec[T],
        path_params: Mapping[str, str | None],
        query: Sequence[tuple[str, str]],
    ) -> str:
        import urllib.parse

        def quoted(text: str) -> str:
            return text if isinstance(text, Encoded) else urllib.parse.quote(text, safe="")

        def substitute(match: re.Match[str]) -> str:
            name = match.group(1)
            value = path_params.get(name)
            if not value:
                raise ValueError(f"{op.operation_id}: path parameter {name!r} is missing or empty")
            return _DOT_SEGMENTS.get(value) or quoted(value)

        base = self._base_url
        if op.server is not None and not self._pin_base_url:
            base = op.server.rstrip("/")
        url = base + _PATH_PARAM.sub(substitute, op.path)
        if query:
            url += "?" + "&".join(f"{quoted(k)}={quoted(v)}" for k, v in query)
        return url

    def _headers(
        self,
        op: OperationSpec[T],
        params: Mapping[str, str | None],
        extra: Mapping[str, str],
        auth: AuthParts,
        *,
        has_body: bool,
        content_type: str | None = None,
        cookies: Sequence[tuple[str, str]] = (),
    ) -> HTTPHeaderDict:
        """Defaults, then header parameters, then the caller's extra headers, each
        replacing the ones before by name; the credentials come last and win."""
        from urllib3 import HTTPHeaderDict

        headers = HTTPHeaderDict({"User-Agent": self._user_agent})
        if op.accept is not None:
            headers["accept"] = op.accept
        if has_body:
            headers["Content-Type"] = (
                content_type or _concrete(op.request_content_type) or "application/json"
            )
        if cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies)
        for name, value in params.items():
            if value is not None:
                headers[name] = value
        for name, value in extra.items():
            headers[name] = value
        for name, value in auth.headers:
            headers[name] = value
        if auth.cookies:
            names = {name for name, _ in auth.cookies}
            given = (part.strip() for part in headers.get("Cookie", "").split(";"))
            parts = [part for part in given if part and part.partition("=")[0] not in names]
            parts += [f"{name}={value}" for name, value in auth.cookies]
            headers["Cookie"] = "; ".join(parts)
        return headers


def _read_response(op: OperationSpec[T], raw: RawResponse) -> ApiResponse[T]:
    if not 200 <= raw.status < 300:
        raise _error(op, raw)
    key = match_status(raw.status, op.responses)
    kind = op.response_kinds.get(key) if key is not None else None
    data: object
    if kind == "bytes":
        data = raw.data
    elif kind == "text":
        data = raw.data.decode(_charset(raw.headers), errors="replace")
    elif key is None:
        data = _json_or_none(raw.data)
    else:
        decoder = op.responses[key]
        data = None if decoder is None else _decode(op, raw, decoder)
    return ApiResponse(
        status_code=raw.status,
        reason_phrase=raw.reason,
        headers=raw.headers,
        raw_body=raw.data,
        data=cast(T, data),
    )


def _decode(op: OperationSpec[T], raw: RawResponse, decoder: Decoder) -> object:
    def failure(problem: str) -> ApiDecodeError:
        return ApiDecodeError(
            f"{op.operation_id}: {problem}",
            status_code=raw.status,
            headers=raw.headers,
            body=raw.data,
        )

    if not raw.data:
        raise failure("the response body is empty")
    try:
        parsed = decode_json(raw.data)
    except ValueError as exc:
        raise failure(f"the response body is not JSON ({exc})") from exc
    try:
        return decoder(parsed)
    except (TypeError, KeyError, ValueError, AttributeError) as exc:
        raise failure(f"the response body does not match the documented type ({exc!r})") from exc


def _concrete(media_type: str | None) -> str | None:
    """A media type fit for ``Content-Type``: ranges such as ``*/*`` are not."""
    if media_type is None or "*" in media_type:
        return "application/octet-stream" if media_type else None
    return media_type


_CHARSET = re.compile(r"charset=\"?([\w.:-]+)", re.IGNORECASE)


def _charset(headers: Mapping[str, str]) -> str:
    """The charset a text response names (UTF-8 when it names none we know)."""
    match = _CHARSET.search(headers.get("content-type", ""))
    if match is not None:
        try:
            return codecs.lookup(match.group(1)).name
        except LookupError:
            pass
    return "utf-8"


def _json_or_none(raw: bytes) -> object:
    try:
        return decode_json(raw)
    except ValueError:
        return None


def _error(op: OperationSpec[T], raw: RawResponse) -> ApiException:
    key = match_status(raw.status, op.errors)
    if key is None:
        return ApiException(
            status_code=raw.status,
            reason=raw.reason or _phrase(raw.status),
            headers=raw.headers,
            body=raw.data,
        )
    spec = op.errors[key]
    return spec.exception(
        status_code=raw.status, reason=spec.reason, headers=raw.headers, body=raw.data
    )


def _phrase(status: int) -> str:
    import http  # here: only an undocumented error status needs it

    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return ""
