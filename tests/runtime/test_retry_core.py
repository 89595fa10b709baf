"""Retries and the one-time resend after a ``401``, over HTTP against the scripted server.

The core's ``sleep`` records the waits (the ``sleeps`` fixture) instead of sleeping.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from conftest import ScriptedServer

MakeCore = Callable[..., Any]


def op(rt: ModuleType, method: str = "GET", **kwargs: Any) -> Any:
    server_error = type("ServerError", (rt._errors.ApiException,), {})
    unauthorized = type("Unauthorized", (rt._errors.ApiException,), {})
    return rt._operation.OperationSpec(
        operation_id="testOp",
        method=method,
        path="/v1/items",
        errors={
            "401": rt._operation.ErrorSpec(unauthorized, "Unauthorized."),
            "5XX": rt._operation.ErrorSpec(server_error, "Server error."),
            "429": rt._operation.ErrorSpec(server_error, "Too many requests."),
        },
        **kwargs,
    )


def no_jitter(rt: ModuleType, **kwargs: Any) -> Any:
    return rt._retry.RetryPolicy(jitter=0, **kwargs)


def options(rt: ModuleType, **kwargs: Any) -> Any:
    return rt._options.RequestOptions(**kwargs)


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Rotating:
    """A refreshable token source: ``<prefix>-1``, ``<prefix>-2`` …; records invalidations."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.issued = 0
        self.invalidated: list[str] = []

    def token(self) -> str:
        self.issued += 1
        return f"{self.prefix}-{self.issued}"

    def invalidate(self, token: str) -> None:
        self.invalidated.append(token)


# --- statuses ----------------------------------------------------------------------------


def test_retryable_statuses_are_retried_after_the_backoff(
    rt: ModuleType, server: ScriptedServer, make_core: MakeCore, sleeps: list[float]
) -> None:
    server.reply(503)
    server.reply(502, b"<html>bad gateway</html>")
    server.reply(200, b'{"ok": true}')
    response = make_core(server.base_url, retry=no_jitter(rt)).request(op(rt))
    assert (response.status_code, response.data) == (200, {"ok": True})
    assert len(server.requests) == 3
    assert sleeps == [0.5, 1.0]


def test_retry_after_replaces_the_backoff(
    rt: ModuleType, server: ScriptedServer, make_core: MakeCore, sleeps: list[float]
) -> None:
    server.reply(429, headers={"Retry-After": "3"})
    server.reply(200)
    assert make_core(server.base_url, retry=no_jitter(rt)).request(op(rt)).status_code == 200
    assert sleeps == [3.0]


def test_retry_after_above_the_cap_raises_at_once(
    rt: ModuleType, server: ScriptedServer, make_core: MakeCore, sleeps: list[float]
) -> None:
    server.reply(503, b"maintenance", headers={"Retry-After": "3600"})
    with pytest.raises(rt._errors.ApiException) as info:
        make_core(server.base_url).request(op(rt))
    assert (type(info.value).__name__, info.value.status_code, info.value.body) == (
        "ServerError",
        503,
        "maintenance",
    )
    assert info.value.headers["retry-after"] == "3600"
    assert (len(server.requests), sleeps) == (1, [])


def test_after_the_last_retry_the_mapped_exception_is_raised(
    rt: ModuleType, server: ScriptedServer, make_core: MakeCore, sleeps: list[float]
) -> None:
    for number in range(3):
        server.reply(500, f"failure {number}")
    with pytest.raises(rt._errors.ApiException) as info:
        make_core(server.base_url, retry=no_jitter(rt)).request(op(rt))
    assert (type(info.value).__name__, info.value.body) == ("ServerError", "failure 2")
    assert (len(server.requests), sleeps) == (3, [0.5, 1.0])


@pytest.mark.parametrize("status", [400, 401, 404, 501])
def test_other_statuses_are_not_retried(
    rt: ModuleType, server: ScriptedServer, make_core: MakeCore, sleeps: list[float], status: int
) -> None:
    server.reply(status)
    with pytest.raises(rt._errors.ApiException):
        make_core(server.base_url).request(op(rt))
    assert (len(server.requests), sleeps) == (1, [])


@pytest.mark.parametrize("method", ["POST", "PATCH"])
def test_non_idempotent_methods_are_retried_only_when_the_call_allows_it(
    rt: ModuleType, server: ScriptedServer, make_core: MakeCore, method: str
) -> None:
    client = make_core(server.base_url)
    server.reply(503)
    with pytest.raises(rt._errors.ApiException):
        client.request(op(rt, method), json_body={"a": 1})
    assert len(server.requests) == 1

    server.reply(503)
    server.reply(200)
    response = client.request(
        op(rt, method), json_body={"a": 1}, options=options(rt, retry_non_idempotent=True)
    )
    assert response.status_code == 200
    assert [(r.method, r.body) for r in server.requests[1:]] == [(method, b'{"a":1}')] * 2


def test_max_retries_per_call_overrides_the_policy(
    rt: ModuleType, server: ScriptedServer, make_core: MakeCore, sleeps: list[float]
) -> None:
    client = make_core(server.base_url, retry=no_jitter(rt, max_retries=5))
    server.reply(503)
    with pytest.raises(rt._errors.ApiException):
        client.request(op(rt), options=options(rt, max_retries=0))
    assert (len(server.requests), sleeps) == (1, [])

    for _ in range(2):
        server.reply(503)
    with pytest.raises(rt._errors.ApiException):
        client.request(op(rt), options=options(rt, max_retries=1))
    assert (len(server.requests), sleeps) == (3, [0.5])


def test_each_retry_asks_the_token_source_again(
    rt: ModuleType, server: ScriptedServer, make_core: MakeCore
) -> None:
    source = Rotating("tok")
    server.reply(503)
    server.reply(200)
    make_core(server.base_url, {"oauth2": source}).request(op(rt, security=(("oauth2",),)))
    assert [r.header("Authorization") for r in server.requests] == ["Bearer tok-1", "Bearer tok-2"]
    assert source.invalidated == []


# --- no response -------------------------------------------------------------------------


def test_connection_errors_are_retried_then_raised(
    rt: ModuleType, make_core: MakeCore, sleeps: list[float]
) -> None:
    client = make_core(f"http://127.0.0.1:{closed_port()}", retry=no_jitter(rt))
    with pytest.raises(rt._errors.ApiConnectionError) as info:
        client.request(op(rt))
    assert not isinstance(info.value, rt._errors.ApiTimeoutError)
    assert "could not connect" in str(info.value)
    assert sleeps == [0.5, 1.0]  # three attempts


def test_connection_errors_are_not_retried_for_post(
    rt: ModuleType, make_core: MakeCore, sleeps: list[float]
) -> None:
    with pytest.raises(rt._errors.ApiConnectionError):
        make_core(f"http://127.0.0.1:{closed_port()}").request(op(rt, "POST"))
    assert sleeps == []


def test_a_broken_connection_is_retried_and_the_retry_can_succeed(
    rt: ModuleType, server: ScriptedServer, make_core: MakeCore, sleeps: list[float]
) -> None:
    server.reply(raw=b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\ncut sh")
    server.reply(200, b"{}")
    assert make_core(server.base_url).request(op(rt)).data == {}
    assert (len(server.requests), len(sleeps)) == (2, 1)


def test_a_read_timeout_is_retried_for_get(
    rt: ModuleType, server: ScriptedServer, make_core: MakeCore, sleeps: list[float]
) -> None:
    server.reply(200, b"late", delay=5)
    server.reply(200, b'"in time"')
    fast = rt._transport.Timeout(connect=5, read=0.2)
    assert make_core(server.base_url, timeout=fast).request(op(rt)).data == "in time"
    assert (len(server.requests), len(sleeps)) == (2, 1)


def test_a_read_timeout_on_post_is_never_retried_unless_allowed(
    rt: ModuleType, server: ScriptedServer, make_core: MakeCore, sleeps: list[float]
) -> None:
    client = make_core(server.base_url, timeout=rt._transport.Timeout(connect=5, read=0.2))
    server.reply(200, b"late", delay=5)
    with pytest.raises(rt._errors.ApiTimeoutError):
        client.request(op(rt, "POST"), json_body={})
    assert (len(server.requests), sleeps) == (1, [])

    server.reply(200, b"late", delay=5)
    server.reply(201, b"{}")
    allowed = options(rt, retry_non_idempotent=True)
    assert client.request(op(rt, "POST"), json_body={}, options=allowed).status_code == 201
    assert (len(server.requests), len(sleeps)) == (3, 1)


# --- 401 ---------------------------------------------------------------------------------


def test_auth_parts_name_the_refreshable_sources_used_without_showing_tokens(
    rt: ModuleType,
) -> None:
    a = rt._auth
    source = Rotating("hidden-token")
    schemes = {
        "oauth2": a.BearerScheme(name="oauth2", credential="access_token"),
        "key": a.ApiKeyScheme(name="key", location="header", parameter="X-Key", credential="key"),
    }
    auth = a.Authenticator(schemes, {"oauth2": source, "key": "static-key"})
    parts = auth.resolve((("oauth2", "key"),), operation="op")
    assert parts.refreshable == ((source, "hidden-token-1"),)
    assert isinstance(source, a.RefreshableTokenSource)
    assert "hidden-token" not in repr(parts) and "static-key" not in repr(parts)
    assert parts.invalidate() is True and source.invalidated == ["hidden-token-1"]
    assert a.AuthParts().invalidate() is False


def test_401_invalidates_the_exact_token_sent_and_resends_once(
    rt: ModuleType, server: ScriptedServer, make_core: MakeCore, sleeps: list[float]
) -> None:
    source = Rotating("tok")
    server.reply(401, b'{"error": "expired"}')
    server.reply(200, b"{}")
    client = make_core(server.base_url, {"oauth2": source}, retry=no_jitter(rt, max_retries=0))
    response = client.request(op(rt, "POST", security=(("oauth2",),)), json_body={"n": 1})
    assert response.status_code == 200
    assert source.invalidated == ["tok-1"]
    assert [(r.header("Authorization"), r.body) for r in server.requests] == [
        ("Bearer tok-1", b'{"n":1}'),
        ("Bearer tok-2", b'{"n":1}'),
    ]
    assert sleeps == []  # at once, and not counted as a retry (max_retries=0)


def test_a_second_401_raises_the_mapped_exception(
    rt: ModuleType, server: ScriptedServer, make_core: MakeCore
) -> None:
    source = Rotating("tok")
    server.reply(401, b"first")
    server.reply(401, b"second")
    client = make_core(server.base_url, {"oauth2": source})
    with pytest.raises(rt._errors.ApiException) as info:
        client.request(op(rt, security=(("oauth2",),)))
    assert (type(info.value).__name__, info.value.body) == ("Unauthorized", "second")
    assert (len(server.requests), source.invalidated) == (2, ["tok-1"])


def test_every_refreshable_source_used_is_invalidated(
    rt: ModuleType, server: ScriptedServer, make_core: MakeCore
) -> None:
    bearer, session = Rotating("bearer"), Rotating("session")
    server.reply(401)
    server.reply(200)
    client = make_core(server.base_url, {"oauth2": bearer, "VZ-M2M-Token": session})
    client.request(op(rt, security=(("oauth2", "VZ-M2M-Token"),)))
    assert (bearer.invalidated, session.invalidated) == (["bearer-1"], ["session-1"])
    assert server.requests[1].header("VZ-M2M-Token") == "session-2"


def test_401_without_a_refreshable_source_is_not_resent(
    rt: ModuleType, server: ScriptedServer, make_core: MakeCore
) -> None:
    class Plain:
        def token(self) -> str:
            return "plain"

    for credential in ("static-token", Plain()):
        server.reply(401)
        with pytest.raises(rt._errors.ApiException):
            make_core(server.base_url, {"oauth2": credential}).request(
                op(rt, security=(("oauth2",),))
            )
    assert len(server.requests) == 2


def test_the_401_resend_leaves_the_retries_for_later_failures(
    rt: ModuleType, server: ScriptedServer, make_core: MakeCore, sleeps: list[float]
) -> None:
    source = Rotating("tok")
    server.reply(401)
    server.reply(503)
    server.reply(200)
    client = make_core(server.base_url, {"oauth2": source}, retry=no_jitter(rt, max_retries=1))
    assert client.request(op(rt, security=(("oauth2",),))).status_code == 200
    assert (len(server.requests), sleeps, source.invalidated) == (3, [0.5], ["tok-1"])
