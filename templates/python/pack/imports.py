"""Import lines of generated modules: runtime helpers, stdlib modules, models, exceptions."""

from __future__ import annotations

from typing import Any

from generator.ir import Api, BodyKind, Controller, Model, TypeKind, TypeRef

from . import index
from .index import error_class
from .operations import operation_types, wire_value
from .types import FORMAT_DECODERS, decoded_refs, formatted, model_types, referenced
from .unions import unions_in


def runtime_imports(types: list[TypeRef | None], level: str = "..") -> list[str]:
    """Import lines for the runtime helpers and stdlib modules code about `types` uses."""
    found: set[str] = set()
    for type_ in types:
        for sub in type_.walk() if type_ is not None else ():
            format_ = formatted(sub)
            if format_ in ("date", "date-time"):
                found.add("import datetime")
            if format_ == "uuid":
                found.add("import uuid")
            if format_ is not None:
                found.add(f"from {level}_values import {FORMAT_DECODERS[format_]}")
            if format_ == "date-time":
                found.add(f"from {level}_values import format_datetime")
            if format_ == "byte":
                found.add(f"from {level}_values import format_base64")
            if sub.kind is TypeKind.BINARY:
                found.add(f"from {level}_files import FileContent")
                found.add(f"from {level}_values import parse_binary")
            if sub.kind is TypeKind.ENUM:
                found.add(f"from {level}_enums import open_enum")
            if sub.kind is TypeKind.UNION:
                found.add(f"from {level}_values import to_json")
                found.add(f"from {level}_unions import DECODE_ERRORS, is_object, no_variant")
                found.add("from contextlib import suppress")
                found.add("from collections.abc import Mapping")
            if sub.kind is TypeKind.ANY or sub.kind is TypeKind.UNION:
                found.add("from typing import Any")
    return sorted(found)


def type_checking_imports(types: list[TypeRef | None], level: str = "..") -> list[str]:
    """Imports that annotations alone need (classes and stdlib types), for a TYPE_CHECKING block."""
    found: set[str] = set()
    for type_ in types:
        for sub in type_.walk() if type_ is not None else ():
            if sub.ref is not None:
                module_name, class_name = index.MODULE_NAMES[sub.ref], index.CLASS_NAMES[sub.ref]
                found.add(f"from {level}models.{module_name} import {class_name}")
            format_ = formatted(sub)
            if format_ in ("date", "date-time"):
                found.add("import datetime")
            if format_ == "uuid":
                found.add("import uuid")
            if sub.kind is TypeKind.BINARY:
                found.add(f"from {level}_files import FileContent")
            if sub.kind is TypeKind.ANY:
                found.add("from typing import Any")
    return sorted(found)


def model_imports(model: Model, api: Api) -> list[tuple[str, str]]:
    """(module, class) for each model/enum `model` uses, sorted.

    None is imported at load time: annotations see them through TYPE_CHECKING and
    `from_dict` imports those it decodes when it runs, so loading one model never loads
    the models it mentions (Stripe's `Customer` would otherwise pull in 400 modules).
    """
    found = {ref for t in model_types(model) for ref in referenced(t) if ref != model.id}
    return sorted((index.MODULE_NAMES[ref], index.CLASS_NAMES[ref]) for ref in found)


def decoded_classes(model: Model) -> list[tuple[str, str]]:
    """(module, class) of each other class `from_dict` names itself, sorted: those of the
    fields it reads and of unknown keys' values, not a union's variants (the union's
    decoder imports them)."""
    types = [f.type for f in model.fields if not f.write_only] + [model.extra]
    found = {ref for t in types for ref in decoded_refs(t) if ref != model.id}
    return sorted((index.MODULE_NAMES[ref], index.CLASS_NAMES[ref]) for ref in found)


def controller_imports(controller: Controller, api: Api) -> dict[str, Any]:
    """What a controller module imports: exceptions, models (from their modules), helpers."""
    exceptions: set[str] = set()
    models: set[tuple[str, str]] = set()
    helpers: dict[str, set[str]] = {}
    types: list[TypeRef | None] = []
    unset = False
    for op in controller.operations:
        exceptions.update(error_class(e, api) for e in op.errors)
        op_types = operation_types(op)
        types += op_types
        models.update(
            (index.MODULE_NAMES[r], index.CLASS_NAMES[r]) for t in op_types for r in referenced(t)
        )
        for param in op.parameters:
            value = wire_value(param)
            for helper in ("encode_query", "encode_simple", "encode_path", "encode_cookie"):
                if helper + "(" in value:
                    helpers.setdefault("_params", set()).add(helper)
            if "serialize(" in value:
                helpers.setdefault("_params", set()).add("serialize")
        body = op.body
        if body is not None:
            unset = unset or (not body.required and body.kind is BodyKind.JSON)
            module_name, function = {
                BodyKind.FORM: ("_forms", "encode_form"),
                BodyKind.MULTIPART: ("_multipart", "encode_multipart"),
                BodyKind.BINARY: ("_files", "file_body"),
            }.get(body.kind, ("", ""))
            if function:
                helpers.setdefault(module_name, set()).add(function)
    lines = runtime_imports(types)
    checking = [f"from ..models.{m} import {c}" for m, c in sorted(models)]
    lines += [f"from ..{m} import {', '.join(sorted(names))}" for m, names in helpers.items()]
    if unset:
        lines.append("from .._unset import UNSET")
    if exceptions:
        lines.append(f"from ..exceptions import {', '.join(sorted(exceptions))}")
    return {"lines": sorted(set(lines)), "checking": checking, "unions": unions_in(types)}
