"""OAuth 2 client credentials, a static token, a token provider, and the checks on the
client's credential arguments, end to end against the loopback token endpoint and API."""

from __future__ import annotations

import base64
import urllib.parse
from typing import Any

import pytest
from e2e_server import (
    ASSIGN_PATH,
    ASSIGN_REQUEST_ID,
    CLIENT_ID,
    CLIENT_SECRET,
    STATIC_ACCESS_TOKEN,
    STATIC_SESSION_TOKEN,
    UNASSIGN_REQUEST_ID,
    LoopbackServer,
    Reply,
)
from e2e_support import LOGIN, OAUTH, MakeClient, assign_body, exception_texts, leaks
from thingspace_m2m import ThingSpaceM2MClient
from thingspace_m2m.exceptions import (
    ApiConnectionError,
    ApiDecodeError,
    OAuthProviderException,
    SecurityResultException,
)

# -- OAuth 2 client credentials -----------------------------------------------------------


def test_first_call_fetches_a_token_with_basic_client_authentication(
    server: LoopbackServer, make_client: MakeClient
) -> None:
    client = make_client(**OAUTH, vz_m2m_token=STATIC_SESSION_TOKEN)

    response = client.sim_secure_for_iot_licenses.assign_license_to_devices(assign_body())

    assert response.status_code == 200
    assert response.data.request_id == ASSIGN_REQUEST_ID
    (fetch,) = server.token_requests()
    assert fetch.method == "POST"
    authorization = fetch.header("Authorization")
    assert authorization is not None and authorization.startswith("Basic ")
    decoded = base64.b64decode(authorization.removeprefix("Basic ")).decode()
    assert decoded == f"{CLIENT_ID}:{CLIENT_SECRET}"
    assert fetch.header("Content-Type") == "application/x-www-form-urlencoded"
    assert urllib.parse.parse_qs(fetch.body.decode()) == {"grant_type": ["client_credentials"]}
    (call,) = server.api_requests()
    assert call.header("Authorization") == "Bearer tok-1"
    assert call.header("VZ-M2M-Token") == STATIC_SESSION_TOKEN


def test_scopes_are_sent_space_separated(server: LoopbackServer, make_client: MakeClient) -> None:
    client = make_client(**OAUTH, oauth_scopes=["a", "b"], vz_m2m_token=STATIC_SESSION_TOKEN)

    client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234")

    (fetch,) = server.token_requests()
    assert urllib.parse.parse_qs(fetch.body.decode()) == {
        "grant_type": ["client_credentials"],
        "scope": ["a b"],
    }


def test_client_credentials_are_form_encoded_before_basic(
    server: LoopbackServer, make_client: MakeClient
) -> None:
    # RFC 6749 §2.3.1: id and secret are form-encoded, then joined by ":"; the server
    # decodes them again, so a secret with ":", "&", "+", " " and non-ASCII still matches.
    server.client_id = "app:key é"
    server.client_secret = "s3cr:t &+/=é"
    client = make_client(
        oauth_client_id="app:key é",
        oauth_client_secret="s3cr:t &+/=é",
        vz_m2m_token=STATIC_SESSION_TOKEN,
    )

    response = client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234")

    assert response.data.request_id == UNASSIGN_REQUEST_ID
    assert server.token_fetches == 1


def test_a_second_call_reuses_the_token(server: LoopbackServer, make_client: MakeClient) -> None:
    client = make_client(**OAUTH, vz_m2m_token=STATIC_SESSION_TOKEN)

    client.sim_secure_for_iot_licenses.assign_license_to_devices(assign_body())
    client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234")

    assert server.token_fetches == 1
    assert [r.header("Authorization") for r in server.api_requests()] == ["Bearer tok-1"] * 2


def test_a_revoked_token_is_replaced_and_the_call_sent_again(
    server: LoopbackServer, make_client: MakeClient
) -> None:
    client = make_client(**OAUTH, vz_m2m_token=STATIC_SESSION_TOKEN)
    client.sim_secure_for_iot_licenses.assign_license_to_devices(assign_body())
    server.revoke_token("tok-1")

    response = client.sim_secure_for_iot_licenses.assign_license_to_devices(assign_body())

    assert response.status_code == 200
    assert server.token_fetches == 2
    calls = server.api_requests()
    assert [r.header("Authorization") for r in calls] == [
        "Bearer tok-1",
        "Bearer tok-1",  # answered 401
        "Bearer tok-2",
    ]
    assert calls[2].json() == calls[1].json() == assign_body().to_dict()


def test_a_token_refused_twice_raises_the_401(
    server: LoopbackServer, make_client: MakeClient
) -> None:
    server.reject_every_bearer = True
    client = make_client(**OAUTH, vz_m2m_token=STATIC_SESSION_TOKEN)

    with pytest.raises(SecurityResultException) as caught:
        client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234")

    assert caught.value.status_code == 401
    assert caught.value.error_code == "401"
    assert server.token_fetches == 2  # one new token, sent once more, then no further loop
    assert len(server.api_requests()) == 2


def test_an_expired_token_is_replaced_before_it_is_sent(
    server: LoopbackServer, make_client: MakeClient
) -> None:
    server.expires_in = 0  # expired as soon as it is issued
    client = make_client(**OAUTH, vz_m2m_token=STATIC_SESSION_TOKEN)

    client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234")
    client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234")

    assert server.token_fetches == 2
    assert [r.header("Authorization") for r in server.api_requests()] == [
        "Bearer tok-1",
        "Bearer tok-2",
    ]


def test_a_token_without_expires_in_is_kept_until_refused(
    server: LoopbackServer, make_client: MakeClient
) -> None:
    server.expires_in = None
    client = make_client(**OAUTH, vz_m2m_token=STATIC_SESSION_TOKEN)

    for _ in range(3):
        client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234")
    server.revoke_token()
    client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234")

    assert server.token_fetches == 2
    assert server.api_requests()[-1].header("Authorization") == "Bearer tok-2"


def test_a_provider_error_raises_oauth_provider_exception_and_sends_nothing(
    server: LoopbackServer, make_client: MakeClient
) -> None:
    wrong_secret = "not-the-secret-6f2b"
    client = make_client(
        oauth_client_id=CLIENT_ID,
        oauth_client_secret=wrong_secret,
        vz_m2m_token=STATIC_SESSION_TOKEN,
    )

    with pytest.raises(OAuthProviderException) as caught:
        client.sim_secure_for_iot_licenses.assign_license_to_devices(assign_body())

    exc = caught.value
    assert exc.status_code == 401
    assert exc.error == "invalid_client"
    assert exc.error_description == "Client authentication failed"
    assert exc.reason == "OAuth 2 provider says client authentication failed."
    assert server.token_fetches == 1
    assert server.api_requests() == []
    assert leaks(exception_texts(exc), [wrong_secret]) == []


def test_after_a_provider_error_the_next_call_fetches_again(
    server: LoopbackServer, make_client: MakeClient
) -> None:
    server.reply_token_endpoint(
        Reply(400, b'{"error":"invalid_scope","error_description":"Unknown scope"}')
    )
    client = make_client(**OAUTH, vz_m2m_token=STATIC_SESSION_TOKEN)

    with pytest.raises(OAuthProviderException) as caught:
        client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234")
    assert (caught.value.status_code, caught.value.error) == (400, "invalid_scope")
    response = client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234")

    assert response.status_code == 200
    assert server.token_fetches == 2
    assert [r.header("Authorization") for r in server.api_requests()] == ["Bearer tok-1"]


def test_a_token_with_a_line_break_is_refused_and_not_kept(
    server: LoopbackServer, make_client: MakeClient
) -> None:
    server.reply_token_endpoint(Reply(200, b'{"access_token": "a\\r\\nX-Injected: 1"}'))
    client = make_client(**OAUTH, vz_m2m_token=STATIC_SESSION_TOKEN)

    with pytest.raises(ApiDecodeError) as caught:
        client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234")
    assert "X-Injected" not in str(caught.value)  # the token is masked in the kept body
    response = client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234")

    assert response.status_code == 200
    assert server.token_fetches == 2
    assert [r.header("Authorization") for r in server.api_requests()] == ["Bearer tok-1"]


def test_a_redirecting_token_endpoint_is_not_followed(
    server: LoopbackServer, other_server: LoopbackServer, make_client: MakeClient
) -> None:
    server.reply_token_endpoint(
        Reply(307, headers=(("Location", other_server.token_url),), content_type=None)
    )
    client = make_client(**OAUTH, vz_m2m_token=STATIC_SESSION_TOKEN)

    with pytest.raises(OAuthProviderException) as caught:
        client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234")

    assert caught.value.status_code == 307
    assert other_server.requests() == []  # the client secret went nowhere else
    assert server.api_requests() == []


def test_the_user_agent_goes_to_the_api_and_the_token_endpoint(
    server: LoopbackServer, make_client: MakeClient
) -> None:
    client = make_client(**OAUTH, vz_m2m_token=STATIC_SESSION_TOKEN, user_agent="my-app/2.1")

    client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234")

    assert [r.header("User-Agent") for r in server.requests()] == ["my-app/2.1"] * 2


def test_an_unreachable_token_endpoint_raises_api_connection_error(
    server: LoopbackServer, make_client: MakeClient, closed_port: int
) -> None:
    client = make_client(
        **OAUTH,
        oauth_token_url=f"http://127.0.0.1:{closed_port}/oauth2/token",
        vz_m2m_token=STATIC_SESSION_TOKEN,
    )

    with pytest.raises(ApiConnectionError):
        client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234")

    assert server.requests() == []


# -- a static token and a token provider --------------------------------------------------


def test_a_static_access_token_is_sent_as_bearer(
    server: LoopbackServer, make_client: MakeClient
) -> None:
    client = make_client(access_token=STATIC_ACCESS_TOKEN, vz_m2m_token=STATIC_SESSION_TOKEN)

    client.sim_secure_for_iot_licenses.assign_license_to_devices(assign_body())
    client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234")

    assert [r.header("Authorization") for r in server.requests()] == [
        f"Bearer {STATIC_ACCESS_TOKEN}"
    ] * 2
    assert server.token_fetches == 0


def test_a_refused_static_token_raises_without_sending_again(
    server: LoopbackServer, make_client: MakeClient
) -> None:
    server.revoke_token(STATIC_ACCESS_TOKEN)
    client = make_client(access_token=STATIC_ACCESS_TOKEN, vz_m2m_token=STATIC_SESSION_TOKEN)

    with pytest.raises(SecurityResultException) as caught:
        client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234")

    assert caught.value.status_code == 401
    assert caught.value.reason == "Unauthorized request."
    assert caught.value.error_message == "Token is missing or expired"
    assert len(server.requests()) == 1


def test_a_token_provider_is_called_for_every_request(
    server: LoopbackServer, make_client: MakeClient
) -> None:
    issued: list[str] = []

    def provider() -> str:
        token = f"prov-{len(issued) + 1}"
        server.allow_bearer(token)
        issued.append(token)
        return token

    client = make_client(token_provider=provider, vz_m2m_token=STATIC_SESSION_TOKEN)

    client.sim_secure_for_iot_licenses.assign_license_to_devices(assign_body())
    client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234")

    assert issued == ["prov-1", "prov-2"]
    assert [r.header("Authorization") for r in server.requests()] == [
        "Bearer prov-1",
        "Bearer prov-2",
    ]


def test_a_token_provider_is_asked_again_after_a_401(
    server: LoopbackServer, make_client: MakeClient
) -> None:
    server.allow_bearer("prov-fresh")
    answers = iter(["prov-stale", "prov-fresh"])
    client = make_client(token_provider=lambda: next(answers), vz_m2m_token=STATIC_SESSION_TOKEN)

    response = client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234")

    assert response.status_code == 200
    assert [r.header("Authorization") for r in server.requests()] == [
        "Bearer prov-stale",
        "Bearer prov-fresh",
    ]


# -- conflicting credentials --------------------------------------------------------------


@pytest.mark.parametrize(
    "credentials",
    [
        pytest.param({"access_token": STATIC_ACCESS_TOKEN, **OAUTH}, id="access_token+oauth"),
        pytest.param(
            {"access_token": STATIC_ACCESS_TOKEN, "token_provider": lambda: "t"},
            id="access_token+token_provider",
        ),
        pytest.param({"token_provider": lambda: "t", **OAUTH}, id="token_provider+oauth"),
        pytest.param({"oauth_client_id": CLIENT_ID}, id="oauth_client_id-without-secret"),
        pytest.param({"oauth_client_secret": CLIENT_SECRET}, id="oauth_secret-without-id"),
        pytest.param(
            {"access_token": STATIC_ACCESS_TOKEN, "vz_m2m_token": "v", **LOGIN},
            id="vz_m2m_token+login",
        ),
        pytest.param(
            {"access_token": STATIC_ACCESS_TOKEN, "username": LOGIN["username"]},
            id="username-without-password",
        ),
        pytest.param(
            {"access_token": STATIC_ACCESS_TOKEN, "password": LOGIN["password"]},
            id="password-without-username",
        ),
    ],
)
def test_conflicting_credentials_raise_value_error_before_any_request(
    server: LoopbackServer, credentials: dict[str, Any]
) -> None:
    with pytest.raises(ValueError) as caught:
        ThingSpaceM2MClient(
            base_url=server.api_url, oauth_token_url=server.token_url, **credentials
        )

    assert server.requests() == []
    assert leaks([str(caught.value)], [CLIENT_SECRET, LOGIN["password"]]) == []


def test_unassign_uses_the_delete_method_on_the_assign_path(
    server: LoopbackServer, make_client: MakeClient
) -> None:
    client = make_client(access_token=STATIC_ACCESS_TOKEN, vz_m2m_token=STATIC_SESSION_TOKEN)

    client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234")

    (call,) = server.requests()
    assert (call.method, call.target) == ("DELETE", "/api/m2m" + ASSIGN_PATH)
    assert call.header("X-Request-ID") == "1-1234"
    assert call.body == b""
