"""Ruff, with the generated package's own settings, as the judge of its code: the oracle
of the Python pack's import pass (`tidy_imports`) and of unused names in templates."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

RUFF = Path(sys.executable).with_name("ruff")


def assert_lints_clean(out: Path) -> None:
    """`ruff check` finds nothing in the package generated into `out` (by its own
    pyproject.toml: sorted and used imports, no unused variable...), but lines a spec's
    long strings make too long (E501), which no template can wrap."""
    done = subprocess.run(
        [str(RUFF), "check", "--no-cache", "--extend-ignore", "E501"]
        + ["--output-format", "concise", "."],
        cwd=out,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
