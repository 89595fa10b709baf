"""Security schemes, and the credentials each operation asks for."""

from __future__ import annotations

from ..ir import Api, Operation, SecurityScheme
from .changelog import ChangeLog
from .relations import show
from .report import Impact


def compare_schemes(log: ChangeLog, old_api: Api, new_api: Api) -> None:
    def spell(scheme: SecurityScheme) -> str:
        return f"security scheme {scheme.key}"

    for old, new in log.matched(
        "security-scheme",
        old_api.security_schemes,
        new_api.security_schemes,
        lambda s: s.key,
        spell,
    ):
        where = spell(new)
        differences = [
            f"{label} {show(a)} -> {show(b)}"
            for label, a, b in (
                ("type", old.kind.value, new.kind.value),
                ("location", old.location, new.location),
                ("name", old.parameter, new.parameter),
                ("token URL", old.token_url, new.token_url),
            )
            if a != b
        ]
        if old.login != new.login:
            differences.append("session login changed")
        if differences:
            log.breaking("security-scheme-changed", where, "; ".join(differences))
        old_scopes, new_scopes = dict(old.scopes), dict(new.scopes)
        gone = [s for s in old_scopes if s not in new_scopes]
        if gone:
            log.breaking("security-scheme-changed", where, "scopes removed: " + ", ".join(gone))
        more = [s for s in new_scopes if s not in old_scopes]
        if more:
            log.compatible("security-scheme-changed", where, "scopes added: " + ", ".join(more))
        log.docs(where, description=(old.description, new.description))


def compare_security(log: ChangeLog, where: str, old: Operation, new: Operation) -> None:
    """An operation's requirements: compatible while every old credential set still works."""
    before, after = _alternatives(old), _alternatives(new)
    if before == after:
        return
    # Compatible when whatever satisfied an old alternative still satisfies a new one.
    relaxed = all(any(b <= a for b in after) for a in before)
    log.add(
        Impact.COMPATIBLE if relaxed else Impact.BREAKING,
        "security-changed",
        where,
        f"auth {_spell(before)} -> {_spell(after)}",
    )


def _alternatives(operation: Operation) -> frozenset[frozenset[str]]:
    """OR of ANDs; no requirement at all is the one alternative that needs nothing."""
    if not operation.security:
        return frozenset({frozenset()})
    return frozenset(frozenset(req.schemes) for req in operation.security)


def _spell(alternatives: frozenset[frozenset[str]]) -> str:
    spelled = sorted(" and ".join(sorted(alt)) if alt else "no credentials" for alt in alternatives)
    return " or ".join(spelled)
