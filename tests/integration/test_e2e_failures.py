"""Error answers the spec does not describe, bodies that do not decode, redirects, and
per-call extra headers, end to end."""

from __future__ import annotations

import pytest
from e2e_server import (
    ASSIGN_PATH,
    ASSIGN_REQUEST_ID,
    BASE_PATH,
    STATIC_ACCESS_TOKEN,
    STATIC_SESSION_TOKEN,
    UNASSIGN_REQUEST_ID,
    LoopbackServer,
    Reply,
    running,
)
from e2e_support import LOGIN, OAUTH, MakeClient, assign_body
from thingspace_m2m import UNSET, RequestOptions
from thingspace_m2m.exceptions import (
    ApiDecodeError,
    ApiException,
    SecurityResultException,
    TooManyRedirects,
)

STATIC = {"access_token": STATIC_ACCESS_TOKEN, "vz_m2m_token": STATIC_SESSION_TOKEN}


# -- error and success bodies --------------------------------------------------------------


def test_the_specs_error_body_is_parsed(server: LoopbackServer, make_client: MakeClient) -> None:
    client = make_client(**STATIC)
    body = assign_body()
    body.additional_properties["note"] = "no SKU"
    body.sku_number = UNSET  # left out: the loopback API answers that with 400

    with pytest.raises(SecurityResultException) as caught:
        client.sim_secure_for_iot_licenses.assign_license_to_devices(body)

    exc = caught.value
    assert (exc.status_code, exc.reason) == (400, "Bad request.")
    assert (exc.error_code, exc.error_message) == ("400", "Invalid SKU number")
    assert exc.error_url == "https://thingspace.verizon.com/documentation"
    (call,) = server.requests()
    assert call.json() == {
        "accountName": "0000123456-00001",
        "devices": [{"deviceIds": [{"id": "864508030109877", "kind": "IMEI"}]}],
        "note": "no SKU",
    }


def test_a_400_with_a_body_that_is_not_json_keeps_the_raw_text(
    server: LoopbackServer, make_client: MakeClient
) -> None:
    text = "<html><body>Bad gateway at the edge</body></html>"
    server.reply_api(Reply(400, text.encode(), content_type="text/html"))
    client = make_client(**STATIC)

    with pytest.raises(SecurityResultException) as caught:
        client.sim_secure_for_iot_licenses.assign_license_to_devices(assign_body())

    exc = caught.value
    assert exc.status_code == 400
    assert exc.body == text
    assert exc.raw_body == text.encode()
    assert exc.error_code is None
    assert exc.error_message is None
    assert exc.model is None
    assert exc.headers["content-type"] == "text/html"


def test_an_empty_404_raises_with_an_empty_body(
    server: LoopbackServer, make_client: MakeClient
) -> None:
    server.reply_api(Reply(404, b"", content_type=None))
    client = make_client(**STATIC)

    with pytest.raises(SecurityResultException) as caught:
        client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234")

    exc = caught.value
    assert (exc.status_code, exc.reason) == (404, "Not Found / Does not exist.")
    assert exc.body == ""
    assert exc.error_code is None
    assert exc.json() is None


def test_an_error_of_an_operation_without_default_raises_api_exception(
    server: LoopbackServer, make_client: MakeClient
) -> None:
    # The login documents 400 only: a 502 there is an undocumented status.
    server.reply_login(Reply(502, b"upstream down", content_type="text/plain"))
    client = make_client(access_token=STATIC_ACCESS_TOKEN, **LOGIN)

    with pytest.raises(ApiException) as caught:
        client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234")

    assert type(caught.value) is ApiException
    assert caught.value.status_code == 502
    assert caught.value.reason == "Bad Gateway"
    assert caught.value.body == "upstream down"


def test_a_200_that_is_not_json_raises_api_decode_error(
    server: LoopbackServer, make_client: MakeClient
) -> None:
    server.reply_api(Reply(200, b"not json", content_type="text/plain"))
    client = make_client(**STATIC)

    with pytest.raises(ApiDecodeError) as caught:
        client.sim_secure_for_iot_licenses.assign_license_to_devices(assign_body())

    exc = caught.value
    assert exc.status_code == 200
    assert exc.body == "not json"
    assert exc.raw_body == b"not json"
    assert "assignLicenseToDevices" in str(exc)
    assert len(server.requests()) == 1  # a POST that may have taken effect is not resent


@pytest.mark.parametrize("body", [b"", b"[]", b'"text"', b"null"])
def test_a_200_of_the_wrong_shape_raises_api_decode_error(
    server: LoopbackServer, make_client: MakeClient, body: bytes
) -> None:
    server.reply_api(Reply(200, body))
    client = make_client(**STATIC)

    with pytest.raises(ApiDecodeError) as caught:
        client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234")

    assert caught.value.raw_body == body


def test_unknown_response_fields_are_kept(server: LoopbackServer, make_client: MakeClient) -> None:
    server.reply_api(Reply(200, b'{"requestId":"r-1","trackingUrl":"https://x.example/1"}'))
    client = make_client(**STATIC)

    response = client.sim_secure_for_iot_licenses.assign_license_to_devices(assign_body())

    assert response.data.request_id == "r-1"
    assert response.data.additional_properties == {"trackingUrl": "https://x.example/1"}


# -- redirects -----------------------------------------------------------------------------


def test_a_redirect_to_another_port_drops_the_credentials(
    server: LoopbackServer,
    other_server: LoopbackServer,
    make_client: MakeClient,
) -> None:
    client = make_client(**OAUTH, **LOGIN)
    client.sim_secure_for_iot_licenses.assign_license_to_devices(assign_body())  # logs in
    server.redirect_next(other_server.url, 302)

    response = client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234")

    assert response.data.request_id == UNASSIGN_REQUEST_ID
    original = server.api_requests()[-1]
    assert original.header("Authorization") == "Bearer tok-1"
    assert original.header("VZ-M2M-Token") is not None
    (moved,) = other_server.requests()
    assert (moved.method, moved.target) == ("DELETE", BASE_PATH + ASSIGN_PATH)
    assert moved.header("Authorization") is None
    assert moved.header("VZ-M2M-Token") is None
    assert moved.header("X-Request-ID") == "1-1234"


def test_a_307_to_another_port_keeps_method_and_body_but_not_credentials(
    server: LoopbackServer,
    other_server: LoopbackServer,
    make_client: MakeClient,
) -> None:
    server.redirect_next(other_server.url, 307)
    client = make_client(**STATIC)

    response = client.sim_secure_for_iot_licenses.assign_license_to_devices(assign_body())

    assert response.data.request_id == ASSIGN_REQUEST_ID
    (moved,) = other_server.requests()
    assert moved.method == "POST"
    assert moved.json() == assign_body().to_dict()
    assert moved.header("Authorization") is None
    assert moved.header("VZ-M2M-Token") is None


def test_a_401_after_leaving_the_origin_is_not_answered_with_credentials(
    server: LoopbackServer, make_client: MakeClient
) -> None:
    # A second server that does check credentials: it refuses the credential-less request,
    # and the client must not react by fetching a new token for it.
    with running() as checking:
        server.redirect_next(checking.url, 302)
        client = make_client(**OAUTH, vz_m2m_token=STATIC_SESSION_TOKEN)

        with pytest.raises(SecurityResultException) as caught:
            client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234")

        assert caught.value.status_code == 401
        assert server.token_fetches == 1
        assert [r.header("Authorization") for r in checking.requests()] == [None]


def test_a_redirect_on_the_same_origin_keeps_the_credentials(
    server: LoopbackServer, make_client: MakeClient
) -> None:
    server.redirect_next(server.url, 301)
    client = make_client(**STATIC)

    client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234")

    first, second = server.requests()
    assert first.target == second.target
    assert second.header("Authorization") == f"Bearer {STATIC_ACCESS_TOKEN}"
    assert second.header("VZ-M2M-Token") == STATIC_SESSION_TOKEN


def test_endless_redirects_raise_too_many_redirects(
    server: LoopbackServer, make_client: MakeClient
) -> None:
    server.redirect_next(server.url, 302, times=10)
    client = make_client(**STATIC)

    with pytest.raises(TooManyRedirects):
        client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234")

    assert len(server.requests()) == 6  # the request and 5 redirects followed


# -- per-call extra headers ----------------------------------------------------------------


def test_extra_headers_arrive(server: LoopbackServer, make_client: MakeClient) -> None:
    client = make_client(**STATIC)

    client.sim_secure_for_iot_licenses.assign_license_to_devices(
        assign_body(), options=RequestOptions(extra_headers={"X-Trace": "t"})
    )

    (call,) = server.requests()
    assert call.header("X-Trace") == "t"


def test_extra_headers_never_replace_the_credentials(
    server: LoopbackServer, make_client: MakeClient
) -> None:
    client = make_client(**OAUTH, **LOGIN)

    client.sim_secure_for_iot_licenses.assign_license_to_devices(
        assign_body(),
        options=RequestOptions(
            extra_headers={
                "Authorization": "Bearer forged",
                "vz-m2m-token": "forged-session",
                "X-Trace": "t",
            }
        ),
    )

    call = server.api_requests(ASSIGN_PATH)[-1]
    assert call.header("Authorization") == "Bearer tok-1"  # fails if it arrived twice
    assert call.header("VZ-M2M-Token") == server.issued_sessions[0]
    assert call.header("X-Trace") == "t"


def test_extra_headers_replace_generated_ones(
    server: LoopbackServer, make_client: MakeClient
) -> None:
    client = make_client(**STATIC)

    client.sim_secure_for_iot_licenses.unassign_license_to_devices(
        "1-1234",
        options=RequestOptions(extra_headers={"x-request-id": "9-9999", "User-Agent": "ua"}),
    )

    (call,) = server.requests()
    assert call.header("X-Request-ID") == "9-9999"
    assert call.header("User-Agent") == "ua"
