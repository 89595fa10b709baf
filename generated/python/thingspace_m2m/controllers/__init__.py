# Generated from thingspace-m2m.yaml. Do not edit: change the spec or the templates.
"""Controllers of ThingSpace M2M: one class per tag, reached as client attributes."""

from .account_subscriptions import AccountSubscriptionsController
from .session_management import SessionManagementController
from .sim_secure_for_iot_licenses import SIMSecureForIoTLicensesController

__all__ = [
    "AccountSubscriptionsController",
    "SessionManagementController",
    "SIMSecureForIoTLicensesController",
]
