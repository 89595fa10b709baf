"""JSON Schemas -> IR types: models, enums and the `TypeRef`s that use them.

Component schemas become models under their own names; an inline object gets a
name from where it stands (`AssignLicenseRequest` + `devices` + `Item`), so
names are readable and stable across runs.
"""

from __future__ import annotations

import functools
from collections.abc import Collection
from typing import Any

from ..diagnostics import Diagnostic, Level, SpecError, pointer
from ..ir import (
    Constraints,
    Discriminator,
    Enum,
    EnumValue,
    Example,
    Field,
    Model,
    Name,
    TypeKind,
    TypeRef,
)
from ..loader import Document
from ..naming import NameScope, make_name, with_suffix

_PRIMITIVES = {
    "string": TypeKind.STRING,
    "integer": TypeKind.INTEGER,
    "number": TypeKind.NUMBER,
    "boolean": TypeKind.BOOLEAN,
}
_COMPONENT_PREFIX = "/components/schemas/"
_CONSTRAINT_KEYWORDS = frozenset(
    ("minLength", "maxLength", "pattern", "minimum", "maximum", "minItems", "maxItems")
)
_NO_CONSTRAINTS = Constraints()
# Keywords the generated code does not check or model; each is reported once where it stands.
_UNSUPPORTED = {
    "not": "values are not checked against it",
    "if": "conditional schemas are not modelled; the value is typed by the rest of the schema",
    "patternProperties": "keys matching a pattern are kept as untyped extra fields",
    "prefixItems": "tuple items are typed as plain JSON",
    "dependentSchemas": "the dependent schemas are not modelled",
}
# Keywords that give a schema a type of its own; a oneOf/anyOf variant without any only
# constrains (e.g. `required: [a]`) and adds no alternative.
_TYPE_KEYWORDS = frozenset(
    "$ref type properties items enum const allOf oneOf anyOf additionalProperties format".split()
)


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
        self._extended: dict[str, list[str]] | None = None
        components = (document.root.get("components") or {}).get("schemas") or {}
        for key, schema in components.items():
            if self._is_class(schema) or self._names_a_class(schema):
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
            self._type_of_ref("#" + pointer("components", "schemas", key), "", False)

    def examples_of(self, schema: Any) -> tuple[Example, ...]:
        values = schema.get("examples") if isinstance(schema, dict) else None
        if isinstance(values, list):
            return tuple(Example(f"example{i + 1}", "", v) for i, v in enumerate(values))
        if isinstance(schema, dict) and "example" in schema:
            return (Example("example", "", schema["example"]),)
        return ()

    # -- references -----------------------------------------------------------

    def _type_of_ref(
        self, ref: str, where: str, nullable: bool, polymorphic: bool = True
    ) -> TypeRef:
        target, target_where = self.document.resolve({"$ref": ref}, where)
        key = (
            target_where[len(_COMPONENT_PREFIX) :]
            if target_where.startswith(_COMPONENT_PREFIX)
            else None
        )
        key = _unescape(key) if key is not None else None
        if key is not None and key in self._names:
            type_ = self._class_type(target, target_where, self._names[key], key)
            if polymorphic and type_.kind is TypeKind.MODEL:
                type_ = self._subtypes(key, target, target_where) or type_
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

    def _subtypes(self, key: str, schema: dict[str, Any], where: str) -> TypeRef | None:
        """A base schema with a discriminator and schemas extending it by `allOf` (the classic
        Petstore `Pet` / `Cat: allOf: [Pet, ...]`): a value of the base is any of them, picked
        by the tag. The union lists the subtypes first and the base last."""
        node = schema.get("discriminator")
        if not isinstance(node, dict) or not isinstance(node.get("propertyName"), str):
            return None
        if isinstance(schema.get("oneOf"), list) or isinstance(schema.get("anyOf"), list):
            return None
        children = self._children().get(key, [])
        if not children:
            return None
        base = TypeRef(TypeKind.MODEL, ref=key, nullable=False)
        variants = [
            self._type_of_ref("#" + pointer("components", "schemas", child), where, False, False)
            for child in children
        ]
        mapping: list[tuple[str, str]] = []
        explicit = node.get("mapping") or {}
        for value, target in explicit.items() if isinstance(explicit, dict) else ():
            target_key = target.rsplit("/", 1)[-1] if isinstance(target, str) else None
            if target_key is not None and _unescape(target_key) in (*children, key):
                mapping.append((str(value), _unescape(target_key)))
        mapped = {ref for _, ref in mapping}
        mapping += [(child, child) for child in (*children, key) if child not in mapped]
        return TypeRef(
            TypeKind.UNION,
            variants=(*variants, base),
            discriminator=Discriminator(node["propertyName"], tuple(mapping)),
        )

    def _children(self) -> dict[str, list[str]]:
        """Component key -> the component classes whose allOf names it directly."""
        if self._extended is None:
            self._extended = {}
            components = (self.document.root.get("components") or {}).get("schemas") or {}
            for key, schema in components.items():
                parts = schema.get("allOf") if isinstance(schema, dict) else None
                if key not in self._names or not isinstance(parts, list):
                    continue
                for part in parts:
                    ref = part.get("$ref") if isinstance(part, dict) else None
                    if isinstance(ref, str) and ref.startswith("#" + _COMPONENT_PREFIX):
                        parent = _unescape(ref[len(_COMPONENT_PREFIX) + 1 :])
                        if parent != key:
                            self._extended.setdefault(parent, []).append(key)
        return self._extended

    def _class_type(self, schema: dict[str, Any], where: str, name: Name, model_id: str) -> TypeRef:
        schema = _normalized(schema)
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
        schema = _normalized(schema)
        self._warn_unsupported(schema, where)
        nullable = _is_nullable(schema)
        union = self._union(schema, where, context, nullable)
        if union is not None:
            return union
        all_of = schema.get("allOf")
        if isinstance(all_of, list) and len(all_of) == 1 and not _has_properties(schema):
            inner = self.type_of(all_of[0], where + pointer("allOf", 0), context)
            return _nullable(inner) if nullable else inner
        if self._is_class(schema):
            model_id = _inline_id(context, (self.models, self.enums, self._names))
            name = self._claim(context, where)
            return self._class_type(schema, where, name, model_id)
        types = _types(schema)
        if len(types) > 1:  # a 3.1 type array: one variant per type
            variants = [
                self._type_of_inline({**schema, "type": t}, where, context, component)
                for t in types
            ]
            return _union_of(variants, nullable, None) or TypeRef(TypeKind.ANY)
        type_ = types[0] if types else None
        if type_ == "array" or (type_ is None and "items" in schema):
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
        if type_ == "string" and _is_binary(schema):
            return TypeRef(TypeKind.BINARY, format="binary", nullable=nullable)
        if type_ in _PRIMITIVES:
            format_ = schema.get("format")
            if type_ == "string" and schema.get("contentEncoding") == "base64":
                format_ = "byte"
            return _primitive(
                _PRIMITIVES[type_], format_ if isinstance(format_, str) else None, nullable
            )
        return _primitive(TypeKind.ANY, None, nullable)

    def _union(
        self, schema: dict[str, Any], where: str, context: Name, nullable: bool
    ) -> TypeRef | None:
        """The type of a oneOf/anyOf schema, or None when the schema is not a union.

        Variants that only constrain (`required: [...]`) add no type and are skipped;
        a `null` variant makes the union nullable; one variant left is that variant.
        """
        for keyword in ("oneOf", "anyOf"):
            raw = schema.get(keyword)
            if not isinstance(raw, list):
                continue
            nullable = nullable or any(_is_null_schema(v) for v in raw)
            options = [
                (index, v)
                for index, v in enumerate(raw)
                if not _is_null_schema(v) and _substantive(v)
            ]
            if not options:
                continue
            if _has_properties(schema) or _merged_all_of(schema):
                return None  # a class: _model says what it leaves out
            if len(options) == 1:
                index, only = options[0]
                inner = self.type_of(only, where + pointer(keyword, index), context)
                return _nullable(inner) if nullable else inner
            classes = sum(1 for _, v in options if self._is_class(_normalized(v)))
            variants: list[TypeRef] = []
            for position, (index, option) in enumerate(options):
                option_where = where + pointer(keyword, index)
                if self._is_class(_normalized(option)) and classes > 1:
                    option_context = with_suffix(context, "Variant", str(position + 1))
                else:
                    option_context = context
                if isinstance(option, dict) and "$ref" not in option and "enum" in option:
                    # An inline enum inside a union is typed by its base type: its members
                    # are not worth a class of their own (Stripe's `enum: [""]` "unset" marker).
                    variants.append(_enum_as_primitive(_normalized(option)))
                    continue
                variants.append(self.type_of(option, option_where, option_context))
            discriminator = self._discriminator(schema, raw, where)
            return _union_of(variants, nullable, discriminator) or TypeRef(
                TypeKind.ANY, nullable=nullable
            )
        return None

    def _discriminator(
        self, schema: dict[str, Any], raw: list[Any], where: str
    ) -> Discriminator | None:
        node = schema.get("discriminator")
        if not isinstance(node, dict) or not isinstance(node.get("propertyName"), str):
            return None
        mapping: list[tuple[str, str]] = []
        explicit = node.get("mapping") or {}
        for value, target in explicit.items() if isinstance(explicit, dict) else ():
            if not isinstance(target, str):
                continue
            ref = (
                target
                if ("/" in target or target.startswith("#"))
                else ("#" + pointer("components", "schemas", target))
            )
            try:
                type_ = self._type_of_ref(
                    ref, where + pointer("discriminator", "mapping"), False, polymorphic=False
                )
            except (SpecError, LookupError, ValueError):
                self._warn(
                    where + pointer("discriminator", "mapping", str(value)),
                    f"discriminator mapping {target!r} points at nothing; ignored",
                )
                continue
            if type_.kind is TypeKind.MODEL and type_.ref is not None:
                mapping.append((str(value), type_.ref))
        mapped = {ref for _, ref in mapping}
        for option in raw:
            option_ref = option.get("$ref") if isinstance(option, dict) else None
            if not isinstance(option_ref, str):
                continue
            _, target_where = self.document.resolve({"$ref": option_ref}, where)
            if not target_where.startswith(_COMPONENT_PREFIX):
                continue
            key = _unescape(target_where[len(_COMPONENT_PREFIX) :])
            type_ = self._type_of_ref(option_ref, where, False, polymorphic=False)
            if type_.kind is TypeKind.MODEL and type_.ref is not None and type_.ref not in mapped:
                mapping.append((key, type_.ref))
        return Discriminator(node["propertyName"], tuple(mapping))

    def _warn_unsupported(self, schema: dict[str, Any], where: str) -> None:
        for keyword, what in _UNSUPPORTED.items():
            if keyword in schema:
                self._warn(where + pointer(keyword), f"{keyword} is not supported: {what}")

    def _names_a_class(self, schema: Any) -> bool:
        """A component that is `allOf: [one object]` is a class of its own (`Lizard: allOf:
        [PetBase]`): its name may be a discriminator's tag, so it must not become PetBase."""
        if not isinstance(schema, dict) or _has_properties(schema):
            return False
        parts = schema.get("allOf")
        if not isinstance(parts, list) or len(parts) != 1 or _is_nullable(schema):
            return False
        try:
            target, _ = self.document.resolve(parts[0])
        except SpecError:
            return False
        return self._is_class(target) and "enum" not in _normalized(target)

    def _is_class(self, schema: Any) -> bool:
        """Whether a schema deserves a class of its own: an object with properties, or an enum."""
        schema = _normalized(schema)
        if not isinstance(schema, dict) or "$ref" in schema:
            return False
        return (
            _has_properties(schema)
            or _merged_all_of(schema)
            or ("enum" in schema and _enum_base(schema) is not None)
        )

    # -- classes ---------------------------------------------------------------

    def _model(self, schema: dict[str, Any], where: str, name: Name, model_id: str) -> Model:
        self._warn_unsupported(schema, where)
        for keyword in ("oneOf", "anyOf"):
            variants = schema.get(keyword)
            if isinstance(variants, list) and any(
                _substantive(v) and not _is_null_schema(v) for v in variants
            ):
                self._warn(
                    where + pointer(keyword),
                    f"{keyword} beside properties is not supported; only the schema's own"
                    " properties are modelled",
                )
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
                    read_only=bool(_sibling(prop, resolved, "readOnly")),
                    write_only=bool(_sibling(prop, resolved, "writeOnly")),
                    has_default="default" in prop or "default" in resolved,
                    default=_sibling(prop, resolved, "default"),
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
        diagnostic = Diagnostic(Level.WARNING, where, message)
        if diagnostic not in self.diagnostics:  # a schema may be looked at twice
            self.diagnostics.append(diagnostic)


def constraints_of(schema: dict[str, Any]) -> Constraints:
    if _CONSTRAINT_KEYWORDS.isdisjoint(schema):  # most schemas: share the one empty value
        return _NO_CONSTRAINTS
    return Constraints(
        min_length=schema.get("minLength"),
        max_length=schema.get("maxLength"),
        pattern=schema.get("pattern"),
        minimum=schema.get("minimum"),
        maximum=schema.get("maximum"),
        min_items=schema.get("minItems"),
        max_items=schema.get("maxItems"),
    )


@functools.lru_cache(maxsize=256)
def _primitive(kind: TypeKind, format_: str | None, nullable: bool) -> TypeRef:
    """A scalar `TypeRef`; they are frozen and few, so each is made once and shared."""
    return TypeRef(kind, format=format_, nullable=nullable)


def _sibling(prop: Any, resolved: dict[str, Any], keyword: str) -> Any:
    """A keyword beside a `$ref` (3.1, and common in 3.0 specs) wins over the target's."""
    if isinstance(prop, dict) and keyword in prop:
        return prop[keyword]
    return resolved.get(keyword)


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _unescape(key: str) -> str:
    return key.replace("~1", "/").replace("~0", "~")


def _types(schema: dict[str, Any]) -> list[str]:
    """The schema's types other than null: `type: [string, "null"]` -> [string]."""
    type_ = schema.get("type")
    if isinstance(type_, list):
        return [t for t in type_ if isinstance(t, str) and t != "null"]
    return [type_] if isinstance(type_, str) and type_ != "null" else []


def _normalized(schema: Any) -> Any:
    """`const: x` read as `enum: [x]` (3.1), so both take the same path."""
    if isinstance(schema, dict) and "const" in schema and "enum" not in schema:
        return {**schema, "enum": [schema["const"]]}
    return schema


def _substantive(schema: Any) -> bool:
    """Whether a oneOf/anyOf variant is an alternative type, not just a constraint."""
    return not isinstance(schema, dict) or bool(_TYPE_KEYWORDS & schema.keys()) or schema == {}


def _is_binary(schema: dict[str, Any]) -> bool:
    media = schema.get("contentMediaType")
    return schema.get("format") == "binary" or (
        isinstance(media, str) and not media.startswith("text/") and "json" not in media
    )


def _enum_as_primitive(schema: dict[str, Any]) -> TypeRef:
    base = _enum_base(schema)
    if base is None:
        return TypeRef(TypeKind.ANY)
    types = _types(schema)
    kind = _PRIMITIVES.get(types[0], base) if types else base
    return TypeRef(kind, nullable=_is_nullable(schema))


def _union_of(
    variants: list[TypeRef], nullable: bool, discriminator: Discriminator | None
) -> TypeRef | None:
    """A UNION of distinct `variants` (nested unions flattened), or the one variant left."""
    from dataclasses import replace

    flat: list[TypeRef] = []
    for variant in variants:
        if variant.nullable:
            nullable = True
            variant = replace(variant, nullable=False)
        parts = (
            variant.variants
            if variant.kind is TypeKind.UNION and variant.discriminator is None
            else (variant,)
        )
        for part in parts:
            if part.kind is TypeKind.ANY:
                return TypeRef(TypeKind.ANY, nullable=nullable)  # anything: no narrower type
            if part not in flat:
                flat.append(part)
    if not flat:
        return None
    if len(flat) == 1:
        return _nullable(flat[0]) if nullable else flat[0]
    return TypeRef(
        TypeKind.UNION, nullable=nullable, variants=tuple(flat), discriminator=discriminator
    )


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


def _inline_id(context: Name, taken: tuple[Collection[str], ...]) -> str:
    """An id for an inline class, distinct from every model, enum and component key."""
    base = "".join(w[:1].upper() + w[1:] for w in context.words)
    candidate, n = base, 2
    while any(candidate in ids for ids in taken):  # no union set: this runs per inline class
        candidate, n = f"{base}{n}", n + 1
    return candidate
