"""The packages the generality tests generate pass `mypy --strict` and `ruff check`: the
types of unions, formats, files, maps and defaults are sound, not only working."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import test_bodies
import test_identifiers
import test_parameters
import test_schemas
import test_servers_and_refs
import test_unsupported
from generality_support import run_generator, write_spec

SPECS = {
    "typed_zoo": test_schemas.ZOO,
    "typed_modern": test_schemas.SPEC_31,
    "typed_kennel": test_schemas.INHERITANCE,
    "typed_styles": test_parameters._spec(),
    "typed_bodies": test_bodies.SPEC,
    "typed_names": test_identifiers.NAMES,
    "typed_regions": test_servers_and_refs.SERVERS,
    "typed_partial": test_unsupported.SPEC,
}


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("typed")
    for package, spec in SPECS.items():
        path = write_spec(root / "specs", spec, f"{package}.yaml")
        code, err = run_generator(
            "generate",
            str(path),
            "--lang",
            "python",
            "--out",
            str(root / package),
            "--package",
            package,
        )
        assert code == 0, err
    return root


def test_mypy_strict(out: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(out / ".mypy")]
        + [str(out / package / package) for package in SPECS],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-5000:]


def test_ruff(out: Path) -> None:
    for package in SPECS:
        done = subprocess.run(
            [str(Path(sys.executable).with_name("ruff")), "check", "--no-cache", "."],
            cwd=out / package,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stdout[-5000:]
