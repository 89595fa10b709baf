"""Unions: their decoder functions' names and sources, which variant a value fits."""

from __future__ import annotations

from generator.ir import Api, TypeKind, TypeRef

from . import index
from .index import union_function, union_key
from .names import snake_text
from .text import literal
from .tidy_imports import import_block
from .types import PRIMITIVE_TYPES, decode, formatted, model_types, py_type, referenced


def type_slug(type_: TypeRef) -> str:
    """A short, identifier-safe description of a type, for a union decoder's name."""
    if type_.kind in (TypeKind.MODEL, TypeKind.ENUM):
        return index.MODULE_NAMES[type_.ref or ""].strip("_")
    if type_.kind in (TypeKind.ARRAY, TypeKind.MAP):
        assert type_.item is not None
        return ("list_of_" if type_.kind is TypeKind.ARRAY else "dict_of_") + type_slug(type_.item)
    if type_.kind is TypeKind.UNION:
        return "_or_".join(type_slug(v) for v in type_.variants)
    format_ = formatted(type_)
    if format_ is not None:
        return format_.replace("-", "")
    return "bytes" if type_.kind is TypeKind.BINARY else PRIMITIVE_TYPES[type_.kind].lower()


def name_unions(api: Api) -> None:
    """Give every union the API mentions a decoder name, in order: `_as_cat_or_dog`."""
    index.UNION_NAMES.clear()
    taken: set[str] = set()
    for type_ in _all_types(api):
        for sub in type_.walk():
            if sub.kind is not TypeKind.UNION:
                continue
            key = union_key(sub)
            if key in index.UNION_NAMES:
                continue
            base = "_as_" + type_slug(key)
            if key.discriminator is not None:
                base += "_by_" + snake_text(key.discriminator.property)
            if len(base) > 60:
                base = base[:48].rstrip("_")
            candidate, n = base, 2
            while candidate in taken:
                candidate, n = f"{base}_{n}", n + 1
            taken.add(candidate)
            index.UNION_NAMES[key] = candidate


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


def unions_in(types: list[TypeRef | None]) -> list[TypeRef]:
    """The distinct unions `types` mention (nested ones too), each once, in order."""
    found: dict[TypeRef, None] = {}  # a dict: ordered, and a cheaper test than a list's
    for type_ in types:
        for sub in type_.walk() if type_ is not None else ():
            if sub.kind is TypeKind.UNION:
                found.setdefault(union_key(sub))
    return list(found)


def _variant_test(type_: TypeRef) -> tuple[str, str, bool]:
    """(condition on `data`, expression decoding it, whether decoding may still fail)."""
    kind = type_.kind
    if kind is TypeKind.MODEL:
        model = index.MODELS[type_.ref or ""]
        required = tuple(f.json_key for f in model.fields if f.required and not f.write_only)
        fixed = {
            f.json_key: index.ENUM_VALUES[f.type.ref or ""][0]
            for f in model.fields
            if f.required
            and not f.write_only
            and f.type.kind is TypeKind.ENUM
            and len(index.ENUM_VALUES.get(f.type.ref or "", ())) == 1
        }
        condition = f"is_object(data, {literal(list(required))}"
        condition += f", {literal(fixed)})" if fixed else ")"
        return condition, decode(type_, "data"), True
    if kind is TypeKind.ENUM:
        base = index.ENUM_BASES.get(type_.ref or "")
        return _primitive_test(base or TypeKind.STRING), decode(type_, "data"), False
    if kind is TypeKind.ARRAY:
        return "isinstance(data, list)", decode(type_, "data"), True
    if kind is TypeKind.MAP:
        return "isinstance(data, dict)", decode(type_, "data"), True
    if kind is TypeKind.UNION:
        return "True", decode(type_, "data"), True
    if kind is TypeKind.BINARY:
        return "isinstance(data, str)", decode(type_, "data"), False
    return _primitive_test(kind), decode(type_, "data"), formatted(type_) is not None


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
    key = union_key(type_)
    annotation = py_type(key)
    lines = [
        f"def {union_function(key)}(data: Any) -> {annotation}:",
        f'    """Decode a `{annotation}`."""',
    ]
    refs = referenced(key)
    if key.discriminator is not None:
        refs += [r for _, r in key.discriminator.mapping if r not in refs]
    lines += import_block(
        ((f"{level}{index.MODULE_NAMES[r]}", (index.CLASS_NAMES[r],)) for r in refs if r != own),
        "    ",
    )
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
