"""Session login (username and password), the security requirement of each operation, and
that the password stays out of logs, reprs and exceptions."""

from __future__ import annotations

import logging

import pytest
from e2e_server import (
    ASSIGN_PATH,
    BASE_PATH,
    CLIENT_SECRET,
    FIRST_SESSION,
    LOGIN_PATH,
    LOGOUT_PATH,
    PASSWORD,
    STATIC_ACCESS_TOKEN,
    STATIC_SESSION_TOKEN,
    SUBSCRIPTIONS_PATH,
    USERNAME,
    LoopbackServer,
    Reply,
)
from e2e_support import LOGIN, OAUTH, MakeClient, assign_body, exception_texts, leaks, record_texts
from thingspace_m2m import ThingSpaceM2MClient
from thingspace_m2m.exceptions import (
    ApiDecodeError,
    ConnectivityManagementResultException,
    MissingCredentialError,
    SecurityResultException,
)
from thingspace_m2m.models import LogInRequest, SecuritySubscriptionRequest


def _session_source(client: ThingSpaceM2MClient) -> object:
    """The client's `VZ-M2M-Token` credential: the session token source (private)."""
    credentials: dict[str, object] = client._core._auth._credentials
    return credentials["VZ-M2M-Token"]


def test_the_first_license_call_logs_in_then_sends_the_session_token(
    server: LoopbackServer, make_client: MakeClient
) -> None:
    client = make_client(**OAUTH, **LOGIN)

    response = client.sim_secure_for_iot_licenses.assign_license_to_devices(assign_body())

    assert response.status_code == 200
    fetch, login, call = server.requests()
    assert fetch.path == "/oauth2/token"
    assert (login.method, login.target) == ("POST", BASE_PATH + LOGIN_PATH)
    assert login.json() == {"username": USERNAME, "password": PASSWORD}
    assert login.header("Authorization") == "Bearer tok-1"
    assert login.header("VZ-M2M-Token") is None
    assert login.header("Content-Type") == "application/json"
    assert call.path == BASE_PATH + ASSIGN_PATH
    assert call.header("Authorization") == "Bearer tok-1"
    assert call.header("VZ-M2M-Token") == FIRST_SESSION


def test_later_calls_reuse_the_session(server: LoopbackServer, make_client: MakeClient) -> None:
    client = make_client(**OAUTH, **LOGIN)

    client.sim_secure_for_iot_licenses.assign_license_to_devices(assign_body())
    client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234")
    client.account_subscriptions.list_account_subscriptions(
        SecuritySubscriptionRequest(account_name="000012345600001", sku_number="SIMSec-IoT-Lt")
    )

    assert len(server.logins()) == 1
    assert server.token_fetches == 1
    calls = [r for r in server.api_requests() if r.path != BASE_PATH + LOGIN_PATH]
    assert [r.header("VZ-M2M-Token") for r in calls] == [FIRST_SESSION] * 3


def test_an_expired_session_is_renewed_once_and_the_call_sent_again(
    server: LoopbackServer, make_client: MakeClient
) -> None:
    client = make_client(**OAUTH, **LOGIN)
    client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234")
    server.expire_session()
    before = len(server.requests())

    response = client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234")
    client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234")

    assert response.status_code == 200
    assert len(server.logins()) == 2
    new_session = server.issued_sessions[-1]
    assert new_session != FIRST_SESSION
    after = [(r.path, r.header("VZ-M2M-Token")) for r in server.requests()[before:]]
    # A 401 does not say which credential was refused, so the client renews both: the
    # bearer token too (an extra token request), then logs in with the new token.
    assert after == [
        (BASE_PATH + ASSIGN_PATH, FIRST_SESSION),  # answered 401
        ("/oauth2/token", None),
        (BASE_PATH + LOGIN_PATH, None),
        (BASE_PATH + ASSIGN_PATH, new_session),
        (BASE_PATH + ASSIGN_PATH, new_session),
    ]


def test_logging_out_ends_the_session_and_the_next_call_logs_in_again(
    server: LoopbackServer, make_client: MakeClient
) -> None:
    client = make_client(**OAUTH, **LOGIN)
    client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234")

    logout = client.session_management.end_connectivity_management_session()
    response = client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234")

    assert logout.data.session_token == FIRST_SESSION
    (logout_request,) = server.api_requests(LOGOUT_PATH)
    assert logout_request.header("VZ-M2M-Token") == FIRST_SESSION
    assert logout_request.header("Authorization") == "Bearer tok-1"
    assert logout_request.body == b""
    assert logout_request.header("Content-Length") == "0"
    assert logout_request.header("Content-Type") is None
    assert response.status_code == 200
    assert len(server.logins()) == 2


def test_the_session_login_answers_the_login_operation_too(
    server: LoopbackServer, make_client: MakeClient
) -> None:
    client = make_client(access_token=STATIC_ACCESS_TOKEN)

    result = client.session_management.start_connectivity_management_session(
        LogInRequest(username=USERNAME, password=PASSWORD)
    )

    assert result.data.session_token == FIRST_SESSION
    (login,) = server.requests()
    assert login.header("Authorization") == f"Bearer {STATIC_ACCESS_TOKEN}"
    assert login.header("VZ-M2M-Token") is None


def test_a_login_answer_without_session_token_raises_api_decode_error(
    server: LoopbackServer, make_client: MakeClient
) -> None:
    server.reply_login(Reply(200, b'{"unexpected": true}'))
    client = make_client(access_token=STATIC_ACCESS_TOKEN, **LOGIN)

    with pytest.raises(ApiDecodeError) as caught:
        client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234")

    assert "sessionToken" in str(caught.value)
    assert caught.value.body == '{"unexpected": true}'
    assert server.api_requests(ASSIGN_PATH) == []


def test_a_call_refused_again_after_a_new_login_raises_the_401(
    server: LoopbackServer, make_client: MakeClient
) -> None:
    client = make_client(**OAUTH, **LOGIN)
    client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234")
    server.reply_api(
        Reply(401, b'{"errorCode":"401","errorMessage":"Session token is not valid"}'), 5
    )

    with pytest.raises(SecurityResultException) as caught:
        client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234")

    assert caught.value.status_code == 401
    assert len(server.logins()) == 2  # one new login, not a loop
    assert len(server.api_requests(ASSIGN_PATH)) == 3


def test_a_session_token_with_a_line_break_is_never_sent(
    server: LoopbackServer, make_client: MakeClient
) -> None:
    server.reply_login(Reply(200, b'{"sessionToken": "abc\\r\\nX-Injected: 1"}'))
    client = make_client(access_token=STATIC_ACCESS_TOKEN, **LOGIN)

    with pytest.raises(ApiDecodeError):
        client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234")

    assert server.api_requests(ASSIGN_PATH) == []


def test_a_session_token_with_a_line_break_is_refused_and_not_kept(
    server: LoopbackServer, make_client: MakeClient
) -> None:
    server.reply_login(Reply(200, b'{"sessionToken": "abc\\r\\nX-Injected: 1"}'))
    client = make_client(access_token=STATIC_ACCESS_TOKEN, **LOGIN)

    with pytest.raises(ApiDecodeError):
        client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234")
    response = client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234")

    assert response.status_code == 200
    assert len(server.logins()) == 2


# -- the password is never shown -----------------------------------------------------------


def test_the_password_never_shows_in_logs_reprs_or_exceptions(
    server: LoopbackServer, make_client: MakeClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # every logger, the package's and urllib3's
    client = make_client(**OAUTH, **LOGIN)
    secrets = [PASSWORD, CLIENT_SECRET]

    client.sim_secure_for_iot_licenses.assign_license_to_devices(assign_body())
    server.expire_session()
    client.sim_secure_for_iot_licenses.assign_license_to_devices(assign_body())

    assert len(server.logins()) == 2
    assert any("/v1/session/login" in text for text in record_texts(caplog.records))
    assert leaks(record_texts(caplog.records), secrets) == []
    source = _session_source(client)
    assert type(source).__name__ == "SessionTokenSource"
    assert leaks([repr(client), repr(source), str(source)], secrets + [FIRST_SESSION]) == []


def test_a_failed_login_raises_without_showing_the_password(
    server: LoopbackServer, make_client: MakeClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    wrong_password = "Wrong-e2e-Pw-3a9c41"
    client = make_client(**OAUTH, username=USERNAME, password=wrong_password)

    with pytest.raises(ConnectivityManagementResultException) as caught:
        client.sim_secure_for_iot_licenses.assign_license_to_devices(assign_body())

    exc = caught.value
    assert exc.status_code == 400
    assert exc.error_code == "400"
    assert exc.error_message == "Invalid username or password"
    (login,) = server.logins()
    assert login.json()["password"] == wrong_password  # it did go to the server
    assert server.api_requests(ASSIGN_PATH) == []
    assert leaks(exception_texts(exc), [wrong_password]) == []
    assert leaks(record_texts(caplog.records), [wrong_password]) == []
    assert leaks([repr(client), repr(_session_source(client))], [wrong_password]) == []


def test_a_failed_login_is_not_cached(server: LoopbackServer, make_client: MakeClient) -> None:
    server.reply_login(Reply(400, b'{"errorCode":"400","errorMessage":"Try again"}'))
    client = make_client(**OAUTH, **LOGIN)

    with pytest.raises(ConnectivityManagementResultException):
        client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234")
    response = client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234")

    assert response.status_code == 200
    assert len(server.logins()) == 2


# -- each operation's security requirement -------------------------------------------------


def test_license_calls_send_both_credentials_and_login_only_the_bearer(
    server: LoopbackServer, make_client: MakeClient
) -> None:
    client = make_client(**OAUTH, **LOGIN)

    client.sim_secure_for_iot_licenses.assign_license_to_devices(assign_body())
    client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234")
    client.account_subscriptions.list_account_subscriptions(
        SecuritySubscriptionRequest(account_name="000012345600001", sku_number="SIMSec-IoT-Lt")
    )
    client.session_management.start_connectivity_management_session(
        LogInRequest(username=USERNAME, password=PASSWORD)
    )

    seen = [
        (
            r.method,
            r.path.removeprefix(BASE_PATH),
            r.header("Authorization"),
            r.header("VZ-M2M-Token"),
        )
        for r in server.api_requests()
    ]
    assert seen == [
        ("POST", LOGIN_PATH, "Bearer tok-1", None),
        ("POST", ASSIGN_PATH, "Bearer tok-1", FIRST_SESSION),
        ("DELETE", ASSIGN_PATH, "Bearer tok-1", FIRST_SESSION),
        ("POST", SUBSCRIPTIONS_PATH, "Bearer tok-1", FIRST_SESSION),
        ("POST", LOGIN_PATH, "Bearer tok-1", None),
    ]


def test_a_license_call_without_a_bearer_credential_raises_before_sending(
    server: LoopbackServer, make_client: MakeClient
) -> None:
    client = make_client(vz_m2m_token=STATIC_SESSION_TOKEN)

    with pytest.raises(MissingCredentialError) as caught:
        client.sim_secure_for_iot_licenses.assign_license_to_devices(assign_body())

    assert "thingspace_oauth" in str(caught.value)
    assert caught.value.missing == (("thingspace_oauth",),)
    assert server.requests() == []


def test_a_license_call_without_a_session_credential_raises_before_fetching_a_token(
    server: LoopbackServer, make_client: MakeClient
) -> None:
    client = make_client(**OAUTH)

    with pytest.raises(MissingCredentialError) as caught:
        client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234")

    assert "VZ-M2M-Token" in str(caught.value)
    assert "vz_m2m_token" in str(caught.value)
    assert caught.value.missing == (("VZ-M2M-Token",),)
    assert server.requests() == []


def test_a_login_without_a_bearer_credential_raises_before_sending(
    server: LoopbackServer, make_client: MakeClient
) -> None:
    client = make_client(**LOGIN)

    with pytest.raises(MissingCredentialError) as caught:
        client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234")

    assert "thingspace_oauth" in str(caught.value)
    assert server.requests() == []
