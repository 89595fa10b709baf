"""`compare`: walks two IRs side by side, part by part, into one report."""

from __future__ import annotations

from ..ir import Api
from .changelog import ChangeLog
from .operations import compare_operations
from .report import Report
from .schemas import compare_schemas
from .security import compare_schemes
from .servers import compare_servers
from .types import TypeComparison


def compare(old: Api, new: Api) -> Report:
    """Every API change from `old` to `new`, breaking ones first within each part."""
    log = ChangeLog()
    # info.version is not compared: it is what the report tells how to bump.
    log.docs(
        "info",
        title=(old.title, new.title),
        description=(old.description, new.description),
    )
    compare_servers(log, old, new)
    compare_schemes(log, old, new)
    # Operations first: they pair the models and enums they use, which are compared after.
    types = TypeComparison(old, new, log)
    compare_operations(types, old, new)
    compare_schemas(types)
    return Report(log.by_impact(), old.version, new.version)
