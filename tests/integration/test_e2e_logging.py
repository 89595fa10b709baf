"""What the client logs about a real exchange, and what it never logs."""

from __future__ import annotations

import base64
import logging

import pytest
from e2e_server import (
    ASSIGN_PATH,
    CLIENT_ID,
    CLIENT_SECRET,
    FIRST_SESSION,
    LOGIN_PATH,
    PASSWORD,
    LoopbackServer,
)
from e2e_support import LOGIN, OAUTH, MakeClient, assign_body, leaks, record_texts


def _package_messages(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "thingspace_m2m"]


def test_requests_and_responses_are_logged_at_debug(
    server: LoopbackServer, make_client: MakeClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="thingspace_m2m")
    client = make_client(**OAUTH, **LOGIN)

    client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-2345")

    url = server.api_url + ASSIGN_PATH
    messages = _package_messages(caplog)
    requests = [m for m in messages if m.startswith(f"request DELETE {url} (attempt 1) ")]
    responses = [m for m in messages if m.startswith(f"response 200 to DELETE {url} in ")]
    assert len(requests) == 1 and len(responses) == 1, messages
    assert responses[0].split(" ms ", 1)[1].startswith("(attempt 1) ")
    assert "'X-Request-ID': '1-2345'" in requests[0]
    assert "'X-Request-ID': '1-2345'" in responses[0]
    assert "'Authorization': '[redacted]'" in requests[0]
    assert "'VZ-M2M-Token': '[redacted]'" in requests[0]
    login_lines = [m for m in messages if f"POST {server.api_url}{LOGIN_PATH}" in m]
    assert len(login_lines) == 2  # its request and its response
    assert '"password": "[redacted]"' in login_lines[0]
    assert '"sessionToken": "[redacted]"' in login_lines[1]
    assert any(m.startswith(f"OAuth 2 token request {server.token_url}: 200") for m in messages)


def test_retries_log_each_attempt(
    server: LoopbackServer, make_client: MakeClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="thingspace_m2m")
    server.fail_next(1, 503)
    client = make_client(**OAUTH, **LOGIN)

    client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-2345")

    url = server.api_url + ASSIGN_PATH
    messages = _package_messages(caplog)
    assert [m.split(" in ")[0] for m in messages if m.startswith("response ")] == [
        f"response 200 to POST {server.api_url}{LOGIN_PATH}",
        f"response 503 to DELETE {url}",
        f"response 200 to DELETE {url}",
    ]
    assert sum(m.startswith(f"request DELETE {url} (attempt 2) ") for m in messages) == 1
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert [w.getMessage() for w in warnings] == [
        f"DELETE {url} failed (status 503); retry 1 of 2 in 0.00 s"
    ]


def test_no_credential_is_ever_logged(
    server: LoopbackServer, make_client: MakeClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # every logger: the package's and urllib3's
    client = make_client(**OAUTH, **LOGIN)

    client.sim_secure_for_iot_licenses.assign_license_to_devices(assign_body(), x_request_id="1-77")
    server.fail_next(1, 503)
    client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-78")
    server.expire_session()  # a 401, a new token and a new login
    client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-79")
    server.revoke_token()  # a 401 and a new token
    client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-80")
    client.session_management.end_connectivity_management_session()

    basic = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
    secrets = [
        CLIENT_SECRET,
        basic,
        PASSWORD,
        *server.issued_tokens,
        *server.issued_sessions,
    ]
    assert server.issued_tokens == ["tok-1", "tok-2", "tok-3"]
    assert server.issued_sessions[0] == FIRST_SESSION and len(server.issued_sessions) == 3
    texts = record_texts(caplog.records)
    assert leaks(texts, secrets) == []
    # The allow-listed header shows up, for every call made with one.
    for request_id in ("1-77", "1-78", "1-79", "1-80"):
        assert any(f"'X-Request-ID': '{request_id}'" in text for text in texts), request_id
