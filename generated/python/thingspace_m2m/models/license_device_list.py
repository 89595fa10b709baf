# Generated from thingspace-m2m.yaml. Do not edit: change the spec or the templates.
"""One device entry in a license request, given by its identifiers."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .. import _record
from .._unset import UNSET, Unset

# Only for annotations: from_dict imports what it decodes when it first runs, so loading
# this model does not load every model it mentions.
if TYPE_CHECKING:
    from .license_device_id import LicenseDeviceId


# Cached: an import statement per from_dict call would cost ~1.5 us each time.
@functools.cache
def _load_license_device_id() -> type[LicenseDeviceId]:
    from .license_device_id import LicenseDeviceId

    return LicenseDeviceId


_KEYS = frozenset(["deviceIds", "ipAddress"])


class LicenseDeviceList(_record.Record):
    """One device entry in a license request, given by its identifiers.

    Attributes:
        device_ids: Identifiers of the device (for 4G devices an IMEI or ICCID).
        ip_address: IP address of the device; the reference gives no further meaning for
            this field. The reference SDK documents the pattern
            `^[0-9].[0-9].[0-9].[0-9]{3,32}$`; it is left out because it rejects real
            IPv4 addresses such as `10.120.3.45` and the SDK's own example `ipAddress4`.
    """

    __slots__ = ("device_ids", "ip_address", "additional_properties")

    device_ids: list[LicenseDeviceId] | Unset
    ip_address: str | Unset
    additional_properties: dict[str, Any]
    """Fields the spec does not name, kept as received and sent back as given."""

    def __init__(
        self,
        *,
        device_ids: list[LicenseDeviceId] | Unset = UNSET,
        ip_address: str | Unset = UNSET,
        additional_properties: dict[str, Any] | None = None,
    ) -> None:
        self.device_ids = device_ids
        self.ip_address = ip_address
        self.additional_properties = {} if additional_properties is None else additional_properties

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data: fields never set are left out, None is sent as null."""
        data: dict[str, Any] = dict(self.additional_properties)
        if not isinstance(self.device_ids, Unset):
            data["deviceIds"] = [v0.to_dict() for v0 in self.device_ids]
        if not isinstance(self.ip_address, Unset):
            data["ipAddress"] = self.ip_address
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> LicenseDeviceList:
        """Build from decoded JSON; unknown keys go to `additional_properties`."""
        LicenseDeviceId = _load_license_device_id()
        return cls(
            device_ids=[LicenseDeviceId.from_dict(v0) for v0 in data["deviceIds"]]
            if "deviceIds" in data
            else UNSET,
            ip_address=data["ipAddress"] if "ipAddress" in data else UNSET,
            additional_properties={}
            if data.keys() <= _KEYS
            else {k: v for k, v in data.items() if k not in _KEYS},
        )
