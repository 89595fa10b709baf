"""``ClientCore`` over real HTTP against the scripted loopback server."""

from __future__ import annotations

import json
import socket
import threading
from types import ModuleType
from typing import TYPE_CHECKING, Any

import pytest
from support.runtime_schemes import security_schemes

if TYPE_CHECKING:
    from conftest import ScriptedServer

SECRET = "s3cr3t-token"


def core(rt: ModuleType, base_url: str, **credentials: object) -> Any:
    return rt._core.ClientCore(
        base_url=base_url,
        schemes=security_schemes(rt),
        credentials=credentials,
        timeout=rt._transport.Timeout(connect=5, read=5),
        user_agent="rt-tests/1.0",
        retry=rt._retry.RetryPolicy(max_retries=0),  # one exchange each; see test_retry*.py
    )


def op(rt: ModuleType, **kwargs: Any) -> Any:
    fields: dict[str, Any] = {"operation_id": "testOp", "method": "GET", "path": "/v1/items"}
    return rt._operation.OperationSpec(**{**fields, **kwargs})


# --- URL -------------------------------------------------------------------------------


def test_path_params_are_percent_encoded_and_query_keeps_order_and_repeats(
    rt: ModuleType, server: ScriptedServer
) -> None:
    server.reply(200)
    core(rt, server.base_url + "/api/").request(
        op(rt, path="/v1/items/{itemId}/parts/{part}"),
        path_params={"itemId": "a b/c?d#e", "part": "é"},
        query=[("q", "x y"), ("q", "ä&=/"), ("empty", "")],
    )
    assert (
        server.requests[0].path
        == "/api/v1/items/a%20b%2Fc%3Fd%23e/parts/%C3%A9?q=x%20y&q=%C3%A4%26%3D%2F&empty="
    )


def test_no_question_mark_without_query(rt: ModuleType, server: ScriptedServer) -> None:
    server.reply(200)
    core(rt, server.base_url).request(op(rt))
    assert server.requests[0].path == "/v1/items"


@pytest.mark.parametrize(("value", "sent"), [("..", "%2E%2E"), (".", "%2E"), ("...", "...")])
def test_dot_segment_values_cannot_climb_the_path(
    rt: ModuleType, server: ScriptedServer, value: str, sent: str
) -> None:
    server.reply(200)
    core(rt, server.base_url).request(op(rt, path="/v1/items/{id}/x"), path_params={"id": value})
    assert server.requests[0].path == f"/v1/items/{sent}/x"


@pytest.mark.parametrize("path_params", [None, {"other": "1"}, {"itemId": ""}, {"itemId": None}])
def test_missing_or_empty_path_param_raises_before_sending(
    rt: ModuleType, server: ScriptedServer, path_params: dict[str, str | None] | None
) -> None:
    with pytest.raises(ValueError, match="path parameter 'itemId' is missing or empty"):
        core(rt, server.base_url).request(
            op(rt, path="/v1/items/{itemId}"), path_params=path_params
        )
    assert server.requests == []


@pytest.mark.parametrize("base_url", ["127.0.0.1:4010", "ftp://host/x", "http://", ""])
def test_base_url_must_be_absolute_http(rt: ModuleType, base_url: str) -> None:
    with pytest.raises(ValueError, match="base_url must be an absolute http or https URL"):
        core(rt, base_url)


# --- headers and body --------------------------------------------------------------------


def test_default_and_caller_headers_without_body(rt: ModuleType, server: ScriptedServer) -> None:
    server.reply(200)
    core(rt, server.base_url).request(
        op(rt, accept="application/json", request_content_type="application/json"),
        headers={"X-Request-ID": "1-1234", "X-Dropped": None},
    )
    sent = server.requests[0]
    assert sent.header("User-Agent") == "rt-tests/1.0"
    assert sent.header("accept") == "application/json"
    assert ("accept", "application/json") in sent.headers  # the spelling the reference SDK sends
    assert sent.header("X-Request-ID") == "1-1234"
    assert sent.header("X-Dropped") is None
    assert sent.header("Content-Type") is None
    assert sent.body == b""


def test_caller_header_replaces_a_default_whatever_its_case(
    rt: ModuleType, server: ScriptedServer
) -> None:
    server.reply(200)
    core(rt, server.base_url).request(
        op(rt, accept="application/json"), headers={"Accept": "text/csv"}
    )
    assert server.requests[0].header("accept") == "text/csv"  # header() asserts it was sent once


def test_no_accept_header_when_the_operation_has_none(
    rt: ModuleType, server: ScriptedServer
) -> None:
    server.reply(200)
    core(rt, server.base_url).request(op(rt))
    assert server.requests[0].header("accept") is None


def test_json_body_is_compact_utf8_with_content_type(
    rt: ModuleType, server: ScriptedServer
) -> None:
    server.reply(200)
    body = {
        "accountName": "0000123456-00001",
        "name": "Zoë",
        "devices": [{"id": "864508030109877"}],
    }
    core(rt, server.base_url).request(
        op(rt, method="POST", request_content_type="application/json"), json_body=body
    )
    sent = server.requests[0]
    assert sent.method == "POST"
    expected = (
        '{"accountName":"0000123456-00001","name":"Zoë","devices":[{"id":"864508030109877"}]}'
    )
    assert sent.body == expected.encode()
    assert sent.header("Content-Type") == "application/json"


def test_none_body_is_sent_as_null(rt: ModuleType, server: ScriptedServer) -> None:
    server.reply(200)
    core(rt, server.base_url).request(
        op(rt, method="PUT", request_content_type="application/json"), json_body=None
    )
    assert (server.requests[0].body, server.requests[0].header("Content-Type")) == (
        b"null",
        "application/json",
    )


def test_unencodable_body_raises_before_sending(rt: ModuleType, server: ScriptedServer) -> None:
    with pytest.raises(ValueError):
        core(rt, server.base_url).request(op(rt, method="POST"), json_body={"x": float("nan")})
    with pytest.raises(TypeError):
        core(rt, server.base_url).request(op(rt, method="POST"), json_body={"x": object()})
    assert server.requests == []


# --- security ----------------------------------------------------------------------------


def test_bearer_and_api_key_header_sent_together(rt: ModuleType, server: ScriptedServer) -> None:
    server.reply(200)
    client = core(rt, server.base_url, oauth2="tok-1", **{"VZ-M2M-Token": "sess-1"})
    client.request(op(rt, security=(("oauth2", "VZ-M2M-Token"),)))
    sent = server.requests[0]
    assert (sent.header("Authorization"), sent.header("VZ-M2M-Token")) == ("Bearer tok-1", "sess-1")


def test_second_alternative_used_when_first_is_incomplete(
    rt: ModuleType, server: ScriptedServer
) -> None:
    server.reply(200)
    client = core(rt, server.base_url, queryKey="k&1", **{"VZ-M2M-Token": "sess-1"})
    client.request(op(rt, security=(("oauth2", "VZ-M2M-Token"), ("queryKey",))), query=[("a", "1")])
    sent = server.requests[0]
    assert sent.path == "/v1/items?a=1&api_key=k%261"
    assert sent.header("Authorization") is None and sent.header("VZ-M2M-Token") is None


def test_cookie_api_key_joins_a_caller_cookie(rt: ModuleType, server: ScriptedServer) -> None:
    server.reply(200)
    client = core(rt, server.base_url, cookieKey="abc")
    client.request(op(rt, security=(("cookieKey",),)), headers={"Cookie": "theme=dark"})
    assert server.requests[0].header("Cookie") == "theme=dark; sid=abc"


def test_operation_without_security_sends_no_credentials(
    rt: ModuleType, server: ScriptedServer
) -> None:
    server.reply(200)
    core(rt, server.base_url, oauth2=SECRET).request(op(rt))
    assert server.requests[0].header("Authorization") is None


def test_missing_credential_raises_before_anything_is_sent(
    rt: ModuleType, server: ScriptedServer
) -> None:
    client = core(rt, server.base_url, oauth2=SECRET)
    with pytest.raises(rt._errors.MissingCredentialError) as info:
        client.request(op(rt, security=(("oauth2", "VZ-M2M-Token"),)))
    assert server.requests == []
    assert "vz_m2m_token" in str(info.value) and "'VZ-M2M-Token'" in str(info.value)
    assert SECRET not in str(info.value)


def test_token_source_supplies_a_fresh_token_per_request(
    rt: ModuleType, server: ScriptedServer
) -> None:
    tokens = iter(["first", "second"])

    class Source:
        def token(self) -> str:
            return next(tokens)

    client = core(rt, server.base_url, oauth2=Source())
    for _ in range(2):
        server.reply(200)
        client.request(op(rt, security=(("oauth2",),)))
    assert [r.header("Authorization") for r in server.requests] == ["Bearer first", "Bearer second"]


# --- success responses -------------------------------------------------------------------


def test_success_is_decoded_and_response_keeps_http_details(
    rt: ModuleType, server: ScriptedServer
) -> None:
    server.reply(
        200, b'{"requestId": "r-1"}', headers={"Content-Type": "application/json", "X-Id": "9"}
    )
    response = core(rt, server.base_url).request(
        op(rt, responses={"200": lambda value: ("decoded", value)})
    )
    assert response.data == ("decoded", {"requestId": "r-1"})
    assert (response.status_code, response.reason_phrase) == (200, "OK")
    assert response.headers["x-id"] == "9"
    assert (response.raw_body, response.text) == (b'{"requestId": "r-1"}', '{"requestId": "r-1"}')


def test_range_and_default_success_decoders(rt: ModuleType, server: ScriptedServer) -> None:
    client = core(rt, server.base_url)
    server.reply(202, b"1")
    server.reply(201, b"2")
    assert client.request(op(rt, responses={"200": str, "2XX": lambda v: ("range", v)})).data == (
        "range",
        1,
    )
    assert client.request(op(rt, responses={"default": lambda v: ("default", v)})).data == (
        "default",
        2,
    )


def test_decoder_none_means_no_data_whatever_the_body(
    rt: ModuleType, server: ScriptedServer
) -> None:
    server.reply(204)
    server.reply(200, b"ignored, not json")
    client = core(rt, server.base_url)
    assert client.request(op(rt, method="DELETE", responses={"204": None})).data is None
    assert client.request(op(rt, responses={"200": None})).data is None


@pytest.mark.parametrize(
    ("body", "data"), [(b'{"a": [1]}', {"a": [1]}), (b"", None), (b"plain text", None)]
)
def test_undocumented_success_yields_parsed_json_or_none(
    rt: ModuleType, server: ScriptedServer, body: bytes, data: object
) -> None:
    server.reply(203, body)
    response = core(rt, server.base_url).request(op(rt, responses={"200": str}))
    assert (response.status_code, response.data, response.raw_body) == (203, data, body)


@pytest.mark.parametrize(
    ("body", "decoder", "problem"),
    [
        (b"<html>oops</html>", dict, "the response body is not JSON"),
        (b"", dict, "the response body is empty"),
        (
            b'{"other": 1}',
            lambda value: value["requestId"],
            "the response body does not match the documented type (KeyError",
        ),
        (
            b"[1, 2]",
            lambda value: dict(value),
            "the response body does not match the documented type (TypeError",
        ),
        (
            b"[1, 2]",
            lambda value: value.get("id"),
            "the response body does not match the documented type (AttributeError",
        ),
    ],
)
def test_undecodable_success_raises_decode_error_keeping_the_body(
    rt: ModuleType, server: ScriptedServer, body: bytes, decoder: Any, problem: str
) -> None:
    server.reply(200, body, headers={"X-Id": "7"})
    with pytest.raises(rt._errors.ApiDecodeError) as info:
        core(rt, server.base_url).request(op(rt, responses={"200": decoder}))
    assert (info.value.status_code, info.value.raw_body, info.value.headers["x-id"]) == (
        200,
        body,
        "7",
    )
    assert str(info.value).startswith(f"testOp: {problem}")
    assert info.value.__cause__ is not None or not body


# --- error responses ---------------------------------------------------------------------


def error_op(rt: ModuleType, security_result: Any) -> Any:
    e = rt._operation.ErrorSpec
    server_error = type("ServerError", (rt._errors.ApiException,), {})
    fallback = type("Fallback", (rt._errors.ApiException,), {})
    return op(
        rt,
        errors={
            "400": e(security_result, "Bad request."),
            "401": e(security_result, "Unauthorized."),
            "5XX": e(server_error, "Server error."),
            "default": e(fallback, "Unexpected error."),
        },
    )


@pytest.mark.parametrize(
    ("status", "cls", "reason"),
    [
        (400, "SecurityResultException", "Bad request."),
        (401, "SecurityResultException", "Unauthorized."),
        (503, "ServerError", "Server error."),
        (404, "Fallback", "Unexpected error."),
        (302, "Fallback", "Unexpected error."),
    ],
)
def test_error_status_raises_mapped_exception_exact_then_range_then_default(
    rt: ModuleType,
    server: ScriptedServer,
    security_result_exception: Any,
    status: int,
    cls: str,
    reason: str,
) -> None:
    body = json.dumps({"errorCode": f"E{status}", "errorMessage": "nope"}).encode()
    server.reply(status, body, headers={"X-Id": "7"})
    with pytest.raises(rt._errors.ApiException) as info:
        core(rt, server.base_url).request(error_op(rt, security_result_exception))
    exc = info.value
    assert (type(exc).__name__, exc.status_code, exc.reason) == (cls, status, reason)
    assert (exc.headers["x-id"], exc.raw_body, exc.json()["errorCode"]) == ("7", body, f"E{status}")
    assert len(server.requests) == 1  # a 302 without Location is not followed
    if cls == "SecurityResultException":
        assert exc.error_code == f"E{status}"


@pytest.mark.parametrize("body", [b"", b"<html>Bad Gateway</html>", b"\xff\xfe bytes"])
def test_non_json_and_empty_error_bodies_still_raise_the_mapped_exception(
    rt: ModuleType, server: ScriptedServer, security_result_exception: Any, body: bytes
) -> None:
    server.reply(400, body)
    with pytest.raises(rt._errors.ApiException) as info:
        core(rt, server.base_url).request(error_op(rt, security_result_exception))
    exc = info.value
    assert type(exc).__name__ == "SecurityResultException"
    assert (exc.raw_body, exc.body, exc.json(), exc.error_code) == (
        body,
        body.decode("utf-8", "replace"),
        None,
        None,
    )


@pytest.mark.parametrize(
    ("status", "reason", "expected"),
    [(418, None, "I'm a Teapot"), (500, "Custom Reason", "Custom Reason")],
)
def test_unmapped_error_raises_plain_api_exception_with_http_reason(
    rt: ModuleType, server: ScriptedServer, status: int, reason: str | None, expected: str
) -> None:
    server.reply(status, b"teapot", reason=reason)
    with pytest.raises(rt._errors.ApiException) as info:
        core(rt, server.base_url).request(
            op(rt, errors={"400": rt._operation.ErrorSpec(rt._errors.ApiException, "x")})
        )
    assert type(info.value) is rt._errors.ApiException
    assert (info.value.status_code, info.value.reason, info.value.body) == (
        status,
        expected,
        "teapot",
    )


# --- transport failures ------------------------------------------------------------------


def test_per_request_timeout_overrides_the_client_default(
    rt: ModuleType, server: ScriptedServer
) -> None:
    server.reply(200, delay=5)
    with pytest.raises(rt._errors.ApiTimeoutError) as info:
        core(rt, server.base_url).request(
            op(rt), options=rt._options.RequestOptions(timeout=rt._transport.Timeout(read=0.2))
        )
    assert isinstance(info.value, rt._errors.ApiConnectionError)


def test_connection_refused_message_has_no_secret(rt: ModuleType) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    client = core(rt, f"http://127.0.0.1:{port}", queryKey=SECRET, oauth2=SECRET)
    with pytest.raises(rt._errors.ApiConnectionError) as info:
        client.request(op(rt, security=(("queryKey", "oauth2"),)))
    assert not isinstance(info.value, rt._errors.ApiTimeoutError)
    assert str(info.value).startswith(f"GET http://127.0.0.1:{port}/v1/items: could not connect")
    assert SECRET not in str(info.value) and SECRET not in repr(info.value)


# --- lifecycle ---------------------------------------------------------------------------


def test_context_manager_closes_its_own_transport_but_not_a_shared_one(
    rt: ModuleType, server: ScriptedServer
) -> None:
    server.reply(200)
    with core(rt, server.base_url) as client:
        client.request(op(rt))
        pools = client._transport._pool.pools
        assert len(pools) == 1
    assert len(pools) == 0

    shared = rt._transport.Transport()
    server.reply(200)
    shared.send("GET", server.base_url + "/warm", {}, None, rt._transport.Timeout())
    borrowing = rt._core.ClientCore(
        base_url=server.base_url,
        schemes={},
        credentials={},
        timeout=rt._transport.Timeout(),
        user_agent="x",
        transport=shared,
    )
    borrowing.close()
    assert len(shared._pool.pools) == 1


def test_concurrent_requests_from_threads(rt: ModuleType, server: ScriptedServer) -> None:
    client = core(rt, server.base_url)
    for _ in range(16):
        server.reply(200, b"{}", delay=0.05)
    results: list[int] = []

    def call(i: int) -> None:
        response = client.request(op(rt, path="/v1/items/{id}"), path_params={"id": str(i)})
        results.append(response.status_code)

    threads = [threading.Thread(target=call, args=(i,)) for i in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [200] * 16
    assert sorted(r.path for r in server.requests) == sorted(f"/v1/items/{i}" for i in range(16))
