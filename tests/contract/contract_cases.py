"""The contract cases, derived from the spec (never listed by hand).

Everything a case expects (paths, headers, bodies, statuses, descriptions,
example values) is read from the raw spec document as `generator.loader`
loads it. Only the Python names a case calls (controller attribute, method,
argument names) come from the generator: the IR built from the spec and its
config pins, spelled by the Python pack's own `snake` / `controller_attr`
filters. That is exactly how the templates name them, so collision suffixes
and naming pins are followed, and an operation the generated client lacks
fails loudly with an AttributeError instead of being skipped. The public
names DESIGN.md pins are checked literally in test_contract_reference.py.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.build import build_api
from generator.config import load_config
from generator.ir import Api, Operation
from generator.loader import Document, load_document
from generator.packs import load_pack

REPO_ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = REPO_ROOT / "spec" / "thingspace-m2m.yaml"

ACCESS_TOKEN = "contract-access-token"
VZ_M2M_TOKEN = "contract-vz-m2m-token"

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
JSON = "application/json"
# Tried in order for a `default` error example: the first status the operation does not
# otherwise declare (neither as `NNN` nor as `NXX`).
UNDECLARED_STATUSES = (500, 502, 503, 418, 599)

DOCUMENT: Document = load_document(SPEC_PATH)
ROOT: dict[str, Any] = DOCUMENT.root


def resolve(node: Any) -> Any:
    return DOCUMENT.resolve(node)[0]


def schema_name(media: dict[str, Any]) -> str:
    """The component schema a media type object names with `$ref`."""
    ref = media["schema"]["$ref"]
    prefix = "#/components/schemas/"
    assert isinstance(ref, str) and ref.startswith(prefix), ref
    return ref[len(prefix) :]


def json_media(node: dict[str, Any]) -> dict[str, Any] | None:
    content = node.get("content")
    if not isinstance(content, dict) or not content:
        return None
    assert JSON in content, f"only application/json is covered, found {list(content)}"
    media = resolve(content[JSON])
    assert isinstance(media, dict)
    return media


def named_examples(media: dict[str, Any] | None) -> list[tuple[str, Any]]:
    if media is None:
        return []
    examples = resolve(media.get("examples")) or {}
    return [(str(name), resolve(example)["value"]) for name, example in examples.items()]


# -- naming, as the generator does it --------------------------------------------------

_PACK = load_pack("python")
_snake: Callable[..., Any] = _PACK.filters["snake"]
_controller_attr: Callable[..., Any] = _PACK.filters["controller_attr"]
_API: Api = build_api(DOCUMENT, load_config(SPEC_PATH))[0]


@dataclass(frozen=True)
class PythonNames:
    controller: str
    method: str
    params: dict[tuple[str, str], str]  # (location, wire name) -> argument name


def _python_names() -> dict[str, PythonNames]:
    found: dict[str, PythonNames] = {}
    for controller in _API.controllers:
        for operation in controller.operations:
            found[operation.id] = _names_of(str(_controller_attr(controller)), operation)
    return found


def _names_of(controller: str, operation: Operation) -> PythonNames:
    params = {(str(p.location), p.wire_name): str(_snake(p.name)) for p in operation.parameters}
    return PythonNames(controller, str(_snake(operation.name)), params)


NAMES = _python_names()
# Schema name -> {JSON key: Python attribute} of its generated model.
FIELD_NAMES: dict[str, dict[str, str]] = {
    model.id: {field.json_key: str(_snake(field.name)) for field in model.fields}
    for model in _API.models
}


# -- operations ------------------------------------------------------------------------


@dataclass(frozen=True)
class Param:
    location: str  # path | query | header | cookie
    name: str  # as on the wire
    argument: str  # the Python argument name
    required: bool
    example: Any


@dataclass(frozen=True)
class Op:
    operation_id: str
    method: str  # upper case
    path: str
    node: dict[str, Any]
    names: PythonNames
    params: tuple[Param, ...]
    security: tuple[str, ...]  # the scheme keys of the first requirement (AND)

    @property
    def responses(self) -> dict[str, Any]:
        return {str(k): resolve(v) for k, v in (self.node.get("responses") or {}).items()}

    def declares(self, status: int) -> bool:
        keys = set(self.responses)
        return str(status) in keys or f"{str(status)[0]}XX" in keys


def _operations() -> list[Op]:
    ops: list[Op] = []
    for path, item in ROOT["paths"].items():
        item = resolve(item)
        for method in HTTP_METHODS:
            node = item.get(method)
            if not isinstance(node, dict):
                continue
            operation_id = str(node["operationId"])
            names = NAMES[operation_id]
            params = []
            for raw in [*item.get("parameters", []), *node.get("parameters", [])]:
                param = resolve(raw)
                location, wire = str(param["in"]), str(param["name"])
                params.append(
                    Param(
                        location,
                        wire,
                        names.params[(location, wire)],
                        bool(param.get("required", False)),
                        param["example"],  # a case needs a value for every parameter
                    )
                )
            requirements = node.get("security", ROOT.get("security", []))
            security = tuple(requirements[0]) if requirements else ()
            ops.append(Op(operation_id, method.upper(), path, node, names, tuple(params), security))
    return ops


OPERATIONS = _operations()


# -- what the wire must carry --------------------------------------------------------


def auth_headers() -> dict[str, tuple[str, str]]:
    """Scheme key -> (header name, value) that the test credentials produce."""
    found: dict[str, tuple[str, str]] = {}
    for key, scheme in ROOT["components"]["securitySchemes"].items():
        scheme = resolve(scheme)
        kind = scheme["type"]
        if kind in {"oauth2", "openIdConnect"} or (
            kind == "http" and scheme.get("scheme", "").lower() == "bearer"
        ):
            found[key] = ("Authorization", f"Bearer {ACCESS_TOKEN}")
        elif kind == "apiKey" and scheme["in"] == "header":
            found[key] = (scheme["name"], VZ_M2M_TOKEN)
        else:
            raise AssertionError(f"security scheme {key!r} is not covered by the contract tests")
    return found


def expected_path(op: Op) -> str:
    path = op.path
    for param in op.params:
        if param.location == "path":
            quoted = urllib.parse.quote(str(param.example), safe="")
            path = path.replace("{" + param.name + "}", quoted)
    return path


def expected_query(op: Op) -> str:
    pairs = [(p.name, str(p.example)) for p in op.params if p.location == "query"]
    return urllib.parse.urlencode(pairs, quote_via=urllib.parse.quote)


def call_arguments(op: Op, body: Any | None, has_body: bool) -> tuple[list[Any], dict[str, Any]]:
    """Positional: a required body, then required params; keywords: everything optional."""
    request_body = resolve(op.node.get("requestBody")) or {}
    body_required = bool(request_body.get("required", False))
    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    if has_body and body_required:
        args.append(body)
    elif has_body:
        kwargs["body"] = body
    for param in op.params:
        if param.required:
            args.append(param.example)
        else:
            kwargs[param.argument] = param.example
    return args, kwargs


# -- the cases -------------------------------------------------------------------------


@dataclass(frozen=True)
class RequestCase:
    """One call per request-body example (one call when the operation has no body)."""

    op: Op
    example: str | None  # None: the operation has no request body example
    body_schema: str | None
    body: Any
    response_status: int
    response_schema: str
    response_body: Any  # the first example of the lowest success response

    @property
    def id(self) -> str:
        return f"{self.op.operation_id}-{self.example or 'no-body'}"


@dataclass(frozen=True)
class ResponseCase:
    """One call per named example of a success response."""

    op: Op
    status: int
    example: str
    schema: str
    body: Any

    @property
    def id(self) -> str:
        return f"{self.op.operation_id}-{self.status}-{self.example}"


@dataclass(frozen=True)
class ErrorCase:
    """One call per named example of an error response (`default` included)."""

    op: Op
    key: str  # the response key: "404", "4XX" or "default"
    status: int  # the status the mock answers with
    example: str
    description: str
    schema: str
    body: Any

    @property
    def id(self) -> str:
        return f"{self.op.operation_id}-{self.key}-{self.example}"


def _success(op: Op) -> tuple[int, str, list[tuple[str, Any]]]:
    statuses = sorted(k for k in op.responses if k.isdigit() and k.startswith("2"))
    assert statuses, f"{op.operation_id} declares no success status"
    media = json_media(op.responses[statuses[0]])
    assert media is not None, f"{op.operation_id}: a success response without a body"
    return int(statuses[0]), schema_name(media), named_examples(media)


def undeclared_status(op: Op) -> int:
    return next(s for s in UNDECLARED_STATUSES if not op.declares(s))


def _request_cases() -> Iterator[RequestCase]:
    for op in OPERATIONS:
        status, response_schema, response_examples = _success(op)
        assert response_examples, f"{op.operation_id}: the success response has no example"
        response_body = response_examples[0][1]
        request_body = resolve(op.node.get("requestBody"))
        media = json_media(request_body) if request_body else None
        examples = named_examples(media)
        if media is not None:
            assert examples, f"{op.operation_id}: a request body without a named example"
            for name, value in examples:
                yield RequestCase(
                    op, name, schema_name(media), value, status, response_schema, response_body
                )
        else:
            yield RequestCase(op, None, None, None, status, response_schema, response_body)


def _response_cases() -> Iterator[ResponseCase]:
    for op in OPERATIONS:
        for key, response in op.responses.items():
            if not (key.isdigit() and key.startswith("2")):
                continue
            media = json_media(response)
            for name, value in named_examples(media):
                assert media is not None
                yield ResponseCase(op, int(key), name, schema_name(media), value)


def _error_cases() -> Iterator[ErrorCase]:
    for op in OPERATIONS:
        for key, response in op.responses.items():
            if key.startswith("2"):
                continue
            media = json_media(response)
            if key == "default":
                status = undeclared_status(op)
            elif key.endswith("XX"):
                status = int(key[0]) * 100 + 99
            else:
                status = int(key)
            for name, value in named_examples(media):
                assert media is not None
                description = str(response["description"])
                yield ErrorCase(op, key, status, name, description, schema_name(media), value)


REQUEST_CASES = list(_request_cases())
RESPONSE_CASES = list(_response_cases())
ERROR_CASES = list(_error_cases())


# -- an independent count, for the coverage test ---------------------------------------


def count_examples() -> dict[str, list[tuple[str, str, str]]]:
    """Every named example under `paths`, found by walking the tree (not by the code above).

    Returns (operationId, response key or "", example name) triples grouped as
    "request", "success" and "error".
    """
    found: dict[str, list[tuple[str, str, str]]] = {"request": [], "success": [], "error": []}

    def walk(node: Any, trail: tuple[str, ...]) -> None:
        node = resolve(node)
        if isinstance(node, dict):
            for key, child in node.items():
                if key == "schema":  # schema `examples` are lists of values, not named examples
                    continue
                if key == "example" and len(trail) > 1 and trail[-2] == "content":
                    # a media type's lone `example`: the cases above read named ones only
                    raise AssertionError(f"unnamed example at {'/'.join(trail)}: name it")
                if key == "examples" and isinstance(child, dict):
                    record(trail, [str(name) for name in resolve(child)])
                else:
                    walk(child, (*trail, str(key)))
        elif isinstance(node, list):
            for index, child in enumerate(node):
                walk(child, (*trail, str(index)))

    def record(trail: tuple[str, ...], names: list[str]) -> None:
        # trail: paths, <path>, <method>, then requestBody/content/<type> or
        # responses/<key>/content/<type>; anything else (parameters, headers) is not covered.
        where = "/".join(trail)
        assert len(trail) > 4 and trail[2] in HTTP_METHODS, f"uncovered examples at {where}"
        operation_id = str(resolve(ROOT["paths"][trail[1]])[trail[2]]["operationId"])
        if trail[3] == "requestBody":
            found["request"] += [(operation_id, "", name) for name in names]
        elif trail[3] == "responses" and trail[5] == "content":
            key = trail[4]
            group = "success" if key.startswith("2") else "error"
            found[group] += [(operation_id, key, name) for name in names]
        else:
            raise AssertionError(f"uncovered examples at {where}")

    walk(ROOT["paths"], ("paths",))
    return found
