"""Read a spec from disk into one self-contained document.

A spec may be split over several files. Loading bundles it: a `$ref` into
another file is rewritten so that every `$ref` left in the document is local
(`#/...`). Targets that are components in the other file become components of
the root document under the same name (so they keep readable class names);
anything else is inlined. Local references, including cyclic ones, stay
references: nothing is expanded here, so a recursive schema cannot make the
loader loop.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import yaml

from .diagnostics import Diagnostic, Level, SpecError, pointer

try:  # libyaml's C loader is ~6x faster; fall back when it is not compiled in.
    _SafeBase: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _SafeBase = yaml.SafeLoader


class _YamlLoader(_SafeBase):  # type: ignore[misc]  # the base is picked at run time
    """A safe loader that reads YAML 1.2's JSON values, as OpenAPI asks.

    PyYAML follows YAML 1.1, where `2024-05-01` is a `datetime.date` (nothing
    downstream can serialise it) and `on`, `yes`, `off`, `no` are booleans (so a
    property named `on` became `True`). Here they stay strings.
    """


_DROPPED = {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool"}
_YamlLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in _DROPPED]
    for first, resolvers in _SafeBase.yaml_implicit_resolvers.items()
}
_YamlLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)

_COMPONENT_KINDS = (
    "schemas",
    "responses",
    "parameters",
    "examples",
    "requestBodies",
    "headers",
    "securitySchemes",
    "links",
    "callbacks",
    "pathItems",
)


@dataclass(slots=True)
class Document:
    """A loaded spec: the bundled tree, where it came from, and a hash of its sources.

    The tree is read-only once loaded: what is found in it (targets, `refs()`) is kept.
    """

    root: dict[str, Any]
    path: Path
    sha256: str
    sources: tuple[Path, ...] = field(default_factory=tuple)
    # Local ref -> its target. The build looks the same refs up thousands of times; the tree
    # is not changed after loading, so a target once found stays the target.
    _targets: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)
    # Every `$ref` string in the tree, when the loader found them on its way (else on demand).
    known_refs: frozenset[str] | None = field(default=None, repr=False, compare=False)

    def refs(self) -> frozenset[str]:
        """Every distinct `$ref` string in the document (local ones start with `#`)."""
        if self.known_refs is None:
            self.known_refs = _refs_below(self.root)
        return self.known_refs

    def resolve(self, node: Any, where: str = "") -> tuple[Any, str]:
        """Follow `$ref`s from `node` to the object they name.

        Returns the target and its JSON pointer (or `where` when `node` is not a
        reference). A chain of references is followed to its end; a reference to
        itself raises `SpecError`.
        """
        return follow_refs(node, where, self.lookup)

    def lookup(self, ref: str, where: str = "") -> Any:
        """The node a local `$ref` (`#/a/b`) points at."""
        if ref in self._targets:
            return self._targets[ref]
        if not ref.startswith("#"):
            raise SpecError([Diagnostic(Level.ERROR, where, f"unbundled external $ref {ref!r}")])
        try:
            target = walk(self.root, ref[1:])
        except LookupError:
            raise SpecError(
                [Diagnostic(Level.ERROR, where, f"$ref {ref!r} points at nothing")]
            ) from None
        self._targets[ref] = target
        return target


def follow_refs(node: Any, where: str, lookup: Callable[[str, str], Any]) -> tuple[Any, str]:
    """`node` with its chain of local `$ref`s followed (`lookup(ref, where)` finds each
    target), and the JSON pointer of where the chain ends; SpecError on a cycle."""
    seen: set[str] = set()
    while isinstance(node, dict) and isinstance(node.get("$ref"), str):
        ref = node["$ref"]
        if ref in seen:
            raise SpecError([Diagnostic(Level.ERROR, where, f"$ref cycle at {ref!r}")])
        seen.add(ref)
        node, where = lookup(ref, where), ref[1:]
    return node, where


_SCHEMA_KEYWORDS = frozenset(
    ("type", "properties", "allOf", "oneOf", "anyOf", "items", "enum", "additionalProperties")
)


def _looks_like_schema(node: Any) -> bool:
    """A fragment that is a schema (not a parameter, response or path item)."""
    return (
        isinstance(node, dict)
        and bool(_SCHEMA_KEYWORDS & node.keys())
        and not {"in", "content", "responses"} & node.keys()
    )


def _unescape(segment: str) -> str:
    return unquote(segment).replace("~1", "/").replace("~0", "~")


def _string_keys(node: Any) -> Any:
    """YAML reads `200:` as an int key; OpenAPI keys are strings."""
    if isinstance(node, dict):
        return {str(k): _string_keys(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_string_keys(v) for v in node]
    return node


def _refs_below(tree: Any) -> frozenset[str]:
    """Every distinct `$ref` string below `tree` (no JSON pointers built: fast)."""
    found: set[str] = set()
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str):
                found.add(ref)
            stack.extend(v for v in node.values() if isinstance(v, (dict, list)))
        elif isinstance(node, list):
            stack.extend(v for v in node if isinstance(v, (dict, list)))
    return frozenset(found)


def walk(tree: Any, json_pointer: str) -> Any:
    """The node at `json_pointer` (RFC 6901) inside `tree`; LookupError if absent."""
    node = tree
    if not json_pointer:
        return node
    for raw in json_pointer.lstrip("/").split("/"):
        part = _unescape(raw)
        if isinstance(node, list):
            node = node[int(part)]
        elif isinstance(node, dict):
            node = node[part]
        else:
            raise LookupError(json_pointer)
    return node


def parse_text(text: str, name: str) -> Any:
    """Parse JSON or YAML text; JSON first because it is ~30x faster to read."""
    return _parse(text, name)[0]


def _parse(text: str, name: str) -> tuple[Any, frozenset[str] | None]:
    """`parse_text`, and the `$ref` strings in the tree when JSON's decoder handed them over
    on the way (None for YAML: they are to be looked for)."""
    stripped = text.lstrip()
    if stripped.startswith("{") or stripped.startswith("["):
        refs: set[str] = set()

        def note_ref(node: dict[str, Any]) -> dict[str, Any]:
            # Called for each object as it is decoded: cheaper than a walk of the tree after.
            ref = node.get("$ref")
            if isinstance(ref, str):
                refs.add(ref)
            return node

        try:
            return json.loads(text, object_hook=note_ref), frozenset(refs)
        except json.JSONDecodeError:
            pass  # YAML flow style also starts with a brace; let YAML decide.
    try:
        return _string_keys(yaml.load(text, Loader=_YamlLoader)), None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        raise SpecError(
            [Diagnostic(Level.ERROR, "", f"{name}: not valid YAML or JSON{at}")]
        ) from None


def load_document(path: str | Path) -> Document:
    """Load and bundle the spec at `path`. Raises `SpecError` on unreadable input."""
    spec_path = Path(path).resolve()
    bundler = _Bundler(spec_path)
    root = bundler.read(spec_path)
    if not isinstance(root, dict):
        raise SpecError([Diagnostic(Level.ERROR, "", "the spec is not a mapping at its top level")])
    refs = bundler.refs[spec_path]
    if refs is None:
        refs = _refs_below(root)
    if any(not ref.startswith("#") for ref in refs):  # most specs are one file: no rewriting
        bundler.bundle_root(root)
        refs = _refs_below(root)
    digest = hashlib.sha256()
    for source in sorted(bundler.texts):
        digest.update(bundler.texts[source])
    return Document(root, spec_path, digest.hexdigest(), tuple(sorted(bundler.texts)), refs)


class _Bundler:
    """Rewrites references into other files so the root document is self-contained."""

    def __init__(self, root_path: Path) -> None:
        self.root_path = root_path
        self.texts: dict[Path, bytes] = {}
        self.trees: dict[Path, Any] = {}
        self.refs: dict[Path, frozenset[str] | None] = {}  # a file's $refs, when known
        # (file, pointer) of an external component -> the local $ref now naming it.
        self.imported: dict[tuple[Path, str], str] = {}
        self._inlining: set[tuple[Path, str]] = set()
        self.root: dict[str, Any] = {}

    def read(self, path: Path) -> Any:
        if path not in self.trees:
            try:
                data = path.read_bytes()
            except OSError as exc:
                raise SpecError(
                    [Diagnostic(Level.ERROR, "", f"cannot read {path}: {exc.strerror}")]
                ) from None
            self.texts[path] = data
            self.trees[path], self.refs[path] = _parse(data.decode("utf-8"), path.name)
        return self.trees[path]

    def bundle_root(self, root: dict[str, Any]) -> None:
        self.root = root
        self._rewrite(root, self.root_path, "")

    def _rewrite(self, node: Any, base: Path, where: str) -> Any:
        """Rewrite external refs below `node` (in place) and return the node to keep."""
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and (base != self.root_path or not ref.startswith("#")):
                # A local ref inside an external file is local to *that* file.
                file_part, _, frag = ref.partition("#")
                target = (base.parent / unquote(file_part)).resolve() if file_part else base
                return self._import(target, frag, ref, where)
            for key in list(node):
                node[key] = self._rewrite(node[key], base, where + pointer(key))
        elif isinstance(node, list):
            for index, item in enumerate(node):
                node[index] = self._rewrite(item, base, where + pointer(index))
        return node

    def _import(self, target_path: Path, frag: str, ref: str, where: str) -> Any:
        key = (target_path, frag)
        if key in self.imported:
            return {"$ref": self.imported[key]}
        try:
            target = walk(self.read(target_path), frag)
        except (LookupError, ValueError):
            raise SpecError(
                [Diagnostic(Level.ERROR, where, f"$ref {ref!r} points at nothing")]
            ) from None
        if target_path == self.root_path:
            self.imported[key] = "#" + frag
            return {"$ref": "#" + frag}
        parts = [_unescape(p) for p in frag.strip("/").split("/")] if frag.strip("/") else []
        if len(parts) == 3 and parts[0] == "components" and parts[1] in _COMPONENT_KINDS:
            return self._import_as_component(key, target, parts[1], parts[2])
        if _looks_like_schema(target):
            # Named after its last pointer segment (or file), so a recursive fragment ends.
            name = parts[-1] if parts else target_path.name.split(".")[0]
            return self._import_as_component(key, target, "schemas", name)
        if key in self._inlining:
            message = f"$ref {ref!r} refers back to itself and is neither a component nor a schema"
            raise SpecError([Diagnostic(Level.ERROR, where, message)])
        self._inlining.add(key)
        inlined = self._rewrite(copy.deepcopy(target), target_path, where)
        self._inlining.discard(key)
        return inlined

    def _import_as_component(
        self, key: tuple[Path, str], target: Any, kind: str, wanted: str
    ) -> Any:
        section = self.root.setdefault("components", {}).setdefault(kind, {})
        name = self._free_name(section, wanted)
        local = "#" + pointer("components", kind, name)
        self.imported[key] = local
        section[name] = {}  # reserve the name before recursing: cycles end here
        section[name] = self._rewrite(copy.deepcopy(target), key[0], local[1:])
        return {"$ref": local}

    @staticmethod
    def _free_name(section: dict[str, Any], wanted: str) -> str:
        name, n = wanted, 2
        while name in section:
            name, n = f"{wanted}{n}", n + 1
        return name
