"""The pack's postprocess step: ruff formats the generated Python (and markdown code blocks)."""

from __future__ import annotations

import os
import posixpath
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from . import format_cache

# The same settings the generated pyproject.toml gives ruff, so formatting here and
# `ruff format --check` there agree.
_RUFF_SETTINGS = 'line-length = 100\ntarget-version = "py310"\n'
# F401: templates import what a module may need; ruff drops what it does not use.
_RUFF_COMMANDS = (("check", "--select", "I,F401", "--fix"), ("format",))


def postprocess(files: dict[str, str]) -> dict[str, str]:
    """`postprocess_batches` with every file in one batch."""
    return postprocess_batches(list(files), iter([files]))


def postprocess_batches(paths: Sequence[str], batches: Iterator[dict[str, str]]) -> dict[str, str]:
    """Format the Python files with ruff, the formatter the generated package is checked with.

    Templates already lay code out close to ruff's style; ruff settles line
    wrapping and import order, which templates cannot know in advance. Files
    formatted by an earlier run are taken from the cache (`format_cache`). The
    others go to ruff batch by batch, as the generator renders them: ruff works
    on one batch in its own process while the next is rendered.
    """
    ruff = _ruff()
    # Ruff's output depends on its settings and on the commands run: both key the cache.
    bundle = format_cache.open_bundle(ruff, f"{_RUFF_SETTINGS}{_RUFF_COMMANDS}", paths)
    out: dict[str, str] = {}
    python: dict[str, str] = {}
    runs: list[_RuffRun] = []
    try:
        for batch in batches:
            out.update(batch)
            mine = {p: t for p, t in batch.items() if p.endswith(".py") or _has_code_blocks(p, t)}
            python.update(mine)
            done = format_cache.reuse(bundle, mine) if bundle is not None else {}
            out.update(done)
            missing = {p: t for p, t in mine.items() if p not in done}
            if missing:
                runs.append(_start_ruff(ruff, missing))
            for run in runs:  # one ruff at a time: it uses every core on its own
                if not run.advance():
                    break
        for run in runs:
            out.update(run.finish())
    finally:
        for run in runs:
            run.stop()
    if bundle is not None and runs:
        format_cache.record(bundle, python, out)
    return out


def _has_code_blocks(path: str, text: str) -> bool:
    """Whether ruff may change a markdown page: it formats the Python of fenced code blocks
    only, so a page without a fence (most model pages) need not be copied for it."""
    return path.endswith(".md") and ("```" in text or "~~~" in text)


def _ruff() -> str:
    """The ruff installed beside this interpreter (the pinned one), else any on PATH."""
    beside = Path(sys.executable).with_name("ruff")
    return str(beside) if beside.exists() else shutil.which("ruff") or "ruff"


def _start_ruff(ruff: str, files: dict[str, str]) -> _RuffRun:
    return _RuffRun(ruff, files)


class _RuffRun:
    """Ruff's commands over a temporary copy of `files`, one after the other, in the
    background: `advance()` starts the next command if none is running, `finish()`
    waits for the rest and returns the files as ruff left them.

    Plain `os` calls rather than pathlib: this copies thousands of files, and pathlib's
    path parsing alone cost a sixth of the copy.
    """

    def __init__(self, ruff: str, files: dict[str, str]) -> None:
        self._ruff = ruff
        self._files = files
        scratch = _memory_folder(4 * sum(len(t) for t in files.values()) + (64 << 20))
        self._root = tempfile.mkdtemp(dir=scratch)
        self._config = os.path.join(self._root, "ruff.toml")
        _write(self._config, _RUFF_SETTINGS)
        for folder in {posixpath.dirname(path) for path in files}:
            os.makedirs(os.path.join(self._root, folder), exist_ok=True)
        for path, text in files.items():
            _write(os.path.join(self._root, path), text)
        self._commands = list(_RUFF_COMMANDS)
        self._command = ""
        self._process: subprocess.Popen[bytes] | None = None

    def _next(self) -> None:
        command = self._commands.pop(0)
        # --no-cache: ruff's own cache is keyed by path, and this copy's path is new every
        # run, so its entries would never be read (and pile up in the working folder).
        # cwd: ruff tells first-party imports by the folder it runs in; in the copy's own,
        # the answer depends on the files alone, as the cache assumes.
        self._process = subprocess.Popen(
            [self._ruff, *command, "--quiet", "--no-cache", "--config", self._config, self._root],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            cwd=self._root,
        )
        self._command = command[0]

    def _collect(self) -> None:
        """Wait for the running command, reading what it says; RuntimeError if it failed."""
        process = self._process
        assert process is not None
        self._process = None
        output, _ = process.communicate()
        if process.returncode != 0:
            raise RuntimeError(
                f"ruff {self._command} failed on the generated code:\n"
                + output.decode("utf-8", "replace")
            )

    def advance(self) -> bool:
        """Start the next command if none is running (without waiting); whether all are done."""
        if self._process is not None and self._process.poll() is not None:
            self._collect()
        if self._process is None and self._commands:
            self._next()
        return self._process is None

    def finish(self) -> dict[str, str]:
        while not self.advance():
            self._collect()
        return {path: _read(os.path.join(self._root, path)) for path in self._files}

    def stop(self) -> None:
        """Kill a command still running (after a failure elsewhere) and remove the copy."""
        if self._process is not None:
            self._process.kill()
            self._process.communicate()
            self._process = None
        shutil.rmtree(self._root, ignore_errors=True)


def _write(path: str, text: str) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def _read(path: str) -> str:
    with open(path, encoding="utf-8") as handle:
        return handle.read()


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
