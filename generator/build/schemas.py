"""JSON Schemas -> IR types: models, enums and the `TypeRef`s that use them.

Component schemas become models under their own names; an inline object gets a
name from where it stands (`AssignLicenseRequest` + `devices` + `Item`), so
names are readable and stable across runs.
"""

from __future__ import annotations

from typing import Any

from ..diagnostics import Diagnostic, Level, pointer
from ..ir import Constraints, Enum, EnumValue, Example, Field, Model, Name, TypeKind, TypeRef
from ..loader import Document
from ..naming import NameScope, make_name, with_suffix

_PRIMITIVES = {
    "string": TypeKind.STRING,
    "integer": TypeKind.INTEGER,
    "number": TypeKind.NUMBER,
    "boolean": TypeKind.BOOLEAN,
}
_COMPONENT_PREFIX = "/components/schemas/"


class SchemaBuilder:
    """Builds models and enums on demand, each once, in the order they are first used."""

    def __init__(
        self, document: Document, pins: dict[str, tuple[str, ...]], class_names: NameScope
    ) -> None:
        self.document = document
        self.pins = pins
        self.class_names = class_names
        self.diagnostics: list[Diagnostic] = []
        self.models: dict[str, Model] = {}
        self.enums: dict[str, Enum] = {}
        self._names: dict[str, Name] = {}  # component schema key -> its class name
        self._aliases: dict[str, TypeRef] = {}  # component pointer -> resolved non-class type
        self._building: set[str] = set()
        components = (document.root.get("components") or {}).get("schemas") or {}
        for key, schema in components.items():
            if self._is_class(schema):
                self._names[key] = self._claim(make_name(key, pins), _COMPONENT_PREFIX + key)

    # -- public ---------------------------------------------------------------

    def type_of(self, schema: Any, where: str, context: Name) -> TypeRef:
        """The type a schema describes; `context` names any class it has to create."""
        if not isinstance(schema, dict):
            return TypeRef(TypeKind.ANY)
        ref = schema.get("$ref")
        if isinstance(ref, str):
            return self._type_of_ref(ref, where, bool(schema.get("nullable")))
        return self._type_of_inline(schema, where, context, component=None)

    def build_components(self) -> None:
        """Build every component schema, used or not, so the package offers them all."""
        components = (self.document.root.get("components") or {}).get("schemas") or {}
        for key in components:
            self._type_of_ref("#" + _COMPONENT_PREFIX + _escape(key), "", False)

    def examples_of(self, schema: Any) -> tuple[Example, ...]:
        values = schema.get("examples") if isinstance(schema, dict) else None
        if isinstance(values, list):
            return tuple(Example(f"example{i + 1}", "", v) for i, v in enumerate(values))
        if isinstance(schema, dict) and "example" in schema:
            return (Example("example", "", schema["example"]),)
        return ()

    # -- references -----------------------------------------------------------

    def _type_of_ref(self, ref: str, where: str, nullable: bool) -> TypeRef:
        target, target_where = self.document.resolve({"$ref": ref}, where)
        key = (
            target_where[len(_COMPONENT_PREFIX) :]
            if target_where.startswith(_COMPONENT_PREFIX)
            else None
        )
        key = _unescape(key) if key is not None else None
        if key is not None and key in self._names:
            type_ = self._class_type(target, target_where, self._names[key], key)
        elif target_where in self._aliases:
            type_ = self._aliases[target_where]
        elif target_where in self._building:
            type_ = TypeRef(TypeKind.ANY)  # a cycle through non-class schemas: keep it plain JSON
        else:
            self._building.add(target_where)
            context = make_name(key, self.pins) if key else Name("value", ("value",))
            type_ = self._type_of_inline(target, target_where, context, component=None)
            self._building.discard(target_where)
            self._aliases[target_where] = type_
        return _nullable(type_) if nullable else type_

    def _class_type(self, schema: dict[str, Any], where: str, name: Name, model_id: str) -> TypeRef:
        kind = TypeKind.ENUM if "enum" in schema and not _has_properties(schema) else TypeKind.MODEL
        if (
            model_id not in self.models
            and model_id not in self.enums
            and model_id not in self._building
        ):
            self._building.add(model_id)
            if kind is TypeKind.ENUM:
                self.enums[model_id] = self._enum(schema, where, name, model_id)
            else:
                self.models[model_id] = self._model(schema, where, name, model_id)
            self._building.discard(model_id)
        return TypeRef(kind, ref=model_id, nullable=_is_nullable(schema))

    # -- inline schemas ---------------------------------------------------------

    def _type_of_inline(
        self, schema: dict[str, Any], where: str, context: Name, component: str | None
    ) -> TypeRef:
        nullable = _is_nullable(schema)
        for keyword in ("oneOf", "anyOf"):
            variants = [v for v in schema.get(keyword) or [] if not _is_null_schema(v)]
            if len(variants) == 1 and not _has_properties(schema):
                inner = self.type_of(variants[0], where + pointer(keyword, 0), context)
                return _nullable(inner) if nullable or len(schema[keyword]) > 1 else inner
            if variants:
                self._warn(
                    where + pointer(keyword),
                    f"{keyword} is not supported yet; the value stays plain JSON",
                )
                return TypeRef(TypeKind.ANY, nullable=nullable)
        all_of = schema.get("allOf")
        if isinstance(all_of, list) and len(all_of) == 1 and not _has_properties(schema):
            inner = self.type_of(all_of[0], where + pointer("allOf", 0), context)
            return _nullable(inner) if nullable else inner
        if self._is_class(schema):
            model_id = _inline_id(context, {*self.models, *self.enums, *self._names})
            name = self._claim(context, where)
            return self._class_type(schema, where, name, model_id)
        type_ = _single_type(schema)
        if type_ == "array":
            item = self.type_of(
                schema.get("items"), where + pointer("items"), with_suffix(context, "Item")
            )
            return TypeRef(TypeKind.ARRAY, item=item, nullable=nullable)
        if type_ == "object" or (type_ is None and "additionalProperties" in schema):
            extra = schema.get("additionalProperties", True)
            if extra is False or extra is True or extra == {}:
                return TypeRef(TypeKind.MAP, item=TypeRef(TypeKind.ANY), nullable=nullable)
            value = self.type_of(
                extra, where + pointer("additionalProperties"), with_suffix(context, "Value")
            )
            return TypeRef(TypeKind.MAP, item=value, nullable=nullable)
        if type_ in _PRIMITIVES:
            return TypeRef(_PRIMITIVES[type_], format=schema.get("format"), nullable=nullable)
        if (
            isinstance(schema.get("type"), list)
            and len([t for t in schema["type"] if t != "null"]) > 1
        ):
            self._warn(where + pointer("type"), "a value of several types stays plain JSON")
        return TypeRef(TypeKind.ANY, nullable=nullable)

    def _is_class(self, schema: Any) -> bool:
        """Whether a schema deserves a class of its own: an object with properties, or an enum."""
        if not isinstance(schema, dict) or "$ref" in schema:
            return False
        return (
            _has_properties(schema)
            or _merged_all_of(schema)
            or ("enum" in schema and _enum_base(schema) is not None)
        )

    # -- classes ---------------------------------------------------------------

    def _model(self, schema: dict[str, Any], where: str, name: Name, model_id: str) -> Model:
        properties, required = self._collect_properties(schema, where)
        scope = NameScope()
        fields: list[Field] = []
        for key, (prop, prop_where) in properties.items():
            field_name, renamed = scope.claim(make_name(key, self.pins))
            if renamed:
                self._warn(
                    prop_where,
                    f"property {key!r} collides with another after case conversion; renamed",
                )
            resolved, _ = self.document.resolve(prop, prop_where)
            resolved = resolved if isinstance(resolved, dict) else {}
            fields.append(
                Field(
                    name=field_name,
                    json_key=key,
                    type=self.type_of(
                        prop, prop_where, Name(name.original, name.words + field_name.words)
                    ),
                    required=key in required,
                    description=_text(
                        resolved.get("description")
                        or (prop.get("description") if isinstance(prop, dict) else "")
                    ),
                    constraints=constraints_of(resolved),
                    read_only=bool(resolved.get("readOnly")),
                    write_only=bool(resolved.get("writeOnly")),
                    has_default="default" in resolved,
                    default=resolved.get("default"),
                )
            )
        extra = schema.get("additionalProperties", True)
        if extra is False:
            extra_type: TypeRef | None = None
        elif isinstance(extra, dict) and extra:
            extra_type = self.type_of(
                extra, where + pointer("additionalProperties"), with_suffix(name, "Value")
            )
        else:
            extra_type = TypeRef(TypeKind.ANY)
        return Model(
            id=model_id,
            name=name,
            description=_text(schema.get("description") or schema.get("title") or ""),
            fields=tuple(fields),
            where=where,
            examples=self.examples_of(schema),
            extra=extra_type,
        )

    def _collect_properties(
        self, schema: dict[str, Any], where: str
    ) -> tuple[dict[str, tuple[Any, str]], set[str]]:
        """Properties and required keys of a schema, merging its allOf parts in order."""
        properties: dict[str, tuple[Any, str]] = {}
        required: set[str] = set()
        for index, part in enumerate(schema.get("allOf") or []):
            resolved, part_where = self.document.resolve(part, where + pointer("allOf", index))
            if isinstance(resolved, dict):
                sub_props, sub_required = self._collect_properties(resolved, part_where)
                properties.update(sub_props)
                required |= sub_required
        for key, prop in (schema.get("properties") or {}).items():
            properties[key] = (prop, where + pointer("properties", key))
        required |= set(schema.get("required") or [])
        return properties, required

    def _enum(self, schema: dict[str, Any], where: str, name: Name, enum_id: str) -> Enum:
        base = _enum_base(schema) or TypeKind.STRING
        scope = NameScope()
        values: list[EnumValue] = []
        for value in schema["enum"]:
            if value is None:
                continue  # a null member means "nullable", which the TypeRef carries
            value_name, _ = scope.claim(make_name(str(value), self.pins))
            values.append(EnumValue(value_name, value))
        return Enum(
            enum_id, name, _text(schema.get("description") or ""), base, tuple(values), where
        )

    def _claim(self, name: Name, where: str) -> Name:
        claimed, renamed = self.class_names.claim(name)
        if renamed:
            self._warn(
                where,
                f"the name {name.original!r} collides with another class after case"
                " conversion; renamed",
            )
        return claimed

    def _warn(self, where: str, message: str) -> None:
        self.diagnostics.append(Diagnostic(Level.WARNING, where, message))


def constraints_of(schema: dict[str, Any]) -> Constraints:
    return Constraints(
        min_length=schema.get("minLength"),
        max_length=schema.get("maxLength"),
        pattern=schema.get("pattern"),
        minimum=schema.get("minimum"),
        maximum=schema.get("maximum"),
        min_items=schema.get("minItems"),
        max_items=schema.get("maxItems"),
    )


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def _unescape(key: str) -> str:
    return key.replace("~1", "/").replace("~0", "~")


def _single_type(schema: dict[str, Any]) -> str | None:
    type_ = schema.get("type")
    if isinstance(type_, list):
        rest = [t for t in type_ if t != "null"]
        return rest[0] if len(rest) == 1 else None
    return type_ if isinstance(type_, str) else None


def _is_nullable(schema: dict[str, Any]) -> bool:
    type_ = schema.get("type")
    return (
        bool(schema.get("nullable"))
        or (isinstance(type_, list) and "null" in type_)
        or None in (schema.get("enum") or [])
    )


def _is_null_schema(schema: Any) -> bool:
    return isinstance(schema, dict) and (
        schema.get("type") == "null" or schema.get("enum") == [None]
    )


def _has_properties(schema: dict[str, Any]) -> bool:
    return bool(schema.get("properties"))


def _merged_all_of(schema: dict[str, Any]) -> bool:
    all_of = schema.get("allOf")
    return isinstance(all_of, list) and (len(all_of) > 1 or _has_properties(schema))


def _enum_base(schema: dict[str, Any]) -> TypeKind | None:
    values = [v for v in schema.get("enum") or [] if v is not None]
    if values and all(isinstance(v, str) for v in values):
        return TypeKind.STRING
    if values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return TypeKind.INTEGER
    return None


def _nullable(type_: TypeRef) -> TypeRef:
    from dataclasses import replace

    return type_ if type_.nullable else replace(type_, nullable=True)


def _inline_id(context: Name, taken: set[str]) -> str:
    """An id for an inline class, distinct from every model, enum and component key."""
    base = "".join(w[:1].upper() + w[1:] for w in context.words)
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}{n}", n + 1
    return candidate
