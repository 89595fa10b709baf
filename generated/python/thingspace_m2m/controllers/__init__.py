# Generated from thingspace-m2m.yaml. Do not edit: change the spec or the templates.
"""Controllers of ThingSpace M2M: one class per tag, reached as client attributes."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .account_subscriptions import AccountSubscriptionsController
    from .session_management import SessionManagementController
    from .sim_secure_for_iot_licenses import SIMSecureForIoTLicensesController

__all__ = [
    "AccountSubscriptionsController",
    "SessionManagementController",
    "SIMSecureForIoTLicensesController",
]

# Class name -> the module defining it.
_MODULES: dict[str, str] = {
    "SIMSecureForIoTLicensesController": "sim_secure_for_iot_licenses",
    "AccountSubscriptionsController": "account_subscriptions",
    "SessionManagementController": "session_management",
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
