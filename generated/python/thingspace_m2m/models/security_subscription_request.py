# Generated from thingspace-m2m.yaml. Do not edit: change the spec or the templates.
"""Body of the account subscription query."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .. import _record
from .._unset import UNSET, Unset

_KEYS = frozenset(["accountName", "skuNumber"])


class SecuritySubscriptionRequest(_record.Record):
    """Body of the account subscription query.

    Attributes:
        account_name: Billing account name, with any leading zeros. The reference SDK
            documents the pattern `^[A-Za-z0-9]{3,32}$`; it is left out because it
            rejects real account names written with a dash, such as `0000123456-00001`.
        sku_number: SKU of the license type to report on, for example `SIMSec-IoT-Lt`,
            `SIMSec-IoT` or `TS-BUNDLE-KTO-SIMSEC-MRC`. The official page calls it
            required with at most 20 characters; the SDK marks it optional with a limit
            of 32, which is kept here.
    """

    __slots__ = ("account_name", "sku_number", "additional_properties")

    account_name: str | Unset
    sku_number: str | Unset
    additional_properties: dict[str, Any]
    """Fields the spec does not name, kept as received and sent back as given."""

    def __init__(
        self,
        *,
        account_name: str | Unset = UNSET,
        sku_number: str | Unset = UNSET,
        additional_properties: dict[str, Any] | None = None,
    ) -> None:
        self.account_name = account_name
        self.sku_number = sku_number
        self.additional_properties = {} if additional_properties is None else additional_properties

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data: fields never set are left out, None is sent as null."""
        data: dict[str, Any] = dict(self.additional_properties)
        if not isinstance(self.account_name, Unset):
            data["accountName"] = self.account_name
        if not isinstance(self.sku_number, Unset):
            data["skuNumber"] = self.sku_number
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SecuritySubscriptionRequest:
        """Build from decoded JSON; unknown keys go to `additional_properties`."""
        return cls(
            account_name=data["accountName"] if "accountName" in data else UNSET,
            sku_number=data["skuNumber"] if "skuNumber" in data else UNSET,
            additional_properties={}
            if data.keys() <= _KEYS
            else {k: v for k, v in data.items() if k not in _KEYS},
        )
