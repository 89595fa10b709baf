"""The client object itself: connections, closing, base URLs, and the ApiResponse it returns."""

from __future__ import annotations

from e2e_server import (
    ASSIGN_PATH,
    BASE_PATH,
    STATIC_ACCESS_TOKEN,
    STATIC_SESSION_TOKEN,
    SUBSCRIPTIONS_PATH,
    LoopbackServer,
)
from e2e_support import FAST_RETRY, MakeClient, assign_body
from thingspace_m2m import ThingSpaceM2MClient, Unset
from thingspace_m2m.models import SecuritySubscriptionRequest

STATIC = {"access_token": STATIC_ACCESS_TOKEN, "vz_m2m_token": STATIC_SESSION_TOKEN}


def test_a_response_carries_status_headers_body_and_data(
    server: LoopbackServer, make_client: MakeClient
) -> None:
    client = make_client(**STATIC)

    response = client.account_subscriptions.list_account_subscriptions(
        SecuritySubscriptionRequest(account_name="000012345600001", sku_number="SIMSec-IoT-Lt"),
        x_request_id="1-1234",
    )

    assert (response.status_code, response.reason_phrase) == (200, "OK")
    assert response.headers["x-request-id"] == "1-1234"
    assert response.headers["Content-Type"] == "application/json"
    assert response.text.startswith('{"accountName": "000012345600001"')
    subscriptions = response.data.subscription_list
    assert not isinstance(subscriptions, Unset)
    (subscription,) = subscriptions
    assert subscription.license_available == 1
    (call,) = server.requests()
    assert call.path == BASE_PATH + SUBSCRIPTIONS_PATH
    assert call.json() == {"accountName": "000012345600001", "skuNumber": "SIMSec-IoT-Lt"}
    assert call.header("Accept") == "application/json"
    assert call.header("User-Agent") == "thingspace_m2m/1.0.0 (Python)"


def test_sequential_calls_reuse_one_connection(
    server: LoopbackServer, make_client: MakeClient
) -> None:
    client = make_client(**STATIC)

    for _ in range(5):
        client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234")

    assert len({r.peer_port for r in server.requests()}) == 1


def test_idempotent_calls_survive_a_server_that_drops_connections(
    server: LoopbackServer, make_client: MakeClient
) -> None:
    # Back-to-back calls may reuse a connection the server is closing just then; the
    # request then never reaches the server, and a DELETE is simply sent again.
    server.drop_connections = True
    client = make_client(**STATIC)

    statuses = [
        client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234").status_code
        for _ in range(30)
    ]

    assert statuses == [200] * 30
    assert len(server.requests()) == 30


def test_a_trailing_slash_on_base_url_is_harmless(server: LoopbackServer) -> None:
    with ThingSpaceM2MClient(
        access_token=STATIC_ACCESS_TOKEN,
        vz_m2m_token=STATIC_SESSION_TOKEN,
        base_url=server.api_url + "/",
        retry=FAST_RETRY,
    ) as client:
        client.sim_secure_for_iot_licenses.assign_license_to_devices(assign_body())

    (call,) = server.requests()
    assert call.target == BASE_PATH + ASSIGN_PATH


def test_a_closed_client_can_still_send(server: LoopbackServer) -> None:
    with ThingSpaceM2MClient(
        access_token=STATIC_ACCESS_TOKEN, vz_m2m_token=STATIC_SESSION_TOKEN, base_url=server.api_url
    ) as client:
        client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234")
    client.close()  # idempotent

    response = client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234")

    assert response.status_code == 200
    first, second = server.requests()
    assert first.peer_port != second.peer_port  # closing dropped the pooled connection
