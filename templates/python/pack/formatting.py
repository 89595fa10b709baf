"""The pack's postprocess step: ruff formats the generated Python (and markdown code blocks)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# The same settings the generated pyproject.toml gives ruff, so formatting here and
# `ruff format --check` there agree.
_RUFF_SETTINGS = 'line-length = 100\ntarget-version = "py310"\n'


def postprocess(files: dict[str, str]) -> dict[str, str]:
    """Format the Python files with ruff, the formatter the generated package is checked with.

    Templates already lay code out close to ruff's style; ruff settles line
    wrapping and import order, which templates cannot know in advance. It runs
    once over a temporary copy of all Python files, not once per file.
    """
    # ruff also formats the Python code blocks of markdown pages.
    python = {p: t for p, t in files.items() if p.endswith((".py", ".md"))}
    # The ruff installed beside this interpreter (the pinned one) wins over any on PATH.
    beside = Path(sys.executable).with_name("ruff")
    ruff = str(beside) if beside.exists() else shutil.which("ruff") or "ruff"
    scratch = _memory_folder(4 * sum(len(t) for t in python.values()) + (64 << 20))
    with tempfile.TemporaryDirectory(dir=scratch) as tmp:
        root = Path(tmp)
        (root / "ruff.toml").write_text(_RUFF_SETTINGS, "utf-8")
        for path, text in python.items():
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_text(text, "utf-8")
        config = str(root / "ruff.toml")
        # F401: templates import what a module may need; ruff drops what it does not use.
        for command in (["check", "--select", "I,F401", "--fix"], ["format"]):
            done = subprocess.run(
                [ruff, *command, "--quiet", "--config", config, str(root)],
                capture_output=True,
                text=True,
                check=False,
            )
            if done.returncode != 0:
                raise RuntimeError(
                    f"ruff {command[0]} failed on the generated code:\n{done.stdout}{done.stderr}"
                )
        formatted = {p: (root / p).read_text("utf-8") for p in python}
    return {**files, **formatted}


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
