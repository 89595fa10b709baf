"""The security schemes the tests of the static Python runtime (tests/runtime) give a
client core: a bearer token, an API key in a header, one in the query, one in a cookie."""

from __future__ import annotations

from types import ModuleType
from typing import Any


def security_schemes(rt: ModuleType) -> dict[str, Any]:
    """The schemes by name, built from the runtime package ``rt``'s ``_auth`` module."""
    a = rt._auth
    return {
        "oauth2": a.BearerScheme(name="oauth2", credential="access_token"),
        "VZ-M2M-Token": a.ApiKeyScheme(
            name="VZ-M2M-Token",
            location="header",
            parameter="VZ-M2M-Token",
            credential="vz_m2m_token",
        ),
        "queryKey": a.ApiKeyScheme(
            name="queryKey", location="query", parameter="api_key", credential="api_key"
        ),
        "cookieKey": a.ApiKeyScheme(
            name="cookieKey", location="cookie", parameter="sid", credential="session_id"
        ),
    }
