# Generated from thingspace-m2m.yaml. Do not edit: change the spec or the templates.
"""A key/value pair carrying an extra detail."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .. import _record
from .._unset import UNSET, Unset

_KEYS = frozenset(["key", "value"])


class ExtendedAttribute(_record.Record):
    """A key/value pair carrying an extra detail.

    Attributes:
        key: Name of the attribute.
        value: Value of the attribute.
    """

    __slots__ = ("key", "value", "additional_properties")

    key: str | Unset
    value: str | Unset
    additional_properties: dict[str, Any]
    """Fields the spec does not name, kept as received and sent back as given."""

    def __init__(
        self,
        *,
        key: str | Unset = UNSET,
        value: str | Unset = UNSET,
        additional_properties: dict[str, Any] | None = None,
    ) -> None:
        self.key = key
        self.value = value
        self.additional_properties = {} if additional_properties is None else additional_properties

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data: fields never set are left out, None is sent as null."""
        data: dict[str, Any] = dict(self.additional_properties)
        if not isinstance(self.key, Unset):
            data["key"] = self.key
        if not isinstance(self.value, Unset):
            data["value"] = self.value
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ExtendedAttribute:
        """Build from decoded JSON; unknown keys go to `additional_properties`."""
        return cls(
            key=data["key"] if "key" in data else UNSET,
            value=data["value"] if "value" in data else UNSET,
            additional_properties={}
            if data.keys() <= _KEYS
            else {k: v for k, v in data.items() if k not in _KEYS},
        )
