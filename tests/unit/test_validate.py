"""Validation: what the `validate` stage reports, at which JSON pointer, how badly."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from support.specs import MINIMAL, operation, write_spec

from generator.cli import main
from generator.diagnostics import Diagnostic, Level
from generator.loader import load_document
from generator.validate import validate

REPO = Path(__file__).resolve().parents[2]


_op = operation
BASE = MINIMAL


def _validate(tmp_path: Path, spec: dict[str, Any]) -> list[Diagnostic]:
    return validate(load_document(write_spec(tmp_path / "spec.json", spec)))


def _with(**changes: Any) -> dict[str, Any]:
    spec = copy.deepcopy(BASE)
    spec.update(changes)
    return spec


def test_a_small_valid_spec_has_no_diagnostics(tmp_path: Path) -> None:
    assert _validate(tmp_path, BASE) == []


def test_the_real_spec_is_clean() -> None:
    assert validate(load_document(REPO / "spec" / "thingspace-m2m.yaml")) == []


def test_swagger_2_is_refused_clearly(tmp_path: Path) -> None:
    spec = {"swagger": "2.0", "info": {"title": "T", "version": "1"}, "paths": {}}
    (diagnostic,) = _validate(tmp_path, spec)
    assert diagnostic.level is Level.ERROR
    assert diagnostic.where == "/swagger"
    assert "Swagger 2.0" in diagnostic.message
    assert "OpenAPI 3" in diagnostic.message


@pytest.mark.parametrize("version", ["4.0.0", "2.0", "3", "3.2", ""])
def test_an_unknown_version_is_refused(tmp_path: Path, version: str) -> None:
    (diagnostic,) = _validate(tmp_path, _with(openapi=version))
    assert diagnostic.level is Level.ERROR
    assert diagnostic.where == "/openapi"
    assert repr(version) in diagnostic.message


@pytest.mark.parametrize("version", ["3.0.0", "3.0.3", "3.1.0", "3.1.1"])
def test_known_versions_are_accepted(tmp_path: Path, version: str) -> None:
    assert _validate(tmp_path, _with(openapi=version)) == []


def test_a_structurally_invalid_doc_gives_errors_with_pointers(tmp_path: Path) -> None:
    spec = _with(
        info={"title": "T"},  # no version
        paths={"/a": {"get": {"operationId": "getA", "responses": {"200": {}}}}},
    )
    found = _validate(tmp_path, spec)
    assert found and all(d.level is Level.ERROR for d in found)
    wheres = {d.where for d in found}
    assert "/info" in wheres
    assert "/paths/~1a/get/responses/200" in wheres
    assert any("version" in d.message for d in found if d.where == "/info")


def test_diagnostics_are_sorted_and_printable(tmp_path: Path) -> None:
    found = _validate(tmp_path, _with(info={"title": "T"}, paths={"/a": {"get": {}}}))
    assert found == sorted(found)
    assert all(str(d).startswith("error: /") for d in found)


def _duplicate_ids() -> dict[str, Any]:
    return _with(paths={"/a": {"get": _op("same")}, "/b": {"get": _op("same")}})


def test_duplicate_operation_ids_are_an_error(tmp_path: Path) -> None:
    found = _validate(tmp_path, _duplicate_ids())
    assert [d.level for d in found] == [Level.ERROR]
    assert "same" in found[0].message


def test_duplicate_operation_ids_point_at_the_second_one(tmp_path: Path) -> None:
    found = _validate(tmp_path, _duplicate_ids())
    assert [d.where for d in found] == ["/paths/~1b/get/operationId"]


EXAMPLE_SPEC: dict[str, Any] = _with(
    paths={
        "/a": {
            "get": _op(
                "getA",
                parameters=[
                    {
                        "name": "n",
                        "in": "query",
                        "schema": {"type": "integer"},
                        "example": "twelve",
                    }
                ],
                responses={
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/A"},
                                "examples": {
                                    "good": {"value": {"n": 1}},
                                    "bad": {"value": {"n": "not a number"}},
                                },
                            }
                        },
                    }
                },
            ),
            "post": _op(
                "postA",
                requestBody={
                    "content": {
                        "application/json": {
                            "schema": {"$ref": "#/components/schemas/A"},
                            "example": {"n": 1.5},
                        }
                    }
                },
            ),
        }
    },
    components={"schemas": {"A": {"type": "object", "properties": {"n": {"type": "integer"}}}}},
)


def test_examples_contradicting_their_schema_are_warnings_at_the_example(tmp_path: Path) -> None:
    found = _validate(tmp_path, EXAMPLE_SPEC)
    assert all(d.level is Level.WARNING for d in found)
    assert sorted(d.where for d in found) == [
        "/paths/~1a/get/parameters/0/example",
        "/paths/~1a/get/responses/200/content/application~1json/examples/bad/value",
        "/paths/~1a/post/requestBody/content/application~1json/example",
    ]
    bad = next(d for d in found if d.where.endswith("/bad/value"))
    assert "/n" in bad.message


def test_a_warning_passes_validate_but_fails_it_with_strict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_spec(tmp_path / "spec.json", EXAMPLE_SPEC)
    assert main(["validate", str(path)]) == 0
    assert "warning: /paths/~1a/get/responses/200" in capsys.readouterr().err
    assert main(["validate", str(path), "--strict"]) == 2
    err = capsys.readouterr().err
    assert "error: /paths/~1a/get/responses/200/content/application~1json/examples/bad/value" in err


def test_unquoted_status_codes_in_yaml_validate(tmp_path: Path) -> None:
    path = tmp_path / "spec.yaml"
    path.write_text(
        "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    get:\n"
        "      responses:\n        200:\n          description: ok\n",
        encoding="utf-8",
    )
    assert validate(load_document(path)) == []
