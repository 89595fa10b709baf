"""Python spelling of the IR: names, types, literals, docstrings, (de)serialisation code.

Every string that comes from the spec reaches generated code through one of
the literal/docstring/comment filters here, so a description holding `\"\"\"`,
a backslash or a Jinja delimiter can never turn into code.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import math
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import unicodedata
from pathlib import Path
from typing import Any

from generator.ir import (
    Api,
    BodyKind,
    Controller,
    ErrorMapping,
    Field,
    Model,
    Name,
    Operation,
    Parameter,
    ParamLocation,
    Response,
    SchemeKind,
    SecurityScheme,
    Server,
    TypeKind,
    TypeRef,
)
from generator.naming import split_words

_PRIMITIVE_TYPES = {
    TypeKind.STRING: "str",
    TypeKind.INTEGER: "int",
    TypeKind.NUMBER: "float",
    TypeKind.BOOLEAN: "bool",
    TypeKind.ANY: "Any",
}
# Python's hard keywords, spelled out rather than read from `keyword` so that the output does
# not depend on the Python running the generator. Soft keywords (match, case, type) are valid
# identifiers and stay as they are.
_KEYWORDS = frozenset(
    "False None True and as assert async await break class continue def del elif else except"
    " finally for from global if import in is lambda nonlocal not or pass raise return try while"
    " with yield".split()
)
# Names a generated module defines or imports itself; a field or parameter may not shadow them
# (a model field named `field` would hide dataclasses.field inside the class body, one named
# `list` the builtin in the annotations after it, one named `datetime` the module).
_RESERVED = _KEYWORDS | {
    "classmethod",
    "staticmethod",
    "property",
    "cached_property",
    "str",
    "int",
    "float",
    "bool",
    "bytes",
    "list",
    "dict",
    "datetime",
    "uuid",
    "self",
    "cls",
    "options",
    "body",
    "field",
    "to_dict",
    "from_dict",
    "additional_properties",
    # runtime helpers a method body calls: a parameter of the same name would hide them
    "encode_cookie",
    "encode_form",
    "encode_multipart",
    "encode_path",
    "encode_query",
    "encode_simple",
    "file_body",
    "serialize",
    "open_enum",
}
# Class names the generated package uses itself (runtime classes, typing names, builtins its
# code catches): a model or exception from the spec may not take them.
_RESERVED_CLASSES = _KEYWORDS | {
    "Any",
    "Mapping",
    "TYPE_CHECKING",
    "ApiError",
    "ApiException",
    "ApiResponse",
    "ApiConnectionError",
    "ApiTimeoutError",
    "ApiDecodeError",
    "MissingCredentialError",
    "OAuthProviderException",
    "TooManyRedirects",
    "ClientCore",
    "OperationSpec",
    "ErrorSpec",
    "RequestOptions",
    "RetryPolicy",
    "Timeout",
    "Unset",
    "UNSET",
    "Environment",
    "File",
    "FileContent",
    "Encoded",
    "Exception",
    "BaseException",
    "AttributeError",
    "KeyError",
    "TypeError",
    "ValueError",
}


# -- names ---------------------------------------------------------------------


def _identifier_chars(text: str) -> str:
    """`text` NFKC-normalised as Python reads identifiers (`ﬁ` is `fi`), with every
    character that cannot stand in an identifier replaced by `_`."""
    text = unicodedata.normalize("NFKC", text)
    if ("_" + text).isidentifier():  # the usual case: no per-character pass
        return text
    return "".join(c if ("_" + c).isidentifier() else "_" for c in text)


@functools.cache
def snake(name: Name) -> str:
    """`assignLicenseToDevices` -> `assign_license_to_devices`; keywords get a trailing `_`."""
    text = _identifier_chars("_".join(w.lower() for w in name.words))
    if not text.isidentifier() or text[0].isdigit():
        text = "n_" + text
    return text + "_" if text in _RESERVED else text


def module(name: Name) -> str:
    """A module name: snake case, never a keyword (`class` -> `class_`).

    Never the same as the class name either (`日本語` has no case to tell them apart): a
    package's lazy `__getattr__` must not find the module where the class is meant.
    """
    text = snake(name)
    return text + "_" if text == pascal(name) else text


@functools.cache
def pascal(name: Name) -> str:
    """`assign license` -> `AssignLicense`; `IoT` stays `IoT` (only the first letter changes)."""
    text = _identifier_chars("".join(w[:1].upper() + w[1:] for w in name.words))
    if not text.isidentifier() or text[0].isdigit():
        text = "N" + text
    return text + "_" if text in _KEYWORDS else text


@functools.cache
def upper_snake(name: Name) -> str:
    """`Production` -> `PRODUCTION` (enum members, constants)."""
    text = _identifier_chars("_".join(w.upper() for w in name.words))
    if not text.isidentifier() or text[0].isdigit():
        text = "N_" + text
    return text + "_" if text in _KEYWORDS else text


# What an exception already has (ApiException's and BaseException's attributes): an error
# body's field of the same name is exposed with a trailing `_` instead (`reason_`).
_EXCEPTION_ATTRIBUTES = frozenset(
    "status_code reason headers raw_body body json model text args with_traceback add_note"
    " reason_phrase".split()
)


def error_field(field: Field) -> str:
    """The exception property for an error body's field: its name, unless the exception
    has an attribute of that name already."""
    name = snake(field.name)
    return name + "_" if name in _EXCEPTION_ATTRIBUTES else name


def constant(operation: Operation) -> str:
    return "_" + snake(operation.name).rstrip("_").upper()


# -- literals and text ------------------------------------------------------------


def literal(value: Any) -> str:
    """A Python literal for a JSON value; `repr` of str/int/float/bool/None never breaks out."""
    if isinstance(value, float) and math.isinf(value):
        return "-1e999" if value < 0 else "1e999"  # repr would be the bare name `inf`
    if isinstance(value, float) and math.isnan(value):
        return 'float("nan")'  # no literal spells NaN
    if isinstance(value, dict):
        return "{" + ", ".join(f"{literal(str(k))}: {literal(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    if isinstance(value, tuple):
        return "(" + ", ".join(literal(v) for v in value) + ("," if len(value) == 1 else "") + ")"
    if isinstance(value, (str, int, float, bool)) or value is None:
        return repr(value)
    raise TypeError(f"not a JSON value: {type(value).__name__}")


def _printable_lines(text: str) -> bool:
    """Every character printable but newlines: checked whole, so clean text skips a char loop."""
    return text.replace("\n", "").isprintable()


def _clean(text: str) -> str:
    """Text for docstrings/comments: printable, with backslashes and triple quotes defused."""
    text = text.replace("\t", "    ")
    if not _printable_lines(text):
        text = "".join(ch if ch.isprintable() or ch == "\n" else " " for ch in text)
    return text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')


def docstring(text: str, indent: int = 4, lead: int = 3, width: int = 88) -> str:
    """A safe docstring body, wrapped to `width` and indented for its place.

    `indent` is the column of continuation lines; `lead` counts what stands
    before the text on the first line after the indent (the opening quotes, or
    an `Args:` entry's name). The result never ends with a quote character.
    """
    pad = " " * indent
    paragraphs = [p.strip() for p in _clean(text.strip()).split("\n\n") if p.strip()]
    lines: list[str] = []
    for paragraph in paragraphs:
        joined = " ".join(part.strip() for part in paragraph.splitlines())
        first = " " * (indent + lead) if not lines else pad
        if lines:
            lines.append("")
        wrapped = textwrap.wrap(
            joined,
            width,
            initial_indent=first,
            subsequent_indent=pad,
            break_long_words=False,
            break_on_hyphens=False,
        )
        lines.extend(wrapped)
    body = "\n".join(lines)[indent + lead :] if lines else ""
    return body + " " if body.endswith('"') else body


def entry(text: str, name: str, indent: int) -> str:
    """An `Args:`/`Attributes:` entry `name: text`, continuation lines 4 deeper."""
    return docstring(text, indent + 4, len(name) + 2 - 4)


def comment(text: str) -> str:
    """One line of comment text: newlines folded, so spec text cannot start a new line of code."""
    return " ".join(_clean(text).split())


def one_line(text: str) -> str:
    """The first sentence-ish line of a description, for summaries."""
    first = text.strip().split("\n\n")[0]
    return " ".join(first.split())


# -- types -------------------------------------------------------------------------

# Formats of strings that get a Python type of their own, how JSON text becomes one
# (a function of the runtime's `_values`), and how one becomes JSON text again.
_FORMAT_TYPES = {
    "date": "datetime.date",
    "date-time": "datetime.datetime",
    "uuid": "uuid.UUID",
    "byte": "bytes",
}
_FORMAT_DECODERS = {
    "date": "parse_date",
    "date-time": "parse_datetime",
    "uuid": "parse_uuid",
    "byte": "parse_base64",
}
_FORMAT_ENCODERS = {
    "date": "{}.isoformat()",
    "date-time": "format_datetime({})",
    "uuid": "str({})",
    "byte": "format_base64({})",
}


def _formatted(type_: TypeRef) -> str | None:
    """The format of a string that has a type of its own (`date`, `uuid` ...), else None."""
    if type_.kind is TypeKind.STRING and type_.format in _FORMAT_TYPES:
        return type_.format
    return None


def _type_parts(type_: TypeRef) -> list[str]:
    """The members of a type's annotation, without None: `Cat | Dog` -> [Cat, Dog]."""
    kind = type_.kind
    if kind is TypeKind.ARRAY:
        assert type_.item is not None
        return [f"list[{py_type(type_.item)}]"]
    if kind is TypeKind.MAP:
        assert type_.item is not None
        return [f"dict[str, {py_type(type_.item)}]"]
    if kind is TypeKind.MODEL:
        return [_class_ref(type_)]
    if kind is TypeKind.ENUM:
        # Enums stay open on responses: an unknown value is kept as a plain str / int.
        base = "int" if _ENUM_BASES.get(type_.ref or "") is TypeKind.INTEGER else "str"
        return [_class_ref(type_), base]
    if kind is TypeKind.UNION:
        parts: list[str] = []
        for variant in type_.variants:
            parts.extend(p for p in _type_parts(variant) if p not in parts)
        return parts
    if kind is TypeKind.BINARY:
        return ["FileContent"]
    format_ = _formatted(type_)
    return [_FORMAT_TYPES[format_] if format_ else _PRIMITIVE_TYPES[kind]]


def py_type(type_: TypeRef, api: Api | None = None) -> str:
    """The annotation for a value of `type_` (without the Unset of optional fields)."""
    parts = _type_parts(type_)
    if type_.nullable and "Any" not in parts:
        parts.append("None")
    return " | ".join(parts)


_CLASS_NAMES: dict[str, str] = {}
_MODELS: dict[str, Model] = {}
_ENUM_BASES: dict[str, TypeKind] = {}
_ENUM_VALUES: dict[str, tuple[str | int, ...]] = {}
_ERROR_NAMES: dict[str, str] = {}
_MODULE_NAMES: dict[str, str] = {}
_UNION_NAMES: dict[TypeRef, str] = {}


def _class_ref(type_: TypeRef) -> str:
    assert type_.ref is not None
    return _CLASS_NAMES[type_.ref]


def is_required(field: Field) -> bool:
    """Whether a field must be given to build the class: required, and both sent and received.

    A required read-only field is set by the server, so a request need not give it; a
    required write-only field is never in a response: both are optional in Python.
    """
    return field.required and not field.read_only and not field.write_only


def field_type(field: Field) -> str:
    text = py_type(field.type)
    return text if is_required(field) else text + " | Unset"


def decode(type_: TypeRef, expr: str, depth: int = 0) -> str:
    """An expression turning JSON `expr` into a value of `type_`."""
    inner = _decode_non_null(type_, expr, depth)
    if inner == expr or not type_.nullable:
        return inner
    return f"(None if {expr} is None else {inner})"


def _decode_non_null(type_: TypeRef, expr: str, depth: int) -> str:
    var = f"v{depth}"
    if type_.kind is TypeKind.MODEL:
        return f"{_class_ref(type_)}.from_dict({expr})"
    if type_.kind is TypeKind.ENUM:
        return f"open_enum({_class_ref(type_)}, {expr})"
    if type_.kind is TypeKind.UNION:
        return f"{union_function(type_)}({expr})"
    if type_.kind is TypeKind.BINARY:
        return f"parse_binary({expr})"
    format_ = _formatted(type_)
    if format_ is not None:
        return f"{_FORMAT_DECODERS[format_]}({expr})"
    if type_.kind is TypeKind.ARRAY:
        assert type_.item is not None
        item = decode(type_.item, var, depth + 1)
        return expr if item == var else f"[{item} for {var} in {expr}]"
    if type_.kind is TypeKind.MAP:
        assert type_.item is not None
        item = decode(type_.item, var, depth + 1)
        return (
            expr if item == var else f"{{k{depth}: {item} for k{depth}, {var} in {expr}.items()}}"
        )
    return expr


def encode(type_: TypeRef, expr: str, depth: int = 0) -> str:
    """An expression turning `expr` (a value of `type_`) into JSON-ready data."""
    if type_.kind is TypeKind.UNION:
        return f"to_json({expr})"  # which variant it is shows only at run time
    inner = _encode_non_null(type_, expr, depth)
    if inner == expr or not type_.nullable:
        return inner
    return f"None if {expr} is None else {inner}"


def _encode_non_null(type_: TypeRef, expr: str, depth: int) -> str:
    var = f"v{depth}"
    if type_.kind is TypeKind.MODEL:
        return f"{expr}.to_dict()"
    format_ = _formatted(type_)
    if format_ is not None:
        return _FORMAT_ENCODERS[format_].format(expr)
    if type_.kind is TypeKind.ARRAY:
        assert type_.item is not None
        item = encode(type_.item, var, depth + 1)
        return expr if item == var else f"[{item} for {var} in {expr}]"
    if type_.kind is TypeKind.MAP:
        assert type_.item is not None
        item = encode(type_.item, var, depth + 1)
        return (
            expr if item == var else f"{{k{depth}: {item} for k{depth}, {var} in {expr}.items()}}"
        )
    # Enum members are `str`/`int` subclasses: json writes their value. Files stay files,
    # for a multipart body to send as file parts.
    return expr


def referenced(type_: TypeRef | None) -> list[str]:
    """Ids of the models and enums a type mentions, in order, once each."""
    found: list[str] = []
    for sub in type_.walk() if type_ is not None else ():
        if sub.ref is not None and sub.ref not in found:
            found.append(sub.ref)
    return found


# -- unions ------------------------------------------------------------------------


def _union_key(type_: TypeRef) -> TypeRef:
    return dataclasses.replace(type_, nullable=False)


def _slug(type_: TypeRef) -> str:
    """A short, identifier-safe description of a type, for a union decoder's name."""
    if type_.kind in (TypeKind.MODEL, TypeKind.ENUM):
        return _MODULE_NAMES[type_.ref or ""].strip("_")
    if type_.kind in (TypeKind.ARRAY, TypeKind.MAP):
        assert type_.item is not None
        return ("list_of_" if type_.kind is TypeKind.ARRAY else "dict_of_") + _slug(type_.item)
    if type_.kind is TypeKind.UNION:
        return "_or_".join(_slug(v) for v in type_.variants)
    format_ = _formatted(type_)
    if format_ is not None:
        return format_.replace("-", "")
    return "bytes" if type_.kind is TypeKind.BINARY else _PRIMITIVE_TYPES[type_.kind].lower()


def _name_unions(types: list[TypeRef]) -> None:
    """Give every union in `types` a decoder name, in order: `_as_cat_or_dog`."""
    taken = set(_UNION_NAMES.values())
    for type_ in types:
        for sub in type_.walk():
            key = _union_key(sub)
            if sub.kind is not TypeKind.UNION or key in _UNION_NAMES:
                continue
            base = "_as_" + _slug(key)
            if key.discriminator is not None:
                base += "_by_" + snake_text(key.discriminator.property)
            if len(base) > 60:
                base = base[:48].rstrip("_")
            candidate, n = base, 2
            while candidate in taken:
                candidate, n = f"{base}_{n}", n + 1
            taken.add(candidate)
            _UNION_NAMES[key] = candidate


def union_function(type_: TypeRef) -> str:
    """The name of the module-level function that decodes a union."""
    return _UNION_NAMES[_union_key(type_)]


def unions_in(types: list[TypeRef | None]) -> list[TypeRef]:
    """The distinct unions `types` mention (nested ones too), each once, in order."""
    found: list[TypeRef] = []
    for type_ in types:
        for sub in type_.walk() if type_ is not None else ():
            key = _union_key(sub)
            if sub.kind is TypeKind.UNION and key not in found:
                found.append(key)
    return found


def _variant_test(type_: TypeRef) -> tuple[str, str, bool]:
    """(condition on `data`, expression decoding it, whether decoding may still fail)."""
    kind = type_.kind
    if kind is TypeKind.MODEL:
        model = _MODELS[type_.ref or ""]
        required = tuple(f.json_key for f in model.fields if f.required and not f.write_only)
        fixed = {
            f.json_key: _ENUM_VALUES[f.type.ref or ""][0]
            for f in model.fields
            if f.required
            and not f.write_only
            and f.type.kind is TypeKind.ENUM
            and len(_ENUM_VALUES.get(f.type.ref or "", ())) == 1
        }
        condition = f"is_object(data, {literal(list(required))}"
        condition += f", {literal(fixed)})" if fixed else ")"
        return condition, decode(type_, "data"), True
    if kind is TypeKind.ENUM:
        base = _ENUM_BASES.get(type_.ref or "")
        return _primitive_test(base or TypeKind.STRING), decode(type_, "data"), False
    if kind is TypeKind.ARRAY:
        return "isinstance(data, list)", decode(type_, "data"), True
    if kind is TypeKind.MAP:
        return "isinstance(data, dict)", decode(type_, "data"), True
    if kind is TypeKind.UNION:
        return "True", decode(type_, "data"), True
    if kind is TypeKind.BINARY:
        return "isinstance(data, str)", decode(type_, "data"), False
    return _primitive_test(kind), decode(type_, "data"), _formatted(type_) is not None


def _primitive_test(kind: TypeKind) -> str:
    return {
        TypeKind.STRING: "isinstance(data, str)",
        TypeKind.INTEGER: "isinstance(data, int) and not isinstance(data, bool)",
        TypeKind.NUMBER: "isinstance(data, (int, float)) and not isinstance(data, bool)",
        TypeKind.BOOLEAN: "isinstance(data, bool)",
    }.get(kind, "True")


def union_source(type_: TypeRef, level: str = ".", own: str | None = None) -> str:
    """The Python source of the function decoding a union (see `union_function`).

    A discriminated union picks its variant by the tag; a tag it does not know, and a
    union without a discriminator, take the first variant the value fits: the right JSON
    type, an object's required keys present and its one-value enums (`object: charge`)
    equal, and decoding without error. The classes it needs are imported when it runs
    (`level` is where model modules are, e.g. `.` or `..models.`; `own` the class the
    module defines itself).
    """
    key = _union_key(type_)
    annotation = py_type(key)
    lines = [
        f"def {union_function(key)}(data: Any) -> {annotation}:",
        f'    """Decode a `{annotation}`."""',
    ]
    refs = referenced(key)
    if key.discriminator is not None:
        refs += [r for _, r in key.discriminator.mapping if r not in refs]
    lines += [
        f"    from {level}{_MODULE_NAMES[r]} import {_CLASS_NAMES[r]}"
        for r in sorted(refs)
        if r != own
    ]
    lines.append(f"    result: {annotation}")
    if key.discriminator is not None:
        lines.append("    if isinstance(data, Mapping):")
        lines.append(f"        tag = data.get({literal(key.discriminator.property)})")
        for tag, model_id in key.discriminator.mapping:
            model_type = TypeRef(TypeKind.MODEL, ref=model_id)
            lines.append(f"        if tag == {literal(tag)}:")
            lines.append(f"            result = {decode(model_type, 'data')}")
            lines.append("            return result")
    for variant in key.variants:
        condition, expression, may_fail = _variant_test(variant)
        indent = "    "
        if condition != "True":
            lines.append(f"    if {condition}:")
            indent = "        "
        if may_fail:
            lines.append(f"{indent}with suppress(*DECODE_ERRORS):")
            indent += "    "
        lines.append(f"{indent}result = {expression}")
        lines.append(f"{indent}return result")
    lines.append(f"    raise no_variant(data, {literal(annotation)})")
    return "\n".join(lines)


def _names(refs: set[str]) -> set[str]:
    return {_CLASS_NAMES[r] for r in refs}


# -- imports -----------------------------------------------------------------------


def runtime_imports(types: list[TypeRef | None], level: str = "..") -> list[str]:
    """Import lines for the runtime helpers and stdlib modules code about `types` uses."""
    found: set[str] = set()
    for type_ in types:
        for sub in type_.walk() if type_ is not None else ():
            format_ = _formatted(sub)
            if format_ in ("date", "date-time"):
                found.add("import datetime")
            if format_ == "uuid":
                found.add("import uuid")
            if format_ is not None:
                found.add(f"from {level}_values import {_FORMAT_DECODERS[format_]}")
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
                found.add(
                    f"from {level}models.{_MODULE_NAMES[sub.ref]} import {_CLASS_NAMES[sub.ref]}"
                )
            format_ = _formatted(sub)
            if format_ in ("date", "date-time"):
                found.add("import datetime")
            if format_ == "uuid":
                found.add("import uuid")
            if sub.kind is TypeKind.BINARY:
                found.add(f"from {level}_files import FileContent")
            if sub.kind is TypeKind.ANY:
                found.add("from typing import Any")
    return sorted(found)


def model_imports(model: Model, api: Api) -> list[tuple[str, str, bool]]:
    """(module, class, lazy) for each model/enum `model` uses.

    All are lazy: annotations see them through TYPE_CHECKING and `from_dict` imports
    them when it runs, so loading one model never loads the models it mentions (Stripe's
    `Customer` would otherwise pull in 400 modules).
    """
    found = {ref for t in model_types(model) for ref in referenced(t) if ref != model.id}
    return sorted((_MODULE_NAMES[ref], _CLASS_NAMES[ref], True) for ref in found)


def model_types(model: Model) -> list[TypeRef | None]:
    return [f.type for f in model.fields] + [model.extra]


def uses_enum(model: Model) -> bool:
    """Whether a model's code needs `open_enum`."""
    return any(_mentions(t, TypeKind.ENUM) for t in model_types(model))


def _mentions(type_: TypeRef | None, kind: TypeKind) -> bool:
    return type_ is not None and any(sub.kind is kind for sub in type_.walk())


def _unreserved(name: str, taken: set[str]) -> str:
    """`name`, or `name` + "Model" (+ a number) when the package already uses it."""
    candidate, n = name, 2
    if candidate in _RESERVED_CLASSES or candidate in taken:
        candidate = name + "Model"
    while candidate in _RESERVED_CLASSES or candidate in taken:
        candidate, n = f"{name}Model{n}", n + 1
    taken.add(candidate)
    return candidate


def _all_types(api: Api) -> list[TypeRef]:
    types: list[TypeRef] = []
    for model in api.models:
        types.extend(t for t in model_types(model) if t is not None)
    for controller in api.controllers:
        for op in controller.operations:
            types.extend(p.type for p in op.parameters)
            types.extend(r.type for r in op.responses if r.type is not None)
            if op.body is not None:
                types.append(op.body.type)
    return types


def prepare(api: Api) -> None:
    """Called by the generator before rendering: index what the filters look up by id."""
    taken = {pascal(api.client_name) + "Client"}
    _ERROR_NAMES.clear()
    _ERROR_NAMES.update({e.id: _unreserved(pascal(e.name), taken) for e in api.errors})
    _MODELS.clear()
    _MODELS.update({m.id: m for m in api.models})
    _ENUM_BASES.clear()
    _ENUM_BASES.update({e.id: e.base for e in api.enums})
    _ENUM_VALUES.clear()
    _ENUM_VALUES.update({e.id: tuple(v.value for v in e.values) for e in api.enums})
    _MODULE_NAMES.clear()
    _MODULE_NAMES.update({m.id: module(m.name) for m in api.models})
    _MODULE_NAMES.update({e.id: module(e.name) for e in api.enums})
    _CLASS_NAMES.clear()
    _CLASS_NAMES.update({m.id: _unreserved(pascal(m.name), taken) for m in api.models})
    _CLASS_NAMES.update({e.id: _unreserved(pascal(e.name), taken) for e in api.enums})
    _UNION_NAMES.clear()
    _name_unions(_all_types(api))


def class_name(model_id: str) -> str:
    return _CLASS_NAMES[model_id]


def model_module(model_id: str) -> str:
    return _MODULE_NAMES[model_id]


def error_class(mapping: ErrorMapping, api: Api) -> str:
    return "ApiException" if mapping.error is None else _ERROR_NAMES[mapping.error]


def error_page(error_id: str, api: Api) -> str:
    """The docs page of an exception: the same slug the manifest writes it under."""
    return next(slug(e.name) for e in api.errors if e.id == error_id)


def pep440(version: str) -> str:
    """A spec version as a PEP 440 version (`2020-08-27` -> `2020.8.27`), for pyproject.toml."""
    if re.fullmatch(r"\d+(\.\d+)*", version):
        return version
    numbers = [str(int(n)) for n in re.findall(r"\d+", version)]
    return ".".join(numbers) if numbers else "0.0.0"


def error_name(error_id: str) -> str:
    return _ERROR_NAMES[error_id]


def default_value(field: Field) -> str | None:
    """Python source for a field's spec default as decoded from JSON, or None when it has
    none or the default does not fit the field's type (it is then only documented)."""
    if not field.has_default or field.default is None or not _fits(field.type, field.default):
        return None
    return _decode_non_null(field.type, literal(field.default), 0)


def _fits(type_: TypeRef, value: Any) -> bool:
    """Whether a JSON value has the JSON type `type_` expects (shallow, for defaults)."""
    kind = type_.kind
    if kind is TypeKind.STRING or kind is TypeKind.BINARY:
        if not isinstance(value, str):
            return False
        try:
            _check_format(type_, value)
        except ValueError:
            return False
        return True
    if kind is TypeKind.INTEGER:
        return isinstance(value, int) and not isinstance(value, bool)
    if kind is TypeKind.NUMBER:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind is TypeKind.BOOLEAN:
        return isinstance(value, bool)
    if kind is TypeKind.ENUM:
        base = _ENUM_BASES.get(type_.ref or "")
        return isinstance(value, int if base is TypeKind.INTEGER else str) and not isinstance(
            value, bool
        )
    if kind is TypeKind.ARRAY:
        return isinstance(value, list) and all(_fits(type_.item, v) for v in value if type_.item)
    if kind is TypeKind.MAP or kind is TypeKind.MODEL:
        return isinstance(value, dict) and (
            kind is TypeKind.MAP or _model_fits(type_.ref or "", value)
        )
    return kind is TypeKind.ANY  # a union's default is left to the server


def _model_fits(model_id: str, value: dict[str, Any]) -> bool:
    model = _MODELS[model_id]
    by_key = {f.json_key: f for f in model.fields}
    return all(f.json_key in value for f in model.fields if is_required(f)) and all(
        _fits(by_key[k].type, v) for k, v in value.items() if k in by_key and v is not None
    )


def _check_format(type_: TypeRef, value: str) -> None:
    import base64
    import datetime
    import uuid

    format_ = _formatted(type_)
    if format_ == "date":
        datetime.date.fromisoformat(value)
    elif format_ == "date-time":
        datetime.datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    elif format_ == "uuid":
        uuid.UUID(value)
    elif format_ == "byte":
        base64.b64decode(value, validate=True)


# -- operations ----------------------------------------------------------------------


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
    return type_.kind is TypeKind.STRING and _formatted(type_) is None and not type_.nullable


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
        base = "_decode_" + _slug(type_) + ("_or_none" if type_.nullable else "")
        name, n = base, 2
        while name in taken:
            name, n = f"{base}_{n}", n + 1
        taken.add(name)
        _DECODERS[type_] = name
        lines = [f"def {name}(data: Any) -> {py_type(type_)}:"]
        lines += [
            f"    from ..models.{_MODULE_NAMES[r]} import {_CLASS_NAMES[r]}"
            for r in sorted(referenced(type_))
        ]
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
        models.update((_MODULE_NAMES[r], _CLASS_NAMES[r]) for t in op_types for r in referenced(t))
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


def params_in(operation: Operation, location: str) -> list[Parameter]:
    return [p for p in operation.parameters if p.location.value == location]


# The client's own keyword arguments: a credential argument may not take one of these names.
_CLIENT_OPTIONS = frozenset(
    {
        "oauth_client_id",
        "oauth_client_secret",
        "oauth_scopes",
        "oauth_token_url",
        "token_provider",
        "environment",
        "base_url",
        "timeout",
        "max_retries",
        "retry",
        "user_agent",
        "server_variables",
    }
)


def credential_arg(scheme: SecurityScheme, api: Api) -> str:
    """The client argument that supplies a scheme's secret (`access_token`, `vz_m2m_token`)."""
    return _credential_args(api)[scheme.key]


def _credential_args(api: Api) -> dict[str, str]:
    """Every scheme's credential argument, distinct from each other and the client's options."""
    bearer = [s for s in api.security_schemes if _is_bearer(s)]
    taken = set(_CLIENT_OPTIONS)
    for _scheme, login in _logins(api):
        taken.update(snake(f.name) for f in login["fields"])
    names: dict[str, str] = {}
    for scheme in api.security_schemes:
        if _is_bearer(scheme):
            wanted = "access_token" if len(bearer) == 1 else snake(scheme.name) + "_access_token"
        elif scheme.kind is SchemeKind.HTTP_BASIC:
            wanted = snake(scheme.name) + "_credentials"
        else:
            wanted = snake(scheme.name)
        name, n = wanted, 2
        while name in taken:
            name, n = f"{wanted}_{n}", n + 1
        taken.add(name)
        names[scheme.key] = name
    return names


def _logins(api: Api) -> list[tuple[SecurityScheme, dict[str, Any]]]:
    found = [(s, session_login(s, api)) for s in api.security_schemes]
    return [(s, login) for s, login in found if login is not None]


def credential_type(scheme: SecurityScheme) -> str:
    return "tuple[str, str] | None" if scheme.kind is SchemeKind.HTTP_BASIC else "str | None"


def scheme_constructor(scheme: SecurityScheme, api: Api) -> str:
    arg = literal(credential_arg(scheme, api))
    if _is_bearer(scheme):
        return f"BearerScheme({literal(scheme.key)}, {arg})"
    if scheme.kind is SchemeKind.HTTP_BASIC:
        return f"BasicScheme({literal(scheme.key)}, {arg})"
    assert scheme.location is not None and scheme.parameter is not None
    location, parameter = literal(scheme.location.value), literal(scheme.parameter)
    return f"ApiKeyScheme({literal(scheme.key)}, {location}, {parameter}, {arg})"


def oauth_scheme(api: Api) -> SecurityScheme | None:
    """The scheme the client can fetch tokens for by itself (one client-credentials flow)."""
    flows = [s for s in api.security_schemes if s.kind is SchemeKind.OAUTH2_CLIENT_CREDENTIALS]
    return flows[0] if len(flows) == 1 else None


def session_login(scheme: SecurityScheme, api: Api) -> dict[str, Any] | None:
    """How the client logs in for `scheme`: controller, method, body class, credential fields."""
    if scheme.login is None:
        return None
    for controller in api.controllers:
        for operation in controller.operations:
            if operation.id != scheme.login.operation:
                continue
            body = operation.body
            result = operation.result
            if body is None or body.type.ref is None or result is None or result.type is None:
                return None
            body_model = _MODELS[body.type.ref]
            result_model = _MODELS[result.type.ref or ""]
            token = next(f for f in result_model.fields if f.json_key == scheme.login.token_field)
            return {
                "controller": controller_attr(controller),
                "method": snake(operation.name),
                "body_class": _CLASS_NAMES[body_model.id],
                "fields": [f for f in body_model.fields if f.required],
                "token": snake(token.name),
                "token_key": token.json_key,
            }
    return None


def is_secret(field: Field) -> bool:
    """A field whose value must stay out of reprs and logs (a password)."""
    return field.type.format == "password" or field.write_only


def auth_imports(api: Api) -> list[str]:
    names = {scheme_constructor(s, api).split("(")[0] for s in api.security_schemes}
    return sorted(names | {"SecurityScheme"})


def scheme_help(scheme: SecurityScheme) -> str:
    """What a credential argument is, for the client's docstring."""
    if _is_bearer(scheme):
        what = f"Bearer token for `{scheme.key}`, sent as `Authorization: Bearer …`."
    elif scheme.kind is SchemeKind.HTTP_BASIC:
        what = f"(user, password) for `{scheme.key}` (HTTP Basic)."
    else:
        assert scheme.location is not None
        what = f"Value of the `{scheme.parameter}` {scheme.location.value} (`{scheme.key}`)."
    return f"{what} {one_line(scheme.description)}".strip()


def server_url(server: Server) -> str:
    """The server's URL with each variable at its default."""
    url = server.url
    for variable in server.variables:
        url = url.replace("{" + variable.name.original + "}", variable.default)
    return url


def _is_bearer(scheme: SecurityScheme) -> bool:
    return scheme.kind not in (SchemeKind.API_KEY, SchemeKind.HTTP_BASIC)


def controller_attr(controller: Controller) -> str:
    return snake(controller.name)


def controller_class(controller: Controller) -> str:
    return pascal(controller.name) + "Controller"


def enum_member(value: Any, name: Name) -> str:
    return upper_snake(name)


# -- docs ------------------------------------------------------------------------


def title(name: Name) -> str:
    """`AssignLicenseRequest` -> `Assign License Request`, for page headings."""
    return " ".join(w[:1].upper() + w[1:] for w in name.words)


def slug(name: Name) -> str:
    """A doc file name: `assign-license-request`."""
    return snake(name).rstrip("_").replace("_", "-")


def anchor(text: str) -> str:
    """The anchor a markdown renderer gives a heading (GitHub style)."""
    return re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")


def prose(text: str) -> str:
    """Spec text for a markdown page: control characters (ESC, BEL, CR, ...) removed."""
    text = text.replace("\r\n", "\n").replace("\t", " ")
    if _printable_lines(text):
        return text
    return "".join(ch for ch in text if ch.isprintable() or ch == "\n")


def heading(text: str) -> str:
    """Spec text on one markdown line (a heading, a list item)."""
    return " ".join(prose(text).split())


def cell(text: str) -> str:
    """Text safe inside a markdown table cell: pipes escaped, line breaks as <br>."""
    paragraphs = [" ".join(p.split()) for p in prose(text).strip().split("\n\n")]
    return "<br>".join(p for p in paragraphs if p).replace("|", "\\|")


def doc_type(type_: TypeRef, table: bool = True) -> str:
    """A type for a docs table, linking model pages: [`list[Foo]`](../../doc/models/foo.md).

    In a table cell (`table`) the pipes of `A | B` are escaped.
    """
    spelled = f"`{py_type(type_)}`"
    if table:
        spelled = spelled.replace("|", "\\|")
    refs = referenced(type_)
    if not refs:
        return spelled
    model = _MODELS.get(refs[-1])
    if model is None:  # enums have no page of their own
        return spelled
    return f"[{spelled}](../../doc/models/{slug(model.name)}.md)"


def constraints_text(field: Field | Parameter) -> str:
    c = field.constraints
    parts = [
        (label, value)
        for label, value in (
            ("Minimum Length", c.min_length),
            ("Maximum Length", c.max_length),
            ("Minimum", c.minimum),
            ("Maximum", c.maximum),
            ("Minimum Items", c.min_items),
            ("Maximum Items", c.max_items),
            ("Pattern", c.pattern),
        )
        if value is not None
    ]
    if not parts:
        return ""
    return "**Constraints**: " + ", ".join(f"*{label}*: `{value}`" for label, value in parts)


def example_code(type_: TypeRef | None, value: Any, indent: int = 0) -> str:
    """Python source that builds the example JSON `value` as `type_` (constructors, lists)."""
    pad, inner = " " * indent, " " * (indent + 4)
    if type_ is not None and type_.kind is TypeKind.MODEL and isinstance(value, dict):
        model = _MODELS[type_.ref or ""]
        by_key = {f.json_key: f for f in model.fields}
        args = [
            f"{inner}{snake(by_key[k].name)}={example_code(by_key[k].type, v, indent + 4)},"
            for k, v in value.items()
            if k in by_key
        ]
        return (
            f"{_CLASS_NAMES[model.id]}(\n" + "\n".join(args) + f"\n{pad})"
            if args
            else f"{_CLASS_NAMES[model.id]}()"
        )
    if type_ is not None and type_.kind is TypeKind.ARRAY and isinstance(value, list):
        items = [f"{inner}{example_code(type_.item, v, indent + 4)}," for v in value]
        return "[\n" + "\n".join(items) + f"\n{pad}]" if items else "[]"
    return literal(value)


def example_models(type_: TypeRef | None) -> list[str]:
    """Class names an example of `type_` may construct, for its import line."""
    found: list[str] = []
    pending = [type_]
    while pending:
        current = pending.pop()
        if current is None:
            continue
        if (
            current.kind is TypeKind.MODEL
            and current.ref
            and _CLASS_NAMES[current.ref] not in found
        ):
            found.append(_CLASS_NAMES[current.ref])
            pending.extend(f.type for f in _MODELS[current.ref].fields)
        pending.append(current.item)
    return sorted(found)


def sample(param: Parameter) -> str:
    """A value for a parameter in example code: its spec example, else a placeholder of its type."""
    if param.has_example:
        return literal(param.example)
    placeholders = {TypeKind.INTEGER: "0", TypeKind.NUMBER: "0.0", TypeKind.BOOLEAN: "False"}
    return placeholders.get(param.type.kind, literal(param.wire_name))


def snake_text(text: str) -> str:
    """`SecurityResultException` -> `security_result_exception` (file names from class names)."""
    return "_".join(w.lower() for w in split_words(text))


def json_block(value: Any) -> str:
    """Pretty JSON for a docs page; DEL and C1 controls escaped too (JSON only escapes < 0x20)."""
    text = json.dumps(value, indent=2, ensure_ascii=False)
    if _printable_lines(text):
        return text
    return "".join(ch if ch.isprintable() or ch == "\n" else f"\\u{ord(ch):04x}" for ch in text)


# -- formatting -------------------------------------------------------------------


# The same settings the generated pyproject.toml gives ruff, so formatting here and
# `ruff format --check` there agree.
_RUFF_SETTINGS = 'line-length = 100\ntarget-version = "py310"\n'


def postprocess(files: dict[str, str]) -> dict[str, str]:
    """Format the Python files with ruff, the formatter the generated package is checked with.

    Templates already lay code out close to ruff's style; ruff settles line
    wrapping and import order, which templates cannot know in advance. It runs
    once over a temporary copy of all Python files, not once per file.
    """
    # ruff also formats the Python code blocks of markdown pages.
    python = {p: t for p, t in files.items() if p.endswith((".py", ".md"))}
    # The ruff installed beside this interpreter (the pinned one) wins over any on PATH.
    beside = Path(sys.executable).with_name("ruff")
    ruff = str(beside) if beside.exists() else shutil.which("ruff") or "ruff"
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "ruff.toml").write_text(_RUFF_SETTINGS, "utf-8")
        for path, text in python.items():
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_text(text, "utf-8")
        config = str(root / "ruff.toml")
        # F401: templates import what a module may need; ruff drops what it does not use.
        for command in (["check", "--select", "I,F401", "--fix"], ["format"]):
            done = subprocess.run(
                [ruff, *command, "--quiet", "--config", config, str(root)],
                capture_output=True,
                text=True,
                check=False,
            )
            if done.returncode != 0:
                raise RuntimeError(
                    f"ruff {command[0]} failed on the generated code:\n{done.stdout}{done.stderr}"
                )
        formatted = {p: (root / p).read_text("utf-8") for p in python}
    return {**files, **formatted}


FILTERS = {
    "snake": snake,
    "module": module,
    "pascal": pascal,
    "upper_snake": upper_snake,
    "constant": constant,
    "literal": literal,
    "docstring": docstring,
    "entry": entry,
    "comment": comment,
    "one_line": one_line,
    "py_type": py_type,
    "field_type": field_type,
    "decode": decode,
    "encode": encode,
    "wire_value": wire_value,
    "controller_attr": controller_attr,
    "controller_class": controller_class,
    "class_name": class_name,
    "error_name": error_name,
    "pep440": pep440,
    "title": title,
    "slug": slug,
    "anchor": anchor,
    "cell": cell,
    "prose": prose,
    "heading": heading,
    "json_block": json_block,
    "doc_type": doc_type,
    "model_module": model_module,
    "error_field": error_field,
    "union_function": union_function,
}

TESTS = {"is_secret": is_secret, "is_required": is_required}

GLOBALS = {
    "error_page": error_page,
    "model_imports": model_imports,
    "model_types": model_types,
    "runtime_imports": runtime_imports,
    "type_checking_imports": type_checking_imports,
    "unions_in": unions_in,
    "union_source": union_source,
    "default_value": default_value,
    "body_lines": body_lines,
    "result_type": result_type,
    "response_decoder": response_decoder,
    "decoder_sources": decoder_sources,
    "response_kinds": response_kinds,
    "accept": accept,
    "uses_enum": uses_enum,
    "error_class": error_class,
    "signature_params": signature_params,
    "params_in": params_in,
    "controller_imports": controller_imports,
    "credential_arg": credential_arg,
    "oauth_scheme": oauth_scheme,
    "session_login": session_login,
    "auth_imports": auth_imports,
    "scheme_help": scheme_help,
    "server_url": server_url,
    "credential_type": credential_type,
    "scheme_constructor": scheme_constructor,
    "enum_member": enum_member,
    "constraints_text": constraints_text,
    "example_code": example_code,
    "example_models": example_models,
    "sample": sample,
}
