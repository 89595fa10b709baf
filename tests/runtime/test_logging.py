"""Request, response and retry logging, and that no credential ever reaches a log record."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from conftest import ScriptedServer

MakeCore = Callable[..., Any]
LOGGER = "rtpkg"  # the package the rt fixture imports
TOKEN = "tok-9b1e44-distinctive"
SESSION = "sess-2f8c61-distinctive"
API_KEY = "key-77d0aa-distinctive"
PASSWORD = "pw-c4e19b-distinctive"
SECRETS = (TOKEN, SESSION, API_KEY, PASSWORD)
CREDENTIALS = {"oauth2": TOKEN, "VZ-M2M-Token": SESSION, "queryKey": API_KEY}
SECURITY = (("oauth2", "VZ-M2M-Token", "queryKey"),)


def op(rt: ModuleType, method: str = "POST", **kwargs: Any) -> Any:
    return rt._operation.OperationSpec(
        operation_id="testOp",
        method=method,
        path="/v1/items",
        accept="application/json",
        request_content_type="application/json",
        **kwargs,
    )


def messages(caplog: pytest.LogCaptureFixture, level: int) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == LOGGER and r.levelno == level]


def assert_no_secret(caplog: pytest.LogCaptureFixture) -> None:
    assert caplog.records
    for record in caplog.records:
        text = record.getMessage() + repr(record.args) + repr(record.__dict__)
        for secret in SECRETS:
            assert secret not in text, f"{secret} logged in {record.getMessage()!r}"


def test_one_debug_line_per_request_and_response(
    rt: ModuleType,
    server: ScriptedServer,
    make_core: MakeCore,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG, logger=LOGGER)
    server.reply(
        201,
        b'{"id": 1}',
        headers={"Content-Type": "application/json", "Set-Cookie": f"s={TOKEN}", "X-Other": "1"},
    )
    make_core(server.base_url, CREDENTIALS).request(
        op(rt, security=SECURITY),
        query=[("page", "2")],
        headers={"X-Request-ID": "1-1234"},
        json_body={"name": "Zoë"},
    )
    request, response = messages(caplog, logging.DEBUG)
    url = f"{server.base_url}/v1/items?page=2&api_key=[redacted]"
    assert request.startswith(f"request POST {url} (attempt 1) headers=")
    assert "'User-Agent': 'rt-tests/1.0'" in request
    assert "'X-Request-ID': '1-1234'" in request
    assert "'Content-Type': 'application/json'" in request
    assert "'Authorization': '[redacted]'" in request
    assert "'VZ-M2M-Token': '[redacted]'" in request
    assert request.endswith(' body={"name": "Zoë"}')
    assert response.startswith(f"response 201 to POST {url} in ")
    assert " ms (attempt 1) headers=" in response
    assert "'Set-Cookie': '[redacted]'" in response and "'X-Other': '[redacted]'" in response
    assert "'Content-Type': 'application/json'" in response
    assert response.endswith(' body={"id": 1}')
    assert {r.name for r in caplog.records} == {LOGGER}
    assert_no_secret(caplog)


def test_secret_json_values_are_redacted_at_any_depth(
    rt: ModuleType,
    server: ScriptedServer,
    make_core: MakeCore,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG, logger=LOGGER)
    reply = {
        "access_token": TOKEN,
        "token_type": "bearer",
        "session": {"sessionToken": SESSION, "expiresIn": 1200},
    }
    server.reply(200, json.dumps(reply))
    body = {
        "username": "alice",
        "password": PASSWORD,
        "accounts": [{"name": "a", "API-Key": API_KEY}, {"clientSecret": {"v": PASSWORD}}],
        "Authorization": TOKEN,
        "credentials": [PASSWORD],
    }
    make_core(server.base_url).request(op(rt), json_body=body)
    request, response = messages(caplog, logging.DEBUG)
    logged_request = json.loads(request.partition(" body=")[2])
    assert logged_request == {
        "username": "alice",
        "password": "[redacted]",
        "accounts": [{"name": "a", "API-Key": "[redacted]"}, {"clientSecret": "[redacted]"}],
        "Authorization": "[redacted]",
        "credentials": "[redacted]",
    }
    assert json.loads(response.partition(" body=")[2]) == {
        "access_token": "[redacted]",
        "token_type": "[redacted]",  # the key looks secret: better hidden than guessed at
        "session": {"sessionToken": "[redacted]", "expiresIn": 1200},
    }
    assert_no_secret(caplog)


def test_fields_the_spec_marks_secret_are_redacted_whatever_their_name(
    rt: ModuleType,
    server: ScriptedServer,
    make_core: MakeCore,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # A `format: password` field named `pin` does not look secret by name: the client says so.
    caplog.set_level(logging.DEBUG, logger=LOGGER)
    server.reply(200, json.dumps({"pin": "9876", "card": {"pin": "9876"}}))
    core = make_core(server.base_url, secret_fields={"pin"})
    core.request(op(rt), json_body={"number": "4111", "pin": "1234"})
    request, response = messages(caplog, logging.DEBUG)
    assert json.loads(request.partition(" body=")[2]) == {"number": "4111", "pin": "[redacted]"}
    assert json.loads(response.partition(" body=")[2]) == {
        "pin": "[redacted]",
        "card": {"pin": "[redacted]"},
    }
    assert "1234" not in request and "9876" not in response


def test_bodies_that_are_not_json_are_not_shown_and_long_ones_are_cut(
    rt: ModuleType,
    server: ScriptedServer,
    make_core: MakeCore,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG, logger=LOGGER)
    form = f"access_token={TOKEN}&expires_in=3600"
    server.reply(200, form)
    make_core(server.base_url).request(op(rt), json_body=["x" * 100] * 100)
    request, response = messages(caplog, logging.DEBUG)
    shown = request.partition(" body=")[2]
    assert 2000 < len(shown) <= 2048 and shown.endswith("…")
    assert response.endswith(f" body=<{len(form)} bytes, not JSON>")
    assert_no_secret(caplog)


def test_a_warning_per_retry_says_why_and_how_long(
    rt: ModuleType,
    server: ScriptedServer,
    make_core: MakeCore,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, logger=LOGGER)
    server.reply(503)
    server.reply(raw=b"")  # hangs up without a response
    server.reply(200)
    retry = rt._retry.RetryPolicy(jitter=0)
    make_core(server.base_url, CREDENTIALS, retry=retry).request(op(rt, "GET", security=SECURITY))
    url = f"{server.base_url}/v1/items?api_key=[redacted]"
    first, second = messages(caplog, logging.WARNING)
    assert first == f"GET {url} failed (status 503); retry 1 of 2 in 0.50 s"
    assert second.startswith(f"GET {url} failed (ApiConnectionError: GET {server.base_url}/v1")
    assert second.endswith("); retry 2 of 2 in 1.00 s")
    assert messages(caplog, logging.DEBUG) == []
    assert_no_secret(caplog)


def test_no_secret_in_any_record_through_retries_resends_and_redirects(
    rt: ModuleType,
    server: ScriptedServer,
    other_server: ScriptedServer,
    make_core: MakeCore,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG, logger=LOGGER)

    class Source:
        def token(self) -> str:
            return TOKEN

        def invalidate(self, token: str) -> None:
            """Nothing to forget."""

    secret_reply = json.dumps({"error": "invalid_token", "token": TOKEN, "password": PASSWORD})
    server.reply(401, secret_reply, headers={"WWW-Authenticate": f'Bearer realm="{TOKEN}"'})
    server.reply(503, secret_reply)
    server.reply(302, headers={"Location": f"/elsewhere?api_key={API_KEY}&token={TOKEN}"})
    server.reply(307, headers={"Location": other_server.base_url + "/far"})
    other_server.reply(200, secret_reply, headers={"Set-Cookie": f"sid={SESSION}"})
    client = make_core(server.base_url, {**CREDENTIALS, "oauth2": Source()})
    client.request(
        op(rt, "PUT", security=SECURITY),
        headers={"Cookie": f"pref={SESSION}"},
        json_body={"password": PASSWORD, "nested": {"vz_m2m_token": SESSION}},
    )
    assert len(messages(caplog, logging.DEBUG)) == 10
    assert any("/elsewhere?api_key=[redacted]&token=[redacted]" in m for m in caplog.messages)
    assert_no_secret(caplog)


def test_nothing_is_built_when_debug_is_off(
    rt: ModuleType,
    server: ScriptedServer,
    make_core: MakeCore,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def boom(*args: object) -> str:
        raise AssertionError("log text built while DEBUG is off")

    monkeypatch.setattr(rt._log, "redact_url", boom)
    monkeypatch.setattr(rt._log, "_body", boom)
    caplog.set_level(logging.INFO, logger=LOGGER)
    server.reply(200, b"{}")
    assert make_core(server.base_url).request(op(rt), json_body={}).data == {}
    assert caplog.records == []
