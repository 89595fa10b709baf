"""A small on-disk cache for work whose result depends only on its inputs.

Validating a large spec with openapi-spec-validator is the largest single cost
of a run (seconds on the GitHub spec), and its verdict depends only on the
document's bytes and on the validators' code. So the verdict is recorded
under a key made of the document's SHA-256 and a fingerprint of that code; a
later run on the same document reuses it instead of paying again. Compiled
Jinja templates are kept here too (keyed by Jinja on the template's source),
and each pack's finished files (`finish_cache`).

Where: `$GENERATOR_CACHE` when set (a folder; `off` disables the cache),
else `$XDG_CACHE_HOME/sdk-generator`, else `~/.cache/sdk-generator`. Every
read tolerates a missing, stale or corrupt entry (it is a miss), and every
write is atomic, so concurrent runs never see half an entry. Deleting the
folder is always safe.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import tempfile
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from .diagnostics import Diagnostic, from_rows, to_rows

ENV = "GENERATOR_CACHE"
# Entries kept per kind; the oldest (by modification time) go first.
MAX_ENTRIES = 256
_FORMAT = 1
# The code a validation verdict depends on besides the document itself.
_VALIDATOR_DISTRIBUTIONS = (
    "openapi-spec-validator",
    "openapi-schema-validator",
    "jsonschema",
    "jsonschema-rs",
    "referencing",
)
_OWN_SOURCES = ("validate.py", "keyword_pass.py", "loader.py", "diagnostics.py", "background.py")


def cache_root() -> Path | None:
    """The cache folder, or None when the cache is switched off."""
    configured = os.environ.get(ENV, "").strip()
    if configured.lower() in ("off", "0", "false", "no", "none"):
        return None
    if configured:
        return Path(configured).expanduser()
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(base) if base else Path.home() / ".cache") / "sdk-generator"


def folder(kind: str) -> Path | None:
    """`<cache>/<kind>/`, created on demand; None when off or not creatable."""
    root = cache_root()
    if root is None:
        return None
    path = root / kind
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return path


@cache
def validator_fingerprint() -> str:
    """A hash of everything besides the document that a validation verdict depends on."""
    digest = hashlib.sha256(f"format {_FORMAT}\n".encode())
    for name in _VALIDATOR_DISTRIBUTIONS:
        digest.update(f"{name}=={_installed_version(name)}\n".encode())
    here = Path(__file__).resolve().parent
    for source in _OWN_SOURCES:
        digest.update((here / source).read_bytes())
    return digest.hexdigest()


def _installed_version(distribution: str) -> str:
    """The installed version of `distribution`, read from its .dist-info folder's name.

    Found beside the package without importing it (importing openapi-spec-validator
    costs 0.2 s; importlib.metadata's scan of every distribution ~20 ms); falls back
    to importlib.metadata for unusual installs.
    """
    module = distribution.replace("-", "_")
    spec = importlib.util.find_spec(module)
    if spec is not None and spec.origin:
        site = Path(spec.origin).parent.parent
        try:
            found = sorted(
                entry
                for entry in os.listdir(site)
                if entry.endswith(".dist-info") and entry.split("-")[0].lower() == module
            )
        except OSError:
            found = []
        if len(found) == 1:
            return found[0][len(module) + 1 : -len(".dist-info")]
    from importlib import metadata

    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "absent"


def lookup_diagnostics(document_key: str) -> list[Diagnostic] | None:
    """The verdict recorded for `document_key` (see `validate.cache_key`), or None."""
    place = folder("validation")
    return None if place is None else _read_diagnostics(_entry(place, document_key))


def record_diagnostics(document_key: str, found: Iterable[Diagnostic]) -> None:
    """Keep `found` as the verdict for `document_key`."""
    place = folder("validation")
    if place is None:
        return
    body = {
        "format": _FORMAT,
        "document": document_key,
        "diagnostics": to_rows(found),
    }
    _write_atomic(_entry(place, document_key), json.dumps(body, separators=(",", ":")).encode())
    prune(place)


def _entry(place: Path, document_key: str) -> Path:
    key = hashlib.sha256(f"{document_key}:{validator_fingerprint()}".encode()).hexdigest()
    return place / f"{key}.json"


def _read_diagnostics(entry: Path) -> list[Diagnostic] | None:
    try:
        data = json.loads(entry.read_bytes())
        rows = data["diagnostics"] if data.get("format") == _FORMAT else None
        if not isinstance(rows, list):
            return None
        return from_rows(rows)
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None  # missing, corrupt or from another format: recompute


def _write_atomic(target: Path, data: bytes) -> None:
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=target.suffix)
    except OSError:
        return  # a read-only cache is no cache, not an error
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, target)
    except OSError:
        Path(tmp).unlink(missing_ok=True)


def prune(place: Path, suffix: str = ".json", keep: int = MAX_ENTRIES) -> None:
    """Delete the oldest `suffix` files of `place` beyond the newest `keep`."""
    try:
        entries = [p for p in place.iterdir() if p.suffix == suffix]
        if len(entries) <= keep:
            return
        entries.sort(key=lambda p: p.stat().st_mtime)
        for old in entries[: len(entries) - keep]:
            old.unlink(missing_ok=True)
    except OSError:
        pass  # another run pruned first
