# Generated from thingspace-m2m.yaml. Do not edit: change the spec or the templates.
"""The ThingSpace M2M client and its environments."""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from functools import cached_property
from types import TracebackType
from typing import TYPE_CHECKING

from ._auth import ApiKeyScheme, BearerScheme, SecurityScheme
from ._core import ClientCore
from ._errors import ApiDecodeError
from ._retry import RetryPolicy
from ._transport import Timeout, Transport

if TYPE_CHECKING:
    from .controllers.account_subscriptions import AccountSubscriptionsController
    from .controllers.session_management import SessionManagementController
    from .controllers.sim_secure_for_iot_licenses import SIMSecureForIoTLicensesController

__all__ = ["Environment", "ThingSpaceM2MClient"]

_USER_AGENT = "thingspace_m2m/1.0.0 (Python)"
# Body fields the spec marks secret (format: password, writeOnly): logs never show them.
_SECRET_FIELDS = frozenset(["password"])
_SCHEMES: dict[str, SecurityScheme] = {
    "thingspace_oauth": BearerScheme("thingspace_oauth", "access_token"),
    "VZ-M2M-Token": ApiKeyScheme("VZ-M2M-Token", "header", "VZ-M2M-Token", "vz_m2m_token"),
}
_TOKEN_URL = "https://thingspace.verizon.com/api/ts/v1/oauth2/token"


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
        oauth_client_id: OAuth 2 client id; with `oauth_client_secret`, the client fetches
            bearer tokens itself (client-credentials grant), caches them until shortly
            before they expire, and fetches a new one when a call is answered 401.
        oauth_client_secret: OAuth 2 client secret, sent only to the token URL.
        oauth_scopes: Scopes to ask for; none by default.
        oauth_token_url: Token URL; by default the spec's, `https://thingspace.verizon.com/api/ts/v1/oauth2/token`.
        token_provider: A function returning a bearer token, called before each request
            (instead of client credentials or `access_token`).
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
        username: With the other login fields, lets the client obtain `vz_m2m_token`
            itself (logging in again when a call is answered 401). UWS user name.
        password: With the other login fields, lets the client obtain `vz_m2m_token`
            itself (logging in again when a call is answered 401). UWS password of that
            user.
        environment: Which server to call; `Environment.PRODUCTION` by default.
        base_url: A URL that replaces the environment's (a proxy, a mock server); every
            operation goes there, even one the spec serves from another host.
        timeout: Seconds, or a `Timeout` with separate connect and read limits; by
            default 10 s to connect and 60 s to read.
        max_retries: Retries after a failed attempt (connection errors and 408, 429,
            500, 502, 503, 504), 2 by default, with exponential backoff and jitter,
            honouring Retry-After; only idempotent methods (GET, HEAD, PUT, DELETE, OPTIONS,
            TRACE) unless a call allows more. 0 turns retries off.
        retry: A full `RetryPolicy`, for what `max_retries` does not cover.
        user_agent: The `User-Agent` header; identifies this package by default.

    One client is safe to share between threads. Close it (or use `with`) to
    release its connections.
    """

    def __init__(
        self,
        *,
        oauth_client_id: str | None = None,
        oauth_client_secret: str | None = None,
        oauth_scopes: Sequence[str] = (),
        oauth_token_url: str | None = None,
        token_provider: Callable[[], str] | None = None,
        access_token: str | None = None,
        vz_m2m_token: str | None = None,
        username: str | None = None,
        password: str | None = None,
        environment: Environment = Environment.PRODUCTION,
        base_url: str | None = None,
        timeout: Timeout | float | None = None,
        max_retries: int | None = None,
        retry: RetryPolicy | None = None,
        user_agent: str = _USER_AGENT,
    ) -> None:
        if isinstance(timeout, (int, float)):
            timeout = Timeout(connect=timeout, read=timeout)
        timeout = timeout if timeout is not None else Timeout()
        retry = retry if retry is not None else RetryPolicy()
        if max_retries is not None:
            retry = retry.replace(max_retries=max_retries)
        if sum(x is not None for x in (access_token, token_provider, oauth_client_id)) > 1:
            raise ValueError("give one of access_token, token_provider or oauth_client_id")
        if (oauth_client_id is None) != (oauth_client_secret is None):
            raise ValueError("oauth_client_id and oauth_client_secret go together")
        if len({value is None for value in (username, password)}) > 1:
            raise ValueError("username and password go together")
        if vz_m2m_token is not None and username is not None:
            raise ValueError("give vz_m2m_token or username and password, not both")
        # One connection pool for the API and its token endpoint; the client owns it.
        self._transport = Transport()
        credentials: dict[str, object] = {
            "thingspace_oauth": access_token,
            "VZ-M2M-Token": vz_m2m_token,
        }
        # The token sources are imported only when used: most programs pass a token.
        if token_provider is not None:
            from ._oauth import CallableTokenSource

            credentials["thingspace_oauth"] = CallableTokenSource(token_provider)
        elif oauth_client_id is not None and oauth_client_secret is not None:
            from ._oauth import ClientCredentialsTokenSource

            credentials["thingspace_oauth"] = ClientCredentialsTokenSource(
                token_url=oauth_token_url or _TOKEN_URL,
                client_id=oauth_client_id,
                client_secret=oauth_client_secret,
                scopes=tuple(oauth_scopes),
                transport=self._transport,
                timeout=timeout,
                user_agent=user_agent,
            )
        if username is not None and password is not None:
            from ._session import SessionTokenSource

            vz_m2m_token_login = (username, password)
            credentials["VZ-M2M-Token"] = SessionTokenSource(
                # A closure, not functools.partial: a partial's repr would show the password.
                # One name per scheme: the closure reads it when it runs, not when made.
                lambda: self._log_in_vz_m2m_token(*vz_m2m_token_login)
            )
        self._core = ClientCore(
            base_url=base_url if base_url is not None else environment.value,
            schemes=_SCHEMES,
            credentials=credentials,
            timeout=timeout,
            user_agent=user_agent,
            transport=self._transport,
            retry=retry,
            pin_base_url=base_url is not None,
            secret_fields=_SECRET_FIELDS,
        )

    @cached_property
    def sim_secure_for_iot_licenses(self) -> SIMSecureForIoTLicensesController:
        """Assign SIM-Secure for IoT licenses to SIMs and remove Flex and Flex Bundle
        licenses again."""
        from .controllers.sim_secure_for_iot_licenses import SIMSecureForIoTLicensesController

        return SIMSecureForIoTLicensesController(self._core)

    @cached_property
    def account_subscriptions(self) -> AccountSubscriptionsController:
        """License counts per SIM-Secure for IoT license type: purchased, assigned and
        still available."""
        from .controllers.account_subscriptions import AccountSubscriptionsController

        return AccountSubscriptionsController(self._core)

    @cached_property
    def session_management(self) -> SessionManagementController:
        """Start and end a Connectivity Management session. Login returns the M2M
        session token sent in the `VZ-M2M-Token` header on the other calls."""
        from .controllers.session_management import SessionManagementController

        return SessionManagementController(self._core)

    def _log_in_vz_m2m_token(self, username: str, password: str) -> str:
        """Log in and return the new `VZ-M2M-Token` value."""
        from .models import LogInRequest

        response = self.session_management.start_connectivity_management_session(
            LogInRequest(username=username, password=password)
        )
        token = response.data.session_token
        if not isinstance(token, str) or not token or any(c in token for c in "\r\n\0"):
            raise ApiDecodeError(
                "the login response has no usable sessionToken",
                status_code=response.status_code,
                headers=response.headers,
                body=response.raw_body,
            )
        return token

    def close(self) -> None:
        """Close the client's connections. Idempotent."""
        self._core.close()
        self._transport.close()

    def __enter__(self) -> ThingSpaceM2MClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
