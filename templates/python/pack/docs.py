"""The markdown pages: titles and file names, doc types, constraints, example code."""

from __future__ import annotations

from typing import Any

from generator.ir import Api, Field, Name, Parameter, TypeKind, TypeRef

from . import index
from .names import snake
from .text import literal
from .types import py_type, referenced


def title(name: Name) -> str:
    """`AssignLicenseRequest` -> `Assign License Request`, for page headings."""
    return " ".join(w[:1].upper() + w[1:] for w in name.words)


def slug(name: Name) -> str:
    """A doc file name: `assign-license-request`."""
    return snake(name).rstrip("_").replace("_", "-")


def error_page(error_id: str, api: Api) -> str:
    """The docs page of an exception: the same slug the manifest writes it under."""
    return slug(index.ERRORS[error_id].name)


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
    model = index.MODELS.get(refs[-1])
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
        model = index.MODELS[type_.ref or ""]
        by_key = {f.json_key: f for f in model.fields}
        args = [
            f"{inner}{snake(by_key[k].name)}={example_code(by_key[k].type, v, indent + 4)},"
            for k, v in value.items()
            if k in by_key
        ]
        return (
            f"{index.CLASS_NAMES[model.id]}(\n" + "\n".join(args) + f"\n{pad})"
            if args
            else f"{index.CLASS_NAMES[model.id]}()"
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
            and index.CLASS_NAMES[current.ref] not in found
        ):
            found.append(index.CLASS_NAMES[current.ref])
            pending.extend(f.type for f in index.MODELS[current.ref].fields)
        pending.append(current.item)
    return sorted(found)


def sample(param: Parameter) -> str:
    """A value for a parameter in example code: its spec example, else a placeholder of its type."""
    if param.has_example:
        return literal(param.example)
    placeholders = {TypeKind.INTEGER: "0", TypeKind.NUMBER: "0.0", TypeKind.BOOLEAN: "False"}
    return placeholders.get(param.type.kind, literal(param.wire_name))
