# Generated from thingspace-m2m.yaml. Do not edit: change the spec or the templates.
"""Assign SIM-Secure for IoT licenses to SIMs and remove Flex and Flex Bundle licenses
again."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .._core import ClientCore
from .._operation import ErrorSpec, OperationSpec
from .._options import RequestOptions
from .._response import ApiResponse
from ..exceptions import SecurityResultException

# Only for annotations: responses import their models when they are decoded.
if TYPE_CHECKING:
    from ..models.assign_license_request import AssignLicenseRequest
    from ..models.security_success_result import SecuritySuccessResult


def _decode_security_success_result(data: Any) -> SecuritySuccessResult:
    from ..models.security_success_result import SecuritySuccessResult

    return SecuritySuccessResult.from_dict(data)


_ASSIGN_LICENSE_TO_DEVICES: OperationSpec[SecuritySuccessResult] = OperationSpec(
    operation_id="assignLicenseToDevices",
    method="POST",
    path="/v1/devices/license/actions/assign",
    security=(
        (
            "thingspace_oauth",
            "VZ-M2M-Token",
        ),
    ),
    responses={
        "200": _decode_security_success_result,
    },
    errors={
        "400": ErrorSpec(SecurityResultException, "Bad request."),
        "401": ErrorSpec(SecurityResultException, "Unauthorized request."),
        "403": ErrorSpec(SecurityResultException, "Request Forbidden."),
        "404": ErrorSpec(SecurityResultException, "Not Found / Does not exist."),
        "406": ErrorSpec(SecurityResultException, "Format / Request Unacceptable."),
        "429": ErrorSpec(SecurityResultException, "Too many requests."),
        "default": ErrorSpec(SecurityResultException, "Error response."),
    },
    request_content_type="application/json",
    accept="application/json",
)

_UNASSIGN_LICENSE_TO_DEVICES: OperationSpec[SecuritySuccessResult] = OperationSpec(
    operation_id="unassignLicenseToDevices",
    method="DELETE",
    path="/v1/devices/license/actions/assign",
    security=(
        (
            "thingspace_oauth",
            "VZ-M2M-Token",
        ),
    ),
    responses={
        "200": _decode_security_success_result,
    },
    errors={
        "400": ErrorSpec(SecurityResultException, "Bad request."),
        "401": ErrorSpec(SecurityResultException, "Unauthorized request."),
        "403": ErrorSpec(SecurityResultException, "Request forbidden."),
        "404": ErrorSpec(SecurityResultException, "Not Found / Does not exist."),
        "406": ErrorSpec(SecurityResultException, "Format / Request Unacceptable."),
        "429": ErrorSpec(SecurityResultException, "Too many requests."),
        "default": ErrorSpec(SecurityResultException, "Error response."),
    },
    request_content_type=None,
    accept="application/json",
)


class SIMSecureForIoTLicensesController:
    """Assign SIM-Secure for IoT licenses to SIMs and remove Flex and Flex Bundle
    licenses again.

    Reach it as `client.sim_secure_for_iot_licenses`.
    """

    def __init__(self, core: ClientCore) -> None:
        self._core = core

    def assign_license_to_devices(
        self,
        body: AssignLicenseRequest,
        x_request_id: str | None = None,
        *,
        options: RequestOptions | None = None,
    ) -> ApiResponse[SecuritySuccessResult]:
        """Assign License to Devices

        Assigns SIM-Secure for IoT licenses to SIMs.

        A request carries a single SKU (license type); to assign several license types,
        send one request per SKU. A device can receive a license only when it is an
        active 4G device that is onboarded into ThingSpace, visible in the ThingSpace
        Manage portal and part of the requesting account.

        The call is asynchronous: the response only returns a `requestId`. The outcome
        for each device is delivered later through the CarrierService callbacks
        registered by the user, and every one of those callbacks carries the same
        `requestId`.

        `POST /v1/devices/license/actions/assign`

        Args:
            body: Request to assign license to devices.
            x_request_id: Transaction Id. An optional client-chosen identifier for the
                transaction; only the SDK documents this header, the official pages do
                not list it. The pattern below is the one the SDK documents; the SDK's
                own placeholder value `X-Request-ID2` does not match it, so a conforming
                value such as `1-1234` is used as the example.
            options: Per-call settings: extra headers, timeout, retries.

        Returns:
            The response; `data` is a `SecuritySuccessResult`.

        Raises:
            SecurityResultException: 400: Bad request.
            SecurityResultException: 401: Unauthorized request.
            SecurityResultException: 403: Request Forbidden.
            SecurityResultException: 404: Not Found / Does not exist.
            SecurityResultException: 406: Format / Request Unacceptable.
            SecurityResultException: 429: Too many requests.
            SecurityResultException: Any other error status: Error response.
        """
        return self._core.request(
            _ASSIGN_LICENSE_TO_DEVICES,
            headers={
                "X-Request-ID": x_request_id,
            },
            json_body=body.to_dict(),
            options=options,
        )

    def unassign_license_to_devices(
        self,
        x_request_id: str,
        *,
        options: RequestOptions | None = None,
    ) -> ApiResponse[SecuritySuccessResult]:
        """Unassign License to Devices

        Unassigns SIM-Secure for IoT Flexible and Flexible Bundle license from SIMs.

        Only Flex (`SIMSec-IoT`) and Flex Bundle (`TS-BUNDLE-KTO-SIMSEC-MRC`) licenses
        can be removed; a Lifetime license (`SIMSec-IoT-Lt`) stays on the SIM for good.
        As with assign, the response only returns a `requestId` and the per-device
        results arrive through the registered CarrierService callbacks.

        The official ThingSpace page for this call shows a JSON request body (account
        name, a single SKU number and the devices to unassign), but the reference SDK
        sends no body and no Content-Type on this DELETE. This description follows the
        SDK and models no request body.

        `DELETE /v1/devices/license/actions/assign`

        Args:
            x_request_id: Transaction Id. A client-chosen identifier for the
                transaction, required on this call by the SDK (the official pages do not
                list the header). The pattern below is the one the SDK documents; the
                SDK's own placeholder value `X-Request-ID2` does not match it, so a
                conforming value such as `1-1234` is used as the example.
            options: Per-call settings: extra headers, timeout, retries.

        Returns:
            The response; `data` is a `SecuritySuccessResult`.

        Raises:
            SecurityResultException: 400: Bad request.
            SecurityResultException: 401: Unauthorized request.
            SecurityResultException: 403: Request forbidden.
            SecurityResultException: 404: Not Found / Does not exist.
            SecurityResultException: 406: Format / Request Unacceptable.
            SecurityResultException: 429: Too many requests.
            SecurityResultException: Any other error status: Error response.
        """
        return self._core.request(
            _UNASSIGN_LICENSE_TO_DEVICES,
            headers={
                "X-Request-ID": x_request_id,
            },
            options=options,
        )
