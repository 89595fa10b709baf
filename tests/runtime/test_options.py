"""``RequestOptions``: per-call headers, timeout and retries, against the scripted server."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from conftest import ScriptedServer

MakeCore = Callable[..., Any]


def op(rt: ModuleType, **kwargs: Any) -> Any:
    fields: dict[str, Any] = {
        "operation_id": "testOp",
        "method": "POST",
        "path": "/v1/items",
        "accept": "application/json",
        "request_content_type": "application/json",
    }
    return rt._operation.OperationSpec(**{**fields, **kwargs})


def test_defaults_defer_to_the_client(rt: ModuleType) -> None:
    options = rt._options.RequestOptions()
    assert (dict(options.extra_headers), options.timeout, options.max_retries) == ({}, None, None)
    assert options.retry_non_idempotent is False
    with pytest.raises(AttributeError):
        options.max_retries = 3


def test_a_number_of_seconds_is_both_timeouts(rt: ModuleType) -> None:
    Timeout = rt._transport.Timeout
    assert rt._options.RequestOptions(timeout=2.5).timeout == Timeout(connect=2.5, read=2.5)
    assert rt._options.RequestOptions(timeout=Timeout(read=None)).timeout == Timeout(read=None)


@pytest.mark.parametrize(
    "kwargs", [{"timeout": 0}, {"timeout": -1.0}, {"timeout": True}, {"max_retries": -1}]
)
def test_invalid_values_are_rejected(rt: ModuleType, kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        rt._options.RequestOptions(**kwargs)


def test_extra_headers_replace_generated_ones_whatever_the_case(
    rt: ModuleType, server: ScriptedServer, make_core: MakeCore
) -> None:
    server.reply(200)
    extra = {
        "ACCEPT": "text/csv",
        "content-type": "application/merge-patch+json",
        "user-agent": "mine/2.0",
        "x-request-id": "from-options",
        "X-Trace": "abc",
    }
    make_core(server.base_url).request(
        op(rt),
        headers={"X-Request-ID": "from-parameter"},
        json_body={},
        options=rt._options.RequestOptions(extra_headers=extra),
    )
    sent = server.requests[0]  # header() also asserts each was sent once
    assert sent.header("Accept") == "text/csv"
    assert sent.header("Content-Type") == "application/merge-patch+json"
    assert sent.header("User-Agent") == "mine/2.0"
    assert sent.header("X-Request-ID") == "from-options"
    assert sent.header("X-Trace") == "abc"


def test_extra_headers_never_replace_the_credentials(
    rt: ModuleType, server: ScriptedServer, make_core: MakeCore
) -> None:
    server.reply(200)
    client = make_core(
        server.base_url, {"oauth2": "real", "VZ-M2M-Token": "real-session", "cookieKey": "abc"}
    )
    extra = {
        "authorization": "Bearer forged",
        "vz-m2m-token": "forged",
        "Cookie": "sid=forged; theme=dark",
    }
    client.request(
        op(rt, security=(("oauth2", "VZ-M2M-Token", "cookieKey"),)),
        options=rt._options.RequestOptions(extra_headers=extra),
    )
    sent = server.requests[0]
    assert sent.header("Authorization") == "Bearer real"
    assert sent.header("VZ-M2M-Token") == "real-session"
    assert sent.header("Cookie") == "theme=dark; sid=abc"


def test_the_call_timeout_replaces_the_clients(
    rt: ModuleType, server: ScriptedServer, make_core: MakeCore
) -> None:
    server.reply(200, b"late", delay=5)
    client = make_core(server.base_url)  # 5 s to read
    with pytest.raises(rt._errors.ApiTimeoutError, match="no response data within 0.2 s"):
        client.request(op(rt), options=rt._options.RequestOptions(timeout=0.2))


def test_none_options_are_the_client_settings(
    rt: ModuleType, server: ScriptedServer, make_core: MakeCore, sleeps: list[float]
) -> None:
    server.reply(503)
    server.reply(200)
    assert make_core(server.base_url).request(op(rt, method="GET"), options=None).status_code == 200
    assert len(sleeps) == 1
