# Generated from thingspace-m2m.yaml. Do not edit: change the spec or the templates.
"""Success response of the license assign and unassign calls."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .. import _record
from .._unset import UNSET, Unset

_KEYS = frozenset(["requestId"])


class SecuritySuccessResult(_record.Record):
    """Success response of the license assign and unassign calls.

    Attributes:
        request_id: Identifier that links this request to its results. The platform
            sends one callback message per matching device, telling whether the
            operation worked for that device, and all of them carry this same requestId.
    """

    __slots__ = ("request_id", "additional_properties")

    request_id: str | Unset
    additional_properties: dict[str, Any]
    """Fields the spec does not name, kept as received and sent back as given."""

    def __init__(
        self,
        *,
        request_id: str | Unset = UNSET,
        additional_properties: dict[str, Any] | None = None,
    ) -> None:
        self.request_id = request_id
        self.additional_properties = {} if additional_properties is None else additional_properties

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data: fields never set are left out, None is sent as null."""
        data: dict[str, Any] = dict(self.additional_properties)
        if not isinstance(self.request_id, Unset):
            data["requestId"] = self.request_id
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SecuritySuccessResult:
        """Build from decoded JSON; unknown keys go to `additional_properties`."""
        return cls(
            request_id=data["requestId"] if "requestId" in data else UNSET,
            additional_properties={}
            if data.keys() <= _KEYS
            else {k: v for k, v in data.items() if k not in _KEYS},
        )
