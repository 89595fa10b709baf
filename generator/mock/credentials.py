"""Whether a request carries the credentials an operation's security requirements ask for.

Only presence and form are checked (a Bearer token, `user:password` in Basic, an API
key where the scheme puts it); the mock accepts any value, and never echoes a secret.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from ..loader import Document
from .problems import Problem
from .request import Request


class Credentials:
    """The spec's security schemes, to check a request against credential sets."""

    def __init__(self, document: Document) -> None:
        components = document.root.get("components")
        schemes = components.get("securitySchemes") if isinstance(components, dict) else None
        self._schemes: dict[str, dict[str, Any]] = {}
        for key, node in (schemes if isinstance(schemes, dict) else {}).items():
            resolved = document.resolve(node)[0]
            if isinstance(resolved, dict):
                self._schemes[str(key)] = resolved

    def missing(self, alternatives: tuple[tuple[str, ...], ...], request: Request) -> list[Problem]:
        """Satisfied by any one alternative with all of its schemes; else what each lacks."""
        missing: list[list[Problem]] = []
        for alternative in alternatives:
            lacking = [p for name in alternative if (p := self._credential(name, request))]
            if not lacking:
                return []
            missing.append(lacking)
        if len(missing) <= 1:
            return missing[0] if missing else []
        return [
            Problem(
                p.where,
                f"{p.message} (credential set {n} of {len(missing)}: {' + '.join(alt)})",
                p.challenge,
            )
            for n, (alt, lacking) in enumerate(zip(alternatives, missing, strict=True), start=1)
            for p in lacking
        ]

    def _credential(self, name: str, request: Request) -> Problem | None:
        """What is missing for security scheme `name`, or None when the request has it."""
        scheme = self._schemes.get(name)
        if scheme is None:
            return None  # an undeclared scheme: nothing to check it against
        kind = scheme.get("type")
        if kind == "apiKey":
            location, key = scheme.get("in"), str(scheme.get("name"))
            if location == "header":
                present = bool(request.header(key))
            elif location == "query":
                present = any(k == key and v for k, v in request.query)
            elif location == "cookie":
                present = bool(request.cookies.get(key))
            else:
                return None
            message = f"missing the API key of security scheme {name!r}"
            return None if present else Problem(f"{location} {key}", message, "ApiKey")
        if kind == "http":
            auth = str(scheme.get("scheme") or "").lower()
        elif kind in ("oauth2", "openIdConnect"):
            auth = "bearer"
        else:
            return None  # mutualTLS cannot be seen over plain HTTP
        value = request.header("authorization")
        if _authorization_ok(value, auth):
            return None
        expected = {"bearer": "Bearer <token>", "basic": "Basic <base64 of user:password>"}
        wanted = expected.get(auth, f"{auth.capitalize()} <credentials>")
        if not value:
            got = "no Authorization header"
        elif value.split(None, 1)[0].lower() == auth:
            got = f"a malformed {value.split(None, 1)[0]} credential"
        else:
            got = f"a {value.split(None, 1)[0]} credential"  # the scheme word, never the secret
        return Problem(
            "header Authorization",
            f"security scheme {name!r} needs `Authorization: {wanted}`; got {got}",
            f'{auth.capitalize()} realm="mock"',
        )


def _authorization_ok(value: str | None, auth: str) -> bool:
    if not value:
        return False
    scheme, _, credentials = value.strip().partition(" ")
    credentials = credentials.strip()
    if scheme.lower() != auth or not credentials:
        return False
    if auth == "basic":
        try:
            return b":" in base64.b64decode(credentials, validate=True)
        except (binascii.Error, ValueError):
            return False
    return True
