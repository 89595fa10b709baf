"""Redirects, followed by the core over HTTP against one or two scripted servers."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from conftest import ScriptedServer

MakeCore = Callable[..., Any]
TOKEN = "tok-7f3a9c-secret"
SESSION = "sess-51d2-secret"
API_KEY = "key-0c77-secret"
SECURITY = (("oauth2", "VZ-M2M-Token", "cookieKey", "queryKey"),)
CREDENTIALS = {"oauth2": TOKEN, "VZ-M2M-Token": SESSION, "cookieKey": "sid-1", "queryKey": API_KEY}


def op(rt: ModuleType, method: str = "GET", **kwargs: Any) -> Any:
    return rt._operation.OperationSpec(
        operation_id="testOp",
        method=method,
        path="/v1/items",
        request_content_type="application/json",
        **kwargs,
    )


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_get_follows_a_relative_location(
    rt: ModuleType, server: ScriptedServer, make_core: MakeCore, status: int
) -> None:
    server.reply(status, headers={"Location": "../moved/here?x=1"})
    server.reply(200, b'{"found": true}')
    response = make_core(server.base_url).request(op(rt))
    assert (response.status_code, response.data) == (200, {"found": True})
    assert [(r.method, r.path) for r in server.requests] == [
        ("GET", "/v1/items"),
        ("GET", "/moved/here?x=1"),
    ]


@pytest.mark.parametrize(
    ("method", "status", "then"),
    [
        ("POST", 301, "GET"),
        ("POST", 302, "GET"),
        ("POST", 303, "GET"),
        ("PUT", 303, "GET"),
        ("PUT", 301, "PUT"),
        ("PUT", 302, "PUT"),
        ("POST", 307, "POST"),
        ("POST", 308, "POST"),
        ("PATCH", 307, "PATCH"),
    ],
)
def test_method_and_body_after_a_redirect(
    rt: ModuleType, server: ScriptedServer, make_core: MakeCore, method: str, status: int, then: str
) -> None:
    server.reply(status, headers={"Location": "/next"})
    server.reply(200)
    make_core(server.base_url).request(op(rt, method), json_body={"a": 1})
    second = server.requests[1]
    assert second.method == then
    if then == "GET":
        assert (second.body, second.header("Content-Type")) == (b"", None)
    else:
        assert (second.body, second.header("Content-Type")) == (b'{"a":1}', "application/json")


def test_head_stays_head_after_303(
    rt: ModuleType, server: ScriptedServer, make_core: MakeCore
) -> None:
    server.reply(303, headers={"Location": "/next"})
    server.reply(200)
    make_core(server.base_url).request(op(rt, "HEAD"))
    assert [r.method for r in server.requests] == ["HEAD", "HEAD"]


def test_same_origin_redirect_keeps_the_credentials(
    rt: ModuleType, server: ScriptedServer, make_core: MakeCore
) -> None:
    server.reply(307, headers={"Location": server.base_url + "/v2/items"})
    server.reply(200)
    make_core(server.base_url, CREDENTIALS).request(op(rt, security=SECURITY))
    second = server.requests[1]
    assert second.path == "/v2/items"
    assert (second.header("Authorization"), second.header("VZ-M2M-Token")) == (
        f"Bearer {TOKEN}",
        SESSION,
    )
    assert second.header("Cookie") == "sid=sid-1"


def test_cross_origin_redirect_drops_every_credential(
    rt: ModuleType, server: ScriptedServer, other_server: ScriptedServer, make_core: MakeCore
) -> None:
    server.reply(307, headers={"Location": other_server.base_url + "/landing?page=2"})
    other_server.reply(200, b'{"ok": 1}')
    client = make_core(server.base_url, CREDENTIALS)
    response = client.request(
        op(rt, "POST", security=SECURITY),
        headers={"X-Request-ID": "1-1234", "Cookie": "theme=dark"},
        json_body={"a": 1},
    )
    assert response.data == {"ok": 1}
    first = server.requests[0]
    assert first.header("Authorization") == f"Bearer {TOKEN}" and API_KEY in first.path
    [landed] = other_server.requests
    assert (landed.method, landed.path, landed.body) == ("POST", "/landing?page=2", b'{"a":1}')
    assert (landed.header("X-Request-ID"), landed.header("User-Agent")) == (
        "1-1234",
        "rt-tests/1.0",
    )
    for name in ("Authorization", "VZ-M2M-Token", "Cookie"):
        assert landed.header(name) is None
    seen = landed.path + " ".join(f"{k}: {v}" for k, v in landed.headers)
    for secret in (TOKEN, SESSION, API_KEY, "sid-1"):
        assert secret not in seen


def test_credentials_stay_dropped_when_a_redirect_comes_back(
    rt: ModuleType, server: ScriptedServer, other_server: ScriptedServer, make_core: MakeCore
) -> None:
    server.reply(302, headers={"Location": other_server.base_url + "/bounce"})
    other_server.reply(302, headers={"Location": server.base_url + "/back"})
    server.reply(200)
    make_core(server.base_url, CREDENTIALS).request(op(rt, security=SECURITY))
    back = server.requests[1]
    assert back.path == "/back"
    assert back.header("Authorization") is None and back.header("VZ-M2M-Token") is None


def test_401_after_leaving_the_origin_does_not_invalidate_the_token(
    rt: ModuleType, server: ScriptedServer, other_server: ScriptedServer, make_core: MakeCore
) -> None:
    invalidated: list[str] = []

    class Source:
        def token(self) -> str:
            return TOKEN

        def invalidate(self, token: str) -> None:
            invalidated.append(token)

    server.reply(307, headers={"Location": other_server.base_url + "/x"})
    other_server.reply(401)
    with pytest.raises(rt._errors.ApiException) as info:
        make_core(server.base_url, {"oauth2": Source()}).request(op(rt, security=(("oauth2",),)))
    assert info.value.status_code == 401
    assert (invalidated, len(server.requests), len(other_server.requests)) == ([], 1, 1)


def test_five_redirects_are_followed_and_a_sixth_raises(
    rt: ModuleType, server: ScriptedServer, make_core: MakeCore
) -> None:
    for hop in range(1, 6):
        server.reply(302, headers={"Location": f"/hop{hop}"})
    server.reply(200, b'"arrived"')
    client = make_core(server.base_url, {"queryKey": API_KEY})
    assert client.request(op(rt, security=(("queryKey",),))).data == "arrived"

    for hop in range(1, 7):
        server.reply(302, headers={"Location": f"/loop{hop}?api_key={API_KEY}"})
    with pytest.raises(rt._errors.TooManyRedirects) as info:
        client.request(op(rt, security=(("queryKey",),)))
    assert isinstance(info.value, rt._errors.ApiError)
    assert len(server.requests) == 6 + 6
    assert str(info.value) == (f"GET {server.base_url}/loop5: more than 5 redirects in a row")
    assert API_KEY not in str(info.value)


@pytest.mark.parametrize(
    "location", ["", "ftp://127.0.0.1/file", "javascript:alert(1)", "http://127.0.0.1:port/"]
)
def test_a_location_that_cannot_be_followed_leaves_the_redirect_as_the_response(
    rt: ModuleType, server: ScriptedServer, make_core: MakeCore, location: str
) -> None:
    server.reply(302, b"moved", headers={"Location": location})
    with pytest.raises(rt._errors.ApiException) as info:
        make_core(server.base_url).request(op(rt))
    assert (info.value.status_code, info.value.body, len(server.requests)) == (302, "moved", 1)


def test_a_retryable_status_after_a_redirect_retries_from_the_start(
    rt: ModuleType, server: ScriptedServer, make_core: MakeCore, sleeps: list[float]
) -> None:
    server.reply(307, headers={"Location": "/busy"})
    server.reply(503)
    server.reply(307, headers={"Location": "/busy"})
    server.reply(200)
    assert make_core(server.base_url).request(op(rt)).status_code == 200
    assert [r.path for r in server.requests] == ["/v1/items", "/busy"] * 2
    assert len(sleeps) == 1
