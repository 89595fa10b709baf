# Generated from thingspace-m2m.yaml. Do not edit: change the spec or the templates.
"""License counts for one license type (SKU) of the account."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .. import _record
from .._unset import UNSET, Unset

# Only for annotations: from_dict imports what it decodes when it first runs, so loading
# this model does not load every model it mentions.
if TYPE_CHECKING:
    from .extended_attribute import ExtendedAttribute


# Cached: an import statement per from_dict call would cost ~1.5 us each time.
@functools.cache
def _load_extended_attribute() -> type[ExtendedAttribute]:
    from .extended_attribute import ExtendedAttribute

    return ExtendedAttribute


_KEYS = frozenset(
    [
        "skuNumber",
        "licenseType",
        "licensePurchased",
        "licenseAssigned",
        "licenseAvailable",
        "extendedAttributes",
    ]
)


class SecuritySubscription(_record.Record):
    """License counts for one license type (SKU) of the account.

    Attributes:
        sku_number: SKU of the license type.
        license_type: Readable name of the license type, for example `Flexible Bundle`.
        license_purchased: Number of licenses of this type that the account has bought.
        license_assigned: Number of these licenses currently assigned to SIMs.
        license_available: Number of these licenses still free to assign.
        extended_attributes: Additional key/value details about this license type.
    """

    __slots__ = (
        "sku_number",
        "license_type",
        "license_purchased",
        "license_assigned",
        "license_available",
        "extended_attributes",
        "additional_properties",
    )

    sku_number: str | Unset
    license_type: str | Unset
    license_purchased: int | Unset
    license_assigned: int | Unset
    license_available: int | Unset
    extended_attributes: list[ExtendedAttribute] | Unset
    additional_properties: dict[str, Any]
    """Fields the spec does not name, kept as received and sent back as given."""

    def __init__(
        self,
        *,
        sku_number: str | Unset = UNSET,
        license_type: str | Unset = UNSET,
        license_purchased: int | Unset = UNSET,
        license_assigned: int | Unset = UNSET,
        license_available: int | Unset = UNSET,
        extended_attributes: list[ExtendedAttribute] | Unset = UNSET,
        additional_properties: dict[str, Any] | None = None,
    ) -> None:
        self.sku_number = sku_number
        self.license_type = license_type
        self.license_purchased = license_purchased
        self.license_assigned = license_assigned
        self.license_available = license_available
        self.extended_attributes = extended_attributes
        self.additional_properties = {} if additional_properties is None else additional_properties

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data: fields never set are left out, None is sent as null."""
        data: dict[str, Any] = dict(self.additional_properties)
        if not isinstance(self.sku_number, Unset):
            data["skuNumber"] = self.sku_number
        if not isinstance(self.license_type, Unset):
            data["licenseType"] = self.license_type
        if not isinstance(self.license_purchased, Unset):
            data["licensePurchased"] = self.license_purchased
        if not isinstance(self.license_assigned, Unset):
            data["licenseAssigned"] = self.license_assigned
        if not isinstance(self.license_available, Unset):
            data["licenseAvailable"] = self.license_available
        if not isinstance(self.extended_attributes, Unset):
            data["extendedAttributes"] = [v0.to_dict() for v0 in self.extended_attributes]
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SecuritySubscription:
        """Build from decoded JSON; unknown keys go to `additional_properties`."""
        ExtendedAttribute = _load_extended_attribute()
        return cls(
            sku_number=data["skuNumber"] if "skuNumber" in data else UNSET,
            license_type=data["licenseType"] if "licenseType" in data else UNSET,
            license_purchased=data["licensePurchased"] if "licensePurchased" in data else UNSET,
            license_assigned=data["licenseAssigned"] if "licenseAssigned" in data else UNSET,
            license_available=data["licenseAvailable"] if "licenseAvailable" in data else UNSET,
            extended_attributes=[
                ExtendedAttribute.from_dict(v0) for v0 in data["extendedAttributes"]
            ]
            if "extendedAttributes" in data
            else UNSET,
            additional_properties={}
            if data.keys() <= _KEYS
            else {k: v for k, v in data.items() if k not in _KEYS},
        )
