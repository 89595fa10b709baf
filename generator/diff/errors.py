"""Error statuses: which exception a client raises for each, before and after."""

from __future__ import annotations

from collections.abc import Mapping

from ..ir import ErrorMapping
from .relations import Use
from .types import TypeComparison


def compare_errors(
    types: TypeComparison,
    op_where: str,
    old: tuple[ErrorMapping, ...],
    new: tuple[ErrorMapping, ...],
) -> None:
    """A status dropped or added is harmless while the status still raises what it did."""
    log = types.log
    old_by, new_by = {e.status: e for e in old}, {e.status: e for e in new}
    for status, mapping in old_by.items():
        where = f"{op_where} error {status}"
        now = new_by.get(status)
        if now is not None:
            _error(types, where, mapping, now)
            continue
        fallback = _effective_error(new_by, status)
        if fallback is not None and _same_error(types, mapping.error, fallback.error):
            log.compatible(
                "error-removed",
                where,
                f"error status removed; {fallback.status} maps it to the same exception",
            )
        else:
            log.breaking(
                "error-removed",
                where,
                f"error status removed: it raised {_raises(mapping.error)}, "
                f"now {_raises(fallback.error if fallback else None)}",
            )
    for status, mapping in new_by.items():
        if status in old_by:
            continue
        where = f"{op_where} error {status}"
        before = _effective_error(old_by, status)
        if before is None or _same_error(types, before.error, mapping.error):
            log.compatible("error-added", where, "error status added")
        else:
            log.breaking(
                "error-mapping",
                where,
                f"now raises {_raises(mapping.error)}, "
                f"not {_raises(before.error)} (through {before.status})",
            )


def _error(types: TypeComparison, where: str, old: ErrorMapping, new: ErrorMapping) -> None:
    log = types.log
    if not _same_error(types, old.error, new.error):
        log.breaking(
            "error-mapping", where, f"raises {_raises(new.error)}, not {_raises(old.error)}"
        )
    elif old.error is not None and new.error is not None:
        types.pair_models(old.error, new.error, Use.RESPONSE)
    if old.content_type != new.content_type and old.error and new.error:
        log.breaking(
            "error-content-type",
            where,
            f"content type {old.content_type} -> {new.content_type}",
        )
    log.docs_and_examples(where, old, new)


def _same_error(types: TypeComparison, old: str | None, new: str | None) -> bool:
    """The same exception type: the same error schema, or one renamed with no other change."""
    if old is None or new is None:
        return old is new
    return types.same_model(old, new)


def _effective_error(errors: Mapping[str, ErrorMapping], status: str) -> ErrorMapping | None:
    """The mapping that handles `status`: exact, then its range, then `default`."""
    keys = [status]
    if status[:1].isdigit() and status[1:] != "XX":
        keys.append(status[0] + "XX")
    keys.append("default")
    for key in keys:
        if key in errors:
            return errors[key]
    return None


def _raises(error: str | None) -> str:
    return f"the {error} exception" if error is not None else "the base API exception"
