"""What a pack's `finish` step made of files in earlier runs, so a run finishes only
what changed (`finishing` asks it).

A pack's `finish` promises that a file's result depends only on its path and text,
and its `finish_key()` names everything else the result depends on (a formatter's
version, its settings, the pack's own code). So each entry is keyed by a hash of
exactly those, and a hit is the finished text itself.

Entries live in one pack file per bundle, not one file per entry: thousands of small
cache files would cost more to write than a formatter takes. A bundle is the output
of one pack for one API (named by the pack and the top-level names of its files, e.g.
`python: README.md doc stripe_api`), so regenerating after a small spec or template
change finds most of its files there. Each run that finishes anything anew rewrites
its bundle with exactly its own entries, so a bundle never grows past one output.
Lives under `generator.cache.folder("finish")`.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from . import cache

# Bundles kept (about one per API and pack regenerated); Stripe's Python one is ~12 MB.
_KEEP = 8
_SUFFIX = ".pack"
# The first line of a pack file; the format's version is part of it.
_MAGIC = b"sdk-generator finished files 1\n"
_UNCHANGED = -1  # an index length meaning "finish left the file as it was"


@dataclass(frozen=True, slots=True)
class Bundle:
    """The pack file of one output, the salt of its keys and the entries it holds."""

    file: Path
    salt: bytes
    recorded: dict[str, bytes | None]  # entry key -> finished file (None: the input unchanged)

    def key(self, path: str, text: str) -> str:
        """The entry key of the file `path` holding `text` before it is finished."""
        digest = hashlib.sha256(self.salt)
        digest.update(f"{path}\0{text}".encode())
        return digest.hexdigest()


def open_bundle(pack: str, finish_key: Callable[[], str], paths: Iterable[str]) -> Bundle | None:
    """The bundle of the output of `pack` (its name and folder) made of `paths`, with the
    entries an earlier run recorded; None when the cache is off (`finish_key` not called)."""
    place = cache.folder("finish")
    if place is None:
        return None
    # Before the finish step was a pack hook, the Python pack kept ruff's output under
    # "format", in bundles no run reads any more: up to 8 of ~12 MB.
    shutil.rmtree(place.parent / "format", ignore_errors=True)
    salt = f"{pack}\n{finish_key()}\n"
    tops = sorted({path.split("/", 1)[0] for path in paths})
    name = hashlib.sha256((salt + "\n".join(tops)).encode()).hexdigest()
    file = place / (name + _SUFFIX)
    return Bundle(file, salt.encode(), _read(file))


def record(bundle: Bundle, entries: Iterable[tuple[str, bytes | None]]) -> None:
    """Write the bundle anew with `entries`: (key, finished file, None when unchanged)."""
    index: list[tuple[str, int]] = []
    texts: list[bytes] = []
    for key, data in entries:
        if data is None:  # not stored twice: the input is at hand when it is read
            index.append((key, _UNCHANGED))
            continue
        index.append((key, len(data)))
        texts.append(data)
    head = json.dumps(index, separators=(",", ":")).encode("ascii")
    cache._write_atomic(bundle.file, b"".join((_MAGIC, head, b"\n", *texts)))
    cache.prune(bundle.file.parent, _SUFFIX, keep=_KEEP)


def touch(bundle: Bundle) -> None:
    """Mark the bundle used: pruning drops the least recently used bundles."""
    try:
        os.utime(bundle.file)
    except OSError:
        pass  # pruned meanwhile by another run: it is rewritten on its next miss


def _read(file: Path) -> dict[str, bytes | None]:
    """Entry key -> finished file (None: the input unchanged); empty when absent or corrupt."""
    try:
        data = file.read_bytes()
    except OSError:
        return {}
    if not data.startswith(_MAGIC):
        return {}
    try:
        newline = data.index(b"\n", len(_MAGIC))
        index = json.loads(data[len(_MAGIC) : newline])
        entries: dict[str, bytes | None] = {}
        start = newline + 1
        for key, length in index:
            if length == _UNCHANGED:
                entries[key] = None
                continue
            entries[key] = data[start : start + length]
            start += length
    except (ValueError, TypeError):
        return {}  # truncated or garbled: every file is a miss
    return entries if start == len(data) else {}
