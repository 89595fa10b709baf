"""Real specs from `../shared/corpus/` generate every operation, and the package compiles,
imports lazily and passes `mypy --strict`.

Twilio (58 operations) runs with every `pytest`; GitHub (623) and Stripe (417) take a
minute or two together, so they run under `make corpus` (which `make test` runs), or
with `SDK_CORPUS=all`.
"""

from __future__ import annotations

import compileall
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from support.keyword_oracle import assert_same
from support.ruff_lint import assert_lints_clean

from generator.cli import main
from generator.loader import load_document

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus"
SPECS = {
    "twilio-messaging-v1.json": False,
    "github-rest-api.json": True,  # large: `make corpus`
    "stripe-spec3.json": True,
}
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
OPERATION_SPEC = re.compile(r"^_\w+: OperationSpec\[", re.MULTILINE)


def _params() -> list[Any]:
    run_large = os.environ.get("SDK_CORPUS") == "all"
    return [
        pytest.param(
            name,
            marks=pytest.mark.skipif(large and not run_large, reason="large: make corpus"),
        )
        for name, large in SPECS.items()
    ]


class Generated:
    def __init__(self, spec: Path, out: Path, package: str, seconds: float) -> None:
        self.spec, self.out, self.package, self.seconds = spec, out, package, seconds


@pytest.fixture(scope="module", params=_params())
def generated(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Generated:
    spec = CORPUS / request.param
    if not spec.is_file():
        # `make corpus` (SDK_CORPUS=all) is a promise to run it: a missing corpus fails there.
        if os.environ.get("SDK_CORPUS") == "all":
            pytest.fail(f"{spec} is not there; the corpus is expected beside the repository")
        pytest.skip(f"{spec} is not there")
    out = tmp_path_factory.mktemp(spec.stem) / "out"
    package = "corpus_" + re.sub(r"\W", "_", spec.stem)
    started = time.perf_counter()
    code = main(
        ["generate", str(spec), "--lang", "python", "--out", str(out), "--package", package]
    )
    seconds = time.perf_counter() - started
    assert code == 0
    print(f"\n{spec.name}: generated in {seconds:.1f} s")
    return Generated(spec, out, package, seconds)


def _spec_operations(spec: Path) -> int:
    root = json.loads(spec.read_text("utf-8"))
    return sum(
        1
        for item in root["paths"].values()
        for method in METHODS
        if isinstance(item.get(method), dict)
    )


def test_our_keyword_pass_finds_what_the_library_s_finds(generated: Generated) -> None:
    """`generator.keyword_pass` replaces openapi-spec-validator's walk: same verdict."""
    assert_same(load_document(generated.spec).root)


def test_every_operation_is_generated(generated: Generated) -> None:
    controllers = generated.out / generated.package / "controllers"
    found = sum(len(OPERATION_SPEC.findall(p.read_text("utf-8"))) for p in controllers.glob("*.py"))
    assert found == _spec_operations(generated.spec)


def test_the_package_compiles(generated: Generated) -> None:
    assert compileall.compile_dir(generated.out / generated.package, quiet=2, workers=0)


IMPORT = """
import importlib, sys
package = sys.argv[1]
def models_loaded():
    return [m for m in sys.modules if m.startswith(package + ".models.")]
top = importlib.import_module(package)
assert models_loaded() == [], models_loaded()[:5]
assert [m for m in sys.modules if m.startswith(package + ".controllers.")] == []
controllers = importlib.import_module(package + ".controllers")
for name in controllers.__all__:
    getattr(controllers, name)
models = importlib.import_module(package + ".models")
for name in models.__all__:
    getattr(models, name)
client_class = next(getattr(top, n) for n in top.__all__ if n.endswith("Client"))
client = client_class(base_url="http://127.0.0.1:9")
attributes = [n for n in dir(client_class) if isinstance(getattr(client_class, n, None), property)
              or type(getattr(client_class, n, None)).__name__ == "cached_property"]
for name in attributes:
    getattr(client, name)
print(len(models.__all__), len(controllers.__all__))
"""


def test_the_package_imports_lazily_then_wholly(generated: Generated) -> None:
    done = subprocess.run(
        [sys.executable, "-c", IMPORT, generated.package],
        cwd=generated.out,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]


def test_ruff_finds_nothing_but_long_lines(generated: Generated) -> None:
    """The package's own lint settings pass, but for lines too long (see `ruff_lint`)."""
    assert_lints_clean(generated.out)


def test_mypy_strict(generated: Generated, tmp_path: Path) -> None:
    started = time.perf_counter()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--cache-dir",
            str(tmp_path / "mypy-cache"),
            generated.package,
        ],
        cwd=generated.out,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    print(f"\n{generated.spec.name}: mypy --strict in {time.perf_counter() - started:.1f} s")
    assert done.returncode == 0, done.stdout[-5000:]
