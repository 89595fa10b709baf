"""Is the spec a valid OpenAPI description we can generate from? (the `validate` stage)

openapi-spec-validator checks the document against the OpenAPI schema; our own
checks then catch what it accepts but a client generator cannot: duplicate
operationIds, and examples that contradict their own schema (a contract test
built on such an example would test nothing).
"""

from __future__ import annotations

import functools
import importlib.util
import json
import os
from collections.abc import Callable, Iterator
from typing import Any

from .diagnostics import Diagnostic, Level, first_line, has_errors, pointer
from .keyword_pass import OPERATION_METHODS, keyword_pass
from .loader import Document, walk


def validate(document: Document) -> list[Diagnostic]:
    """Every problem found in `document`, errors and warnings, sorted by place.

    The same verdict as `background.start_validation(document).result()`, which
    runs openapi-spec-validator in a child process instead.
    """
    early = preflight(document)
    if early:
        return early
    version = str(document.root["openapi"])
    found = duplicate_operation_ids(document.root) + openapi_passes(document.root, version)
    return verdict(found, lambda: semantic_checks(document))


def validate_cached(document: Document) -> list[Diagnostic]:
    """`validate(document)`, reusing the verdict recorded for the same sources (see `cache`)."""
    from .cache import lookup_diagnostics, record_diagnostics

    key = cache_key(document)
    recorded = lookup_diagnostics(key)
    if recorded is not None:
        return sorted(recorded)
    found = validate(document)
    record_diagnostics(key, found)
    return found


def cache_key(document: Document) -> str:
    """The document's SHA-256 plus its source names (for a spec split over files).

    `cache` adds a fingerprint of the validators' code, so a changed spec,
    validator or check is always validated afresh.
    """
    names = ",".join(os.path.relpath(source, document.path.parent) for source in document.sources)
    return f"{document.sha256}:{names}"


def preflight(document: Document) -> list[Diagnostic]:
    """The problems that stop validation before openapi-spec-validator runs (else empty):
    Swagger 2.0, another OpenAPI version, and `$ref`s pointing at nothing (on which
    openapi-spec-validator raises instead of reporting)."""
    root = document.root
    version = str(root.get("openapi") or "")
    if "swagger" in root:
        return [
            Diagnostic(
                Level.ERROR,
                "/swagger",
                "Swagger 2.0 is not supported; convert the spec to OpenAPI 3",
            )
        ]
    if not version.startswith(("3.0.", "3.1.")):
        return [
            Diagnostic(
                Level.ERROR,
                "/openapi",
                f"unsupported OpenAPI version {version!r} (3.0 and 3.1 are)",
            )
        ]
    return sorted(_dangling_refs(document))


def verdict(
    structural: list[Diagnostic], semantic: Callable[[], list[Diagnostic]]
) -> list[Diagnostic]:
    """Sorted diagnostics: the structural ones, plus `semantic()`'s when none is an error
    (the semantic checks assume a structurally valid document)."""
    if has_errors(structural):
        return sorted(structural)
    return sorted(structural + semantic())


def semantic_checks(document: Document) -> list[Diagnostic]:
    """Our checks of what a client generator needs beyond a valid document."""
    version = str(document.root["openapi"])
    return [*_session_login_errors(document), *_example_errors(document, version)]


def openapi_passes(root: dict[str, Any], version: str) -> list[Diagnostic]:
    """openapi-spec-validator's verdict: the document against the OpenAPI JSON Schema
    (`json_schema_pass`), then the library's keyword pass (refs followed, schemas and
    defaults checked), which `keyword_pass` makes as the library does, faster and with
    places.

    The keyword pass assumes a document the first pass accepts; should it fail on one
    the first pass rejects, the first pass's errors say what is wrong.
    """
    found = json_schema_pass(root, version)
    try:
        found += keyword_pass(root, version)
    except Exception:
        if not found:
            raise
    return found


def json_schema_pass(root: dict[str, Any], version: str) -> list[Diagnostic]:
    """The document against openapi-spec-validator's OpenAPI JSON Schema."""
    compiled = _compiled_openapi_schema(version)
    if compiled is not None:
        return [
            Diagnostic(Level.ERROR, pointer(*error.instance_path), first_line(error.message))
            for error in compiled.iter_errors(root)
        ]
    from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator

    validator_class = (
        OpenAPIV31SpecValidator if version.startswith("3.1.") else OpenAPIV30SpecValidator
    )
    validator = validator_class(root)
    return [
        Diagnostic(Level.ERROR, pointer(*error.absolute_path), first_line(error.message))
        for error in validator.schema_validator.iter_errors(validator.schema)
    ]


@functools.cache
def _compiled_openapi_schema(version: str) -> Any:
    """openapi-spec-validator's OpenAPI JSON Schema compiled by jsonschema-rs, or None
    when that is not installed (the library's pure-Python pass is then used).

    jsonschema-rs takes the JSON Schema pass from about a second to a few
    milliseconds on large specs. It is built here rather than through the
    library's own jsonschema-rs backend because that one also asserts `format`,
    which the pure-Python pass does not: with it, a contact email the validator
    thinks malformed, or a `pattern` its regex engine cannot compile, would make
    a spec invalid on one machine and valid on another.
    """
    try:
        import jsonschema_rs
    except ImportError:
        return None
    schema = openapi_json_schema(version)
    return jsonschema_rs.validator_cls_for(schema)(schema, validate_formats=False)


def openapi_json_schema(version: str) -> dict[str, Any]:
    """openapi-spec-validator's OpenAPI JSON Schema for `version`, read from the package's
    files: importing the package (its settings load pydantic) would cost 0.3 s."""
    package = importlib.util.find_spec("openapi_spec_validator")
    if package is None or package.origin is None:
        raise ImportError("openapi-spec-validator is not installed")
    folder = "v3.1" if version.startswith("3.1.") else "v3.0"
    path = os.path.join(
        os.path.dirname(package.origin), "resources", "schemas", folder, "schema.json"
    )
    with open(path, encoding="utf-8") as handle:
        schema: dict[str, Any] = json.load(handle)
    return schema


def _resolves(root: Any, ref: str) -> bool:
    try:
        walk(root, ref[1:])
    except (LookupError, ValueError):
        return False
    return True


def _dangling_refs(document: Document) -> Iterator[Diagnostic]:
    """Every local `$ref` must point at something."""
    local = (ref for ref in document.refs() if ref.startswith("#"))
    if all(_resolves(document.root, ref) for ref in local):
        return  # the usual case: each distinct ref checked once, no places needed
    stack: list[tuple[Any, str]] = [(document.root, "")]
    while stack:
        node, where = stack.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#"):
                try:
                    walk(document.root, ref[1:])
                except (LookupError, ValueError):
                    yield Diagnostic(
                        Level.ERROR, where + "/$ref", f"$ref {ref!r} points at nothing"
                    )
            stack.extend((value, where + pointer(key)) for key, value in node.items())
        elif isinstance(node, list):
            stack.extend((value, where + pointer(index)) for index, value in enumerate(node))


def duplicate_operation_ids(root: dict[str, Any]) -> list[Diagnostic]:
    """openapi-spec-validator reports these without a place; ours say where."""
    found: list[Diagnostic] = []
    seen: dict[str, str] = {}
    for where, operation in _operations(root):
        op_id = operation.get("operationId")
        if not isinstance(op_id, str):
            continue
        if op_id in seen:
            found.append(
                Diagnostic(
                    Level.ERROR,
                    where + "/operationId",
                    f"operationId {op_id!r} is used twice (first at {seen[op_id]})",
                )
            )
        else:
            seen[op_id] = where
    return found


def _session_login_errors(document: Document) -> Iterator[Diagnostic]:
    """`x-session-login` must name a login operation with a body and a token in its response."""
    schemes = (document.root.get("components") or {}).get("securitySchemes") or {}
    operations = {op.get("operationId"): (where, op) for where, op in _operations(document.root)}
    for key, scheme in schemes.items():
        if not isinstance(scheme, dict) or "x-session-login" not in scheme:
            continue
        where = pointer("components", "securitySchemes", key, "x-session-login")
        login = scheme["x-session-login"]
        if scheme.get("type") != "apiKey":
            yield Diagnostic(Level.ERROR, where, "x-session-login only applies to apiKey schemes")
            continue
        if not (
            isinstance(login, dict)
            and isinstance(login.get("operationId"), str)
            and isinstance(login.get("tokenField"), str)
        ):
            yield Diagnostic(Level.ERROR, where, "needs operationId and tokenField (strings)")
            continue
        if login["operationId"] not in operations:
            yield Diagnostic(
                Level.ERROR,
                where + "/operationId",
                f"no operation has operationId {login['operationId']!r}",
            )
            continue
        op_where, operation = operations[login["operationId"]]
        if "requestBody" not in operation:
            yield Diagnostic(
                Level.ERROR, op_where, "a session login operation needs a request body"
            )
        if login["tokenField"] not in _success_properties(document, operation, op_where):
            yield Diagnostic(
                Level.ERROR,
                where + "/tokenField",
                f"the login response has no property {login['tokenField']!r}",
            )


def _success_properties(document: Document, operation: dict[str, Any], where: str) -> set[str]:
    names: set[str] = set()
    for status, raw in (operation.get("responses") or {}).items():
        if not str(status).startswith("2"):
            continue
        response, response_where = document.resolve(raw, where + pointer("responses", status))
        for media in (response.get("content") or {}).values():
            schema, _ = document.resolve(media.get("schema") or {}, response_where)
            names.update((schema.get("properties") or {}) if isinstance(schema, dict) else ())
    return names


def _example_errors(document: Document, version: str) -> Iterator[Diagnostic]:
    from openapi_schema_validator import OAS30Validator, OAS31Validator

    validator_class = OAS31Validator if version.startswith("3.1.") else OAS30Validator
    for where, schema, value in _examples(document):
        resolved = _with_components(schema, document.root)
        error = next(iter(validator_class(resolved).iter_errors(value)), None)
        if error is not None:
            at = pointer(*error.absolute_path)
            yield Diagnostic(
                Level.WARNING,
                where,
                f"example does not match its schema at {at or '/'}: {first_line(error.message)}",
            )


def _with_components(schema: Any, root: dict[str, Any]) -> Any:
    """A schema that can resolve `#/components/...` refs on its own."""
    if isinstance(schema, dict) and "components" in root:
        return {**schema, "components": root["components"]}
    return schema


def _examples(document: Document) -> Iterator[tuple[str, Any, Any]]:
    """(where, schema, value) for every example attached to a media type or parameter."""
    for where, operation in _operations(document.root):
        for index, raw in enumerate(operation.get("parameters") or []):
            param, param_where = document.resolve(raw, where + pointer("parameters", index))
            if "example" in param and "schema" in param:
                yield param_where + "/example", param["schema"], param["example"]
        if "requestBody" in operation:
            body, body_where = document.resolve(operation["requestBody"], where + "/requestBody")
            yield from _media_examples(document, body.get("content") or {}, body_where)
        for status, raw in (operation.get("responses") or {}).items():
            response, response_where = document.resolve(raw, where + pointer("responses", status))
            yield from _media_examples(document, response.get("content") or {}, response_where)


def _media_examples(
    document: Document, content: dict[str, Any], where: str
) -> Iterator[tuple[str, Any, Any]]:
    for media_type, media in content.items():
        media_where = where + pointer("content", media_type)
        schema = media.get("schema")
        if schema is None or not media_type.split(";")[0].strip().endswith("json"):
            continue
        if "example" in media:
            yield media_where + "/example", schema, media["example"]
        for name, raw in (media.get("examples") or {}).items():
            example, example_where = document.resolve(raw, media_where + pointer("examples", name))
            if isinstance(example, dict) and "value" in example:
                yield example_where + "/value", schema, example["value"]


def _operations(root: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for path, item in (root.get("paths") or {}).items():
        if not isinstance(item, dict):
            continue
        for method in OPERATION_METHODS:
            if isinstance(item.get(method), dict):
                yield pointer("paths", path, method), item[method]
