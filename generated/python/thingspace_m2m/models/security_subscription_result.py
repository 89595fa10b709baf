# Generated from thingspace-m2m.yaml. Do not edit: change the spec or the templates.
"""License counts of an account, one entry per license type."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .. import _record
from .._unset import UNSET, Unset

# Only for annotations: from_dict imports what it decodes when it first runs, so loading
# this model does not load every model it mentions.
if TYPE_CHECKING:
    from .security_subscription import SecuritySubscription


# Cached: an import statement per from_dict call would cost ~1.5 us each time.
@functools.cache
def _load_security_subscription() -> type[SecuritySubscription]:
    from .security_subscription import SecuritySubscription

    return SecuritySubscription


_KEYS = frozenset(["accountName", "subscriptionList"])


class SecuritySubscriptionResult(_record.Record):
    """License counts of an account, one entry per license type.

    Attributes:
        account_name: The billing account the counts belong to.
        subscription_list: One entry per SIM-Secure for IoT license type the account
            holds.
    """

    __slots__ = ("account_name", "subscription_list", "additional_properties")

    account_name: str | Unset
    subscription_list: list[SecuritySubscription] | Unset
    additional_properties: dict[str, Any]
    """Fields the spec does not name, kept as received and sent back as given."""

    def __init__(
        self,
        *,
        account_name: str | Unset = UNSET,
        subscription_list: list[SecuritySubscription] | Unset = UNSET,
        additional_properties: dict[str, Any] | None = None,
    ) -> None:
        self.account_name = account_name
        self.subscription_list = subscription_list
        self.additional_properties = {} if additional_properties is None else additional_properties

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data: fields never set are left out, None is sent as null."""
        data: dict[str, Any] = dict(self.additional_properties)
        if not isinstance(self.account_name, Unset):
            data["accountName"] = self.account_name
        if not isinstance(self.subscription_list, Unset):
            data["subscriptionList"] = [v0.to_dict() for v0 in self.subscription_list]
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SecuritySubscriptionResult:
        """Build from decoded JSON; unknown keys go to `additional_properties`."""
        SecuritySubscription = _load_security_subscription()
        return cls(
            account_name=data["accountName"] if "accountName" in data else UNSET,
            subscription_list=[
                SecuritySubscription.from_dict(v0) for v0 in data["subscriptionList"]
            ]
            if "subscriptionList" in data
            else UNSET,
            additional_properties={}
            if data.keys() <= _KEYS
            else {k: v for k, v in data.items() if k not in _KEYS},
        )
