"""`generate --check` and the output manifest, through the command line, on a spec that changes.

v1 has models A and B; v2 adds a field to A, drops B (and its operation) and adds C.
So a regeneration changes, removes and adds files at once: what a spec maintainer does.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from support.specs import generate_python, write_spec

from generator.writer import MANIFEST, sha256

REPO = Path(__file__).resolve().parents[2]
A, B, C = "small/models/a.py", "small/models/b.py", "small/models/c.py"


def _op(op_id: str, schema: str) -> dict[str, Any]:
    ref = {"$ref": f"#/components/schemas/{schema}"}
    return {
        "get": {
            "operationId": op_id,
            "tags": ["things"],
            "responses": {
                "200": {"description": "ok", "content": {"application/json": {"schema": ref}}}
            },
        }
    }


def v1() -> dict[str, Any]:
    return {
        "openapi": "3.0.3",
        "info": {"title": "Small", "version": "1"},
        "paths": {"/a": _op("getA", "A"), "/b": _op("getB", "B")},
        "components": {
            "schemas": {
                "A": {"type": "object", "properties": {"n": {"type": "integer"}}},
                "B": {"type": "object", "properties": {"x": {"type": "string"}}},
            }
        },
    }


def v2() -> dict[str, Any]:
    spec = v1()
    del spec["paths"]["/b"], spec["components"]["schemas"]["B"]
    spec["paths"]["/c"] = _op("getC", "C")
    schemas = spec["components"]["schemas"]
    schemas["A"]["properties"]["label"] = {"type": "string"}
    schemas["C"] = {"type": "object", "properties": {"flag": {"type": "boolean"}}}
    return spec


def files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    return write_spec(tmp_path / "small.json", v1())


@pytest.fixture
def out(tmp_path: Path, spec: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """v1 generated into a folder, then the spec edited to v2 (not yet regenerated)."""
    folder = tmp_path / "out"
    assert generate_python(spec, folder) == 0
    write_spec(spec, v2())
    capsys.readouterr()
    return folder


# -- --check -----------------------------------------------------------------------------------


def test_check_lists_new_changed_and_removed_files_with_a_diff_of_each(
    spec: Path, out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = files(out)
    assert generate_python(spec, out, "--check") == 1
    err = capsys.readouterr().err
    assert f"new      {C}" in err
    assert f"changed  {A}" in err
    assert f"removed  {B}" in err
    assert f"changed  {MANIFEST}" in err
    # a diff of the changed file, showing the new field
    assert f"--- a/{A}\n+++ b/{A}\n" in err
    assert any(line.startswith("+") and "label" in line for line in err.splitlines())
    # the new file, against nothing, and the removed one, against nothing
    assert f"--- /dev/null\n+++ b/{C}\n" in err
    assert f"--- a/{B}\n+++ /dev/null\n" in err
    assert any(line.startswith("-class B") for line in err.splitlines())
    assert MANIFEST not in err.split(f"changed  {MANIFEST}", 1)[1]  # listed, never diffed
    assert files(out) == before  # nothing written


def test_a_diff_is_short(spec: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert generate_python(spec, out, "--check") == 1
    err = capsys.readouterr().err
    new_file = err.split(f"+++ b/{C}\n", 1)[1].split("--- ", 1)[0]
    assert len(new_file.splitlines()) <= 20
    assert "more diff lines)" in new_file


def test_check_is_quiet_and_0_once_regenerated(
    spec: Path, out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert generate_python(spec, out) == 0
    assert " 0 new," not in capsys.readouterr().err
    assert generate_python(spec, out, "--check") == 0
    assert capsys.readouterr().err == ""
    assert generate_python(spec, out) == 0
    assert " 0 new, 0 changed, 0 removed," in capsys.readouterr().err


def test_check_exit_codes_through_a_real_process(spec: Path, out: Path) -> None:
    def check() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "generator", "generate", str(spec)]
            + ["--lang", "python", "--out", str(out), "--check"],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    drift = check()
    assert drift.returncode == 1
    assert f"removed  {B}" in drift.stderr
    assert generate_python(spec, out) == 0
    clean = check()
    assert (clean.returncode, clean.stdout, clean.stderr) == (0, "", "")


# -- the manifest ------------------------------------------------------------------------------


def test_the_manifest_records_every_generated_file_and_its_hash(spec: Path, out: Path) -> None:
    assert generate_python(spec, out) == 0
    written = files(out)
    recorded = json.loads(written.pop(MANIFEST))["files"]
    assert recorded == {path: sha256(data) for path, data in written.items()}
    assert B not in recorded and C in recorded


def test_a_hand_edit_stops_the_run_naming_the_file_and_nothing_is_written(
    spec: Path, out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edited = out / A
    edited.write_text(edited.read_text("utf-8") + "# my fix\n", "utf-8")
    before = files(out)
    assert generate_python(spec, out) == 2
    err = capsys.readouterr().err
    assert A in err and "--force" in err
    assert files(out) == before  # not even the files that were not edited
    assert generate_python(spec, out, "--check") == 1
    assert f"edited by hand (generate stops unless --force): {A}" in capsys.readouterr().err


def test_force_overwrites_a_hand_edit(
    spec: Path, out: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edited = out / A
    edited.write_text("# mine\n", "utf-8")
    assert generate_python(spec, out, "--force") == 0
    fresh = tmp_path / "fresh"
    assert generate_python(spec, fresh) == 0
    assert files(out) == files(fresh)


def test_a_hand_edited_file_the_spec_no_longer_makes_is_not_deleted(
    spec: Path, out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (out / B).write_text("# keep me\n", "utf-8")
    assert generate_python(spec, out) == 2
    assert B in capsys.readouterr().err
    assert (out / B).read_text("utf-8") == "# keep me\n"


def test_files_absent_from_the_manifest_are_never_touched(
    spec: Path, out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = {
        "NOTES.md": b"my notes\n",
        "small/models/extra.py": b"EXTRA = 1\n",  # beside generated files
        "small/models/b_helpers.py": b"HELP = 1\n",  # beside a file that goes away
    }
    for path, data in mine.items():
        (out / path).write_bytes(data)
    assert generate_python(spec, out, "--check") == 1
    err = capsys.readouterr().err
    assert all(path not in err for path in mine)
    assert generate_python(spec, out) == 0
    assert not (out / B).exists()
    assert all((out / path).read_bytes() == data for path, data in mine.items())
    assert all(path not in json.loads((out / MANIFEST).read_text())["files"] for path in mine)


def test_a_file_of_the_user_where_a_new_file_goes_stops_the_run(
    spec: Path, out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (out / C).write_text("# the user's own c.py\n", "utf-8")
    assert generate_python(spec, out) == 2
    assert C in capsys.readouterr().err
    assert (out / C).read_text("utf-8") == "# the user's own c.py\n"


def test_a_deleted_generated_file_is_made_again(
    spec: Path, out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert generate_python(spec, out) == 0
    (out / A).unlink()
    assert generate_python(spec, out, "--check") == 1
    assert f"new      {A}" in capsys.readouterr().err
    assert generate_python(spec, out) == 0
    assert (out / A).is_file()
