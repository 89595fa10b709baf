"""Models and enums: each pair compared once, knowing every way it is used; the rest by id."""

from __future__ import annotations

from collections.abc import Mapping

from ..ir import Enum, Field, Model, TypeRef
from .relations import Rel, Use, default_change, type_impact
from .report import Impact
from .types import TypeComparison, is_component, paired_ids


def compare_schemas(types: TypeComparison) -> None:
    """Every model and enum paired while comparing operations, then those none reaches."""
    types.pair_leftovers()
    _models(types)
    _enums(types)


def _models(types: TypeComparison) -> None:
    # Comparing a model's fields can pair more models: go on until no pair is left.
    done: set[tuple[str, str]] = set()
    while len(done) < len(types.model_pairs):
        for key in list(types.model_pairs):
            if key not in done:
                done.add(key)
                old, new = types.old_models.get(key[0]), types.new_models.get(key[1])
                if old is not None and new is not None:
                    _model(types, old, new, types.model_pairs[key])
    _unpaired(types, "model", types.old_models, types.new_models, types.model_pairs)


def _model(types: TypeComparison, old: Model, new: Model, use: Use) -> None:
    log = types.log
    where = new.id if old.id == new.id else f"{new.id} (was {old.id})"
    old_fields = {f.json_key: f for f in old.fields}
    new_fields = {f.json_key: f for f in new.fields}
    for key in old_fields:
        if key not in new_fields:
            log.breaking("field-removed", f"{where}.{key}", "field removed")
    for key, field in new_fields.items():
        if key in old_fields:
            _field(types, f"{where}.{key}", old_fields[key], field, use)
            continue
        if field.required and Use.REQUEST in use:
            log.breaking("field-added", f"{where}.{key}", "required field added")
        else:
            which = "required" if field.required else "optional"
            log.compatible("field-added", f"{where}.{key}", f"{which} field added")
    _extra(types, where, old.extra, new.extra, use)
    log.docs_and_examples(where, old, new)


def _field(types: TypeComparison, where: str, old: Field, new: Field, use: Use) -> None:
    log = types.log
    if old.required != new.required:
        log.required("field", where, new.required, use)
    types.type("field", where, old.type, new.type, use)
    types.constraints("field", where, old.constraints, new.constraints, use)
    # A read-only field can no longer be sent, a write-only one no longer be received.
    for word, before, after, hurt_use in (
        ("read-only", old.read_only, new.read_only, Use.REQUEST),
        ("write-only", old.write_only, new.write_only, Use.RESPONSE),
    ):
        if before != after:
            hurt = after and hurt_use in use
            log.add(
                Impact.BREAKING if hurt else Impact.COMPATIBLE,
                f"field-{word}",
                where,
                f"became {word}" if after else f"no longer {word}",
            )
    if (old.has_default, old.default) != (new.has_default, new.default):
        # A sender leaving the field out now gets another behaviour.
        impact = Impact.BREAKING if Use.REQUEST in use else Impact.DOCS
        log.add(impact, "field-default", where, default_change(old, new))
    log.docs(where, description=(old.description, new.description))


def _extra(
    types: TypeComparison, where: str, old: TypeRef | None, new: TypeRef | None, use: Use
) -> None:
    """additionalProperties: None means no other keys are allowed."""
    if old is None and new is None:
        return
    if old is None or new is None:
        rel = Rel.WIDER if old is None else Rel.NARROWER
    else:
        rel = types.rel(old, new, use)
    if rel is not Rel.SAME:
        types.log.add(
            type_impact(rel, use),
            "field-type",
            where,
            f"additional properties {_spell_extra(types, old, types.old_enums)} -> "
            f"{_spell_extra(types, new, types.new_enums)}",
        )


def _spell_extra(types: TypeComparison, extra: TypeRef | None, enums: Mapping[str, Enum]) -> str:
    return "not allowed" if extra is None else types.spell(extra, enums)


def _enums(types: TypeComparison) -> None:
    log = types.log
    for old_id, new_id in types.enum_pairs:
        old, new = types.old_enums.get(old_id), types.new_enums.get(new_id)
        if old is None or new is None:
            continue
        where = new.id if old.id == new.id else f"{new.id} (was {old.id})"
        new_values = [v.value for v in new.values]
        old_values = [v.value for v in old.values]
        for value in old_values:
            if value not in new_values:
                log.breaking("enum-value-removed", where, f"value {value!r} removed")
        for value in new_values:
            if value not in old_values:
                log.compatible("enum-value-added", where, f"value {value!r} added")
        log.docs(where, description=(old.description, new.description))
    _unpaired(types, "enum", types.old_enums, types.new_enums, types.enum_pairs)


def _unpaired(
    types: TypeComparison,
    kind: str,
    old: Mapping[str, Model] | Mapping[str, Enum],
    new: Mapping[str, Model] | Mapping[str, Enum],
    pairs: Mapping[tuple[str, str], Use],
) -> None:
    """Component schemas that are gone (their class with them) or new. Inline schemas
    come and go with the operation or field that holds them, reported there."""
    paired_old, paired_new = paired_ids(pairs)
    for item_id, item in old.items():
        if item_id not in paired_old and is_component(item.where):
            types.log.breaking(f"{kind}-removed", item_id, f"{kind} removed")
    for item_id, item in new.items():
        if item_id not in paired_new and is_component(item.where):
            types.log.compatible(f"{kind}-added", item_id, f"{kind} added")
