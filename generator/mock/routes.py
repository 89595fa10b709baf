"""Which operation of the spec a request is for: its path template, method and path values."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

from ..diagnostics import pointer
from ..loader import Document

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_PARAM = re.compile(r"\{[^{}/]+\}")


@dataclass(frozen=True, slots=True)
class Route:
    """One path template of the spec and its operations, keyed by upper-case method."""

    template: str
    pattern: re.Pattern[str]  # one group per path parameter
    rank: tuple[int, ...]
    operations: dict[str, dict[str, Any]]
    names: tuple[str, ...] = ()  # the path parameters, in the order of the groups
    shared: tuple[Any, ...] = ()  # the path item's parameters (every operation has them)

    def method_key(self, method: str) -> str | None:
        """The key of the operation that answers `method`, if one does."""
        if method in self.operations:
            return method
        if method == "HEAD" and "GET" in self.operations:  # HEAD is GET without the body
            return "GET"
        return None

    def allowed(self) -> list[str]:
        methods = list(self.operations)
        if "GET" in methods and "HEAD" not in methods:
            methods.append("HEAD")
        return methods


@dataclass(frozen=True, slots=True)
class Found:
    """Where a request landed: its route, its operation's method key, its path values."""

    route: Route
    method: str
    path_values: dict[str, str]

    @property
    def operation(self) -> dict[str, Any]:
        return self.route.operations[self.method]


class Router:
    """The spec's path templates, most specific first, under the first server's base path."""

    def __init__(self, document: Document) -> None:
        self.base_path = _base_path(document.root)
        self.routes = _build_routes(document)

    def candidates(self, raw_path: str) -> Iterator[str]:
        """The request path without the base path (when it has it), then as is."""
        base = self.base_path
        if base and (raw_path == base or raw_path.startswith(base + "/")):
            yield raw_path[len(base) :] or "/"
        yield raw_path

    def match(self, method: str, raw_path: str) -> tuple[Found | None, list[str]]:
        """Where the request landed, else the methods its path allows (for a 405)."""
        allowed: list[str] = []
        for candidate in self.candidates(raw_path):
            path = _normalize(candidate)
            matching = [
                (route, match)
                for route in self.routes
                if (match := route.pattern.fullmatch(path)) is not None
            ]
            for route, match in matching:
                key = route.method_key(method)
                if key is not None:
                    values = {
                        n: unquote(v) for n, v in zip(route.names, match.groups(), strict=True)
                    }
                    return Found(route, key, values), []
            if not allowed:
                for route, _ in matching:
                    allowed += [m for m in route.allowed() if m not in allowed]
        return None, allowed


def _base_path(root: dict[str, Any]) -> str:
    """The path of the first server URL (variables at their defaults), no trailing `/`."""
    servers = root.get("servers")
    if not isinstance(servers, list) or not servers or not isinstance(servers[0], dict):
        return ""
    url, variables = servers[0].get("url"), servers[0].get("variables")
    if not isinstance(url, str):
        return ""
    defaults = variables if isinstance(variables, dict) else {}

    def substitute(match: re.Match[str]) -> str:
        variable = defaults.get(match.group(0)[1:-1])
        if isinstance(variable, dict) and "default" in variable:
            return str(variable["default"])
        return match.group(0)

    path = urlsplit(_PARAM.sub(substitute, url)).path.rstrip("/")
    return path if path.startswith("/") else ""


def _build_routes(document: Document) -> list[Route]:
    """Every path template with operations, most specific first."""
    paths = document.root.get("paths")
    routes: list[Route] = []
    for template, node in (paths if isinstance(paths, dict) else {}).items():
        item, _ = document.resolve(node, pointer("paths", str(template)))
        if not isinstance(item, dict):
            continue
        operations = {
            method.upper(): operation
            for method in HTTP_METHODS
            if isinstance(operation := item.get(method), dict)
        }
        if operations:
            text = str(template)
            names = tuple(m.group(0)[1:-1] for m in _PARAM.finditer(text))
            shared = item.get("parameters")
            routes.append(
                Route(
                    text,
                    _compile(text),
                    _rank(text),
                    operations,
                    names,
                    tuple(shared) if isinstance(shared, list) else (),
                )
            )
    routes.sort(key=lambda route: (route.rank, route.template))
    return routes


def _compile(template: str) -> re.Pattern[str]:
    """A regex over normalized paths; each `{name}` is one non-empty segment."""
    parts: list[str] = []
    start = 0
    for match in _PARAM.finditer(template):
        parts += [re.escape(_normalize(template[start : match.start()])), "([^/]+)"]
        start = match.end()
    parts.append(re.escape(_normalize(template[start:])))
    return re.compile("".join(parts))


def _rank(template: str) -> tuple[int, ...]:
    """Per segment: 0 literal, 1 partly templated, 2 one parameter. Lower wins."""
    return tuple(
        0 if not _PARAM.search(segment) else 2 if _PARAM.fullmatch(segment) else 1
        for segment in template.strip("/").split("/")
    )


def _normalize(path: str) -> str:
    """Percent-decode each segment (keeping an encoded `/` and `%`), so `%3A` matches `:`.

    `unquote` of a normalized segment gives back its decoded value exactly.
    """
    return "/".join(
        unquote(segment).replace("%", "%25").replace("/", "%2F") for segment in path.split("/")
    )
