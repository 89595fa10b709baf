"""How a type (`TypeRef`) relates to the one it replaced, pairing the models and enums it meets.

Schemas are matched where they are used, not by component name: when an operation's
body was `Pet` and is now `Animal`, the two models are paired, and with them the types
of their fields. Each pair remembers every way it is used, so it is compared once, at
the end (`schemas.compare_schemas`), with the strictest rule that applies.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from ..ir import Api, Constraints, Enum, TypeKind, TypeRef
from .changelog import ChangeLog
from .relations import Rel, Use, constraint_impact, constraint_rel, format_rel, join, type_impact

_COMPONENTS = "/components/schemas/"


def is_component(where: str) -> bool:
    """A schema of its own under components (not one inline in another)."""
    return where.startswith(_COMPONENTS) and "/" not in where[len(_COMPONENTS) :]


def _same_or_renamed(
    old: str | None, new: str | None, old_ids: Collection[str], new_ids: Collection[str]
) -> bool:
    """The same id, or one renamed: neither id exists on the other side."""
    return old == new or (old not in new_ids and new not in old_ids)


class TypeComparison:
    """The models and enums of both sides, and the pairs of them met so far with their use."""

    def __init__(self, old: Api, new: Api, log: ChangeLog) -> None:
        self.log = log
        self.old_models = {m.id: m for m in old.models}
        self.new_models = {m.id: m for m in new.models}
        self.old_enums = {e.id: e for e in old.enums}
        self.new_enums = {e.id: e for e in new.enums}
        self.model_pairs: dict[tuple[str, str], Use] = {}
        self.enum_pairs: dict[tuple[str, str], Use] = {}

    # -- reporting ----------------------------------------------------------------------------

    def type(self, subject: str, where: str, old: TypeRef, new: TypeRef, use: Use) -> None:
        rel = self.rel(old, new, use)
        if rel is not Rel.SAME:
            self.log.add(
                type_impact(rel, use),
                f"{subject}-type",
                where,
                f"type {self.spell(old, self.old_enums)} -> "
                f"{self.spell(new, self.new_enums)} ({rel.value})",
            )

    def constraints(
        self, subject: str, where: str, old: Constraints, new: Constraints, use: Use
    ) -> None:
        rel, notes = constraint_rel(old, new)
        if rel is not Rel.SAME:
            word = {Rel.NARROWER: "stricter", Rel.WIDER: "looser"}.get(rel, "changed")
            self.log.add(
                constraint_impact(rel, use),
                f"{subject}-constraint",
                where,
                f"{word}: " + ", ".join(notes),
            )

    def same_model(self, old_id: str, new_id: str) -> bool:
        """The same model, or one renamed with no other change of identity."""
        return _same_or_renamed(old_id, new_id, self.old_models, self.new_models)

    # -- relating -----------------------------------------------------------------------------

    def rel(self, old: TypeRef, new: TypeRef, use: Use) -> Rel:
        """How `new` relates to `old`; pairs the models and enums met on the way."""
        rel = Rel.SAME
        if old.nullable != new.nullable:
            rel = Rel.WIDER if new.nullable else Rel.NARROWER
        return join(rel, self._kind_rel(old, new, use))

    def _kind_rel(self, old: TypeRef, new: TypeRef, use: Use) -> Rel:
        if old.kind is new.kind:
            if old.kind in (TypeKind.ARRAY, TypeKind.MAP):
                if old.item is None or new.item is None:
                    return Rel.SAME if old.item == new.item else Rel.DIFFERENT
                return self.rel(old.item, new.item, use)
            if old.kind is TypeKind.MODEL and old.ref is not None and new.ref is not None:
                self.pair_models(old.ref, new.ref, use)
                return Rel.SAME
            if old.kind is TypeKind.ENUM and old.ref is not None and new.ref is not None:
                self.pair_enums(old.ref, new.ref, use)
                return Rel.SAME
            if old.kind is TypeKind.UNION:
                return self._union_rel(old, new, use)
            return format_rel(old.format, new.format)
        if new.kind is TypeKind.ANY:
            return Rel.WIDER
        if old.kind is TypeKind.ANY:
            return Rel.NARROWER
        if new.kind is TypeKind.UNION:  # one type became one of several
            match = next((v for v in new.variants if self._same_shape(old, v)), None)
            inner = self.rel(old, match, use) if match is not None else Rel.DIFFERENT
            return join(Rel.WIDER, inner)
        if old.kind is TypeKind.UNION:  # one of several became just one
            match = next((v for v in old.variants if self._same_shape(v, new)), None)
            inner = self.rel(match, new, use) if match is not None else Rel.DIFFERENT
            return join(Rel.NARROWER, inner)
        kinds = (old.kind, new.kind)
        if kinds == (TypeKind.INTEGER, TypeKind.NUMBER):
            return Rel.WIDER
        if kinds == (TypeKind.NUMBER, TypeKind.INTEGER):
            return Rel.NARROWER
        if old.kind is TypeKind.ENUM and _enum_base(old.ref, self.old_enums) is new.kind:
            return Rel.WIDER  # any value of the type, no longer a fixed list
        if new.kind is TypeKind.ENUM and _enum_base(new.ref, self.new_enums) is old.kind:
            return Rel.NARROWER
        return Rel.DIFFERENT

    def _union_rel(self, old: TypeRef, new: TypeRef, use: Use) -> Rel:
        """Variants gone narrow a union, variants added widen it; matched ones are compared."""
        rel, remaining = Rel.SAME, list(new.variants)
        for variant in old.variants:
            match = next((v for v in remaining if self._same_shape(variant, v)), None)
            if match is None:
                rel = join(rel, Rel.NARROWER)
            else:
                remaining.remove(match)
                rel = join(rel, self.rel(variant, match, use))
        if remaining:
            rel = join(rel, Rel.WIDER)
        before, after = old.discriminator, new.discriminator
        if (before and before.property) != (after and after.property):
            return Rel.DIFFERENT  # values name their variant in another property, or not at all
        if before is not None and after is not None:
            old_tags, new_tags = {t for t, _ in before.mapping}, {t for t, _ in after.mapping}
            if old_tags - new_tags:
                rel = join(rel, Rel.NARROWER)
            if new_tags - old_tags:
                rel = join(rel, Rel.WIDER)
        return rel

    def _same_shape(self, old: TypeRef, new: TypeRef) -> bool:
        """Whether two union variants are the same alternative (perhaps changed inside)."""
        if old.kind is not new.kind:
            return False
        if old.kind is TypeKind.MODEL:
            return _same_or_renamed(old.ref, new.ref, self.old_models, self.new_models)
        if old.kind is TypeKind.ENUM:
            return _same_or_renamed(old.ref, new.ref, self.old_enums, self.new_enums)
        if old.item is not None and new.item is not None:
            return self._same_shape(old.item, new.item)
        return True

    # -- pairing ------------------------------------------------------------------------------

    def pair_models(self, old_id: str, new_id: str, use: Use) -> None:
        key = (old_id, new_id)
        known = self.model_pairs.get(key)
        if known is not None and (known | use) == known:
            return
        self.model_pairs[key] = (known or Use.NONE) | use
        old, new = self.old_models.get(old_id), self.new_models.get(new_id)
        if old is None or new is None:
            return
        new_fields = {f.json_key: f for f in new.fields}
        for field in old.fields:
            if field.json_key in new_fields:
                self.rel(field.type, new_fields[field.json_key].type, use)
        if old.extra is not None and new.extra is not None:
            self.rel(old.extra, new.extra, use)

    def pair_enums(self, old_id: str, new_id: str, use: Use) -> None:
        key = (old_id, new_id)
        self.enum_pairs[key] = self.enum_pairs.get(key, Use.NONE) | use

    def pair_leftovers(self) -> None:
        """Models and enums no operation reaches are compared by id."""
        for model_id in _kept_unpaired(self.old_models, self.new_models, self.model_pairs):
            self.pair_models(model_id, model_id, Use.NONE)
        for enum_id in _kept_unpaired(self.old_enums, self.new_enums, self.enum_pairs):
            self.pair_enums(enum_id, enum_id, Use.NONE)

    # -- spelling -----------------------------------------------------------------------------

    def spell(self, type_: TypeRef, enums: Mapping[str, Enum]) -> str:
        """A type as the spec author knows it: `array<Pet>`, `enum('a', 'b')`, `string | null`."""
        if type_.kind in (TypeKind.ARRAY, TypeKind.MAP) and type_.item is not None:
            inner = self.spell(type_.item, enums)
            text = f"array<{inner}>" if type_.kind is TypeKind.ARRAY else f"map<string, {inner}>"
        elif type_.kind is TypeKind.ENUM and (found := enums.get(type_.ref or "")):
            values = ", ".join(repr(v.value) for v in found.values)
            text = found.id if is_component(found.where) else f"enum({values})"
        elif type_.kind in (TypeKind.MODEL, TypeKind.ENUM) and type_.ref is not None:
            text = type_.ref
        elif type_.kind is TypeKind.UNION:
            text = "oneOf(" + ", ".join(self.spell(v, enums) for v in type_.variants) + ")"
        else:
            text = type_.kind.value + (f"({type_.format})" if type_.format else "")
        return text + (" | null" if type_.nullable else "")


def paired_ids(pairs: Mapping[tuple[str, str], Use]) -> tuple[set[str], set[str]]:
    """The old ids and the new ids that are in a pair."""
    return {a for a, _ in pairs}, {b for _, b in pairs}


def _kept_unpaired(
    old: Collection[str], new: Collection[str], pairs: Mapping[tuple[str, str], Use]
) -> list[str]:
    """The ids on both sides that are in no pair yet, in the old side's order."""
    paired_old, paired_new = paired_ids(pairs)
    return [i for i in old if i in new and i not in paired_old and i not in paired_new]


def _enum_base(ref: str | None, enums: Mapping[str, Enum]) -> TypeKind | None:
    found = enums.get(ref) if ref is not None else None
    return found.base if found is not None else None
