"""The command line: exit codes, what is printed, what is (not) written."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from support.specs import generate_python, write_spec

from generator.cli import main
from generator.writer import MANIFEST, sha256

REPO = Path(__file__).resolve().parents[2]
SPEC = REPO / "spec" / "thingspace-m2m.yaml"
COMMITTED = REPO / "generated" / "python"


def _files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def _generate(out: Path, *extra: str, spec: Path = SPEC) -> int:
    return generate_python(spec, out, *extra)


def _small_spec(**components: Any) -> dict[str, Any]:
    return {
        "openapi": "3.0.3",
        "info": {"title": "Small", "version": "1"},
        "paths": {
            "/a": {
                "get": {
                    "operationId": "getA",
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {
                                "application/json": {"schema": {"$ref": "#/components/schemas/A"}}
                            },
                        }
                    },
                }
            }
        },
        "components": {
            "schemas": {"A": {"type": "object", "properties": {"n": {"type": "integer"}}}},
            **components,
        },
    }


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real spec generated once, in-process."""
    out = tmp_path_factory.mktemp("in_process") / "python"
    assert _generate(out) == 0
    return out


@pytest.fixture(scope="module")
def generated_by_subprocess(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real spec generated once more, by `python -m generator` run from the repo root."""
    out = tmp_path_factory.mktemp("subprocess") / "python"
    done = subprocess.run(
        [sys.executable, "-m", "generator", "generate", "spec/thingspace-m2m.yaml"]
        + ["--lang", "python", "--out", str(out), "--strict"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert " new, 0 changed, 0 removed" in done.stderr
    return out


# -- validate -------------------------------------------------------------------------------


def test_validate_the_real_spec(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(SPEC), "--strict"]) == 0
    assert "valid" in capsys.readouterr().err


INVALID: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "Broken"},
    "paths": {"/a": {"get": {"responses": {"200": {}}}}},
}


def test_validate_an_invalid_spec(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = write_spec(tmp_path / "broken.json", INVALID)
    assert main(["validate", str(spec)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    # openapi-spec-validator's schema pass runs on jsonschema-rs, which quotes with ".
    assert 'error: /info: "version" is a required property' in captured.err
    assert "error: /paths/~1a/get/responses/200: " in captured.err
    assert "2 error(s)" in captured.err


def test_generate_from_an_invalid_spec_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = write_spec(tmp_path / "broken.json", INVALID)
    out = tmp_path / "out"
    assert _generate(out, spec=spec) == 2
    assert not out.exists()
    assert "error: /info" in capsys.readouterr().err


def test_generate_from_an_invalid_spec_leaves_an_existing_folder_alone(
    tmp_path: Path, generated: Path
) -> None:
    out = tmp_path / "out"
    shutil.copytree(generated, out)
    before = _files(out)
    assert _generate(out, spec=write_spec(tmp_path / "broken.json", INVALID)) == 2
    assert _files(out) == before


def test_warnings_print_but_fail_only_with_strict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = _small_spec()
    spec["paths"]["/a"]["get"]["responses"]["200"]["content"]["application/json"]["example"] = {
        "n": "not a number"
    }
    path = write_spec(tmp_path / "warn.json", spec)
    assert _generate(tmp_path / "strict", "--strict", spec=path) == 2
    assert not (tmp_path / "strict").exists()
    assert "error: /paths/~1a/get/responses/200/content/application~1json/example" in (
        capsys.readouterr().err
    )
    assert _generate(tmp_path / "lenient", spec=path) == 0
    assert "warning: /paths/~1a/get/responses/200" in capsys.readouterr().err
    assert (tmp_path / "lenient" / "small" / "models" / "a.py").is_file()


# -- generate, --check ---------------------------------------------------------------------


def test_generate_twice_is_byte_identical(generated: Path, generated_by_subprocess: Path) -> None:
    first, second = _files(generated), _files(generated_by_subprocess)
    assert sorted(first) == sorted(second)
    assert [p for p in first if first[p] != second[p]] == []


def test_generate_matches_the_committed_package(generated: Path) -> None:
    committed, fresh = _files(COMMITTED), _files(generated)
    drift = {
        "new": sorted(set(fresh) - set(committed)),
        "removed": sorted(set(committed) - set(fresh)),
        "changed": sorted(p for p in set(fresh) & set(committed) if fresh[p] != committed[p]),
    }
    assert drift == {"new": [], "removed": [], "changed": []}, "run `make generate`"


def test_generated_layout(generated: Path) -> None:
    files = _files(generated)
    for path in (
        MANIFEST,
        "pyproject.toml",
        "README.md",
        "thingspace_m2m/__init__.py",
        "thingspace_m2m/client.py",
        "thingspace_m2m/exceptions.py",
        "thingspace_m2m/py.typed",
        "thingspace_m2m/controllers/sim_secure_for_iot_licenses.py",
        "thingspace_m2m/models/assign_license_request.py",
    ):
        assert path in files, path
    manifest = json.loads(files[MANIFEST])["files"]
    assert set(manifest) == set(files) - {MANIFEST}
    assert all(manifest[p] == sha256(files[p]) for p in manifest)


def test_regenerating_in_place_changes_nothing(
    tmp_path: Path, generated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "python"
    shutil.copytree(generated, out)
    stats = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    assert _generate(out) == 0
    assert "0 new, 0 changed, 0 removed" in capsys.readouterr().err
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()} == stats


def test_check_in_sync_exits_0(generated: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _files(generated)
    assert _generate(generated, "--check") == 0
    assert _files(generated) == before
    assert capsys.readouterr().err == ""


def test_check_with_drift_exits_1_lists_it_and_writes_nothing(
    tmp_path: Path, generated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "python"
    shutil.copytree(generated, out)
    (out / "thingspace_m2m" / "models" / "log_in_result.py").unlink()
    client = out / "thingspace_m2m" / "client.py"
    client.write_text(client.read_text("utf-8") + "# drift\n", "utf-8")
    obsolete = out / "thingspace_m2m" / "models" / "obsolete.py"
    obsolete.write_text("OLD = 1\n", "utf-8")
    manifest = json.loads((out / MANIFEST).read_text("utf-8"))
    manifest["files"]["thingspace_m2m/models/obsolete.py"] = sha256(obsolete.read_bytes())
    (out / MANIFEST).write_text(json.dumps(manifest), "utf-8")
    before = _files(out)

    assert _generate(out, "--check") == 1
    err = capsys.readouterr().err
    assert "new      thingspace_m2m/models/log_in_result.py" in err
    assert "changed  thingspace_m2m/client.py" in err
    assert "removed  thingspace_m2m/models/obsolete.py" in err
    assert "-# drift" in err  # a diff of the change
    assert _files(out) == before


def test_check_of_a_missing_folder_exits_1_and_creates_nothing(tmp_path: Path) -> None:
    assert _generate(tmp_path / "nothing", "--check") == 1
    assert not (tmp_path / "nothing").exists()


def test_a_hand_edit_exits_2_unless_force(
    tmp_path: Path, generated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "python"
    shutil.copytree(generated, out)
    client = out / "thingspace_m2m" / "client.py"
    client.write_text(client.read_text("utf-8") + "# mine\n", "utf-8")
    edited = _files(out)
    assert _generate(out) == 2
    assert "thingspace_m2m/client.py" in capsys.readouterr().err
    assert _files(out) == edited
    assert _generate(out, "--force") == 0
    assert _files(out) == _files(generated)


def test_package_renames_the_package_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _generate(out, "--package", "other_name") == 0
    assert (out / "other_name" / "__init__.py").is_file()
    assert (out / "other_name" / "models" / "assign_license_request.py").is_file()
    assert not (out / "thingspace_m2m").exists()
    assert 'name = "other-name"' in (out / "pyproject.toml").read_text("utf-8")
    done = subprocess.run(
        [sys.executable, "-c", "import other_name; print(other_name.ThingSpaceM2MClient.__name__)"],
        cwd=out,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ThingSpaceM2MClient"


# -- languages, bad arguments -------------------------------------------------------------------


def test_languages_lists_python(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["languages"]) == 0
    names = [line.split("\t")[0] for line in capsys.readouterr().out.splitlines()]
    assert "python" in names


def test_languages_finds_an_extra_pack(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = tmp_path / "packs" / "cobol"
    pack.mkdir(parents=True)
    (pack / "manifest.yaml").write_text("name: cobol\ndescription: Punch cards\n", "utf-8")
    assert main(["languages", "--templates", str(tmp_path / "packs")]) == 0
    out = capsys.readouterr().out
    assert "cobol\tPunch cards" in out and "python\t" in out


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["frobnicate"],
        ["generate", str(SPEC)],
        ["generate", str(SPEC), "--lang", "python"],
        ["generate", "--out", "x", "--lang", "python"],
        ["validate"],
        ["validate", str(SPEC), "--unknown-flag"],
    ],
)
def test_bad_arguments_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_an_unknown_language_exits_2_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["generate", str(SPEC), "--lang", "cobol", "--out", str(out)]) == 2
    assert "cobol" in capsys.readouterr().err
    assert not out.exists()


def test_a_missing_spec_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path / "nope.yaml")]) == 2
    assert "nope.yaml" in capsys.readouterr().err


def test_exit_codes_through_a_real_process(tmp_path: Path) -> None:
    def run(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "generator", *argv],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    broken = write_spec(tmp_path / "broken.json", INVALID)
    assert run("validate", str(broken)).returncode == 2
    assert run("generate", str(SPEC)).returncode == 2
    listed = run("languages")
    assert listed.returncode == 0 and listed.stdout.startswith("python\t")


# -- output paths stay inside --out -------------------------------------------------------------


def _escaping_spec() -> dict[str, Any]:
    return {
        "openapi": "3.0.3",
        "info": {"title": "../../Escape", "version": "1"},
        "tags": [{"name": "../../escape"}, {"name": "/etc/passwd"}],
        "paths": {
            "/x": {
                "get": {
                    "tags": ["../../escape"],
                    "operationId": "../x",
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/..~1x"}
                                }
                            },
                        }
                    },
                },
                "post": {
                    "tags": ["/etc/passwd"],
                    "operationId": "..\\..\\y",
                    "responses": {"200": {"description": "ok"}},
                },
            }
        },
        "components": {
            "schemas": {
                "../x": {"type": "object", "properties": {"../p": {"type": "string"}}},
                "..": {"type": "object", "properties": {"a": {"type": "string"}}},
                "../../../x/y": {"type": "string", "enum": ["../a", "/b"]},
            }
        },
    }


@pytest.mark.parametrize("package", [None, "../../pkg", "{tmp}/abs_pkg", "..", "a/../../b"])
def test_nothing_is_written_outside_the_output_folder(tmp_path: Path, package: str | None) -> None:
    spec = write_spec(tmp_path / "a" / "b" / "spec.json", _escaping_spec())
    out = tmp_path / "a" / "b" / "out"
    before = {p for p in tmp_path.rglob("*")}
    extra = ["--package", package.format(tmp=tmp_path)] if package else []
    code = _generate(out, *extra, spec=spec)
    assert code in (0, 2)
    outside = {p for p in tmp_path.rglob("*") if not p.is_relative_to(out)} - before
    assert outside == set()
    if code == 0:
        assert all(p.resolve().is_relative_to(out.resolve()) for p in out.rglob("*"))
        assert _files(out)  # something was generated, and every path is inside


# -- a user's templates ---------------------------------------------------------------------------


def test_a_template_override_wins_over_the_built_in_one(tmp_path: Path) -> None:
    override = tmp_path / "mine" / "python" / "package"
    override.mkdir(parents=True)
    (override / "py.typed.jinja").write_text("overridden\n", "utf-8")
    spec = write_spec(tmp_path / "small.json", _small_spec())
    out = tmp_path / "out"
    assert _generate(out, "--templates", str(tmp_path / "mine"), spec=spec) == 0
    assert (out / "small" / "py.typed").read_text("utf-8") == "overridden\n"


# -- spec names that are also runtime names -------------------------------------------------------

SHADOWING: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "Shadow", "version": "1"},
    "paths": {
        "/pet/upload": {
            "post": {
                "operationId": "uploadFile",
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/ApiResponse"}
                            }
                        },
                    },
                    "400": {
                        "description": "bad",
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/ApiError"}
                            }
                        },
                    },
                },
            }
        }
    },
    "components": {
        "schemas": {
            # The Swagger Petstore's own response schema is called ApiResponse.
            "ApiResponse": {
                "type": "object",
                "properties": {"code": {"type": "integer"}, "message": {"type": "string"}},
            },
            "ApiError": {"type": "object", "properties": {"message": {"type": "string"}}},
        }
    },
}


@pytest.fixture(scope="module")
def shadowing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("shadowing")
    out = root / "out"
    assert _generate(out, spec=write_spec(root / "shadow.json", SHADOWING)) == 0
    return out


def _python_in(folder: Path, script: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_an_error_schema_named_like_a_runtime_class_does_not_shadow_it(shadowing: Path) -> None:
    done = _python_in(
        shadowing,
        "from shadow import exceptions as e\n"
        "from shadow import _errors\n"
        "assert e.ApiError is _errors.ApiError, e.ApiError\n"
        "assert issubclass(e.ApiErrorException, e.ApiException)\n",
    )
    assert done.returncode == 0, done.stderr


def test_a_model_named_api_response_does_not_shadow_the_wrapper(shadowing: Path) -> None:
    done = _python_in(
        shadowing,
        # An untagged spec's operations are grouped by resource: /pet/upload -> pet.
        "import shadow.controllers.pet as c\n"
        "from shadow import _response\n"
        "assert c.ApiResponse is _response.ApiResponse, c.ApiResponse\n",
    )
    assert done.returncode == 0, done.stderr


# -- plausible specs never end in a traceback -----------------------------------------------------


def _paths_only(paths: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"openapi": "3.0.3", "info": {"title": "T", "version": "1"}, "paths": paths, **extra}


def test_a_spec_without_operations_generates(tmp_path: Path) -> None:
    spec = _paths_only(
        {},
        components={"schemas": {"A": {"type": "object", "properties": {"n": {"type": "integer"}}}}},
    )
    out = tmp_path / "out"
    assert _generate(out, spec=write_spec(tmp_path / "models_only.json", spec)) == 0
    assert (out / "t" / "models" / "a.py").is_file()


DANGLING_LOCAL = _paths_only(
    {
        "/a": {
            "get": {
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Missing"}}
                        },
                    }
                }
            }
        }
    }
)
INT_STATUS_YAML = (
    "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    get:\n"
    "      responses:\n        200:\n          description: ok\n"
)


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        pytest.param(
            "dangling.json",
            json.dumps(DANGLING_LOCAL),
            2,
            id="dangling-local-ref",
        ),
        pytest.param(
            "int_status.yaml",
            INT_STATUS_YAML,
            0,
            id="unquoted-status-code",
        ),
        pytest.param("swagger.json", json.dumps({"swagger": "2.0"}), 2, id="swagger-2"),
        pytest.param("empty.yaml", "", 2, id="empty-file"),
        pytest.param("scalar.yaml", "just a string\n", 2, id="scalar"),
    ],
)
def test_validate_exits_cleanly(
    tmp_path: Path, name: str, text: str, expected: int, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    assert main(["validate", str(path)]) == expected
    if expected == 2:
        assert "error: " in capsys.readouterr().err
