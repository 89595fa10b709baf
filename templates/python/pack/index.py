"""The per-render indexes `prepare()` fills, and the lookups the filters make in them.

Filters receive ids (`type_.ref`, `mapping.error`) and look the class, module and union
decoder names up here; the tables are emptied and refilled in place for every API.
"""

from __future__ import annotations

import dataclasses

from generator.ir import Api, ErrorMapping, ErrorType, Model, TypeKind, TypeRef

from .names import module, pascal, unreserved

CLASS_NAMES: dict[str, str] = {}
MODELS: dict[str, Model] = {}
ERRORS: dict[str, ErrorType] = {}
ENUM_BASES: dict[str, TypeKind] = {}
ENUM_VALUES: dict[str, tuple[str | int, ...]] = {}
ERROR_NAMES: dict[str, str] = {}
MODULE_NAMES: dict[str, str] = {}
UNION_NAMES: dict[TypeRef, str] = {}


def fill(api: Api) -> None:
    """Index what the filters look up by id (union names are `unions.name_unions`'s)."""
    taken = {pascal(api.client_name) + "Client"}
    ERRORS.clear()
    ERRORS.update({e.id: e for e in api.errors})
    ERROR_NAMES.clear()
    ERROR_NAMES.update({e.id: unreserved(pascal(e.name), taken) for e in api.errors})
    MODELS.clear()
    MODELS.update({m.id: m for m in api.models})
    ENUM_BASES.clear()
    ENUM_BASES.update({e.id: e.base for e in api.enums})
    ENUM_VALUES.clear()
    ENUM_VALUES.update({e.id: tuple(v.value for v in e.values) for e in api.enums})
    MODULE_NAMES.clear()
    MODULE_NAMES.update({m.id: module(m.name) for m in api.models})
    MODULE_NAMES.update({e.id: module(e.name) for e in api.enums})
    CLASS_NAMES.clear()
    CLASS_NAMES.update({m.id: unreserved(pascal(m.name), taken) for m in api.models})
    CLASS_NAMES.update({e.id: unreserved(pascal(e.name), taken) for e in api.enums})


def class_name(model_id: str) -> str:
    return CLASS_NAMES[model_id]


def model_of(model_id: str) -> Model:
    """The model of an id, e.g. an error's body schema."""
    return MODELS[model_id]


def model_module(model_id: str) -> str:
    return MODULE_NAMES[model_id]


def error_name(error_id: str) -> str:
    return ERROR_NAMES[error_id]


def error_class(mapping: ErrorMapping, api: Api) -> str:
    return "ApiException" if mapping.error is None else ERROR_NAMES[mapping.error]


def union_key(type_: TypeRef) -> TypeRef:
    """A union as its decoder knows it: `A | B | None` decodes null before calling `A | B`'s."""
    return dataclasses.replace(type_, nullable=False) if type_.nullable else type_


def union_function(type_: TypeRef) -> str:
    """The name of the module-level function that decodes a union."""
    return UNION_NAMES[union_key(type_)]
