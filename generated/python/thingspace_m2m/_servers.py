"""Server URLs with variables: ``https://{region}.example.com/{version}``."""

from __future__ import annotations

from collections.abc import Mapping

Variables = Mapping[str, tuple[str, tuple[str, ...]]]
"""Variable name -> (default, allowed values; empty when any value goes)."""


def server_url(template: str, variables: Variables, given: Mapping[str, str]) -> str:
    """`template` with each variable replaced: the given value, else the default.

    Raises ValueError for a variable the server does not have, or a value outside
    the variable's enum.
    """
    unknown = sorted(set(given) - set(variables))
    if unknown:
        known = ", ".join(sorted(variables)) or "none"
        raise ValueError(f"unknown server variable(s) {unknown}; this server has: {known}")
    url = template
    for name, (default, allowed) in variables.items():
        value = given.get(name, default)
        if allowed and value not in allowed:
            raise ValueError(
                f"server variable {name!r} must be one of {list(allowed)}, not {value!r}"
            )
        url = url.replace("{" + name + "}", value)
    return url
