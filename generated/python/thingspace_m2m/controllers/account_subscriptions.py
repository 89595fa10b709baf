# Generated from thingspace-m2m.yaml. Do not edit: change the spec or the templates.
"""License counts per SIM-Secure for IoT license type: purchased, assigned and still
available."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .._core import ClientCore
from .._operation import ErrorSpec, OperationSpec
from .._options import RequestOptions
from .._response import ApiResponse
from ..exceptions import SecurityResultException

# Only for annotations: responses import their models when they are decoded.
if TYPE_CHECKING:
    from ..models.security_subscription_request import SecuritySubscriptionRequest
    from ..models.security_subscription_result import SecuritySubscriptionResult


def _decode_security_subscription_result(data: Any) -> SecuritySubscriptionResult:
    from ..models.security_subscription_result import SecuritySubscriptionResult

    return SecuritySubscriptionResult.from_dict(data)


_LIST_ACCOUNT_SUBSCRIPTIONS: OperationSpec[SecuritySubscriptionResult] = OperationSpec(
    operation_id="listAccountSubscriptions",
    method="POST",
    path="/v1/accounts/subscriptions/actions/list",
    security=(
        (
            "thingspace_oauth",
            "VZ-M2M-Token",
        ),
    ),
    responses={
        "200": _decode_security_subscription_result,
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
    request_content_type="application/json",
    accept="application/json",
)


class AccountSubscriptionsController:
    """License counts per SIM-Secure for IoT license type: purchased, assigned and still
    available.

    Reach it as `client.account_subscriptions`.
    """

    def __init__(self, core: ClientCore) -> None:
        self._core = core

    def list_account_subscriptions(
        self,
        body: SecuritySubscriptionRequest,
        x_request_id: str | None = None,
        *,
        options: RequestOptions | None = None,
    ) -> ApiResponse[SecuritySubscriptionResult]:
        """List Account Subscriptions

        Returns, per SIM-Secure for IoT license type, how many licenses the account has
        bought and how many of them are assigned or still free.

        The Security quick reference on the official site lists this call as `POST
        /account/subscriptions/actions/list`; the SDK path used here is
        `/v1/accounts/subscriptions/actions/list`.

        `POST /v1/accounts/subscriptions/actions/list`

        Args:
            body: Request for account subscription.
            x_request_id: Transaction Id. An optional client-chosen identifier for the
                transaction. The pattern below is the one the SDK documents; the SDK's
                own placeholder value `X-Request-ID2` does not match it, so a conforming
                value such as `1-1234` is used as the example.
            options: Per-call settings: extra headers, timeout, retries.

        Returns:
            The response; `data` is a `SecuritySubscriptionResult`.

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
            _LIST_ACCOUNT_SUBSCRIPTIONS,
            headers={
                "X-Request-ID": x_request_id,
            },
            json_body=body.to_dict(),
            options=options,
        )
