"""What ruff made of files in earlier runs, so that a run reformats only what changed.

Ruff's output for a file depends only on ruff's version, its settings, the file's path
(`__init__.py` files are linted differently) and its text; nothing else in the tree
matters to the rules the pack selects (imports of the generated package are relative).
So each entry is keyed by a hash of exactly those, and a hit is ruff's output itself.

Entries live in one pack file per bundle, not one file per entry: thousands of small
cache files would cost more to write than ruff takes. A bundle is the output of one
API (named by the top-level names of its files, e.g. `README.md doc stripe_api`), so
regenerating after a small spec or template change finds most of its files there.
Each run that formats anything rewrites its bundle with exactly its own entries, so a
bundle never grows past one output. Lives under `generator.cache.folder("format")`.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from generator import cache

# Bundles kept (about one per API regenerated); Stripe's is ~12 MB.
_KEEP = 8
_SUFFIX = ".pack"
# The first line of a pack file; the format's version is part of it.
_MAGIC = b"sdk-generator ruff output 1\n"
_UNCHANGED = -1  # an index length meaning "ruff left the file as it was"


@dataclass(frozen=True, slots=True)
class Bundle:
    """The pack file of one output and the entry key of each of its files."""

    file: Path
    keys: dict[str, str]  # path -> entry key


def open_bundle(ruff: str, settings: str, files: Mapping[str, str]) -> Bundle | None:
    """The bundle `files` belong to; None when the cache is off."""
    place = cache.folder("format")
    if place is None:
        return None
    salt = f"{_ruff_version(ruff)}\n{settings}\n"
    tops = sorted({path.split("/", 1)[0] for path in files})
    name = _hash(salt + "\n".join(tops))
    return Bundle(place / (name + _SUFFIX), {p: _hash(f"{salt}{p}\0{t}") for p, t in files.items()})


def reuse(bundle: Bundle, files: Mapping[str, str]) -> dict[str, str]:
    """The files (of `files`) whose formatted text the bundle holds: path -> that text."""
    recorded = _read(bundle.file)
    found: dict[str, str] = {}
    for path, text in files.items():
        key = bundle.keys[path]
        if key in recorded:
            entry = recorded[key]
            found[path] = text if entry is None else entry
    if found:
        _touch(bundle.file)  # pruning drops the least recently used bundles
    return found


def record(bundle: Bundle, files: Mapping[str, str], formatted: Mapping[str, str]) -> None:
    """Write the bundle anew with the entries of this run: input `files`, ruff's `formatted`."""
    index: list[tuple[str, int]] = []
    texts: list[bytes] = []
    for path, text in files.items():
        result = formatted[path]
        if result == text:  # not stored twice: the input is at hand when it is read
            index.append((bundle.keys[path], _UNCHANGED))
            continue
        encoded = result.encode("utf-8")
        index.append((bundle.keys[path], len(encoded)))
        texts.append(encoded)
    head = json.dumps(index, separators=(",", ":")).encode("ascii")
    cache._write_atomic(bundle.file, b"".join((_MAGIC, head, b"\n", *texts)))
    cache.prune(bundle.file.parent, _SUFFIX, keep=_KEEP)


def _read(file: Path) -> dict[str, str | None]:
    """Entry key -> formatted text (None: the input unchanged); empty when absent or corrupt."""
    try:
        data = file.read_bytes()
    except OSError:
        return {}
    if not data.startswith(_MAGIC):
        return {}
    try:
        newline = data.index(b"\n", len(_MAGIC))
        index = json.loads(data[len(_MAGIC) : newline])
        entries: dict[str, str | None] = {}
        start = newline + 1
        for key, length in index:
            if length == _UNCHANGED:
                entries[key] = None
                continue
            entries[key] = data[start : start + length].decode("utf-8")
            start += length
    except (ValueError, TypeError):
        return {}  # truncated or garbled: every file is a miss
    return entries if start == len(data) else {}


def _touch(file: Path) -> None:
    try:
        os.utime(file)
    except OSError:
        pass  # pruned meanwhile by another run: it is rewritten on its next miss


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@functools.cache
def _ruff_version(ruff: str) -> str:
    """`ruff --version`'s answer (e.g. `ruff 0.17.6`): entries of another version are misses."""
    done = subprocess.run([ruff, "--version"], capture_output=True, text=True, check=False)
    return done.stdout.strip() or f"unknown ruff at {ruff}"
