"""Authentication: the client's credential arguments, security schemes, session login."""

from __future__ import annotations

from typing import Any

from generator.ir import Api, Field, SchemeKind, SecurityScheme

from . import index
from .names import controller_attr, snake
from .text import literal, one_line

# The client's own keyword arguments: a credential argument may not take one of these names.
_CLIENT_OPTIONS = frozenset(
    {
        "oauth_client_id",
        "oauth_client_secret",
        "oauth_scopes",
        "oauth_token_url",
        "token_provider",
        "environment",
        "base_url",
        "timeout",
        "max_retries",
        "retry",
        "user_agent",
        "server_variables",
    }
)


def credential_arg(scheme: SecurityScheme, api: Api) -> str:
    """The client argument that supplies a scheme's secret (`access_token`, `vz_m2m_token`)."""
    return _credential_args(api)[scheme.key]


def _credential_args(api: Api) -> dict[str, str]:
    """Every scheme's credential argument, distinct from each other and the client's options."""
    bearer = [s for s in api.security_schemes if _is_bearer(s)]
    taken = set(_CLIENT_OPTIONS)
    for _scheme, login in _logins(api):
        taken.update(snake(f.name) for f in login["fields"])
    names: dict[str, str] = {}
    for scheme in api.security_schemes:
        if _is_bearer(scheme):
            wanted = "access_token" if len(bearer) == 1 else snake(scheme.name) + "_access_token"
        elif scheme.kind is SchemeKind.HTTP_BASIC:
            wanted = snake(scheme.name) + "_credentials"
        else:
            wanted = snake(scheme.name)
        name, n = wanted, 2
        while name in taken:
            name, n = f"{wanted}_{n}", n + 1
        taken.add(name)
        names[scheme.key] = name
    return names


def _logins(api: Api) -> list[tuple[SecurityScheme, dict[str, Any]]]:
    found = [(s, session_login(s, api)) for s in api.security_schemes]
    return [(s, login) for s, login in found if login is not None]


def credential_type(scheme: SecurityScheme) -> str:
    return "tuple[str, str] | None" if scheme.kind is SchemeKind.HTTP_BASIC else "str | None"


def scheme_constructor(scheme: SecurityScheme, api: Api) -> str:
    arg = literal(credential_arg(scheme, api))
    if _is_bearer(scheme):
        return f"BearerScheme({literal(scheme.key)}, {arg})"
    if scheme.kind is SchemeKind.HTTP_BASIC:
        return f"BasicScheme({literal(scheme.key)}, {arg})"
    assert scheme.location is not None and scheme.parameter is not None
    location, parameter = literal(scheme.location.value), literal(scheme.parameter)
    return f"ApiKeyScheme({literal(scheme.key)}, {location}, {parameter}, {arg})"


def oauth_scheme(api: Api) -> SecurityScheme | None:
    """The scheme the client can fetch tokens for by itself (one client-credentials flow)."""
    flows = [s for s in api.security_schemes if s.kind is SchemeKind.OAUTH2_CLIENT_CREDENTIALS]
    return flows[0] if len(flows) == 1 else None


def session_login(scheme: SecurityScheme, api: Api) -> dict[str, Any] | None:
    """How the client logs in for `scheme`: controller, method, body class, credential fields."""
    if scheme.login is None:
        return None
    for controller in api.controllers:
        for operation in controller.operations:
            if operation.id != scheme.login.operation:
                continue
            body = operation.body
            result = operation.result
            if body is None or body.type.ref is None or result is None or result.type is None:
                return None
            body_model = index.MODELS[body.type.ref]
            result_model = index.MODELS[result.type.ref or ""]
            token = next(f for f in result_model.fields if f.json_key == scheme.login.token_field)
            return {
                "controller": controller_attr(controller),
                "method": snake(operation.name),
                "body_class": index.CLASS_NAMES[body_model.id],
                "fields": [f for f in body_model.fields if f.required],
                "token": snake(token.name),
                "token_key": token.json_key,
            }
    return None


def is_secret(field: Field) -> bool:
    """A field whose value must stay out of reprs and logs (a password)."""
    return field.type.format == "password" or field.write_only


def secret_fields(api: Api) -> list[str]:
    """The JSON keys of every secret field, for the client's log redaction."""
    return sorted({f.json_key for m in api.models for f in m.fields if is_secret(f)})


def auth_imports(api: Api) -> list[str]:
    names = {scheme_constructor(s, api).split("(")[0] for s in api.security_schemes}
    return sorted(names | {"SecurityScheme"})


def scheme_help(scheme: SecurityScheme) -> str:
    """What a credential argument is, for the client's docstring."""
    if _is_bearer(scheme):
        what = f"Bearer token for `{scheme.key}`, sent as `Authorization: Bearer …`."
    elif scheme.kind is SchemeKind.HTTP_BASIC:
        what = f"(user, password) for `{scheme.key}` (HTTP Basic)."
    else:
        assert scheme.location is not None
        what = f"Value of the `{scheme.parameter}` {scheme.location.value} (`{scheme.key}`)."
    return f"{what} {one_line(scheme.description)}".strip()


def _is_bearer(scheme: SecurityScheme) -> bool:
    return scheme.kind not in (SchemeKind.API_KEY, SchemeKind.HTTP_BASIC)
