"""Ruff's import rules as the oracle of the Python pack's own import pass (`tidy_imports`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

RUFF = Path(sys.executable).with_name("ruff")


def assert_imports_tidy(out: Path) -> None:
    """Ruff finds no unsorted (I001) or unused (F401) import in the Python under `out`."""
    done = subprocess.run(
        [
            str(RUFF),
            "check",
            "--no-cache",
            "--isolated",
            "--select",
            "I,F401",
            "--line-length",
            "100",
            "--target-version",
            "py310",
            "--output-format",
            "concise",
            ".",
        ],
        cwd=out,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
