# Generated from thingspace-m2m.yaml. Do not edit: change the spec or the templates.
"""ThingSpace M2M client.

Generated from thingspace-m2m.yaml (API version 1.0.0).
"""

from ._files import File, FileContent
from ._options import RequestOptions
from ._response import ApiResponse
from ._retry import RetryPolicy
from ._transport import Timeout
from ._unset import UNSET, Unset
from .client import Environment, ThingSpaceM2MClient

__all__ = [
    "UNSET",
    "ApiResponse",
    "Environment",
    "File",
    "FileContent",
    "RequestOptions",
    "RetryPolicy",
    "ThingSpaceM2MClient",
    "Timeout",
    "Unset",
]
