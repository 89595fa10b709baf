"""``_oauth``: the client-credentials token source against a real loopback token endpoint,
and the token source that wraps a function."""

from __future__ import annotations

import base64
import functools
import json
import logging
import pickle
import socket
import urllib.parse
from collections.abc import Iterator
from types import ModuleType
from typing import Any, Protocol, runtime_checkable

import pytest
from oauth_server import TOKEN_PATH, OAuthServer, running_oauth_server
from support.threads import run_together

CLIENT_ID = "app:key"
SECRET = "p@ss:w%rd +/=é-s3cr3t"
USER_AGENT = "rt-tests/1.0"


@runtime_checkable
class TokenSourceContract(Protocol):
    """What the client core uses of a token source."""

    def token(self) -> str: ...

    def invalidate(self, token: str) -> None: ...


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def oauth() -> Iterator[OAuthServer]:
    with running_oauth_server() as httpd:
        yield httpd


@pytest.fixture
def transport(rt: ModuleType) -> Iterator[Any]:
    sender = rt._transport.Transport()
    try:
        yield sender
    finally:
        sender.close()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make(rt: ModuleType, oauth: OAuthServer, transport: Any, clock: FakeClock) -> Any:
    """Builds a ClientCredentialsTokenSource aimed at ``oauth``; keywords override defaults."""

    def build(**overrides: Any) -> Any:
        arguments: dict[str, Any] = {
            "token_url": oauth.token_url,
            "client_id": CLIENT_ID,
            "client_secret": SECRET,
            "transport": transport,
            "timeout": rt._transport.Timeout(connect=5, read=5),
            "user_agent": USER_AGENT,
            "clock": clock,
        }
        arguments.update(overrides)
        return rt._oauth.ClientCredentialsTokenSource(**arguments)

    return build


# The request on the wire


def test_token_request_on_the_wire(make: Any, oauth: OAuthServer) -> None:
    assert make().token() == "token-1"
    [request] = oauth.requests
    assert (request.method, request.path) == ("POST", TOKEN_PATH)
    assert request.header("Content-Type") == "application/x-www-form-urlencoded"
    assert request.header("Accept") == "application/json"
    assert request.header("User-Agent") == USER_AGENT
    assert urllib.parse.parse_qs(request.body.decode("ascii"), strict_parsing=True) == {
        "grant_type": ["client_credentials"]
    }


def test_basic_credentials_are_form_encoded_before_base64(make: Any, oauth: OAuthServer) -> None:
    make().token()
    scheme, _, encoded = (oauth.requests[0].header("Authorization") or "").partition(" ")
    assert scheme == "Basic"
    decoded = base64.b64decode(encoded, validate=True).decode("ascii")
    # Exactly one ':' remains, the separator: the ones in the id and secret are encoded.
    assert decoded == "app%3Akey:p%40ss%3Aw%25rd+%2B%2F%3D%C3%A9-s3cr3t"
    user, password = decoded.split(":")
    assert urllib.parse.unquote_plus(user) == CLIENT_ID
    assert urllib.parse.unquote_plus(password) == SECRET


def test_plain_credentials_are_sent_as_they_are(make: Any, oauth: OAuthServer) -> None:
    make(client_id="abc123", client_secret="Xy-z_9.~").token()
    header = oauth.requests[0].header("Authorization")
    assert header == "Basic " + base64.b64encode(b"abc123:Xy-z_9.~").decode()


def test_scopes_are_sent_space_separated(make: Any, oauth: OAuthServer) -> None:
    make(scopes=["discovery:read", "serviceprofile:read"]).token()
    body = oauth.requests[0].body.decode("ascii")
    assert body == "grant_type=client_credentials&scope=discovery%3Aread+serviceprofile%3Aread"
    assert urllib.parse.parse_qs(body)["scope"] == ["discovery:read serviceprofile:read"]


def test_no_scope_field_when_scopes_are_empty(make: Any, oauth: OAuthServer) -> None:
    make(scopes=()).token()
    assert oauth.requests[0].body == b"grant_type=client_credentials"


# Caching and expiry


def test_token_is_cached_until_clock_skew_before_expiry(
    make: Any, oauth: OAuthServer, clock: FakeClock
) -> None:
    source = make()  # expires_in 3600, default skew 60: handed out for 3540 s
    start = clock.now
    assert source.token() == "token-1"
    clock.now = start + 3539.999
    assert source.token() == "token-1"
    assert oauth.count == 1
    clock.now = start + 3540
    assert source.token() == "token-2"
    assert source.token() == "token-2"
    assert oauth.count == 2


@pytest.mark.parametrize(("skew", "refresh_after"), [(0, 3600), (300, 3300), (59.5, 3540.5)])
def test_clock_skew_moves_the_refresh(
    make: Any, oauth: OAuthServer, clock: FakeClock, skew: float, refresh_after: float
) -> None:
    source = make(clock_skew=skew)
    start = clock.now
    source.token()
    clock.now = start + refresh_after - 0.001
    assert source.token() == "token-1"
    clock.now = start + refresh_after
    assert source.token() == "token-2"


def test_lifetime_counts_from_the_request_being_sent(
    rt: ModuleType, make: Any, oauth: OAuthServer, clock: FakeClock, transport: Any
) -> None:
    class SlowTransport:
        """Takes 100 s (on the fake clock) to deliver the response."""

        def send(self, *args: Any) -> Any:
            clock.now += 100
            return transport.send(*args)

    source = make(transport=SlowTransport(), clock_skew=0)
    start = clock.now
    source.token()
    clock.now = start + 3599.999
    assert source.token() == "token-1"
    clock.now = start + 3600
    assert source.token() == "token-2"


def test_short_lived_token_keeps_half_its_lifetime(
    make: Any, oauth: OAuthServer, clock: FakeClock
) -> None:
    oauth.expires_in = 30  # shorter than the 60 s skew: refreshed after 15 s, not on every call
    source = make()
    start = clock.now
    source.token()
    clock.now = start + 14.999
    assert source.token() == "token-1"
    clock.now = start + 15
    assert source.token() == "token-2"


def test_without_expires_in_the_token_is_kept_until_invalidated(
    make: Any, oauth: OAuthServer, clock: FakeClock
) -> None:
    oauth.expires_in = None
    source = make()
    assert source.token() == "token-1"
    clock.now += 10**9
    assert source.token() == "token-1"
    source.invalidate("token-1")
    assert source.token() == "token-2"
    assert oauth.count == 2


def test_expires_in_as_digit_string_is_accepted(
    make: Any, oauth: OAuthServer, clock: FakeClock
) -> None:
    oauth.issue("tok-a", expires_in="120")
    source = make(clock_skew=0)
    start = clock.now
    assert source.token() == "tok-a"
    clock.now = start + 119.9
    assert source.token() == "tok-a"
    clock.now = start + 120
    assert source.token() == "token-1"


# Single flight and invalidation


def test_sixteen_threads_needing_a_token_send_one_request(make: Any, oauth: OAuthServer) -> None:
    oauth.delay = 0.2  # keeps the request in flight while the other threads arrive
    source = make()
    results = run_together(16, source.token)
    assert results == ["token-1"] * 16
    assert oauth.count == 1


def test_threads_waiting_on_a_failed_fetch_share_its_error(
    rt: ModuleType, make: Any, oauth: OAuthServer
) -> None:
    oauth.reply(401, '{"error": "invalid_client"}', delay=0.2)
    source = make()

    def attempt() -> str:
        try:
            return str(source.token())
        except rt._oauth.OAuthProviderException as error:
            return f"failed: {error.error}"

    assert run_together(16, attempt) == ["failed: invalid_client"] * 16
    assert oauth.count == 1  # one request for the burst, not sixteen
    assert source.token() == "token-1"  # a later call asks again


def test_invalidate_with_the_current_token_refetches_once(make: Any, oauth: OAuthServer) -> None:
    source = make()
    assert source.token() == "token-1"
    source.invalidate("token-1")
    assert source.token() == "token-2"
    assert source.token() == "token-2"
    assert oauth.count == 2


def test_invalidate_with_an_old_token_does_nothing(make: Any, oauth: OAuthServer) -> None:
    source = make()
    source.token()
    source.invalidate("token-1")
    assert source.token() == "token-2"
    source.invalidate("token-1")  # a late 401 for a request sent with the old token
    source.invalidate("never-issued")
    assert source.token() == "token-2"
    assert oauth.count == 2


def test_invalidate_before_any_token_does_nothing(make: Any, oauth: OAuthServer) -> None:
    source = make()
    source.invalidate("token-1")
    assert oauth.count == 0
    assert source.token() == "token-1"


def test_sixteen_threads_invalidating_the_same_token_cause_one_refetch(
    make: Any, oauth: OAuthServer
) -> None:
    source = make()
    stale = source.token()
    oauth.delay = 0.2

    def got_401_then_retry() -> str:
        source.invalidate(stale)
        return str(source.token())

    assert run_together(16, got_401_then_retry) == ["token-2"] * 16
    assert oauth.count == 2


# Errors from the token endpoint


def test_provider_error_is_parsed(rt: ModuleType, make: Any, oauth: OAuthServer) -> None:
    body = {
        "error": "invalid_client",
        "error_description": "Client authentication failed.",
        "error_uri": "https://example.com/errors/invalid_client",
    }
    oauth.reply(401, json.dumps(body))
    with pytest.raises(rt._oauth.OAuthProviderException) as caught:
        make().token()
    exc = caught.value
    assert isinstance(exc, rt._errors.ApiException)
    assert exc.status_code == 401
    assert exc.reason == "OAuth 2 provider says client authentication failed."
    assert exc.error == "invalid_client"
    assert exc.error_description == "Client authentication failed."
    assert exc.error_uri == "https://example.com/errors/invalid_client"
    assert exc.headers["content-type"] == "application/json"
    assert json.loads(exc.body) == body
    assert "invalid_client" in repr(exc)


def test_400_has_the_apis_reason_and_missing_fields_are_none(
    rt: ModuleType, make: Any, oauth: OAuthServer
) -> None:
    oauth.reply(400, '{"error": "invalid_scope", "error_uri": 7}')
    with pytest.raises(rt._oauth.OAuthProviderException) as caught:
        make(scopes=["nope"]).token()
    exc = caught.value
    assert (exc.status_code, exc.reason) == (400, "OAuth 2 provider returned an error.")
    assert (exc.error, exc.error_description, exc.error_uri) == ("invalid_scope", None, None)


def test_non_json_error_body_is_kept(rt: ModuleType, make: Any, oauth: OAuthServer) -> None:
    oauth.reply(502, "<html>Bad gateway</html>", content_type="text/html")
    with pytest.raises(rt._oauth.OAuthProviderException) as caught:
        make().token()
    exc = caught.value
    assert (exc.status_code, exc.reason) == (502, "Bad Gateway")
    assert (exc.error, exc.error_description, exc.error_uri) == (None, None, None)
    assert exc.body == "<html>Bad gateway</html>"
    assert "Bad gateway" in str(exc)


def test_provider_exception_survives_pickling(rt: ModuleType) -> None:
    exc = rt._oauth.OAuthProviderException(
        status_code=400,
        reason="OAuth 2 provider returned an error.",
        headers={"Content-Type": "application/json"},
        body=b'{"error": "invalid_grant", "error_description": "d"}',
    )
    copy = pickle.loads(pickle.dumps(exc))
    assert type(copy) is type(exc)
    assert (copy.status_code, copy.error, copy.error_description) == (400, "invalid_grant", "d")


def test_after_an_error_the_next_call_tries_again(
    rt: ModuleType, make: Any, oauth: OAuthServer
) -> None:
    source = make()
    oauth.reply(500, '{"error": "temporarily_unavailable"}')
    with pytest.raises(rt._oauth.OAuthProviderException):
        source.token()
    assert source.token() == "token-1"
    assert oauth.count == 2


@pytest.mark.parametrize(
    "body",
    [
        "not json",
        "",
        '["token"]',
        '{"token_type": "Bearer", "expires_in": 3600}',
        '{"access_token": "", "expires_in": 3600}',
        '{"access_token": 12345}',
    ],
)
def test_success_without_a_usable_access_token_is_a_decode_error(
    rt: ModuleType, make: Any, oauth: OAuthServer, body: str
) -> None:
    oauth.reply(200, body)
    source = make()
    with pytest.raises(rt._errors.ApiDecodeError) as caught:
        source.token()
    assert caught.value.status_code == 200
    assert caught.value.body == body
    assert source.token() == "token-1"  # nothing was cached


@pytest.mark.parametrize("expires_in", ["soon", -1, True, [3600], "1e3"])
def test_bad_expires_in_is_a_decode_error_that_masks_the_token(
    rt: ModuleType, make: Any, oauth: OAuthServer, expires_in: object
) -> None:
    oauth.issue("tok-SECRET-VALUE", expires_in=expires_in, refresh_token="refresh-SECRET")
    with pytest.raises(rt._errors.ApiDecodeError) as caught:
        make().token()
    exc = caught.value
    for text in (str(exc), repr(exc), exc.body):
        assert "SECRET" not in text
    assert json.loads(exc.body)["access_token"] == "***"
    assert json.loads(exc.body)["expires_in"] == expires_in


def test_token_with_a_line_break_is_a_decode_error(
    rt: ModuleType, make: Any, oauth: OAuthServer
) -> None:
    oauth.issue("tok\r\nX-Injected: 1")
    with pytest.raises(rt._errors.ApiDecodeError) as caught:
        make().token()
    assert "Injected" not in str(caught.value)


def test_connection_failure_propagates(rt: ModuleType, make: Any) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(rt._errors.ApiConnectionError) as caught:
        make(token_url=f"http://127.0.0.1:{port}/oauth2/token").token()
    assert not isinstance(caught.value, rt._errors.ApiTimeoutError)


def test_timeout_propagates(rt: ModuleType, make: Any, oauth: OAuthServer) -> None:
    oauth.delay = 5
    with pytest.raises(rt._errors.ApiTimeoutError):
        make(timeout=rt._transport.Timeout(connect=5, read=0.2)).token()


# Secrets stay secret


def test_secret_and_tokens_appear_in_no_repr_message_or_log(
    rt: ModuleType, make: Any, oauth: OAuthServer, caplog: pytest.LogCaptureFixture
) -> None:
    basic = f"{urllib.parse.quote_plus(CLIENT_ID)}:{urllib.parse.quote_plus(SECRET)}"
    authorization = base64.b64encode(basic.encode()).decode()  # the Basic header's value
    caplog.set_level(logging.DEBUG)
    source = make(scopes=["read"])
    oauth.issue("tok-SECRET-1", refresh_token="refresh-SECRET")
    token = source.token()
    oauth.reply(401, '{"error": "invalid_client"}')
    source.invalidate(token)
    with pytest.raises(rt._oauth.OAuthProviderException) as provider_error:
        source.token()
    oauth.issue("tok-SECRET-2", expires_in="later")
    with pytest.raises(rt._errors.ApiDecodeError) as decode_error:
        source.token()

    texts = [repr(source), str(source)]
    for exc in (provider_error.value, decode_error.value):
        texts += [repr(exc), str(exc), *map(str, exc.args)]
    texts += [record.getMessage() for record in caplog.records]
    for text in texts:
        for secret in (SECRET, "SECRET", "p@ss", authorization):
            assert secret not in text, text

    assert "app:key" in repr(source) and "read" in repr(source)
    fetch_logs = [record for record in caplog.records if "token request" in record.getMessage()]
    assert len(fetch_logs) == 3
    assert all(record.name == "rtpkg" and record.levelno == logging.DEBUG for record in fetch_logs)
    assert oauth.token_url in fetch_logs[0].getMessage()
    statuses = [record.getMessage().rpartition(": ")[2].split()[0] for record in fetch_logs]
    assert statuses == ["200", "401", "200"]


def test_failed_fetch_is_logged_without_secrets(
    rt: ModuleType, make: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/oauth2/token"
    with pytest.raises(rt._errors.ApiConnectionError):
        make(token_url=url).token()
    [record] = [record for record in caplog.records if record.name == "rtpkg"]
    assert url in record.getMessage() and "ApiConnectionError" in record.getMessage()
    assert SECRET not in record.getMessage()


def test_log_leaves_out_query_and_userinfo_of_the_token_url(
    rt: ModuleType, make: Any, oauth: OAuthServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    url = oauth.token_url.replace("127.0.0.1", "user:pw@127.0.0.1")
    with pytest.raises(rt._oauth.OAuthProviderException):  # 404: the server wants no query
        make(token_url=url + "?key=SECRETKEY").token()
    [record] = [record for record in caplog.records if record.name == "rtpkg"]
    assert "SECRETKEY" not in record.getMessage()
    assert "pw@" not in record.getMessage()
    assert oauth.token_url in record.getMessage()


# Construction


@pytest.mark.parametrize(
    ("overrides", "error", "words"),
    [
        ({"token_url": "ftp://example.com/token"}, ValueError, "token_url"),
        ({"token_url": "/oauth2/token"}, ValueError, "token_url"),
        ({"client_id": ""}, ValueError, "client_id"),
        ({"client_id": None}, TypeError, "client_id"),
        ({"client_secret": b"bytes-secret"}, TypeError, "client_secret"),
        ({"scopes": "discovery:read"}, TypeError, "scopes"),
        ({"scopes": ["read", 7]}, TypeError, "scope"),
        ({"scopes": ["read write"]}, ValueError, "scope"),
        ({"scopes": [""]}, ValueError, "scope"),
        ({"clock_skew": -1}, ValueError, "clock_skew"),
        ({"clock_skew": float("nan")}, ValueError, "clock_skew"),
        ({"clock_skew": "60"}, TypeError, "clock_skew"),
    ],
)
def test_bad_arguments_are_rejected_without_showing_the_secret(
    make: Any, oauth: OAuthServer, overrides: dict[str, Any], error: type[Exception], words: str
) -> None:
    with pytest.raises(error, match=words) as caught:
        make(**overrides)
    assert "secret" not in str(caught.value).replace("client_secret", "")
    assert SECRET not in str(caught.value)
    assert oauth.count == 0


def test_sources_satisfy_the_token_source_contract(rt: ModuleType, make: Any) -> None:
    assert isinstance(make(), TokenSourceContract)
    assert isinstance(rt._oauth.CallableTokenSource(lambda: "t"), TokenSourceContract)


# CallableTokenSource


def test_callable_source_calls_the_provider_every_time(rt: ModuleType) -> None:
    tokens = iter(["first", "second", "third"])
    source = rt._oauth.CallableTokenSource(lambda: next(tokens))
    assert source.token() == "first"
    assert source.token() == "second"
    source.invalidate("second")  # no-op: the provider decides
    assert source.token() == "third"


@pytest.mark.parametrize(
    ("returned", "error"),
    [(b"bytes-SECRET", TypeError), (None, TypeError), (42, TypeError), ("", ValueError)],
)
def test_callable_source_checks_what_the_provider_returns(
    rt: ModuleType, returned: object, error: type[Exception]
) -> None:
    source = rt._oauth.CallableTokenSource(lambda: returned)
    with pytest.raises(error, match="token provider") as caught:
        source.token()
    assert "SECRET" not in str(caught.value)


def test_callable_source_passes_the_providers_exception_on(rt: ModuleType) -> None:
    def provider() -> str:
        raise LookupError("vault is sealed")

    with pytest.raises(LookupError, match="vault is sealed"):
        rt._oauth.CallableTokenSource(provider).token()


def test_callable_source_rejects_a_non_callable(rt: ModuleType) -> None:
    with pytest.raises(TypeError, match="token provider must be callable"):
        rt._oauth.CallableTokenSource("a-token-SECRET")


def test_callable_source_repr_shows_no_bound_arguments_or_tokens(rt: ModuleType) -> None:
    def fetch(secret: str) -> str:
        return "tok-SECRET"

    source = rt._oauth.CallableTokenSource(functools.partial(fetch, SECRET))
    source.token()
    assert SECRET not in repr(source) and "SECRET" not in repr(source)
    named = rt._oauth.CallableTokenSource(fetch)
    assert "fetch" in repr(named)
