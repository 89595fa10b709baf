# Generated from thingspace-m2m.yaml. Do not edit: change the spec or the templates.
"""UWS credentials used to start a Connectivity Management session."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

_KEYS = frozenset(["username", "password"])


@dataclass(slots=True, kw_only=True)
class LogInRequest:
    """UWS credentials used to start a Connectivity Management session.

    Attributes:
        username: UWS user name.
        password: UWS password of that user.
    """

    username: str
    password: str = field(repr=False)
    additional_properties: dict[str, Any] = field(default_factory=dict)
    """Fields the spec does not name, kept as received and sent back as given."""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data: fields never set are left out, None is sent as null."""
        data: dict[str, Any] = dict(self.additional_properties)
        data["username"] = self.username
        data["password"] = self.password
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> LogInRequest:
        """Build from decoded JSON; unknown keys go to `additional_properties`."""
        return cls(
            username=data["username"],
            password=data["password"],
            additional_properties={}
            if data.keys() <= _KEYS
            else {k: v for k, v in data.items() if k not in _KEYS},
        )
