# Generated from thingspace-m2m.yaml. Do not edit: change the spec or the templates.
"""Body of a license assignment, naming the account, the devices and the one SKU to
assign."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .. import _record
from .._unset import UNSET, Unset

# Only for annotations: from_dict imports what it decodes when it first runs, so loading
# this model does not load every model it mentions.
if TYPE_CHECKING:
    from .license_device_list import LicenseDeviceList


# Cached: an import statement per from_dict call would cost ~1.5 us each time.
@functools.cache
def _load_license_device_list() -> type[LicenseDeviceList]:
    from .license_device_list import LicenseDeviceList

    return LicenseDeviceList


_KEYS = frozenset(["accountName", "devices", "skuNumber"])


class AssignLicenseRequest(_record.Record):
    """Body of a license assignment, naming the account, the devices and the one SKU to
    assign.

    Attributes:
        account_name: Billing account name. Needed only when the UWS account of the
            current session can reach more than one billing account. Account names are
            usually numeric; keep any leading zeros.
        devices: The 4G devices that should receive the license.
        sku_number: SKU of the license type to assign; one SKU per request. Known
            values: `SIMSec-IoT-Lt` (Lifetime: SIM-Secure stays enabled for the life of
            the SIM and cannot be removed), `SIMSec-IoT` (Flex, bought a la carte,
            removable at any time) and `TS-BUNDLE-KTO-SIMSEC-MRC` (Flex license bundled
            with other ThingSpace services, removable at any time). Newer official pages
            also mention `TSS-IOT-INTLG-TIERED-SIMSEC`. The field is free text, not an
            enum.
    """

    __slots__ = ("account_name", "devices", "sku_number", "additional_properties")

    account_name: str | Unset
    devices: list[LicenseDeviceList] | Unset
    sku_number: str | Unset
    additional_properties: dict[str, Any]
    """Fields the spec does not name, kept as received and sent back as given."""

    def __init__(
        self,
        *,
        account_name: str | Unset = UNSET,
        devices: list[LicenseDeviceList] | Unset = UNSET,
        sku_number: str | Unset = UNSET,
        additional_properties: dict[str, Any] | None = None,
    ) -> None:
        self.account_name = account_name
        self.devices = devices
        self.sku_number = sku_number
        self.additional_properties = {} if additional_properties is None else additional_properties

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data: fields never set are left out, None is sent as null."""
        data: dict[str, Any] = dict(self.additional_properties)
        if not isinstance(self.account_name, Unset):
            data["accountName"] = self.account_name
        if not isinstance(self.devices, Unset):
            data["devices"] = [v0.to_dict() for v0 in self.devices]
        if not isinstance(self.sku_number, Unset):
            data["skuNumber"] = self.sku_number
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> AssignLicenseRequest:
        """Build from decoded JSON; unknown keys go to `additional_properties`."""
        LicenseDeviceList = _load_license_device_list()
        return cls(
            account_name=data["accountName"] if "accountName" in data else UNSET,
            devices=[LicenseDeviceList.from_dict(v0) for v0 in data["devices"]]
            if "devices" in data
            else UNSET,
            sku_number=data["skuNumber"] if "skuNumber" in data else UNSET,
            additional_properties={}
            if data.keys() <= _KEYS
            else {k: v for k, v in data.items() if k not in _KEYS},
        )
