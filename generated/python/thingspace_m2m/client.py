# Generated from thingspace-m2m.yaml. Do not edit: change the spec or the templates.
"""The ThingSpace M2M client and its environments."""

from __future__ import annotations

import enum
from functools import cached_property
from types import TracebackType

from ._auth import ApiKeyScheme, BearerScheme, SecurityScheme
from ._core import ClientCore
from ._transport import Timeout
from .controllers.account_subscriptions import AccountSubscriptionsController
from .controllers.session_management import SessionManagementController
from .controllers.sim_secure_for_iot_licenses import SIMSecureForIoTLicensesController

__all__ = ["Environment", "ThingSpaceM2MClient"]

_USER_AGENT = "thingspace_m2m/1.0.0 (Python)"
_SCHEMES: dict[str, SecurityScheme] = {
    "thingspace_oauth": BearerScheme("thingspace_oauth", "access_token"),
    "VZ-M2M-Token": ApiKeyScheme("VZ-M2M-Token", "header", "VZ-M2M-Token", "vz_m2m_token"),
}


class Environment(enum.Enum):
    """The servers the API runs on; each member's value is its base URL."""

    PRODUCTION = "https://thingspace.verizon.com/api/m2m"
    """Production"""
    STAGING = "https://staging.thingspace.verizon.com/api/m2m"
    """Staging"""


class ThingSpaceM2MClient:
    """Client of ThingSpace M2M.

    Example:
        client = ThingSpaceM2MClient(access_token="…", vz_m2m_token="…")

    Args:
        access_token: Bearer token for `thingspace_oauth`, sent as `Authorization:
            Bearer …`. OAuth 2 client-credentials grant. The client sends its ThingSpace
            app key and secret (from Account settings, Key Management) as HTTP Basic
            credentials with `grant_type=client_credentials` to the token URL and then
            passes the access token as `Authorization: Bearer <token>`. A token is valid
            for one hour from first issue. The endpoints in this description need no
            particular scope.
        vz_m2m_token: Value of the `VZ-M2M-Token` header (`VZ-M2M-Token`). M2M session
            token, obtained from POST /v1/session/login and sent as the plain header
            value with no prefix. The official pages spell the header `VZ-M2M-TOKEN`;
            header names are case-insensitive. The token expires after 20 minutes of
            inactivity.
        environment: Which server to call; `Environment.PRODUCTION` by default.
        base_url: A URL that replaces the environment's (a proxy, a mock server).
        timeout: Seconds, or a `Timeout` with separate connect and read limits; by
            default 10 s to connect and 60 s to read.
        user_agent: The `User-Agent` header; identifies this package by default.

    One client is safe to share between threads. Close it (or use `with`) to
    release its connections.
    """

    def __init__(
        self,
        *,
        access_token: str | None = None,
        vz_m2m_token: str | None = None,
        environment: Environment = Environment.PRODUCTION,
        base_url: str | None = None,
        timeout: Timeout | float | None = None,
        user_agent: str = _USER_AGENT,
    ) -> None:
        if isinstance(timeout, (int, float)):
            timeout = Timeout(connect=timeout, read=timeout)
        self._core = ClientCore(
            base_url=base_url if base_url is not None else environment.value,
            schemes=_SCHEMES,
            credentials={
                "thingspace_oauth": access_token,
                "VZ-M2M-Token": vz_m2m_token,
            },
            timeout=timeout if timeout is not None else Timeout(),
            user_agent=user_agent,
        )

    @cached_property
    def sim_secure_for_iot_licenses(self) -> SIMSecureForIoTLicensesController:
        """Assign SIM-Secure for IoT licenses to SIMs and remove Flex and Flex Bundle
        licenses again."""
        return SIMSecureForIoTLicensesController(self._core)

    @cached_property
    def account_subscriptions(self) -> AccountSubscriptionsController:
        """License counts per SIM-Secure for IoT license type: purchased, assigned and
        still available."""
        return AccountSubscriptionsController(self._core)

    @cached_property
    def session_management(self) -> SessionManagementController:
        """Start and end a Connectivity Management session. Login returns the M2M
        session token sent in the `VZ-M2M-Token` header on the other calls."""
        return SessionManagementController(self._core)

    def close(self) -> None:
        """Close the client's connections. Idempotent."""
        self._core.close()

    def __enter__(self) -> ThingSpaceM2MClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
