"""Retries, Retry-After, timeouts and connection failures through the generated client."""

from __future__ import annotations

import logging

import pytest
import urllib3
from e2e_server import (
    ASSIGN_PATH,
    STATIC_ACCESS_TOKEN,
    STATIC_SESSION_TOKEN,
    UNASSIGN_REQUEST_ID,
    LoopbackServer,
)
from e2e_support import MakeClient, assign_body
from thingspace_m2m import RequestOptions, RetryPolicy, Timeout
from thingspace_m2m.exceptions import (
    ApiConnectionError,
    ApiTimeoutError,
    SecurityResultException,
)

STATIC = {"access_token": STATIC_ACCESS_TOKEN, "vz_m2m_token": STATIC_SESSION_TOKEN}


def _retry_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == "thingspace_m2m" and r.levelno == logging.WARNING
    ]


def test_a_delete_answered_503_twice_succeeds_on_the_third_request(
    server: LoopbackServer, make_client: MakeClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="thingspace_m2m")
    server.fail_next(2, 503)
    client = make_client(**STATIC)

    response = client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234")

    assert response.status_code == 200
    assert response.data.request_id == UNASSIGN_REQUEST_ID
    calls = server.requests()
    assert len(calls) == 3
    assert {(r.method, r.header("X-Request-ID"), r.header("Authorization")) for r in calls} == {
        ("DELETE", "1-1234", f"Bearer {STATIC_ACCESS_TOKEN}")
    }
    url = server.api_url + ASSIGN_PATH
    assert _retry_lines(caplog) == [
        f"DELETE {url} failed (status 503); retry 1 of 2 in 0.00 s",
        f"DELETE {url} failed (status 503); retry 2 of 2 in 0.00 s",
    ]


def test_retries_end_after_max_retries_and_raise_the_mapped_exception(
    server: LoopbackServer, make_client: MakeClient
) -> None:
    server.fail_next(5, 503)
    client = make_client(**STATIC)

    with pytest.raises(SecurityResultException) as caught:
        client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234")

    assert caught.value.status_code == 503
    assert len(server.requests()) == 3


def test_max_retries_zero_raises_the_503_after_one_request(
    server: LoopbackServer, make_client: MakeClient
) -> None:
    server.fail_next(2, 503)
    client = make_client(**STATIC, max_retries=0)

    with pytest.raises(SecurityResultException) as caught:
        client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234")

    # 503 is not listed for the operation: the spec's `default` response maps it.
    assert caught.value.status_code == 503
    assert caught.value.reason == "Error response."
    assert caught.value.error_code == "503"
    assert caught.value.error_message == "Service unavailable"
    assert len(server.requests()) == 1


def test_a_post_answered_503_is_not_retried_by_default(
    server: LoopbackServer, make_client: MakeClient
) -> None:
    server.fail_next(1, 503)
    client = make_client(**STATIC)

    with pytest.raises(SecurityResultException) as caught:
        client.sim_secure_for_iot_licenses.assign_license_to_devices(assign_body())

    assert caught.value.status_code == 503
    assert len(server.requests()) == 1


def test_a_post_is_retried_when_the_call_allows_it(
    server: LoopbackServer, make_client: MakeClient
) -> None:
    server.fail_next(1, 503)
    client = make_client(**STATIC)

    response = client.sim_secure_for_iot_licenses.assign_license_to_devices(
        assign_body(), options=RequestOptions(retry_non_idempotent=True)
    )

    assert response.status_code == 200
    first, second = server.requests()
    assert first.method == second.method == "POST"
    assert first.body == second.body
    assert second.json() == assign_body().to_dict()


def test_a_status_outside_the_retry_list_is_not_retried(
    server: LoopbackServer, make_client: MakeClient
) -> None:
    server.fail_next(1, 501)
    client = make_client(**STATIC)

    with pytest.raises(SecurityResultException) as caught:
        client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234")

    assert caught.value.status_code == 501
    assert len(server.requests()) == 1


def test_retry_after_is_honoured(
    server: LoopbackServer, make_client: MakeClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="thingspace_m2m")
    server.fail_next(1, 429, retry_after="1")
    # Without Retry-After this policy would retry at once (0.00 s).
    client = make_client(**STATIC, retry=RetryPolicy(backoff_factor=0, jitter=0))

    response = client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234")

    assert response.status_code == 200
    assert len(server.requests()) == 2
    (line,) = _retry_lines(caplog)
    assert line.endswith("failed (status 429); retry 1 of 2 in 1.00 s"), line


def test_a_retry_after_beyond_the_cap_is_not_waited_for(
    server: LoopbackServer, make_client: MakeClient
) -> None:
    server.fail_next(1, 429, retry_after="1")
    client = make_client(**STATIC, retry=RetryPolicy(backoff_factor=0, retry_after_cap=0.5))

    with pytest.raises(SecurityResultException) as caught:
        client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234")

    assert caught.value.status_code == 429
    assert caught.value.reason == "Too many requests."
    assert caught.value.headers["retry-after"] == "1"
    assert len(server.requests()) == 1


def test_per_call_max_retries_overrides_the_clients_upwards(
    server: LoopbackServer, make_client: MakeClient
) -> None:
    server.fail_next(2, 503)
    client = make_client(**STATIC, max_retries=0)

    response = client.sim_secure_for_iot_licenses.unassign_license_to_devices(
        "1-1234", options=RequestOptions(max_retries=2)
    )

    assert response.status_code == 200
    assert len(server.requests()) == 3


def test_per_call_max_retries_overrides_the_clients_downwards(
    server: LoopbackServer, make_client: MakeClient
) -> None:
    server.fail_next(2, 503)
    client = make_client(**STATIC, max_retries=5)

    with pytest.raises(SecurityResultException):
        client.sim_secure_for_iot_licenses.unassign_license_to_devices(
            "1-1234", options=RequestOptions(max_retries=0)
        )

    assert len(server.requests()) == 1


# -- timeouts and connection failures -------------------------------------------------------


def test_a_slow_answer_raises_api_timeout_error(
    server: LoopbackServer, make_client: MakeClient
) -> None:
    server.delay = 1.0
    client = make_client(**STATIC, timeout=0.2, max_retries=0)

    with pytest.raises(ApiTimeoutError) as caught:
        client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234")

    assert isinstance(caught.value, ApiConnectionError)
    assert not isinstance(caught.value, urllib3.exceptions.HTTPError)
    assert "0.2 s" in str(caught.value)
    assert len(server.requests()) == 1


def test_a_timed_out_delete_is_retried(server: LoopbackServer, make_client: MakeClient) -> None:
    server.delay = 1.0
    client = make_client(**STATIC, timeout=Timeout(connect=1, read=0.1))

    with pytest.raises(ApiTimeoutError):
        client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234")

    assert len(server.requests()) == 3


def test_a_timed_out_post_is_not_retried(server: LoopbackServer, make_client: MakeClient) -> None:
    server.delay = 1.0
    client = make_client(**STATIC, timeout=0.1)

    with pytest.raises(ApiTimeoutError):
        client.sim_secure_for_iot_licenses.assign_license_to_devices(assign_body())

    assert len(server.requests()) == 1


def test_a_per_call_timeout_overrides_the_clients(
    server: LoopbackServer, make_client: MakeClient
) -> None:
    server.delay = 1.0
    client = make_client(**STATIC, timeout=0.2, max_retries=0)

    response = client.sim_secure_for_iot_licenses.unassign_license_to_devices(
        "1-1234", options=RequestOptions(timeout=5)
    )

    assert response.status_code == 200
    assert len(server.requests()) == 1


def test_a_refused_connection_raises_api_connection_error(
    make_client: MakeClient, closed_port: int
) -> None:
    client = make_client(**STATIC, base_url=f"http://127.0.0.1:{closed_port}/api/m2m")

    with pytest.raises(ApiConnectionError) as caught:
        client.sim_secure_for_iot_licenses.assign_license_to_devices(assign_body())

    assert not isinstance(caught.value, ApiTimeoutError)
    assert not isinstance(caught.value, urllib3.exceptions.HTTPError)
    assert f"127.0.0.1:{closed_port}" in str(caught.value)


def test_a_refused_connection_is_retried_for_a_delete(
    make_client: MakeClient, closed_port: int, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="thingspace_m2m")
    client = make_client(**STATIC, base_url=f"http://127.0.0.1:{closed_port}/api/m2m")

    with pytest.raises(ApiConnectionError):
        client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234")

    lines = _retry_lines(caplog)
    assert len(lines) == 2
    assert all("failed (ApiConnectionError: " in line for line in lines), lines
