# Generated from thingspace-m2m.yaml. Do not edit: change the spec or the templates.
"""UWS credentials used to start a Connectivity Management session."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .. import _record

_KEYS = frozenset(["username", "password"])


class LogInRequest(_record.Record):
    """UWS credentials used to start a Connectivity Management session.

    Attributes:
        username: UWS user name.
        password: UWS password of that user.
    """

    __slots__ = ("username", "password", "additional_properties")
    # A secret (a password) stays out of repr(), so it cannot reach a log line or a traceback.
    _unshown = frozenset({"password"})

    username: str
    password: str
    additional_properties: dict[str, Any]
    """Fields the spec does not name, kept as received and sent back as given."""

    def __init__(
        self,
        *,
        username: str,
        password: str,
        additional_properties: dict[str, Any] | None = None,
    ) -> None:
        self.username = username
        self.password = password
        self.additional_properties = {} if additional_properties is None else additional_properties

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
