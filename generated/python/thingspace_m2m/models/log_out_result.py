# Generated from thingspace-m2m.yaml. Do not edit: change the spec or the templates.
"""Result of a logout. The SDK calls this model LogOutRequest although it is a response
body."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .. import _record
from .._unset import UNSET, Unset

_KEYS = frozenset(["sessionToken"])


class LogOutResult(_record.Record):
    """Result of a logout. The SDK calls this model LogOutRequest although it is a
    response body.

    Attributes:
        session_token: The session token of the session that was ended.
    """

    __slots__ = ("session_token", "additional_properties")

    session_token: str | Unset
    additional_properties: dict[str, Any]
    """Fields the spec does not name, kept as received and sent back as given."""

    def __init__(
        self,
        *,
        session_token: str | Unset = UNSET,
        additional_properties: dict[str, Any] | None = None,
    ) -> None:
        self.session_token = session_token
        self.additional_properties = {} if additional_properties is None else additional_properties

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data: fields never set are left out, None is sent as null."""
        data: dict[str, Any] = dict(self.additional_properties)
        if not isinstance(self.session_token, Unset):
            data["sessionToken"] = self.session_token
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> LogOutResult:
        """Build from decoded JSON; unknown keys go to `additional_properties`."""
        return cls(
            session_token=data["sessionToken"] if "sessionToken" in data else UNSET,
            additional_properties={}
            if data.keys() <= _KEYS
            else {k: v for k, v in data.items() if k not in _KEYS},
        )
