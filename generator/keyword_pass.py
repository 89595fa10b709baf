"""openapi-spec-validator's keyword pass, walked over the document's own dicts.

The library validates in two passes: the document against the OpenAPI JSON
Schema (`validate.schema_pass`), then a walk of its keywords. The walk goes
through jsonschema-path objects, which resolve every `$ref` and wrap every value
on each access, and it checks each schema against the JSON Schema metaschema in
pure Python; on the GitHub spec it took 1.2 s, the largest single cost of a
cold run. This module makes the same checks, in the same order, on the plain
document:

- no two tags share a name;
- no parameter list names one (name, in) twice, and an operation's path
  parameters are exactly the path template's;
- every schema reached from a parameter, a media type or `components/schemas`
  is valid against its dialect's metaschema (JSON Schema draft 4 for OpenAPI
  3.0; for 3.1 `$schema`, `jsonSchemaDialect` or OpenAPI's base dialect); in a
  schema with `allOf`, `required` names only properties defined somewhere in
  it; a `default` is valid against its schema.

The order matters for one check: the library visits each schema once, and
checks `required` only when a schema is reached directly (not from inside
another), so the walk keeps its order (tags, paths, components; keywords in
the library's sequence).

What it adds: every problem says where it is (a JSON pointer into the spec,
where the library gives a path inside the schema or none), and a document the
JSON Schema pass rejects cannot crash it. A metaschema check asks jsonschema-rs
first when it is installed; only a schema it rejects is checked again by
jsonschema, whose first error is the one reported, so the messages are the
library's (`tests/unit/test_keyword_pass.py` compares the two walks).
"""

from __future__ import annotations

import functools
import string
from collections.abc import Callable, Iterator
from typing import Any

from .diagnostics import Diagnostic, Level, SpecError, first_line, pointer
from .loader import follow_refs, walk

OPERATION_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_OAS31_DIALECT = "https://spec.openapis.org/oas/3.1/dialect/base"


def keyword_pass(root: dict[str, Any], version: str) -> list[Diagnostic]:
    """The keyword pass's problems in `root`, an OpenAPI `version` (3.0.x or 3.1.x) document
    whose local `$ref`s all resolve (`validate.preflight` sees to that)."""
    checks = _Walk(root, version.startswith("3.1."))
    checks.document()
    return checks.found


class _Walk:
    def __init__(self, root: dict[str, Any], v31: bool) -> None:
        self.root = root
        self.v31 = v31
        self.found: list[Diagnostic] = []
        self._reported: set[tuple[str, str]] = set()  # for `error(..., once=True)`
        # By id of the (resolved) schema, as the library does: a schema reached twice is
        # checked once, whatever the route.
        self.meta_checked: set[int] = set()
        self.visited: set[int] = set()
        self._targets: dict[str, Any] = {}
        self._resolver: Any = None

    def error(self, where: str, message: str, *, once: bool = False) -> None:
        """Report a problem; `once`: unless it was reported at `where` already (a place the
        walk reaches by several routes: a `$ref` cycle, a path's template)."""
        message = first_line(message)
        if once:
            if (where, message) in self._reported:
                return
            self._reported.add((where, message))
        self.found.append(Diagnostic(Level.ERROR, where, message))

    def resolve(self, node: Any, where: str) -> tuple[Any, str] | None:
        """`node` with its `$ref` chain followed, and where it is; None for a cycle."""
        try:
            return follow_refs(node, where, self._target)
        except SpecError as cycle:
            for problem in cycle.diagnostics:
                self.error(problem.where, problem.message, once=True)
            return None

    def _target(self, ref: str, where: str) -> Any:
        if ref not in self._targets:
            self._targets[ref] = walk(self.root, ref[1:])
        return self._targets[ref]

    # The document's parts, top down.

    def document(self) -> None:
        root = self.root
        if isinstance(root.get("tags"), list):
            self.tags(root["tags"])
        if isinstance(root.get("paths"), dict):
            for url, item in root["paths"].items():
                self.path_item(url, item, pointer("paths", url))
        components = root.get("components")
        if isinstance(components, dict) and isinstance(components.get("schemas"), dict):
            for name, schema in components["schemas"].items():
                self.schema(schema, pointer("components", "schemas", name), direct=True)

    def tags(self, tags: list[Any]) -> None:
        seen: set[Any] = set()
        for index, tag in enumerate(tags):
            name = tag.get("name") if isinstance(tag, dict) else None
            if not isinstance(name, str):
                continue
            if name in seen:
                self.error(pointer("tags", index, "name"), f"Duplicate tag name '{name}'")
            seen.add(name)

    def path_item(self, url: str, item: Any, where: str) -> None:
        resolved = self.resolve(item, where)
        if resolved is None or not isinstance(resolved[0], dict):
            return
        item, where = resolved
        shared = item.get("parameters") if "parameters" in item else None
        shared_at = where + "/parameters"
        if shared is not None:
            self.parameters(shared, shared_at)
        for method, operation in item.items():
            if method in OPERATION_METHODS:
                found = self.resolve(operation, where + pointer(method))
                if found is not None and isinstance(found[0], dict):
                    self.operation(url, method, found, (shared, shared_at))

    def operation(
        self, url: str, method: str, found: tuple[dict[str, Any], str], shared: tuple[Any, str]
    ) -> None:
        # Duplicate operationIds are `validate.duplicate_operation_ids`' to report.
        operation, where = found
        responses = operation.get("responses")
        if isinstance(responses, dict):
            for status, response in responses.items():
                self.response(response, where + pointer("responses", status))
        declared: list[str] = []
        if "parameters" in operation:
            own = operation["parameters"]
            self.parameters(own, where + "/parameters")
            declared += self.path_parameter_names(own, where + "/parameters")
        if shared[0] is not None:
            declared += self.path_parameter_names(*shared)
        try:
            in_template = {name for _, name, _, _ in string.Formatter().parse(url) if name}
        except ValueError as problem:  # e.g. an unclosed `{`; the library raised here
            self.error(pointer("paths", url), f"path template {url!r}: {problem}", once=True)
            return
        unresolved = sorted(in_template - set(declared)) + sorted(set(declared) - in_template)
        for name in unresolved:
            self.error(
                where,
                f"Path parameter '{name}' for '{method}' operation in '{url}' was not resolved",
            )

    def response(self, response: Any, where: str) -> None:
        resolved = self.resolve(response, where)
        if resolved is None or not isinstance(resolved[0], dict):
            return
        response, where = resolved
        content = response.get("content")
        if not isinstance(content, dict):
            return
        for media_type, media in content.items():
            found = self.resolve(media, where + pointer("content", media_type))
            if found is not None and isinstance(found[0], dict) and "schema" in found[0]:
                self.schema(found[0]["schema"], found[1] + "/schema", direct=True)

    def parameters(self, parameters: Any, where: str) -> None:
        if not isinstance(parameters, list):
            return
        seen: set[tuple[Any, Any]] = set()
        for index, raw in enumerate(parameters):
            resolved = self.resolve(raw, where + pointer(index))
            if resolved is None or not isinstance(resolved[0], dict):
                continue
            parameter, parameter_where = resolved
            if "schema" in parameter:
                self.schema(parameter["schema"], parameter_where + "/schema", direct=True)
            key = (parameter.get("name"), parameter.get("in"))
            if not all(isinstance(part, str) for part in key):
                continue
            if key in seen:
                self.error(parameter_where, f"Duplicate parameter '{key[0]}'")
            seen.add(key)

    def path_parameter_names(self, parameters: Any, where: str) -> Iterator[str]:
        if not isinstance(parameters, list):
            return
        for index, raw in enumerate(parameters):
            resolved = self.resolve(raw, where + pointer(index))
            if resolved is not None and isinstance(resolved[0], dict):
                parameter = resolved[0]
                if parameter.get("in") == "path" and isinstance(parameter.get("name"), str):
                    yield parameter["name"]

    # Schemas.

    def schema(self, node: Any, where: str, *, direct: bool) -> None:
        """Check a schema and, once per schema, what it contains. `direct`: reached from a
        parameter, media type or components (where the library checks the metaschema and
        `required`), not from inside another schema."""
        resolved = self.resolve(node, where)
        if resolved is None:
            return
        schema, where = resolved
        if not isinstance(schema, (dict, bool)):
            self.error(where, f"{schema!r} is not of type 'object', 'boolean'")
            return
        key = id(schema)
        if direct and key not in self.meta_checked:
            self.meta_checked.add(key)
            problem = self.metaschema_problem(schema)
            if problem is not None:
                self.error(where + problem[0], problem[1])
                return
        if key in self.visited or not isinstance(schema, dict):
            return
        self.visited.add(key)

        nested_properties: set[str] = set()
        if isinstance(schema.get("allOf"), list):
            for index, inner in enumerate(schema["allOf"]):
                self.schema(inner, where + pointer("allOf", index), direct=False)
                nested_properties |= self.properties_within(inner, where)
        for keyword in ("anyOf", "oneOf"):
            if isinstance(schema.get(keyword), list):
                for index, inner in enumerate(schema[keyword]):
                    self.schema(inner, where + pointer(keyword, index), direct=False)
        for keyword in ("not", "items"):
            if keyword in schema:
                self.schema(schema[keyword], where + pointer(keyword), direct=False)
        properties = schema.get("properties")
        if isinstance(properties, dict):
            for name, inner in properties.items():
                self.schema(inner, where + pointer("properties", name), direct=False)
        else:
            properties = {}

        required = schema.get("required")
        if direct and "allOf" in schema and isinstance(required, list):
            extra = {name for name in required if isinstance(name, str)}
            extra -= properties.keys() | nested_properties
            if extra:
                self.error(
                    where + "/required",
                    f"Required list has not defined properties: {sorted(extra)}",
                )

        if "default" in schema:
            value = schema["default"]
            if value is not None or schema.get("nullable", False) is not True:
                for at, message in self.default_problems(schema, value):
                    self.error(where + "/default" + at, message)

    def properties_within(self, node: Any, where: str) -> set[str]:
        """Every property name defined in a schema or its allOf/anyOf/oneOf/items/not."""
        names: set[str] = set()
        stack, seen = [node], set()
        while stack:
            resolved = self.resolve(stack.pop(), where)
            if resolved is None or not isinstance(resolved[0], dict) or id(resolved[0]) in seen:
                continue
            schema = resolved[0]
            seen.add(id(schema))
            if isinstance(schema.get("properties"), dict):
                names.update(name for name in schema["properties"] if isinstance(name, str))
            for keyword in ("allOf", "anyOf", "oneOf"):
                if isinstance(schema.get(keyword), list):
                    stack.extend(schema[keyword])
            stack.extend(schema[keyword] for keyword in ("items", "not") if keyword in schema)
        return names

    def default_problems(self, schema: dict[str, Any], value: Any) -> Iterator[tuple[str, str]]:
        """(where inside the default, message) of each error of `value` against `schema`, as
        openapi-schema-validator finds them: its format checker, `$ref`s resolved in the
        document."""
        from openapi_schema_validator import (
            OAS30Validator,
            OAS31Validator,
            oas30_format_checker,
            oas31_format_checker,
        )

        if self._resolver is None:
            self._resolver = _document_resolver(self.root)
        validator = (OAS31Validator if self.v31 else OAS30Validator)(
            schema,
            _resolver=self._resolver,  # private, as the library passes it: refs are the spec's
            format_checker=oas31_format_checker if self.v31 else oas30_format_checker,
        )
        try:
            errors = list(validator.iter_errors(value))
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as problem:  # noqa: BLE001 - see below
            # An unknown type, a bad pattern, a schema that is its own allOf: the library's
            # walk stops here with the exception (a RecursionError met inside `referencing`
            # even comes out as pyo3's PanicException, a BaseException). The schema's own
            # errors say what is wrong; this says what was skipped.
            yield "", f"the default could not be checked: {type(problem).__name__}"
            return
        for error in errors:
            yield pointer(*error.absolute_path), error.message

    def metaschema_problem(self, schema: dict[str, Any] | bool) -> tuple[str, str] | None:
        """(where inside `schema`, message) of its first error against its metaschema."""
        try:
            if self.v31:
                return _first_metaschema_error(self.dialect(schema), schema)
            if _fast_draft4_check()(schema):
                return None
            return _first_metaschema_error(None, schema)
        except _Unchecked as problem:
            return problem.where, str(problem)
        except (ValueError, TypeError, OverflowError, RecursionError) as problem:
            # e.g. a `pattern` Python's `re` cannot size (the library's walk stops here).
            return "", f"the schema could not be checked: {type(problem).__name__}: {problem}"

    def dialect(self, schema: dict[str, Any] | bool) -> str:
        """The JSON Schema dialect of a 3.1 schema: its `$schema`, the document's
        `jsonSchemaDialect`, else OpenAPI's base dialect."""
        if isinstance(schema, dict) and "$schema" in schema:
            if not isinstance(schema["$schema"], str):
                raise _Unchecked("/$schema", f"Unknown JSON Schema dialect: {schema['$schema']!r}")
            return schema["$schema"]
        dialect = self.root.get("jsonSchemaDialect", _OAS31_DIALECT)
        if not isinstance(dialect, str):
            raise _Unchecked("", f"Unknown JSON Schema dialect: {dialect!r}")
        return dialect


class _Unchecked(Exception):
    """A schema whose metaschema cannot be found: where (inside it) and why."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(message)
        self.where = where


def _first_metaschema_error(dialect: Any, schema: Any) -> tuple[str, str] | None:
    """jsonschema's first error for `schema` against the metaschema the library uses:
    draft 4's for OpenAPI 3.0 (`dialect` None), else `dialect`'s."""
    from jsonschema.exceptions import SchemaError
    from jsonschema.validators import validator_for
    from openapi_schema_validator import OAS30Validator, oas31_format_checker

    if dialect is None:
        check: Callable[[Any], None] = OAS30Validator.check_schema
    else:
        try:
            validator_class = validator_for({"$schema": dialect}, default=None)
        except ValueError as problem:  # e.g. "Invalid IPv6 URL", as the library reports it
            raise _Unchecked("", str(problem)) from None
        if validator_class is None:
            raise _Unchecked("", f"Unknown JSON Schema dialect: {dialect!r}")
        check = functools.partial(validator_class.check_schema, format_checker=oas31_format_checker)
    try:
        check(schema)
    except SchemaError as error:
        return pointer(*error.absolute_path), error.message
    return None


@functools.cache
def _fast_draft4_check() -> Callable[[Any], bool]:
    """Whether a schema is valid against draft 4's metaschema, by jsonschema-rs: True is
    final; on False `_first_metaschema_error` asks jsonschema why (its first error is the
    library's). Without jsonschema-rs every schema goes to jsonschema.

    jsonschema asserts only the formats its checker knows (of the metaschema's, `regex`,
    with Python's `re`); jsonschema-rs is given that very check for each format the
    metaschema uses, so the two agree on which `pattern`s are valid.
    """
    try:
        import jsonschema_rs
    except ImportError:
        return lambda schema: False
    from jsonschema import Draft4Validator
    from openapi_schema_validator import OAS30Validator

    checker = Draft4Validator.FORMAT_CHECKER

    def conforms(name: str) -> Callable[[Any], bool]:
        return lambda value: checker.conforms(value, name)

    formats = {name: conforms(name) for name in _formats_used(OAS30Validator.META_SCHEMA)}
    compiled = jsonschema_rs.Draft4Validator(
        OAS30Validator.META_SCHEMA, formats=formats, validate_formats=True
    )
    return compiled.is_valid


def _formats_used(schema: Any) -> set[str]:
    found: set[str] = set()
    stack = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("format"), str):
                found.add(node["format"])
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return found


def _document_resolver(root: dict[str, Any]) -> Any:
    """A resolver of `$ref`s against the whole document, built as jsonschema-path builds
    the library's (the document at the empty base URI, draft 2020-12 rules)."""
    from referencing import Registry
    from referencing.jsonschema import DRAFT202012

    return Registry().with_resource("", DRAFT202012.create_resource(root)).resolver(base_uri="")
