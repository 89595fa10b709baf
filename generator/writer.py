"""Rendered files -> disk (the `write` stage).

The output folder keeps a manifest, `.generated-files.json`, of every file the
generator wrote there with its SHA-256. It lets a run:
- rewrite only the files whose bytes change (so mtimes and reviews stay calm);
- delete files it made before and no longer makes, and never touch a file it
  did not make;
- notice a generated file edited by hand and refuse to overwrite it silently.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = ".generated-files.json"


@dataclass(slots=True)
class Plan:
    """What a run would do to the output folder."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    edited_by_hand: list[str] = field(default_factory=list)
    unchanged: int = 0

    @property
    def drift(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    def report(self) -> str:
        lines = [f"  new      {p}" for p in self.added]
        lines += [f"  changed  {p}" for p in self.changed]
        lines += [f"  removed  {p}" for p in self.removed]
        return "\n".join(lines)


class HandEditError(Exception):
    """Writing would overwrite or delete a file changed by hand (or never generated)."""

    def __init__(self, paths: list[str]) -> None:
        self.paths = paths
        super().__init__(
            "files were edited by hand or are not the generator's (regenerating would lose "
            "them): " + ", ".join(paths) + "; move the change into the spec or the templates, "
            "or pass --force"
        )


class OutsideOutputError(Exception):
    """A path would be written or deleted outside the output folder (through a symlink)."""

    def __init__(self, paths: list[str]) -> None:
        self.paths = paths
        super().__init__(
            "refusing to write outside the output folder (a symlink leads out): " + ", ".join(paths)
        )


def _escaping(out: Path, paths: Iterable[str]) -> list[str]:
    """The paths whose `out/path`, every symlink on the way resolved, leaves `out`.

    Each folder is resolved once, not once per file in it (a large output has
    thousands of files in a handful of folders); then only the file itself can
    still be a symlink.
    """
    root = out.resolve()
    folders: dict[str, Path] = {}
    found: list[str] = []
    for path in paths:
        folder, _, name = path.replace("\\", "/").rpartition("/")
        if folder not in folders:
            folders[folder] = (out / folder).resolve()
        target = folders[folder] / name
        if target.is_symlink():
            target = target.resolve()
        if not target.is_relative_to(root):
            found.append(path)
    return found


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_manifest(out: Path) -> dict[str, str]:
    """Path -> hash of what the last run wrote; entries that would leave `out` are ignored."""
    try:
        data = json.loads((out / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, dict):
        return {}
    return {str(k): str(v) for k, v in files.items() if _inside(str(k))}


def _inside(path: str) -> bool:
    """A manifest entry names a file below the output folder (never `..`, never absolute)."""
    parts = path.replace("\\", "/").split("/")
    return bool(path) and not path.startswith("/") and ".." not in parts and ":" not in parts[0]


def manifest_bytes(files: Mapping[str, bytes]) -> bytes:
    body = {"files": {path: sha256(data) for path, data in sorted(files.items())}}
    return (json.dumps(body, indent=2, sort_keys=True) + "\n").encode("utf-8")


def plan(out: Path, files: Mapping[str, bytes]) -> Plan:
    previous = read_manifest(out)
    result = Plan()
    wanted = {**files, MANIFEST: manifest_bytes(files)}
    for path, data in sorted(wanted.items()):
        target = out / path
        try:
            current = target.read_bytes()
        except FileNotFoundError:
            result.added.append(path)
            continue
        if current == data:
            result.unchanged += 1
            continue
        result.changed.append(path)
        recorded = previous.get(path)
        if path != MANIFEST and (recorded is None or recorded != sha256(current)):
            # Edited since we wrote it, or never ours: a file of the user's own.
            result.edited_by_hand.append(path)
    for path in sorted(set(previous) - set(files)):
        target = out / path
        if target.exists():
            if previous[path] != sha256(target.read_bytes()):
                result.edited_by_hand.append(path)
            result.removed.append(path)
    return result


def write(out: Path, files: Mapping[str, bytes], *, force: bool = False) -> Plan:
    """Bring `out` in line with `files`. A hand edit stops the run before any write, bar `force`."""
    result = plan(out, files)
    if result.edited_by_hand and not force:
        raise HandEditError(result.edited_by_hand)
    escaping = _escaping(out, result.added + result.changed + result.removed)
    if escaping:
        raise OutsideOutputError(escaping)
    _write_all(out, [(p, files[p]) for p in result.added + result.changed if p != MANIFEST])
    for path in result.removed:
        (out / path).unlink()
        _prune_empty_parents(out / path, out)
    # Last, so a run that dies half-way is redone, not mistaken for hand edits next time.
    if MANIFEST in result.added or MANIFEST in result.changed:
        _atomic_write(out / MANIFEST, manifest_bytes(files))
    return result


def diff(out: Path, files: Mapping[str, bytes], result: Plan) -> str:
    """A short unified diff of each new, changed and removed file (the manifest left out):
    at most 40 lines for a changed file, 20 for a whole new or removed one."""
    chunks = [
        _short_diff([], _lines(files[p]), "/dev/null", f"b/{p}", 20, end_lines=True)
        for p in result.added
        if p != MANIFEST
    ]
    chunks += [
        _short_diff(_lines((out / p).read_bytes()), _lines(files[p]), f"a/{p}", f"b/{p}", 40)
        for p in result.changed
        if p != MANIFEST
    ]
    chunks += [
        _short_diff(_lines((out / p).read_bytes()), [], f"a/{p}", "/dev/null", 20, end_lines=True)
        for p in result.removed
    ]
    return "".join(chunks)


def _lines(data: bytes) -> list[str]:
    return data.decode("utf-8", "replace").splitlines(keepends=True)


def _short_diff(
    old: list[str], new: list[str], before: str, after: str, limit: int, *, end_lines: bool = False
) -> str:
    lines = list(difflib.unified_diff(old, new, before, after, n=2))
    if len(lines) > limit:
        lines = lines[:limit] + [f"... ({len(lines) - limit} more diff lines)\n"]
    if end_lines:  # a file without a final newline would run into the next diff's header
        lines = [line if line.endswith("\n") else line + "\n" for line in lines]
    return "".join(lines)


def _write_all(out: Path, items: list[tuple[str, bytes]]) -> None:
    """Atomically write every `(path, data)` below `out`, each folder made once."""
    for folder in sorted({(out / path).parent for path, _ in items}, key=lambda f: len(f.parts)):
        folder.mkdir(parents=True, exist_ok=True)
    for path, data in items:
        _atomic_write(out / path, data, made=True)


def _atomic_write(target: Path, data: bytes, *, made: bool = False) -> None:
    if not made:
        target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=target.suffix)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _prune_empty_parents(path: Path, root: Path) -> None:
    parent = path.parent
    while parent != root and parent.is_relative_to(root) and not any(parent.iterdir()):
        parent.rmdir()
        parent = parent.parent
