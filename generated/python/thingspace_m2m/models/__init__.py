# Generated from thingspace-m2m.yaml. Do not edit: change the spec or the templates.
"""Models of ThingSpace M2M: the request and response bodies as typed classes."""

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
