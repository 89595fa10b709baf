"""Python types of IR types: annotations, JSON decode/encode expressions, field defaults."""

from __future__ import annotations

from typing import Any

from generator.ir import Api, Field, Model, TypeKind, TypeRef

from . import index
from .index import union_function
from .names import snake
from .text import literal

PRIMITIVE_TYPES = {
    TypeKind.STRING: "str",
    TypeKind.INTEGER: "int",
    TypeKind.NUMBER: "float",
    TypeKind.BOOLEAN: "bool",
    TypeKind.ANY: "Any",
}


# Formats of strings that get a Python type of their own, how JSON text becomes one
# (a function of the runtime's `_values`), and how one becomes JSON text again.
_FORMAT_TYPES = {
    "date": "datetime.date",
    "date-time": "datetime.datetime",
    "uuid": "uuid.UUID",
    "byte": "bytes",
}
FORMAT_DECODERS = {
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


def formatted(type_: TypeRef) -> str | None:
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
        base = "int" if index.ENUM_BASES.get(type_.ref or "") is TypeKind.INTEGER else "str"
        return [_class_ref(type_), base]
    if kind is TypeKind.UNION:
        parts: list[str] = []
        for variant in type_.variants:
            parts.extend(p for p in _type_parts(variant) if p not in parts)
        return parts
    if kind is TypeKind.BINARY:
        return ["FileContent"]
    format_ = formatted(type_)
    return [_FORMAT_TYPES[format_] if format_ else PRIMITIVE_TYPES[kind]]


def py_type(type_: TypeRef, api: Api | None = None) -> str:
    """The annotation for a value of `type_` (without the Unset of optional fields)."""
    parts = _type_parts(type_)
    if type_.nullable and "Any" not in parts:
        parts.append("None")
    return " | ".join(parts)


def _class_ref(type_: TypeRef) -> str:
    assert type_.ref is not None
    return index.CLASS_NAMES[type_.ref]


def is_required(field: Field) -> bool:
    """Whether a field must be given to build the class: required, and both sent and received.

    A required read-only field is set by the server, so a request need not give it; a
    required write-only field is never in a response: both are optional in Python.
    """
    return field.required and not field.read_only and not field.write_only


def constructor_fields(model: Model) -> list[Field]:
    """A model's fields in its constructor's order: required ones first, as they have no
    default."""
    return [f for f in model.fields if is_required(f)] + [
        f for f in model.fields if not is_required(f)
    ]


def slot_names(model: Model) -> list[str]:
    """The `__slots__` entries of a model's class, as Python literals, in constructor order."""
    names = [literal(snake(f.name)) for f in constructor_fields(model)]
    return names + ['"additional_properties"'] if model.extra is not None else names


def any_field(model: Model, flag: str) -> bool:
    """Whether any of the model's fields has `flag` (`read_only`, `write_only`) set."""
    return any(getattr(f, flag) for f in model.fields)


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
    format_ = formatted(type_)
    if format_ is not None:
        return f"{FORMAT_DECODERS[format_]}({expr})"
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
    format_ = formatted(type_)
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


def decoded_refs(type_: TypeRef | None) -> list[str]:
    """Ids of the classes `decode(type_)` names itself: not a union's variants, which the
    union's own decoder function imports."""
    if type_ is None or type_.kind is TypeKind.UNION:
        return []
    if type_.ref is not None:
        return [type_.ref]
    return decoded_refs(type_.item)


def referenced(type_: TypeRef | None) -> list[str]:
    """Ids of the models and enums a type mentions, in order, once each."""
    found: list[str] = []
    for sub in type_.walk() if type_ is not None else ():
        if sub.ref is not None and sub.ref not in found:
            found.append(sub.ref)
    return found


def model_types(model: Model) -> list[TypeRef | None]:
    return [f.type for f in model.fields] + [model.extra]


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
        base = index.ENUM_BASES.get(type_.ref or "")
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
    model = index.MODELS[model_id]
    by_key = {f.json_key: f for f in model.fields}
    return all(f.json_key in value for f in model.fields if is_required(f)) and all(
        _fits(by_key[k].type, v) for k, v in value.items() if k in by_key and v is not None
    )


def _check_format(type_: TypeRef, value: str) -> None:
    import base64
    import datetime
    import uuid

    format_ = formatted(type_)
    if format_ == "date":
        datetime.date.fromisoformat(value)
    elif format_ == "date-time":
        datetime.datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    elif format_ == "uuid":
        uuid.UUID(value)
    elif format_ == "byte":
        base64.b64decode(value, validate=True)
