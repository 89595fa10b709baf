# Generated from thingspace-m2m.yaml. Do not edit: change the spec or the templates.
"""A single device identifier and its kind."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .. import _record
from .._unset import UNSET, Unset

_KEYS = frozenset(["id", "kind"])


class LicenseDeviceId(_record.Record):
    """A single device identifier and its kind.

    Attributes:
        id: The identifier value in decimal digits: an IMEI (up to 15 digits) or an
            ICCID (up to 20 digits) for 4G devices. The reference text is contradictory
            about which of the two goes with assign and which with unassign; its own
            assign example uses an IMEI.
        kind: The kind of identifier in `id`, in upper case, for example `IMEI` or
            `ICCID`.
    """

    __slots__ = ("id", "kind", "additional_properties")

    id: str | Unset
    kind: str | Unset
    additional_properties: dict[str, Any]
    """Fields the spec does not name, kept as received and sent back as given."""

    def __init__(
        self,
        *,
        id: str | Unset = UNSET,
        kind: str | Unset = UNSET,
        additional_properties: dict[str, Any] | None = None,
    ) -> None:
        self.id = id
        self.kind = kind
        self.additional_properties = {} if additional_properties is None else additional_properties

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data: fields never set are left out, None is sent as null."""
        data: dict[str, Any] = dict(self.additional_properties)
        if not isinstance(self.id, Unset):
            data["id"] = self.id
        if not isinstance(self.kind, Unset):
            data["kind"] = self.kind
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> LicenseDeviceId:
        """Build from decoded JSON; unknown keys go to `additional_properties`."""
        return cls(
            id=data["id"] if "id" in data else UNSET,
            kind=data["kind"] if "kind" in data else UNSET,
            additional_properties={}
            if data.keys() <= _KEYS
            else {k: v for k, v in data.items() if k not in _KEYS},
        )
