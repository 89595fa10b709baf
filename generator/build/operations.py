"""Paths -> controllers and operations, with their parameters, bodies, responses and errors."""

from __future__ import annotations

import re
from typing import Any

from ..diagnostics import Diagnostic, Level, pointer
from ..ir import (
    BodyKind,
    Controller,
    Encoding,
    ErrorMapping,
    ErrorType,
    Example,
    HttpMethod,
    Name,
    Operation,
    Parameter,
    ParamLocation,
    RequestBody,
    Response,
    SecurityRequirement,
    Server,
    TypeKind,
    TypeRef,
)
from ..loader import Document
from ..naming import NameScope, make_name, split_words, with_suffix
from .schemas import SchemaBuilder, constraints_of
from .security import servers

_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_DEFAULT_STYLE = {"path": "simple", "header": "simple", "query": "form", "cookie": "form"}
# The styles OpenAPI defines for each location.
_STYLES = {
    "path": ("simple", "label", "matrix"),
    "query": ("form", "spaceDelimited", "pipeDelimited", "deepObject"),
    "header": ("simple",),
    "cookie": ("form",),
}
_JSON_TYPES = ("application/json",)
_DEFAULT_TAG = "default"
_FORM = "application/x-www-form-urlencoded"
# Path segments that say nothing about what an operation acts on (`/v1/customers` -> customers).
_VERSION_SEGMENT = re.compile(r"v\d+(\.\d+)*|api|rest", re.IGNORECASE)


class OperationBuilder:
    def __init__(
        self, document: Document, schemas: SchemaBuilder, pins: dict[str, tuple[str, ...]]
    ) -> None:
        self.document = document
        self.schemas = schemas
        self.pins = pins
        self.diagnostics: list[Diagnostic] = []
        self.errors: dict[str, ErrorType] = {}

    def controllers(self) -> tuple[Controller, ...]:
        root = self.document.root
        tag_docs = {str(t.get("name")): t for t in root.get("tags") or [] if isinstance(t, dict)}
        grouped: dict[str, list[Operation]] = {name: [] for name in tag_docs}
        method_names: dict[str, NameScope] = {}
        paths = root.get("paths") or {}
        # A spec that tags no operation at all (Stripe) is grouped by resource instead.
        untagged = not any(
            isinstance(node, dict) and node.get("tags")
            for item in paths.values()
            if isinstance(item, dict)
            for node in item.values()
        )
        for path, item in paths.items():
            item_where = pointer("paths", path)
            item, item_where = self.document.resolve(item, item_where)
            for method in _METHODS:
                node = item.get(method)
                if not isinstance(node, dict):
                    continue
                where = item_where + pointer(method)
                tags = node.get("tags") or [_resource(path) if untagged else _DEFAULT_TAG]
                tag = str(tags[0])
                scope = method_names.setdefault(tag, NameScope())
                grouped.setdefault(tag, []).append(
                    self._operation(path, method, item, node, where, scope)
                )
        controller_names = NameScope()
        controllers = []
        for tag, operations in grouped.items():
            if not operations:
                continue
            name, _ = controller_names.claim(make_name(tag, self.pins))
            description = str((tag_docs.get(tag) or {}).get("description") or "").strip()
            controllers.append(Controller(name, description, tuple(operations)))
        return tuple(controllers)

    # -- one operation ------------------------------------------------------------

    def _operation(
        self,
        path: str,
        method: str,
        item: dict[str, Any],
        node: dict[str, Any],
        where: str,
        scope: NameScope,
    ) -> Operation:
        op_id = node.get("operationId") or "_".join((method, *split_words(path)))
        own_servers = self._own_servers(item, node, where)
        if node.get("callbacks"):
            self._warn(
                where + pointer("callbacks"),
                "callbacks are requests the API makes, not the client: none is generated",
            )
        name, renamed = scope.claim(make_name(op_id, self.pins))
        if renamed:
            self._warn(
                where + pointer("operationId"),
                f"{op_id!r} collides with another method after case conversion; renamed",
            )
        param_names = NameScope()
        body = self._body(node, where, name)
        if body is not None:
            param_names.claim(Name("body", ("body",)))
        parameters = self._parameters(item, node, where, name, param_names)
        responses, errors = self._responses(node, where, name)
        security_node = node.get("security", self.document.root.get("security") or [])
        security = tuple(
            SecurityRequirement(tuple(req)) for req in security_node if isinstance(req, dict)
        )
        return Operation(
            id=op_id,
            name=name,
            summary=str(node.get("summary") or "").strip(),
            description=str(node.get("description") or "").strip(),
            method=HttpMethod(method.upper()),
            path=path,
            parameters=parameters,
            body=body,
            responses=responses,
            errors=errors,
            security=security,
            where=where,
            deprecated=bool(node.get("deprecated")),
            servers=own_servers,
        )

    def _own_servers(
        self, item: dict[str, Any], node: dict[str, Any], where: str
    ) -> tuple[Server, ...]:
        """The servers of an operation (else of its path) when they are not the API's own."""
        for owner, owner_where in ((node, where), (item, where.rsplit("/", 1)[0])):
            declared = owner.get("servers")
            if not isinstance(declared, list) or not declared:
                continue
            if declared == (self.document.root.get("servers") or []):
                return ()  # the same as the API's (Twilio repeats them on every path)
            found = servers({"servers": declared}, self.pins)
            if not _absolute(found[0]):
                self._warn(
                    owner_where + pointer("servers", 0, "url"),
                    "a relative server URL on a path or operation is not supported; the"
                    " client's base URL is used",
                )
                return ()
            return found
        return ()

    def _parameters(
        self,
        item: dict[str, Any],
        node: dict[str, Any],
        where: str,
        op_name: Name,
        scope: NameScope,
    ) -> tuple[Parameter, ...]:
        merged: dict[tuple[str, str], tuple[dict[str, Any], str]] = {}
        for owner, owner_where in ((item, where.rsplit("/", 1)[0]), (node, where)):
            for index, raw in enumerate(owner.get("parameters") or []):
                param, param_where = self.document.resolve(
                    raw, owner_where + pointer("parameters", index)
                )
                merged[(param["in"], param["name"])] = (param, param_where)
        params: list[Parameter] = []
        ordered = sorted(merged.values(), key=lambda p: not p[0].get("required", False))
        for param, param_where in ordered:
            location = ParamLocation(param["in"])
            if location is ParamLocation.HEADER and param["name"].lower() in (
                "accept",
                "content-type",
                "authorization",
            ):
                continue  # OpenAPI says these are ignored as parameters; the client sets them
            pname, renamed = scope.claim(make_name(param["name"], self.pins))
            if renamed:
                self._warn(
                    param_where,
                    f"parameter {param['name']!r} collides with another after case conversion;"
                    " renamed",
                )
            schema = param.get("schema")
            content_type = None
            if schema is None and isinstance(param.get("content"), dict) and param["content"]:
                content_type = str(next(iter(param["content"])))
                media: dict[str, Any] = param["content"][content_type] or {}
                schema = media.get("schema")
            resolved_schema, _ = self.document.resolve(schema or {}, param_where)
            if not isinstance(resolved_schema, dict):
                resolved_schema = {}
            style = param.get("style") or _DEFAULT_STYLE[location.value]
            if style not in _STYLES[location.value]:
                self._warn(
                    param_where + pointer("style"),
                    f"style {style!r} is not defined for {location.value} parameters;"
                    f" {_DEFAULT_STYLE[location.value]!r} is used",
                )
                style = _DEFAULT_STYLE[location.value]
            params.append(
                Parameter(
                    name=pname,
                    wire_name=param["name"],
                    location=location,
                    required=bool(param.get("required")) or location is ParamLocation.PATH,
                    type=self.schemas.type_of(
                        schema, param_where + pointer("schema"), with_suffix(op_name, *pname.words)
                    ),
                    description=str(param.get("description") or "").strip(),
                    style=style,
                    explode=bool(param.get("explode", style == "form")),
                    constraints=constraints_of(resolved_schema),
                    example=param.get("example"),
                    has_example="example" in param,
                    deprecated=bool(param.get("deprecated")),
                    allow_reserved=bool(param.get("allowReserved")),
                    content_type=content_type,
                    has_default="default" in resolved_schema,
                    default=resolved_schema.get("default"),
                )
            )
        return tuple(params)

    def _body(self, node: dict[str, Any], where: str, op_name: Name) -> RequestBody | None:
        if "requestBody" not in node:
            return None
        body, body_where = self.document.resolve(
            node["requestBody"], where + pointer("requestBody")
        )
        content = body.get("content") or {}
        if not content:
            return None
        content_type = _preferred(content)
        media, media_where = self.document.resolve(
            content[content_type], body_where + pointer("content", content_type)
        )
        kind = body_kind(content_type)
        schema = media.get("schema")
        context = with_suffix(op_name, "Request")
        if kind is BodyKind.JSON or kind is BodyKind.FORM or kind is BodyKind.MULTIPART:
            type_ = self.schemas.type_of(schema, media_where + pointer("schema"), context)
        elif kind is BodyKind.TEXT:
            type_ = TypeRef(TypeKind.STRING)
            if _essence(content_type).endswith("xml"):
                self._warn(
                    body_where + pointer("content", content_type),
                    "XML bodies are not modelled; the body is sent as the text given",
                )
        else:
            type_ = TypeRef(TypeKind.BINARY)
        return RequestBody(
            content_type=content_type,
            type=type_,
            required=bool(body.get("required")),
            description=str(body.get("description") or "").strip(),
            examples=self._examples(media, media_where),
            kind=kind,
            encodings=self._encodings(media, media_where, kind),
        )

    def _encodings(self, media: dict[str, Any], where: str, kind: BodyKind) -> tuple[Encoding, ...]:
        if kind is not BodyKind.FORM and kind is not BodyKind.MULTIPART:
            return ()
        found: list[Encoding] = []
        for key, raw in (media.get("encoding") or {}).items():
            if not isinstance(raw, dict):
                continue
            style = str(raw.get("style") or "form")
            if style not in _STYLES["query"]:
                self._warn(
                    where + pointer("encoding", key, "style"),
                    f"style {style!r} is not defined for form fields; 'form' is used",
                )
                style = "form"
            found.append(
                Encoding(
                    property=str(key),
                    style=style,
                    explode=bool(raw.get("explode", style == "form")),
                    content_type=str(raw["contentType"]) if raw.get("contentType") else None,
                    allow_reserved=bool(raw.get("allowReserved")),
                )
            )
        return tuple(found)

    def _responses(
        self, node: dict[str, Any], where: str, op_name: Name
    ) -> tuple[tuple[Response, ...], tuple[ErrorMapping, ...]]:
        responses_node = node.get("responses") or {}
        has_success = any(str(status).startswith("2") for status in responses_node)
        successes: list[Response] = []
        errors: list[ErrorMapping] = []
        for status, raw in responses_node.items():
            status = str(status).upper()
            response, response_where = self.document.resolve(
                raw, where + pointer("responses", status)
            )
            description = str(response.get("description") or "").strip()
            content = response.get("content") or {}
            content_type = _preferred(content) if content else None
            media: dict[str, Any] = {}
            media_where = response_where
            if content_type is not None:
                media, media_where = self.document.resolve(
                    content[content_type], response_where + pointer("content", content_type)
                )
            examples = self._examples(media, media_where)
            is_success = status.startswith("2") or (status == "DEFAULT" and not has_success)
            key = "default" if status == "DEFAULT" else status
            if is_success:
                kind = body_kind(content_type) if content_type else BodyKind.JSON
                schema = media.get("schema")
                type_: TypeRef | None = None
                if content_type is None:
                    type_ = None
                elif kind is BodyKind.TEXT:
                    type_ = TypeRef(TypeKind.STRING)
                elif kind is not BodyKind.JSON:
                    kind, type_ = BodyKind.BINARY, TypeRef(TypeKind.BINARY)
                elif schema is not None:
                    type_ = self.schemas.type_of(
                        schema, media_where + pointer("schema"), with_suffix(op_name, "Response")
                    )
                else:
                    type_ = TypeRef(TypeKind.ANY)  # JSON of no documented shape
                successes.append(
                    Response(key, description, content_type, type_, examples, kind=kind)
                )
            else:
                error_id = self._error_type(media.get("schema"), media_where, op_name)
                errors.append(ErrorMapping(key, description, error_id, content_type, examples))
        successes.sort(key=lambda r: (r.status == "default", r.status))
        return tuple(successes), tuple(errors)

    def _error_type(self, schema: Any, where: str, op_name: Name) -> str | None:
        """The exception type for an error schema: one per model, named `<Model>Exception`."""
        if schema is None:
            return None
        type_ = self.schemas.type_of(
            schema, where + pointer("schema"), with_suffix(op_name, "Error")
        )
        if type_.kind is not TypeKind.MODEL or type_.ref is None:
            return None
        if type_.ref not in self.errors:
            model = self.schemas.models[type_.ref]
            name, _ = self.schemas.class_names.claim(with_suffix(model.name, "Exception"))
            self.errors[type_.ref] = ErrorType(type_.ref, name, type_.ref, model.description)
        return type_.ref

    def _examples(self, media: dict[str, Any], where: str) -> tuple[Example, ...]:
        found: list[Example] = []
        for ex_name, raw in (media.get("examples") or {}).items():
            example, _ = self.document.resolve(raw, where + pointer("examples", ex_name))
            if isinstance(example, dict) and "value" in example:
                found.append(
                    Example(
                        str(ex_name), str(example.get("summary") or "").strip(), example["value"]
                    )
                )
        if not found and "example" in media:
            found.append(Example("example", "", media["example"]))
        return tuple(found)

    def _warn(self, where: str, message: str) -> None:
        self.diagnostics.append(Diagnostic(Level.WARNING, where, message))


def _preferred(content: dict[str, Any]) -> str:
    """JSON when the operation offers it, then a form, then multipart, else the first listed."""
    kinds = {media_type: body_kind(media_type) for media_type in content}
    for wanted in (BodyKind.JSON, BodyKind.FORM, BodyKind.MULTIPART):
        for media_type, kind in kinds.items():
            if kind is wanted:
                return media_type
    return next(iter(content))


def _essence(media_type: str) -> str:
    return media_type.split(";")[0].strip().lower()


def body_kind(media_type: str) -> BodyKind:
    """How a body of `media_type` travels: JSON, a form, multipart, text or raw bytes."""
    essence = _essence(media_type)
    if essence in _JSON_TYPES or essence.endswith("+json"):
        return BodyKind.JSON
    if essence == _FORM:
        return BodyKind.FORM
    if essence.startswith("multipart/"):
        return BodyKind.MULTIPART
    if essence.startswith("text/") or essence.endswith(("/xml", "+xml")):
        return BodyKind.TEXT
    return BodyKind.BINARY


def _absolute(server: Server) -> bool:
    url = server.url
    for variable in server.variables:
        url = url.replace("{" + variable.name.original + "}", variable.default)
    return url.startswith(("http://", "https://"))


def _resource(path: str) -> str:
    """The group of an untagged operation: its path's first meaningful segment."""
    for segment in path.split("/"):
        if segment and not segment.startswith("{") and not _VERSION_SEGMENT.fullmatch(segment):
            return segment
    return _DEFAULT_TAG
