"""The API's servers: URLs and their variables."""

from __future__ import annotations

from ..ir import Api, Server
from .changelog import ChangeLog


def compare_servers(log: ChangeLog, old_api: Api, new_api: Api) -> None:
    def spell(server: Server) -> str:
        return f"server {server.name.original or server.url}"

    for old, new in log.matched(
        "server", old_api.servers, new_api.servers, lambda s: s.name.key, spell
    ):
        where = spell(new)
        if old.url != new.url:
            log.breaking("server-changed", where, f"URL {old.url} -> {new.url}")
        old_vars = {v.name.original: v for v in old.variables}
        new_vars = {v.name.original: v for v in new.variables}
        for name in old_vars.keys() - new_vars.keys():
            log.breaking("server-changed", where, f"variable {name} removed")
        for name in new_vars.keys() - old_vars.keys():
            log.compatible("server-changed", where, f"variable {name} added")
        for name in old_vars.keys() & new_vars.keys():
            a, b = old_vars[name], new_vars[name]
            if a.default != b.default:
                log.breaking(
                    "server-changed",
                    where,
                    f"variable {name} defaults to {b.default!r}, not {a.default!r}",
                )
            removed = [v for v in a.enum if v not in b.enum] if b.enum else []
            if removed or (b.enum and not a.enum):
                log.breaking("server-changed", where, f"variable {name} accepts fewer values")
        log.docs(where, description=(old.description, new.description))
