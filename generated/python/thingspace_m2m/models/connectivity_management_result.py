# Generated from thingspace-m2m.yaml. Do not edit: change the spec or the templates.
"""Error body of the session calls (the SDK raises it as
ConnectivityManagementResultException)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .. import _record
from .._unset import UNSET, Unset

_KEYS = frozenset(["errorCode", "errorMessage"])


class ConnectivityManagementResult(_record.Record):
    """Error body of the session calls (the SDK raises it as
    ConnectivityManagementResultException).

    Attributes:
        error_code: Error code.
        error_message: Human-readable error message.
    """

    __slots__ = ("error_code", "error_message", "additional_properties")

    error_code: str | Unset
    error_message: str | Unset
    additional_properties: dict[str, Any]
    """Fields the spec does not name, kept as received and sent back as given."""

    def __init__(
        self,
        *,
        error_code: str | Unset = UNSET,
        error_message: str | Unset = UNSET,
        additional_properties: dict[str, Any] | None = None,
    ) -> None:
        self.error_code = error_code
        self.error_message = error_message
        self.additional_properties = {} if additional_properties is None else additional_properties

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data: fields never set are left out, None is sent as null."""
        data: dict[str, Any] = dict(self.additional_properties)
        if not isinstance(self.error_code, Unset):
            data["errorCode"] = self.error_code
        if not isinstance(self.error_message, Unset):
            data["errorMessage"] = self.error_message
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ConnectivityManagementResult:
        """Build from decoded JSON; unknown keys go to `additional_properties`."""
        return cls(
            error_code=data["errorCode"] if "errorCode" in data else UNSET,
            error_message=data["errorMessage"] if "errorMessage" in data else UNSET,
            additional_properties={}
            if data.keys() <= _KEYS
            else {k: v for k, v in data.items() if k not in _KEYS},
        )
