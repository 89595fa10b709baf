"""Template packs: finding them, reading their manifests, loading their filters.

A pack is a folder with a `manifest.yaml`, Jinja templates and, optionally, a
`pack.py` module or a `pack/` package that exports `FILTERS` (name -> function),
optionally `TESTS` and `GLOBALS`, `prepare(api)` (called once before rendering, e.g. to
index class names), `finish(files) -> files` (per-file work such as a code formatter: a
file's result may depend on its own path and text only, as `finishing` runs it on parts
of the output in parallel), `finish_key()` (a string naming everything else `finish`'s
output depends on, e.g. the formatter's version and settings; with it, results are
cached across runs) and `postprocess(files) -> files` (work on the whole output, after
`finish`). The generator core knows no language: everything language-specific is here,
in the pack's own folder.

`--templates DIR` folders are searched before the built-in `templates/`: a
folder holding `manifest.yaml` is a pack (a new one, or a replacement of the
built-in of the same name); a folder named like a built-in pack but without a
manifest overrides single templates of it.
"""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import yaml

from .diagnostics import Diagnostic, Level, SpecError, pointer

BUILTIN_ROOT = Path(__file__).resolve().parent.parent / "templates"
_EACH = ("once", "controller", "model", "enum", "error", "scheme")


class PackError(Exception):
    """A template pack failed on its own (its finish or postprocess step, e.g. a formatter)."""


@dataclass(frozen=True, slots=True)
class OutputRule:
    template: str
    path: str  # a Jinja expression template for the output path
    each: str  # once | controller | model | enum | error | scheme (a security scheme)
    header: bool  # prefix the pack's "generated" header line


@dataclass(frozen=True, slots=True)
class Pack:
    name: str
    description: str
    folders: tuple[Path, ...]  # template search path, overrides first
    outputs: tuple[OutputRule, ...]
    static: tuple[tuple[Path, str], ...]  # (source folder, destination path template)
    header: str  # e.g. "# Generated from {spec} by sdk generator; do not edit."
    filters: Mapping[str, Callable[..., Any]] = field(default_factory=dict)
    tests: Mapping[str, Callable[..., bool]] = field(default_factory=dict)
    globals: Mapping[str, Any] = field(default_factory=dict)
    prepare: Callable[[Any], None] | None = None
    finish: Callable[[dict[str, str]], dict[str, str]] | None = None
    finish_key: Callable[[], str] | None = None
    postprocess: Callable[[dict[str, str]], dict[str, str]] | None = None


def discover(extra: Sequence[Path] = ()) -> dict[str, Path]:
    """Pack name -> folder with its manifest; later `extra` folders win over earlier ones."""
    found: dict[str, Path] = {}
    for root in (BUILTIN_ROOT, *extra):
        for candidate in (
            (root, *sorted(p for p in root.iterdir() if p.is_dir())) if root.is_dir() else ()
        ):
            manifest = candidate / "manifest.yaml"
            if manifest.is_file():
                name = _read_manifest(manifest).get("name") or candidate.name
                found[str(name)] = candidate
    return dict(sorted(found.items()))


def describe(extra: Sequence[Path] = ()) -> list[tuple[str, str, Path]]:
    return [
        (name, str(_read_manifest(folder / "manifest.yaml").get("description") or ""), folder)
        for name, folder in discover(extra).items()
    ]


def load_pack(name: str, extra: Sequence[Path] = ()) -> Pack:
    packs = discover(extra)
    if name not in packs:
        known = ", ".join(packs) or "none"
        raise SpecError(
            [Diagnostic(Level.ERROR, "", f"no template pack named {name!r} (found: {known})")]
        )
    home = packs[name]
    manifest = _read_manifest(home / "manifest.yaml")
    overrides = tuple(
        root / name for root in reversed(extra) if (root / name).is_dir() and root / name != home
    )
    module = _load_module(home, name)
    return Pack(
        name=name,
        description=str(manifest.get("description") or ""),
        folders=(*overrides, home),
        outputs=tuple(_output_rules(manifest, home)),
        static=tuple((home / s["from"], str(s["to"])) for s in manifest.get("static") or []),
        header=str(manifest.get("header") or ""),
        filters=dict(getattr(module, "FILTERS", {})),
        tests=dict(getattr(module, "TESTS", {})),
        globals=dict(getattr(module, "GLOBALS", {})),
        prepare=getattr(module, "prepare", None),
        finish=getattr(module, "finish", None),
        finish_key=getattr(module, "finish_key", None),
        postprocess=getattr(module, "postprocess", None),
    )


def _output_rules(manifest: dict[str, Any], home: Path) -> list[OutputRule]:
    rules: list[OutputRule] = []
    for index, entry in enumerate(manifest.get("outputs") or []):
        each = entry.get("each", "once")
        if each not in _EACH or "template" not in entry or "path" not in entry:
            where = home / "manifest.yaml"
            raise SpecError(
                [
                    Diagnostic(
                        Level.ERROR,
                        pointer("outputs", index),
                        f"{where}: an output needs template, path and each in {_EACH}",
                    )
                ]
            )
        rules.append(
            OutputRule(
                str(entry["template"]), str(entry["path"]), each, bool(entry.get("header", True))
            )
        )
    return rules


def _read_manifest(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise SpecError([Diagnostic(Level.ERROR, "", f"{path}: a manifest is a mapping")])
    return data


def _load_module(home: Path, pack_name: str) -> ModuleType | None:
    """The pack's code: its `pack.py`, else its `pack/` package, else None (no code).

    A package is registered under its module name before it runs, so that its modules can
    import each other relatively (`from . import names`); a new load runs them all afresh.
    """
    path, package = home / "pack.py", home / "pack"
    locations: list[str] | None = None
    if not path.is_file():
        if not (package / "__init__.py").is_file():
            return None
        path, locations = package / "__init__.py", [str(package)]
    digest = hashlib.sha1(str(home).encode("utf-8"), usedforsecurity=False).hexdigest()[:8]
    module_name = f"_generator_pack_{pack_name}_{digest}"
    spec = importlib.util.spec_from_file_location(
        module_name, path, submodule_search_locations=locations
    )
    if spec is None or spec.loader is None:
        raise SpecError([Diagnostic(Level.ERROR, "", f"cannot load {path}")])
    module = importlib.util.module_from_spec(spec)
    for stale in [m for m in sys.modules if m.startswith(module_name + ".")]:
        del sys.modules[stale]  # a previous load's submodules
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module
