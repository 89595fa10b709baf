"""Running a Ruby script of the tests against the generated gem: one process for many cases."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
GEM_LIB = REPO_ROOT / "generated" / "ruby" / "lib"
HERE = Path(__file__).resolve().parent


def run_jobs(ruby: str, script: str, jobs: list[dict[str, Any]], tmp: Path) -> dict[str, Any]:
    """Write `jobs` to a file, run `script` on it once, and return its reports by job id.

    The script prints one JSON object per job; a script that fails outright fails the test
    with its output.
    """
    path = tmp / "jobs.json"
    path.write_text(json.dumps(jobs), "utf-8")
    done = subprocess.run(
        [ruby, "-W:no-deprecated", "-I", str(GEM_LIB), str(HERE / script), str(path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=REPO_ROOT,
    )
    assert done.returncode == 0, f"{script} failed:\n{done.stdout}\n{done.stderr}"
    reports = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    return {str(report["id"]): report for report in reports}


def ruby_or_skip() -> str:
    """The `ruby` executable; a failure when REQUIRE_RUBY=1 and there is none, else a skip."""
    found = shutil.which("ruby")
    if found:
        return found
    if os.environ.get("REQUIRE_RUBY") == "1":
        pytest.fail("REQUIRE_RUBY=1 but no `ruby` on PATH (apt-get install ruby)")
    pytest.skip("ruby is not installed (set REQUIRE_RUBY=1 to make this a failure)")
