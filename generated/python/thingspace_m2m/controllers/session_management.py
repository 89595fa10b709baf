# Generated from thingspace-m2m.yaml. Do not edit: change the spec or the templates.
"""Start and end a Connectivity Management session. Login returns the M2M session token
sent in the `VZ-M2M-Token` header on the other calls."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .._core import ClientCore
from .._operation import ErrorSpec, OperationSpec
from .._options import RequestOptions
from .._response import ApiResponse
from .._unset import UNSET
from ..exceptions import ConnectivityManagementResultException

# Only for annotations: responses import their models when they are decoded.
if TYPE_CHECKING:
    from ..models.log_in_request import LogInRequest
    from ..models.log_in_result import LogInResult
    from ..models.log_out_result import LogOutResult


def _decode_log_in_result(data: Any) -> LogInResult:
    from ..models.log_in_result import LogInResult

    return LogInResult.from_dict(data)


def _decode_log_out_result(data: Any) -> LogOutResult:
    from ..models.log_out_result import LogOutResult

    return LogOutResult.from_dict(data)


_START_CONNECTIVITY_MANAGEMENT_SESSION: OperationSpec[LogInResult] = OperationSpec(
    operation_id="startConnectivityManagementSession",
    method="POST",
    path="/v1/session/login",
    security=(("thingspace_oauth",),),
    responses={
        "200": _decode_log_in_result,
    },
    errors={
        "400": ErrorSpec(ConnectivityManagementResultException, "Error response."),
    },
    request_content_type="application/json",
    accept="application/json",
)

_END_CONNECTIVITY_MANAGEMENT_SESSION: OperationSpec[LogOutResult] = OperationSpec(
    operation_id="endConnectivityManagementSession",
    method="POST",
    path="/v1/session/logout",
    security=(
        (
            "thingspace_oauth",
            "VZ-M2M-Token",
        ),
    ),
    responses={
        "200": _decode_log_out_result,
    },
    errors={
        "400": ErrorSpec(ConnectivityManagementResultException, "Error response."),
    },
    request_content_type=None,
    accept="application/json",
)


class SessionManagementController:
    """Start and end a Connectivity Management session. Login returns the M2M session
    token sent in the `VZ-M2M-Token` header on the other calls.

    Reach it as `client.session_management`.
    """

    def __init__(self, core: ClientCore) -> None:
        self._core = core

    def start_connectivity_management_session(
        self,
        body: LogInRequest | None = None,
        *,
        options: RequestOptions | None = None,
    ) -> ApiResponse[LogInResult]:
        """Start Connectivity Management Session

        Logs in with UWS credentials and returns the M2M session token that the other
        calls send in the `VZ-M2M-Token` header. Only the OAuth bearer token is needed
        for this call.

        The session token remains valid while it is being used and expires after 20
        minutes without activity. Reuse it, and log in again only when the platform
        reports that it has expired. Five failed logins in a row lock the account.

        The SDK reaches this call through its THINGSPACE server as
        `/m2m/v1/session/login`, which is the same URL as this path on the M2M server.
        The SDK marks the body as optional, so it is optional here too, although a login
        without credentials cannot succeed.

        `POST /v1/session/login`

        Args:
            body: Request to initiate a session.
            options: Per-call settings: extra headers, timeout, retries.

        Returns:
            The response; `data` is a `LogInResult`.

        Raises:
            ConnectivityManagementResultException: 400: Error response.
        """
        return self._core.request(
            _START_CONNECTIVITY_MANAGEMENT_SESSION,
            json_body=UNSET if body is None else body.to_dict(),
            options=options,
        )

    def end_connectivity_management_session(
        self,
        *,
        options: RequestOptions | None = None,
    ) -> ApiResponse[LogOutResult]:
        """End Connectivity Management Session

        Ends the Connectivity Management session identified by the `VZ-M2M-Token`
        header. The request has no body; the response echoes the token of the session
        that was closed.

        As with login, the SDK reaches this call through its THINGSPACE server as
        `/m2m/v1/session/logout`, the same URL as this path on the M2M server.

        `POST /v1/session/logout`

        Args:
            options: Per-call settings: extra headers, timeout, retries.

        Returns:
            The response; `data` is a `LogOutResult`.

        Raises:
            ConnectivityManagementResultException: 400: Error response.
        """
        return self._core.request(
            _END_CONNECTIVITY_MANAGEMENT_SESSION,
            options=options,
        )
