"""The pack's finish step: tidy import headers, then ruff formats the generated Python
(and markdown code blocks)."""

from __future__ import annotations

import functools
import hashlib
import os
import posixpath
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from generator import forking

from . import tidy_imports

# The same settings the generated pyproject.toml gives ruff, so formatting here and
# `ruff format --check` there agree.
_RUFF_SETTINGS = 'line-length = 100\ntarget-version = "py310"\n'
# F401 and I: for a module whose header `tidy_imports` cannot read, ruff drops the
# imports it does not use and sorts the rest (`_FIX`); every file is formatted (`_FORMAT`).
_FIX = ("check", "--select", "I,F401", "--fix")
_FORMAT = ("format",)
# Batches ruff formats while the next is copied (see `_run_ruff`), and the fewest files
# worth a batch of their own: ruff's start costs about what 30 files do.
_BATCHES = 4
_BATCH_FROM = 250
# What turns a rendered file into its output, besides ruff's version: the commands, and
# the source of this module and of the import pass (a change to either must not reuse
# older output).
_RECIPE = f"{_FIX}{_FORMAT}" + "".join(
    hashlib.sha256(Path(module).read_bytes()).hexdigest()
    for module in (__file__, tidy_imports.__file__)
)


def finish(files: dict[str, str]) -> dict[str, str]:
    """Format the Python files with ruff, the formatter the generated package is checked with.

    Templates already lay code out close to ruff's style; ruff settles line
    wrapping, which templates cannot know in advance, and `tidy_imports` the
    imports. Each file's result depends on its path and text alone (the generator
    may hand over any part of the output, and caches results under `finish_key`);
    ruff runs once over the files given, not once per file.
    """
    python = {p: t for p, t in files.items() if p.endswith(".py") or _has_code_blocks(p, t)}
    return {**files, **_run_ruff(_ruff(), python)} if python else files


def finish_key() -> str:
    """What `finish`'s output depends on besides a file: ruff's version, its settings and
    this pack's recipe."""
    return f"{_ruff_version(_ruff())}\n{_RUFF_SETTINGS}{_RECIPE}"


def _has_code_blocks(path: str, text: str) -> bool:
    """Whether ruff may change a markdown page: it formats the Python of fenced code blocks
    only, so a page without a fence (most model pages) need not be copied for it."""
    return path.endswith(".md") and ("```" in text or "~~~" in text)


def _ruff() -> str:
    """The ruff installed beside this interpreter (the pinned one), else any on PATH."""
    beside = Path(sys.executable).with_name("ruff")
    return str(beside) if beside.exists() else shutil.which("ruff") or "ruff"


@functools.cache
def _ruff_version(ruff: str) -> str:
    """`ruff --version`'s answer (e.g. `ruff 0.17.6`): cached output of another is stale."""
    done = subprocess.run([ruff, "--version"], capture_output=True, text=True, check=False)
    return done.stdout.strip() or f"unknown ruff at {ruff}"


def _run_ruff(ruff: str, files: dict[str, str]) -> dict[str, str]:
    """`files` with tidy imports, as ruff formats them, through a temporary copy of them.

    The copy is made in batches, and ruff formats each batch while the next is being
    tidied and written: that Python work takes one core, and ruff the other (unless
    another process is finishing files beside this one: then in one batch). Ruff fixes
    the imports of the modules whose header `tidy_imports` cannot read (none of this
    pack's own templates: tests hold them to it).

    Plain `os` calls rather than pathlib: this copies thousands of files, and pathlib's
    path parsing alone cost a sixth of the copy.
    """
    scratch = _memory_folder(4 * sum(len(t) for t in files.values()) + (64 << 20))
    paths = list(files)
    # Batches put the second core to use while this one copies. When another process
    # renders and finishes beside this one, that core is busy: one batch, one ruff start
    # (Stripe, cold: 1.372 -> 1.348 s; in one process, batches save 3 %).
    count = 1 if forking.sharing() else max(1, min(_BATCHES, len(paths) // _BATCH_FROM))
    batches = [paths[n::count] for n in range(count)]
    with tempfile.TemporaryDirectory(dir=scratch) as root:
        config = os.path.join(root, "ruff.toml")
        _write(config, _RUFF_SETTINGS)
        started: list[subprocess.Popen[str]] = []  # stopped on the way out, whatever happens
        formatting: list[subprocess.Popen[str]] = []
        try:
            for n, batch in enumerate(batches):
                folder = os.path.join(root, str(n))
                untidy = _copy_tidied(folder, batch, files)
                if formatting:  # one ruff at a time: it runs on every core it finds
                    _wait(_FORMAT, formatting[-1])
                if untidy:
                    started.append(_ruff_in(folder, ruff, _FIX, config, untidy))
                    _wait(_FIX, started[-1])  # done before this batch is formatted
                formatting.append(_ruff_in(folder, ruff, _FORMAT, config, [folder]))
                started.append(formatting[-1])
            _wait(_FORMAT, formatting[-1])
        finally:
            for process in started:
                if process.poll() is None:
                    process.kill()
                    process.wait()
        return {
            path: _read(os.path.join(root, str(n), path))
            for n, batch in enumerate(batches)
            for path in batch
        }


def _copy_tidied(folder: str, paths: list[str], files: dict[str, str]) -> list[str]:
    """Write `paths` of `files` under `folder`, Python modules with tidy imports; the
    copies of those whose imports `tidy_imports` left to ruff."""
    for parent in {posixpath.dirname(path) for path in paths}:
        os.makedirs(os.path.join(folder, parent), exist_ok=True)
    untidy: list[str] = []
    for path in paths:
        text = files[path]
        package = path.endswith("__init__.py")
        tidied = tidy_imports.tidy(text, package=package) if path.endswith(".py") else text
        if tidied is None:
            untidy.append(os.path.join(folder, path))
        _write(os.path.join(folder, path), text if tidied is None else tidied)
    return untidy


def _ruff_in(
    folder: str, ruff: str, command: tuple[str, ...], config: str, targets: list[str]
) -> subprocess.Popen[str]:
    # --no-cache: ruff's own cache is keyed by path, and this copy's path is new every
    # run, so its entries would never be read (and pile up in the working folder).
    # cwd: ruff tells first-party imports by the folder it runs in; in the copy's own,
    # the answer depends on the files alone, as the cache assumes.
    return subprocess.Popen(
        [ruff, *command, "--quiet", "--no-cache", "--config", config, *targets],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=folder,
    )


def _wait(command: tuple[str, ...], process: subprocess.Popen[str]) -> None:
    stdout, stderr = process.communicate()
    if process.returncode != 0:
        raise RuntimeError(f"ruff {command[0]} failed on the generated code:\n{stdout}{stderr}")


# Plain descriptors rather than file objects: the copy writes and reads back thousands of
# files, and a text file object's layers cost half of that (Stripe: 36 -> 20 ms a process).
_WRITE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
_READ = os.O_RDONLY | getattr(os, "O_BINARY", 0)


def _write(path: str, text: str) -> None:
    fd = os.open(path, _WRITE, 0o644)
    try:
        view = memoryview(text.encode())
        while view:  # a regular file takes it all at once, bar a signal or a full disk
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def _read(path: str) -> str:
    fd = os.open(path, _READ)
    try:
        chunks: list[bytes] = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
    finally:
        os.close(fd)
    return b"".join(chunks).decode()


# A tmpfs folder for the scratch copy: ruff's pass creates thousands of files, which
# costs ~0.5 ms each on a disk but ~20 us in memory.
_MEMORY_FOLDERS = ("/dev/shm",)


def _memory_folder(need: int) -> str | None:
    """A writable memory folder with `need` bytes free, unless the user chose a temporary
    folder (`TMPDIR`, `TEMP`, `TMP`); None means tempfile's default."""
    if any(os.environ.get(v) for v in ("TMPDIR", "TEMP", "TMP")):
        return None
    for folder in _MEMORY_FOLDERS:
        try:
            stat = os.statvfs(folder)
        except (OSError, AttributeError):  # absent, or not a POSIX system
            continue
        if os.access(folder, os.W_OK | os.X_OK) and stat.f_bavail * stat.f_frsize >= need:
            return folder
    return None
