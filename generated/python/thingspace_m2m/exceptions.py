# Generated from thingspace-m2m.yaml. Do not edit: change the spec or the templates.
"""Exceptions raised by the ThingSpace M2M client.

Every error status the spec documents raises the exception mapped to it, with
the status code, the spec's description as `reason`, the headers, the raw body
and the fields parsed from it. Transport failures raise `ApiConnectionError`
or `ApiTimeoutError`, never a urllib3 exception; a token endpoint's refusal
raises `OAuthProviderException`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from ._errors import (
    ApiConnectionError,
    ApiDecodeError,
    ApiError,
    ApiException,
    ApiTimeoutError,
    MissingCredentialError,
    TooManyRedirects,
)
from ._oauth import OAuthProviderException
from ._unset import Unset

if TYPE_CHECKING:
    from .models.connectivity_management_result import ConnectivityManagementResult
    from .models.security_result import SecurityResult

__all__ = [
    "ApiConnectionError",
    "ApiDecodeError",
    "ApiError",
    "ApiException",
    "ApiTimeoutError",
    "MissingCredentialError",
    "OAuthProviderException",
    "TooManyRedirects",
    "SecurityResultException",
    "ConnectivityManagementResultException",
]


class SecurityResultException(ApiException):
    """Error body of the SIM-Secure license and account subscription calls (the SDK
    raises it as SecurityResultException).

    The body is parsed into `model` (a `SecurityResult`, or None when the body
    is not a JSON object); its fields are also readable on the exception.
    """

    def __init__(
        self, *, status_code: int, reason: str, headers: Mapping[str, str], body: bytes
    ) -> None:
        super().__init__(status_code=status_code, reason=reason, headers=headers, body=body)
        from .models.security_result import SecurityResult

        self.model: SecurityResult | None = None
        payload = self.json()
        if isinstance(payload, dict):
            try:
                self.model = SecurityResult.from_dict(payload)
            except (KeyError, TypeError, ValueError, AttributeError):
                pass  # a body that does not fit the schema is still kept in `body`

    @property
    def error_code(self) -> str | None:
        """Error code, typically the HTTP status as a string. The reference SDK
        documents a length of exactly 3 and the pattern `^[0-9]{3,3}$`; the maximum
        length and the pattern are left out because they reject the SDK's own example
        `errorCode8`."""
        value = self.model.error_code if self.model is not None else None
        return None if isinstance(value, Unset) else value

    @property
    def error_message(self) -> str | None:
        """Human-readable error message. The reference SDK documents the pattern
        `^[A-Za-z0-9]{3,32}$`; it is left out because it rejects any message containing
        a space or punctuation, which real error messages do."""
        value = self.model.error_message if self.model is not None else None
        return None if isinstance(value, Unset) else value

    @property
    def error_url(self) -> str | None:
        """Link to documentation about the error. The reference SDK documents the
        pattern `^https://[A-Za-z0-9].[A-Za-z]{3,64}$`; it is left out because it
        rejects real URLs (anything with a path or a dotted host name) and the SDK's own
        example."""
        value = self.model.error_url if self.model is not None else None
        return None if isinstance(value, Unset) else value


class ConnectivityManagementResultException(ApiException):
    """Error body of the session calls (the SDK raises it as
    ConnectivityManagementResultException).

    The body is parsed into `model` (a `ConnectivityManagementResult`, or None when the body
    is not a JSON object); its fields are also readable on the exception.
    """

    def __init__(
        self, *, status_code: int, reason: str, headers: Mapping[str, str], body: bytes
    ) -> None:
        super().__init__(status_code=status_code, reason=reason, headers=headers, body=body)
        from .models.connectivity_management_result import ConnectivityManagementResult

        self.model: ConnectivityManagementResult | None = None
        payload = self.json()
        if isinstance(payload, dict):
            try:
                self.model = ConnectivityManagementResult.from_dict(payload)
            except (KeyError, TypeError, ValueError, AttributeError):
                pass  # a body that does not fit the schema is still kept in `body`

    @property
    def error_code(self) -> str | None:
        """Error code."""
        value = self.model.error_code if self.model is not None else None
        return None if isinstance(value, Unset) else value

    @property
    def error_message(self) -> str | None:
        """Human-readable error message."""
        value = self.model.error_message if self.model is not None else None
        return None if isinstance(value, Unset) else value
