"""Operations as methods: signatures, parameters' wire values, bodies, responses."""

from __future__ import annotations

from typing import Any

from generator.ir import (
    BodyKind,
    Controller,
    Operation,
    Parameter,
    ParamLocation,
    Response,
    TypeKind,
    TypeRef,
)

from . import index
from .index import union_function
from .names import snake
from .text import literal
from .tidy_imports import import_block
from .types import decode, decoded_refs, encode, formatted, py_type, referenced
from .unions import type_slug


def signature_params(operation: Operation) -> list[dict[str, Any]]:
    """Method parameters in call order: required body, required params, then optional ones."""
    params: list[dict[str, Any]] = []
    body = operation.body
    if body is not None and body.required:
        params.append({"name": "body", "type": py_type(body.type), "default": None, "kind": "body"})
    for param in operation.parameters:
        if param.required:
            params.append(
                {
                    "name": snake(param.name),
                    "type": _param_type(param),
                    "default": None,
                    "kind": "param",
                    "param": param,
                }
            )
    if body is not None and not body.required:
        params.append(
            {
                "name": "body",
                "type": _or_none(py_type(body.type)),
                "default": "None",
                "kind": "body",
            }
        )
    for param in operation.parameters:
        if not param.required:
            params.append(
                {
                    "name": snake(param.name),
                    "type": _or_none(_param_type(param)),
                    "default": "None",
                    "kind": "param",
                    "param": param,
                }
            )
    return params


def _or_none(text: str) -> str:
    return text if text == "Any" or text.endswith("| None") else text + " | None"


def _param_type(param: Parameter) -> str:
    return py_type(param.type)


def _is_plain_text(param: Parameter) -> bool:
    type_ = param.type
    return type_.kind is TypeKind.STRING and formatted(type_) is None and not type_.nullable


def wire_value(param: Parameter) -> str:
    """An expression for the parameter's wire value: text (path, header), or a list of
    (name, value) pairs (query, cookie), in the parameter's style."""
    name = snake(param.name)
    wire = literal(param.wire_name)
    location = param.location
    if param.content_type is not None:  # serialised as a whole, e.g. as JSON text
        value = f"serialize({name}, {literal(param.content_type)})"
        if location is ParamLocation.QUERY:
            return f"encode_query({wire}, {value})"
        if location is ParamLocation.COOKIE:
            return f"encode_cookie({wire}, {value})"
        return value
    if location is ParamLocation.QUERY:
        options = ""
        if param.style != "form":
            options += f", style={literal(param.style)}"
        if not param.explode:
            options += ", explode=False"
        if param.allow_reserved:
            options += ", allow_reserved=True"
        return f"encode_query({wire}, {name}{options})"
    if location is ParamLocation.COOKIE:
        return f"encode_cookie({wire}, {name}{'' if param.explode else ', explode=False'})"
    if location is ParamLocation.PATH:
        if param.style == "simple" and not param.explode and _is_plain_text(param):
            return name
        options = "" if param.style == "simple" else f", style={literal(param.style)}"
        options += ", explode=True" if param.explode else ""
        return f"encode_path({wire}, {name}{options})"
    if _is_plain_text(param) and not param.explode:
        return name
    return f"encode_simple({name}{', explode=True' if param.explode else ''})"


def params_in(operation: Operation, location: str) -> list[Parameter]:
    return [p for p in operation.parameters if p.location.value == location]


def body_lines(operation: Operation) -> dict[str, list[str]]:
    """How a method sends its body: `before` (statements) and `args` (keyword arguments)."""
    body = operation.body
    if body is None:
        return {"before": [], "args": []}
    optional = not body.required
    data = encode(body.type, "body")
    if body.kind is BodyKind.JSON:
        return {"before": [], "args": [f"json_body={_unless_none(data, optional, 'UNSET')}"]}
    if body.kind is BodyKind.FORM:
        styles = {e.property: (e.style, e.explode) for e in body.encodings}
        call = f"encode_form({data}{', ' + literal_tuple_map(styles) if styles else ''})"
        return {"before": [], "args": [f"content={_unless_none(call, optional, 'None')}"]}
    if body.kind is BodyKind.TEXT:
        call = 'body.encode("utf-8")'
        return {"before": [], "args": [f"content={_unless_none(call, optional, 'None')}"]}
    if body.kind is BodyKind.MULTIPART:
        types = {e.property: e.content_type for e in body.encodings if e.content_type}
        call = f"encode_multipart({data}{', ' + literal(types) if types else ''})"
    else:
        call = "file_body(body)"
    statement = "_content, _content_type = " + (
        f"(None, None) if body is None else {call}" if optional else call
    )
    return {
        "before": [statement],
        "args": ["content=_content", "content_type=_content_type"],
    }


def literal_tuple_map(value: dict[str, tuple[str, bool]]) -> str:
    """`{"a": ("deepObject", True)}` as Python source."""
    items = (f"{literal(k)}: ({literal(s)}, {e!r})" for k, (s, e) in value.items())
    return "{" + ", ".join(items) + "}"


def _unless_none(expr: str, optional: bool, missing: str) -> str:
    return f"{missing} if body is None else {expr}" if optional else expr


def result_type(operation: Operation) -> str:
    """The type of `ApiResponse.data`: every documented success's, joined."""
    parts: list[str] = []
    for response in operation.responses:
        if response.type is None or response.content_type is None:
            spelled = ["None"]
        elif response.kind is BodyKind.BINARY:
            spelled = ["bytes"]
        elif response.kind is BodyKind.TEXT:
            spelled = ["str"]
        else:
            spelled = py_type(response.type).split(" | ")
        parts.extend(p for p in spelled if p not in parts)
    if not parts:
        return "None"
    if "Any" in parts:
        return "Any"
    if "None" in parts:  # None last, as py_type spells it
        parts = [p for p in parts if p != "None"] + ["None"]
    return " | ".join(parts)


def response_decoder(response: Response, operation: Operation) -> str:
    """The decoder an OperationSpec maps a success status to (None: no JSON to decode).

    The controller template calls `decoder_sources` first, which names the decoders.
    """
    if response.type is None or response.content_type is None:
        return "None"
    if response.kind is not BodyKind.JSON:
        return "None"
    type_ = response.type
    if type_.kind is TypeKind.UNION and not type_.nullable:
        return union_function(type_)
    if referenced(type_):
        return _DECODERS[type_]
    return f"lambda data: {decode(type_, 'data')}"


_DECODERS: dict[TypeRef, str] = {}


def decoder_sources(controller: Controller) -> list[str]:
    """Module-level functions decoding the responses that need model classes, one per type:
    each imports its classes when it first runs, so loading a controller loads no model."""
    types: list[TypeRef] = []
    for op in controller.operations:
        for response in op.responses:
            type_ = response.type
            if type_ is None or response.content_type is None or type_ in types:
                continue
            if response.kind is not BodyKind.JSON or not referenced(type_):
                continue
            if type_.kind is not TypeKind.UNION or type_.nullable:
                types.append(type_)
    _DECODERS.clear()
    taken: set[str] = set()
    sources: list[str] = []
    for type_ in types:
        base = "_decode_" + type_slug(type_) + ("_or_none" if type_.nullable else "")
        name, n = base, 2
        while name in taken:
            name, n = f"{base}_{n}", n + 1
        taken.add(name)
        _DECODERS[type_] = name
        lines = [f"def {name}(data: Any) -> {py_type(type_)}:"]
        lines += import_block(
            (
                (f"..models.{index.MODULE_NAMES[r]}", (index.CLASS_NAMES[r],))
                for r in decoded_refs(type_)
            ),
            "    ",
        )
        lines.append(f"    return {decode(type_, 'data')}")
        sources.append("\n".join(lines))
    return sources


def response_kinds(operation: Operation) -> dict[str, str]:
    kinds = {BodyKind.BINARY: "bytes", BodyKind.TEXT: "text"}
    return {
        r.status: kinds[r.kind]
        for r in operation.responses
        if r.content_type is not None and r.kind in kinds
    }


def accept(operation: Operation) -> str | None:
    """The `Accept` header: every media type the operation's responses document."""
    found: list[str] = []
    for content_type in [r.content_type for r in operation.responses] + [
        e.content_type for e in operation.errors
    ]:
        if content_type and content_type not in found:
            found.append(content_type)
    return ", ".join(found) or None


def operation_types(operation: Operation) -> list[TypeRef | None]:
    types: list[TypeRef | None] = [p.type for p in operation.parameters]
    types += [r.type for r in operation.responses if r.kind is BodyKind.JSON]
    if operation.body is not None:
        types.append(operation.body.type)
    return types
