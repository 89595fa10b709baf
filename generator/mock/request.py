"""A request's query, headers and cookies, and a parameter's value read as its style spells it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from .rules import ParamRule, Shape

_INTEGER = re.compile(r"[-+]?[0-9]+")


@dataclass(frozen=True, slots=True)
class Request:
    """A request's query, headers and cookies, parsed once."""

    query: list[tuple[str, str]]
    headers: dict[str, list[str]]  # lower-case name -> values
    cookies: dict[str, str]

    @classmethod
    def parse(cls, query: str, headers: list[tuple[str, str]]) -> Request:
        table: dict[str, list[str]] = {}
        for name, value in headers:
            table.setdefault(name.lower(), []).append(value)
        cookies: dict[str, str] = {}
        for line in table.get("cookie", []):
            for part in line.split(";"):
                name, sep, value = part.strip().partition("=")
                if sep and name:
                    cookies.setdefault(name, value)
        return cls(parse_qsl(query, keep_blank_values=True), table, cookies)

    def header(self, name: str) -> str | None:
        values = self.headers.get(name.lower())
        return ", ".join(values) if values else None


def read_parameter(
    rule: ParamRule, path_values: dict[str, str], request: Request
) -> tuple[bool, Any]:
    """Whether the request has the parameter, and its value as its style spells it."""
    if rule.location == "query":
        return _read_query(rule, request.query)
    if rule.location == "path":
        text = path_values.get(rule.name)
        if text is not None and rule.style == "label":
            text = text[1:] if text.startswith(".") else text
        elif text is not None and rule.style == "matrix":
            text = text.removeprefix(f";{rule.name}=")
    elif rule.location == "header":
        text = request.header(rule.name)
    else:
        text = request.cookies.get(rule.name)
    if text is None:
        return False, None
    if rule.json_content:
        return True, text
    separator = "." if rule.style == "label" and rule.explode else ","
    return True, _parse(text, rule.shape, separator, rule.explode)


def _read_query(rule: ParamRule, pairs: list[tuple[str, str]]) -> tuple[bool, Any]:
    shape = rule.shape
    values = [value for key, value in pairs if key == rule.name]
    if rule.json_content or shape.kind == "primitive":
        if not values:
            return False, None
        return True, values[0] if rule.json_content else _coerce(values[0], shape.types)
    if shape.kind == "array":
        if not values:
            return False, None
        if not (rule.style == "form" and rule.explode):
            separator = {"spaceDelimited": " ", "pipeDelimited": "|"}.get(rule.style, ",")
            values = [item for value in values if value for item in value.split(separator)]
        return True, [_coerce(item, shape.items) for item in values]
    types = dict(shape.properties)
    if rule.style == "deepObject":
        prefix = rule.name + "["
        found = {k[len(prefix) : -1]: v for k, v in pairs if k.startswith(prefix) and k[-1] == "]"}
    elif rule.explode:  # form, exploded: each property is a query parameter of its own
        found = {k: v for k, v in pairs if k in types}
    elif values:
        return True, _parse(values[0], shape, ",", False)
    else:
        found = {}
    if not found:
        return False, None
    return True, {k: _coerce(v, types.get(k, frozenset())) for k, v in found.items()}


def _parse(text: str, shape: Shape, separator: str, explode: bool) -> Any:
    """A simple- or form-style value: `a,b` arrays, `k,v,k2,v2` or `k=v,k2=v2` objects."""
    if shape.kind == "array":
        return [_coerce(item, shape.items) for item in text.split(separator)] if text else []
    if shape.kind == "object":
        types = dict(shape.properties)
        parts = text.split(separator) if text else []
        if explode:
            pairs = [part.partition("=")[::2] for part in parts]
        else:
            pairs = list(zip(parts[::2], parts[1::2], strict=False))
        return {k: _coerce(v, types.get(k, frozenset())) for k, v in pairs}
    return _coerce(text, shape.types)


def _coerce(text: str, types: frozenset[str]) -> Any:
    """The text as the first of the schema's types it can be; else the text itself (which
    the schema then rejects with a precise message)."""
    if "integer" in types and _INTEGER.fullmatch(text):
        return int(text)
    if "number" in types:
        try:
            return int(text) if _INTEGER.fullmatch(text) else float(text)
        except ValueError:
            pass
    if "boolean" in types and text in ("true", "false"):
        return text == "true"
    if "null" in types and text in ("", "null") and "string" not in types:
        return None
    return text
