# Generated from thingspace-m2m.yaml. Do not edit: change the spec or the templates.
"""Error body of the SIM-Secure license and account subscription calls (the SDK raises
it as SecurityResultException)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .. import _record
from .._unset import UNSET, Unset

_KEYS = frozenset(["errorCode", "errorMessage", "errorUrl"])


class SecurityResult(_record.Record):
    """Error body of the SIM-Secure license and account subscription calls (the SDK
    raises it as SecurityResultException).

    Attributes:
        error_code: Error code, typically the HTTP status as a string. The reference SDK
            documents a length of exactly 3 and the pattern `^[0-9]{3,3}$`; the maximum
            length and the pattern are left out because they reject the SDK's own
            example `errorCode8`.
        error_message: Human-readable error message. The reference SDK documents the
            pattern `^[A-Za-z0-9]{3,32}$`; it is left out because it rejects any message
            containing a space or punctuation, which real error messages do.
        error_url: Link to documentation about the error. The reference SDK documents
            the pattern `^https://[A-Za-z0-9].[A-Za-z]{3,64}$`; it is left out because
            it rejects real URLs (anything with a path or a dotted host name) and the
            SDK's own example.
    """

    __slots__ = ("error_code", "error_message", "error_url", "additional_properties")

    error_code: str | Unset
    error_message: str | Unset
    error_url: str | Unset
    additional_properties: dict[str, Any]
    """Fields the spec does not name, kept as received and sent back as given."""

    def __init__(
        self,
        *,
        error_code: str | Unset = UNSET,
        error_message: str | Unset = UNSET,
        error_url: str | Unset = UNSET,
        additional_properties: dict[str, Any] | None = None,
    ) -> None:
        self.error_code = error_code
        self.error_message = error_message
        self.error_url = error_url
        self.additional_properties = {} if additional_properties is None else additional_properties

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data: fields never set are left out, None is sent as null."""
        data: dict[str, Any] = dict(self.additional_properties)
        if not isinstance(self.error_code, Unset):
            data["errorCode"] = self.error_code
        if not isinstance(self.error_message, Unset):
            data["errorMessage"] = self.error_message
        if not isinstance(self.error_url, Unset):
            data["errorUrl"] = self.error_url
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SecurityResult:
        """Build from decoded JSON; unknown keys go to `additional_properties`."""
        return cls(
            error_code=data["errorCode"] if "errorCode" in data else UNSET,
            error_message=data["errorMessage"] if "errorMessage" in data else UNSET,
            error_url=data["errorUrl"] if "errorUrl" in data else UNSET,
            additional_properties={}
            if data.keys() <= _KEYS
            else {k: v for k, v in data.items() if k not in _KEYS},
        )
