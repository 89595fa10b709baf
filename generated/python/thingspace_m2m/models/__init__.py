# Generated from thingspace-m2m.yaml. Do not edit: change the spec or the templates.
"""Models of ThingSpace M2M: the request and response bodies as typed classes.

`from thingspace_m2m.models import X` loads only the module of `X` (and what it
uses): importing this package does not load every model.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .assign_license_request import AssignLicenseRequest
    from .connectivity_management_result import ConnectivityManagementResult
    from .extended_attribute import ExtendedAttribute
    from .license_device_id import LicenseDeviceId
    from .license_device_list import LicenseDeviceList
    from .log_in_request import LogInRequest
    from .log_in_result import LogInResult
    from .log_out_result import LogOutResult
    from .security_result import SecurityResult
    from .security_subscription import SecuritySubscription
    from .security_subscription_request import SecuritySubscriptionRequest
    from .security_subscription_result import SecuritySubscriptionResult
    from .security_success_result import SecuritySuccessResult

__all__ = [
    "AssignLicenseRequest",
    "ConnectivityManagementResult",
    "ExtendedAttribute",
    "LicenseDeviceId",
    "LicenseDeviceList",
    "LogInRequest",
    "LogInResult",
    "LogOutResult",
    "SecurityResult",
    "SecuritySubscription",
    "SecuritySubscriptionRequest",
    "SecuritySubscriptionResult",
    "SecuritySuccessResult",
]

# Class name -> the module defining it.
_MODULES: dict[str, str] = {
    "AssignLicenseRequest": "assign_license_request",
    "ConnectivityManagementResult": "connectivity_management_result",
    "ExtendedAttribute": "extended_attribute",
    "LicenseDeviceId": "license_device_id",
    "LicenseDeviceList": "license_device_list",
    "LogInRequest": "log_in_request",
    "LogInResult": "log_in_result",
    "LogOutResult": "log_out_result",
    "SecurityResult": "security_result",
    "SecuritySubscription": "security_subscription",
    "SecuritySubscriptionRequest": "security_subscription_request",
    "SecuritySubscriptionResult": "security_subscription_result",
    "SecuritySuccessResult": "security_success_result",
}


def __getattr__(name: str) -> object:
    module_name = _MODULES.get(name)
    if module_name is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module_name}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
