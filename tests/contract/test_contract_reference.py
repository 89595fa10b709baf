"""The reference page's calls, written out as DESIGN.md §5 shows them (the issue's
"done when"): public names, arguments and wire format pinned literally."""

from __future__ import annotations

import json

from contract_calls import headers_named
from contract_cases import ACCESS_TOKEN, VZ_M2M_TOKEN
from contract_servers import Mock
from thingspace_m2m import ApiResponse, ThingSpaceM2MClient
from thingspace_m2m.models import (
    AssignLicenseRequest,
    LicenseDeviceId,
    LicenseDeviceList,
    SecuritySuccessResult,
)

REFERENCE_WIRE_BODY = (
    '{"accountName":"0000123456-00001",'
    '"devices":[{"deviceIds":[{"id":"864508030109877","kind":"IMEI"}]}],'
    '"skuNumber":"SIMSec-IoT-Lt"}'
)


def reference_body() -> AssignLicenseRequest:
    return AssignLicenseRequest(
        account_name="0000123456-00001",
        devices=[
            LicenseDeviceList(device_ids=[LicenseDeviceId(id="864508030109877", kind="IMEI")])
        ],
        sku_number="SIMSec-IoT-Lt",
    )


def test_assign_license_to_devices_reference(client: ThingSpaceM2MClient, mock: Mock) -> None:
    response = client.sim_secure_for_iot_licenses.assign_license_to_devices(reference_body())

    record = mock.only_request()
    assert record["method"] == "POST"
    assert record["path"] == "/v1/devices/license/actions/assign"
    assert record["body"] == REFERENCE_WIRE_BODY
    assert json.loads(record["body"]) == json.loads(REFERENCE_WIRE_BODY)
    assert headers_named(record, "Content-Type") == ["application/json"]
    assert headers_named(record, "X-Request-ID") == []
    assert headers_named(record, "Authorization") == [f"Bearer {ACCESS_TOKEN}"]
    assert headers_named(record, "VZ-M2M-Token") == [VZ_M2M_TOKEN]
    assert isinstance(response, ApiResponse)
    assert response.status_code == 200
    assert isinstance(response.data, SecuritySuccessResult)
    assert response.data.request_id == "c3f3d17c-79ff-4b35-82df-94446785b6e0"


def test_assign_license_to_devices_with_request_id(client: ThingSpaceM2MClient, mock: Mock) -> None:
    response = client.sim_secure_for_iot_licenses.assign_license_to_devices(
        reference_body(), x_request_id="1-1234"
    )

    record = mock.only_request()
    assert record["body"] == REFERENCE_WIRE_BODY
    assert headers_named(record, "X-Request-ID") == ["1-1234"]
    assert response.status_code == 200
    assert response.data.request_id == "c3f3d17c-79ff-4b35-82df-94446785b6e0"


def test_unassign_license_to_devices_reference(client: ThingSpaceM2MClient, mock: Mock) -> None:
    response = client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234")

    record = mock.only_request()
    assert record["method"] == "DELETE"
    assert record["path"] == "/v1/devices/license/actions/assign"
    assert record["body"] == ""
    assert headers_named(record, "Content-Type") == []
    assert headers_named(record, "X-Request-ID") == ["1-1234"]
    assert headers_named(record, "Authorization") == [f"Bearer {ACCESS_TOKEN}"]
    assert headers_named(record, "VZ-M2M-Token") == [VZ_M2M_TOKEN]
    assert response.status_code == 200
    assert isinstance(response.data, SecuritySuccessResult)
    assert response.data.request_id == "1f28c944-d007-44c9-9543-003b8820cc69"
