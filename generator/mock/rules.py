"""What an operation asks of a request, read from the spec once per operation.

Each parameter becomes a `ParamRule` (where it is, how its style spells it, the JSON
types it can hold and a schema validator), the request body a `BodyRule` (a validator
per media type), the security requirements a tuple of credential sets.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from ..loader import Document
from .media import essence, is_json
from .routes import Found

_DEFAULT_STYLE = {"path": "simple", "header": "simple", "query": "form", "cookie": "form"}
# OpenAPI ignores header parameters of these names: the HTTP stack and auth own them.
_IGNORED_HEADERS = frozenset({"accept", "content-type", "authorization"})


@dataclass(frozen=True, slots=True)
class Shape:
    """The JSON types a parameter's schema allows, to read its text before validating it."""

    types: frozenset[str]
    items: frozenset[str] = frozenset()  # arrays: the types of the items
    properties: tuple[tuple[str, frozenset[str]], ...] = ()  # objects: each property's types

    @property
    def kind(self) -> str:
        if "array" in self.types:
            return "array"
        return "object" if "object" in self.types or self.properties else "primitive"


@dataclass(frozen=True, slots=True)
class ParamRule:
    name: str
    location: str  # path, query, header or cookie
    required: bool
    style: str
    explode: bool
    shape: Shape
    validator: Any  # an openapi-schema-validator validator, None without a schema
    allow_empty: bool
    json_content: bool  # declared with `content: {application/json: ...}`: the text is JSON

    @property
    def where(self) -> str:
        return f"{self.location} {self.name}"


@dataclass(frozen=True, slots=True)
class BodyRule:
    required: bool
    media: tuple[tuple[str, Any], ...]  # media type (lower case) -> validator (JSON) or None

    def accepts(self) -> str:
        return ", ".join(media_type for media_type, _ in self.media)


@dataclass(frozen=True, slots=True)
class Rules:
    """What one operation asks of a request."""

    params: tuple[ParamRule, ...]
    body: BodyRule | None
    security: tuple[tuple[str, ...], ...]  # OR of ANDs of scheme names; () when none needed


class RuleBook:
    """The rules of each operation, built the first time it is called, then shared by every
    thread."""

    def __init__(self, document: Document) -> None:
        from openapi_schema_validator import (
            OAS30Validator,
            OAS30WriteValidator,
            OAS31Validator,
            oas30_format_checker,
            oas31_format_checker,
        )

        self.document = document
        root = document.root
        v31 = str(root.get("openapi") or "").startswith("3.1.")
        self._param_validator: Any = OAS31Validator if v31 else OAS30Validator
        # A request must not carry readOnly properties (3.0); 3.1 leaves that to annotations.
        self._body_validator: Any = OAS31Validator if v31 else OAS30WriteValidator
        self._formats: Any = oas31_format_checker if v31 else oas30_format_checker
        components = root.get("components")
        self._components = components if isinstance(components, dict) else None
        self._rules: dict[tuple[str, str], Rules] = {}
        self._rules_lock = threading.Lock()

    def rules_for(self, found: Found) -> Rules:
        key = (found.route.template, found.method)
        rules = self._rules.get(key)
        if rules is None:
            built = self._build(found)
            with self._rules_lock:
                rules = self._rules.setdefault(key, built)
        return rules

    def _build(self, found: Found) -> Rules:
        operation = found.operation
        merged: dict[tuple[str, str], dict[str, Any]] = {}
        own = operation.get("parameters")
        for raw in (*found.route.shared, *(own if isinstance(own, list) else ())):
            param = self._resolved(raw)
            if not isinstance(param, dict) or param.get("in") not in _DEFAULT_STYLE:
                continue
            name, location = param.get("name"), str(param["in"])
            if not isinstance(name, str) or (
                location == "header" and name.lower() in _IGNORED_HEADERS
            ):
                continue
            # An operation's parameter overrides the path item's of the same name and place.
            merged[(location, name.lower() if location == "header" else name)] = param
        security = operation.get("security", self.document.root.get("security"))
        alternatives = tuple(
            tuple(str(name) for name in requirement)
            for requirement in (security if isinstance(security, list) else [])
            if isinstance(requirement, dict)
        )
        if any(not alternative for alternative in alternatives):
            alternatives = ()  # `{}` among them: a request without credentials is fine too
        return Rules(
            tuple(self._param_rule(p) for p in merged.values()),
            self._body_rule(operation.get("requestBody")),
            alternatives,
        )

    def _param_rule(self, param: dict[str, Any]) -> ParamRule:
        location = str(param["in"])
        style = str(param.get("style") or _DEFAULT_STYLE[location])
        schema = param.get("schema")
        json_content = False
        content = param.get("content")
        if schema is None and isinstance(content, dict) and content:
            media_type, media = next(iter(content.items()))
            media = self._resolved(media)
            schema = media.get("schema") if isinstance(media, dict) else None
            json_content = is_json(str(media_type))
        return ParamRule(
            name=str(param["name"]),
            location=location,
            required=bool(param.get("required")) or location == "path",
            style=style,
            explode=bool(param.get("explode", style == "form")),
            shape=self._shape(schema),
            validator=self._validator(self._param_validator, schema),
            allow_empty=bool(param.get("allowEmptyValue")),
            json_content=json_content,
        )

    def _body_rule(self, raw: Any) -> BodyRule | None:
        body = self._resolved(raw)
        if not isinstance(body, dict):
            return None
        content = body.get("content")
        media: list[tuple[str, Any]] = []
        for media_type, node in (content if isinstance(content, dict) else {}).items():
            resolved = self._resolved(node)
            schema = resolved.get("schema") if isinstance(resolved, dict) else None
            validator = (
                self._validator(self._body_validator, schema) if is_json(str(media_type)) else None
            )
            media.append((essence(str(media_type)), validator))
        return BodyRule(bool(body.get("required")), tuple(media))

    def _validator(self, validator_class: Any, schema: Any) -> Any:
        if not isinstance(schema, dict):
            return None
        if self._components is not None:  # so `#/components/...` refs resolve
            schema = {**schema, "components": self._components}
        return validator_class(schema, format_checker=self._formats)

    def _shape(self, schema: Any) -> Shape:
        resolved = self._resolved(schema)
        if not isinstance(resolved, dict):
            return Shape(frozenset())
        properties = resolved.get("properties")
        return Shape(
            self._types(resolved),
            self._types(resolved.get("items")),
            tuple(
                (str(key), self._types(value))
                for key, value in (properties if isinstance(properties, dict) else {}).items()
            ),
        )

    def _types(self, schema: Any, depth: int = 0) -> frozenset[str]:
        """The JSON types a schema allows, as far as `type`, `enum` and combinators tell."""
        resolved = self._resolved(schema)
        if not isinstance(resolved, dict) or depth > 8:
            return frozenset()
        declared = resolved.get("type")
        if isinstance(declared, str):
            return frozenset({declared})
        if isinstance(declared, list):
            return frozenset(str(t) for t in declared)
        if isinstance(resolved.get("enum"), list):
            return frozenset(_json_type(v) for v in resolved["enum"])
        found: set[str] = set()
        for keyword in ("allOf", "oneOf", "anyOf"):
            parts = resolved.get(keyword)
            for part in parts if isinstance(parts, list) else []:
                found |= self._types(part, depth + 1)
        return frozenset(found)

    def _resolved(self, node: Any) -> Any:
        return self.document.resolve(node)[0]


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, list):
        return "array"
    return "object" if isinstance(value, dict) else "string"
