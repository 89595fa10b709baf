"""Servers and security schemes -> IR."""

from __future__ import annotations

from typing import Any

from ..diagnostics import Diagnostic, Level, pointer
from ..ir import (
    Name,
    ParamLocation,
    SchemeKind,
    SecurityScheme,
    Server,
    ServerVariable,
    SessionLogin,
)
from ..naming import NameScope, make_name


def servers(root: dict[str, Any], pins: dict[str, tuple[str, ...]]) -> tuple[Server, ...]:
    """The spec's servers, each named from its description ("Production") or its position."""
    scope = NameScope()
    found: list[Server] = []
    for index, node in enumerate(root.get("servers") or [{"url": "/"}]):
        description = str(node.get("description") or "").strip()
        name, _ = scope.claim(
            make_name(description, pins)
            if description
            else Name(f"server{index + 1}", ("server", str(index + 1)))
        )
        variables = tuple(
            ServerVariable(
                make_name(var_name, pins),
                str(var.get("default", "")),
                tuple(str(v) for v in var.get("enum") or ()),
                str(var.get("description") or "").strip(),
            )
            for var_name, var in (node.get("variables") or {}).items()
        )
        found.append(Server(str(node.get("url") or "/"), name, description, variables))
    return tuple(found)


def security_schemes(
    root: dict[str, Any], pins: dict[str, tuple[str, ...]]
) -> tuple[SecurityScheme, ...]:
    schemes = (root.get("components") or {}).get("securitySchemes") or {}
    return tuple(_scheme(key, node, pins) for key, node in schemes.items())


def security_warnings(root: dict[str, Any]) -> list[Diagnostic]:
    """Schemes the client cannot apply as the spec means them, and other constructs it skips."""
    found: list[Diagnostic] = []
    schemes = (root.get("components") or {}).get("securitySchemes") or {}
    for key, node in schemes.items():
        if not isinstance(node, dict):
            continue
        scheme = str(node.get("scheme") or "").lower()
        if node.get("type") == "http" and scheme not in ("basic", "bearer"):
            found.append(
                Diagnostic(
                    Level.WARNING,
                    pointer("components", "securitySchemes", key, "scheme"),
                    f"HTTP {scheme!r} authentication is not supported; the credential is sent"
                    " as a bearer token",
                )
            )
        if node.get("type") == "mutualTLS":
            found.append(
                Diagnostic(
                    Level.WARNING,
                    pointer("components", "securitySchemes", key),
                    "mutual TLS is not supported by the client; requests carry no certificate",
                )
            )
    if root.get("webhooks"):
        found.append(
            Diagnostic(
                Level.WARNING,
                "/webhooks",
                "webhooks are requests the API makes, not the client: none is generated",
            )
        )
    return found


def _scheme(key: str, node: dict[str, Any], pins: dict[str, tuple[str, ...]]) -> SecurityScheme:
    name = make_name(key, pins)
    description = str(node.get("description") or "").strip()
    kind = node.get("type")
    if kind == "apiKey":
        login = node.get("x-session-login")
        return SecurityScheme(
            key,
            name,
            SchemeKind.API_KEY,
            description,
            ParamLocation(node["in"]),
            node["name"],
            login=SessionLogin(login["operationId"], login["tokenField"]) if login else None,
        )
    if kind == "http":
        scheme = str(node.get("scheme") or "").lower()
        return SecurityScheme(
            key,
            name,
            SchemeKind.HTTP_BASIC if scheme == "basic" else SchemeKind.HTTP_BEARER,
            description,
        )
    if kind == "oauth2":
        flow = (node.get("flows") or {}).get("clientCredentials")
        if isinstance(flow, dict):
            scopes = tuple((str(k), str(v)) for k, v in (flow.get("scopes") or {}).items())
            return SecurityScheme(
                key,
                name,
                SchemeKind.OAUTH2_CLIENT_CREDENTIALS,
                description,
                token_url=flow.get("tokenUrl"),
                scopes=scopes,
            )
        return SecurityScheme(key, name, SchemeKind.OAUTH2_OTHER, description)
    return SecurityScheme(key, name, SchemeKind.OPENID_CONNECT, description)
