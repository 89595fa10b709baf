"""`python -m generator diff OLD NEW`: each kind of API change, classified, with its exit code.

Every case is a pair of small specs: the base spec below, changed by the case's
`before` (the old spec) and by its `after` (the new one). A case states the one change
it is about; the test checks that change is reported with that impact, that nothing
more severe is reported next to it, and the semver bump and exit code that follow.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main

REPO = Path(__file__).resolve().parents[2]
Spec = dict[str, Any]


def _json(schema: str) -> dict[str, Any]:
    return {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}}


def base() -> Spec:
    """Pets: `Pet` is only received, `NewPet` only sent, `Kind` both ways."""
    return {
        "openapi": "3.0.3",
        "info": {"title": "Pets", "version": "1.0.0", "description": "Pets API."},
        "servers": [{"url": "https://api.example.com/v1", "description": "Production"}],
        "security": [{"bearer": []}],
        "paths": {
            "/pets": {
                "get": {
                    "operationId": "listPets",
                    "tags": ["pets"],
                    "summary": "List pets.",
                    "parameters": [
                        {
                            "name": "limit",
                            "in": "query",
                            "schema": {"type": "integer", "maximum": 100},
                        },
                        {"name": "X-Trace", "in": "header", "schema": {"type": "string"}},
                    ],
                    "responses": {
                        "200": {
                            "description": "The pets.",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "array",
                                        "items": {"$ref": "#/components/schemas/Pet"},
                                    }
                                }
                            },
                        },
                        "404": {"description": "No pets.", "content": _json("Error")},
                    },
                },
                "post": {
                    "operationId": "createPet",
                    "tags": ["pets"],
                    "requestBody": {"required": True, "content": _json("NewPet")},
                    "responses": {
                        "201": {"description": "Created.", "content": _json("Pet")},
                        "400": {"description": "Bad request.", "content": _json("Error")},
                        "default": {"description": "Unexpected.", "content": _json("Error")},
                    },
                },
            },
            "/pets/{petId}": {
                "get": {
                    "operationId": "getPet",
                    "tags": ["pets"],
                    "parameters": [
                        {
                            "name": "petId",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string"},
                        }
                    ],
                    "responses": {"200": {"description": "The pet.", "content": _json("Pet")}},
                }
            },
        },
        "components": {
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer"},
                "key": {"type": "apiKey", "in": "header", "name": "X-Key"},
            },
            "schemas": {
                "Pet": {
                    "type": "object",
                    "required": ["id", "name"],
                    "properties": {
                        "id": {"type": "string"},
                        "name": {"type": "string", "description": "The pet's name."},
                        "kind": {"$ref": "#/components/schemas/Kind"},
                        "age": {"type": "integer"},
                        "tag": {"type": "string", "maxLength": 20},
                    },
                },
                "NewPet": {
                    "type": "object",
                    "required": ["name"],
                    "properties": {
                        "name": {"type": "string", "maxLength": 50},
                        "kind": {"$ref": "#/components/schemas/Kind"},
                        "weight": {"type": "number"},
                        "nickname": {"type": "string"},
                    },
                },
                "Kind": {"type": "string", "enum": ["cat", "dog"]},
                "Error": {
                    "type": "object",
                    "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
                },
                "Problem": {"type": "object", "properties": {"title": {"type": "string"}}},
            },
        },
    }


# -- small editing helpers for the cases -----------------------------------------------------


def op(spec: Spec, path: str, method: str) -> dict[str, Any]:
    operation: dict[str, Any] = spec["paths"][path][method]
    return operation


def schema(spec: Spec, name: str) -> dict[str, Any]:
    found: dict[str, Any] = spec["components"]["schemas"][name]
    return found


def prop(spec: Spec, model: str, name: str) -> dict[str, Any]:
    found: dict[str, Any] = schema(spec, model)["properties"][name]
    return found


def param(spec: Spec, path: str, method: str, name: str) -> dict[str, Any]:
    return next(p for p in op(spec, path, method)["parameters"] if p["name"] == name)


def list_pets(spec: Spec) -> dict[str, Any]:
    return op(spec, "/pets", "get")


def create_pet(spec: Spec) -> dict[str, Any]:
    return op(spec, "/pets", "post")


def get_pet(spec: Spec) -> dict[str, Any]:
    return op(spec, "/pets/{petId}", "get")


def rename_schema(spec: Spec, old: str, new: str) -> None:
    """Rename a component schema and every `$ref` to it."""
    spec["components"]["schemas"][new] = spec["components"]["schemas"].pop(old)
    text = json.dumps(spec).replace(
        f'"#/components/schemas/{old}"', f'"#/components/schemas/{new}"'
    )
    spec.clear()
    spec.update(json.loads(text))


Edit = Callable[[Spec], None]


def nothing(spec: Spec) -> None:
    """No edit."""


@dataclass(frozen=True)
class Case:
    id: str
    after: Edit
    impact: str  # breaking, compatible or docs
    kind: str
    where: str  # the reported `where` contains this
    before: Edit = nothing


def _do(*edits: Edit) -> Edit:
    def run(spec: Spec) -> None:
        for edit in edits:
            edit(spec)

    return run


def _set(getter: Callable[[Spec], dict[str, Any]], key: str, value: Any) -> Edit:
    def run(spec: Spec) -> None:
        getter(spec)[key] = copy.deepcopy(value)

    return run


def _del(getter: Callable[[Spec], dict[str, Any]], key: str) -> Edit:
    def run(spec: Spec) -> None:
        del getter(spec)[key]

    return run


def _limit(spec: Spec) -> dict[str, Any]:
    return param(spec, "/pets", "get", "limit")


def _trace(spec: Spec) -> dict[str, Any]:
    return param(spec, "/pets", "get", "X-Trace")


def _pet(spec: Spec) -> dict[str, Any]:
    return schema(spec, "Pet")


def _new_pet(spec: Spec) -> dict[str, Any]:
    return schema(spec, "NewPet")


def _add_param(**parameter: Any) -> Edit:
    def run(spec: Spec) -> None:
        list_pets(spec)["parameters"].append(parameter)

    return run


def _add_op(spec: Spec) -> None:
    spec["paths"]["/pets/{petId}"]["delete"] = {
        "operationId": "deletePet",
        "tags": ["pets"],
        "parameters": [
            {"name": "petId", "in": "path", "required": True, "schema": {"type": "string"}}
        ],
        "responses": {"204": {"description": "Deleted."}},
    }


def _move_path(spec: Spec) -> None:
    spec["paths"]["/animals/{petId}"] = spec["paths"].pop("/pets/{petId}")


def _remove_get_pet(spec: Spec) -> None:
    del spec["paths"]["/pets/{petId}"]


BREAKING = [
    Case("operation removed", _remove_get_pet, "breaking", "operation-removed", "getPet"),
    Case(
        "operationId renamed",
        lambda s: get_pet(s).update(operationId="fetchPet"),
        "breaking",
        "operation-renamed",
        "getPet",
    ),
    Case("path moved", _move_path, "breaking", "operation-moved", "getPet"),
    Case("tag moved", _set(get_pet, "tags", ["animals"]), "breaking", "operation-moved", "getPet"),
    Case(
        "parameter removed",
        lambda s: list_pets(s)["parameters"].pop(0),
        "breaking",
        "parameter-removed",
        "listPets query limit",
    ),
    Case(
        "required parameter added",
        _add_param(name="owner", **{"in": "query"}, required=True, schema={"type": "string"}),
        "breaking",
        "parameter-added",
        "listPets query owner",
    ),
    Case(
        "parameter became required",
        _set(_trace, "required", True),
        "breaking",
        "parameter-required",
        "listPets header X-Trace",
    ),
    Case(
        "parameter type narrowed (string -> enum)",
        _set(_trace, "schema", {"type": "string", "enum": ["a", "b"]}),
        "breaking",
        "parameter-type",
        "listPets header X-Trace",
    ),
    Case(
        "parameter type changed (integer -> string)",
        _set(_limit, "schema", {"type": "string"}),
        "breaking",
        "parameter-type",
        "listPets query limit",
    ),
    Case(
        "parameter constraint tightened",
        _set(_limit, "schema", {"type": "integer", "maximum": 50}),
        "breaking",
        "parameter-constraint",
        "listPets query limit",
    ),
    Case(
        "parameter serialization changed",
        _set(_limit, "explode", False),
        "breaking",
        "parameter-style",
        "listPets query limit",
    ),
    Case(
        "request body removed",
        _del(create_pet, "requestBody"),
        "breaking",
        "body-removed",
        "createPet request body",
    ),
    Case(
        "request body became required",
        nothing,
        "breaking",
        "body-required",
        "createPet request body",
        before=lambda s: create_pet(s)["requestBody"].update(required=False),
    ),
    Case(
        "request body content type changed",
        lambda s: create_pet(s)["requestBody"].update(
            content={"application/xml": _json("NewPet")["application/json"]}
        ),
        "breaking",
        "body-content-type",
        "createPet request body",
    ),
    Case(
        "field removed",
        lambda s: _pet(s)["properties"].pop("tag"),
        "breaking",
        "field-removed",
        "Pet.tag",
    ),
    Case(
        "required field added to a sent model",
        _do(
            lambda s: _new_pet(s)["properties"].update(owner={"type": "string"}),
            lambda s: _new_pet(s)["required"].append("owner"),
        ),
        "breaking",
        "field-added",
        "NewPet.owner",
    ),
    Case(
        "field of a sent model became required",
        lambda s: _new_pet(s)["required"].append("nickname"),
        "breaking",
        "field-required",
        "NewPet.nickname",
    ),
    Case(
        "field of a received model became optional",
        _set(_pet, "required", ["id"]),
        "breaking",
        "field-optional",
        "Pet.name",
    ),
    Case(
        "field type of a sent model narrowed (number -> integer)",
        lambda s: prop(s, "NewPet", "weight").update(type="integer"),
        "breaking",
        "field-type",
        "NewPet.weight",
    ),
    Case(
        "field type of a received model widened (integer -> number)",
        lambda s: prop(s, "Pet", "age").update(type="number"),
        "breaking",
        "field-type",
        "Pet.age",
    ),
    Case(
        "field type changed (string -> integer)",
        lambda s: prop(s, "Pet", "id").update(type="integer"),
        "breaking",
        "field-type",
        "Pet.id",
    ),
    Case(
        "field constraint of a sent model tightened",
        lambda s: prop(s, "NewPet", "name").update(maxLength=10),
        "breaking",
        "field-constraint",
        "NewPet.name",
    ),
    Case(
        "enum value removed",
        _set(lambda s: schema(s, "Kind"), "enum", ["cat"]),
        "breaking",
        "enum-value-removed",
        "Kind",
    ),
    Case(
        "success status changed",
        lambda s: get_pet(s).update(
            responses={"203": {"description": "The pet.", "content": _json("Pet")}}
        ),
        "breaking",
        "response-status",
        "getPet",
    ),
    Case(
        "success response lost its body",
        lambda s: get_pet(s)["responses"]["200"].pop("content"),
        "breaking",
        "response-type",
        "getPet response 200",
    ),
    Case(
        "error status removed with nothing to catch it",
        lambda s: list_pets(s)["responses"].pop("404"),
        "breaking",
        "error-removed",
        "listPets error 404",
    ),
    Case(
        "error mapped to another exception",
        lambda s: create_pet(s)["responses"]["400"].update(content=_json("Problem")),
        "breaking",
        "error-mapping",
        "createPet error 400",
    ),
    Case(
        "error status added where default raised another exception",
        lambda s: create_pet(s)["responses"].update(
            {"409": {"description": "Conflict.", "content": _json("Problem")}}
        ),
        "breaking",
        "error-mapping",
        "createPet error 409",
    ),
    Case(
        "auth requirement replaced",
        _set(create_pet, "security", [{"key": []}]),
        "breaking",
        "security-changed",
        "createPet",
    ),
    Case(
        "auth requirement needs one more scheme",
        _set(create_pet, "security", [{"bearer": [], "key": []}]),
        "breaking",
        "security-changed",
        "createPet",
    ),
    Case(
        "security scheme changed",
        lambda s: s["components"]["securitySchemes"]["key"].update(name="X-Api-Key"),
        "breaking",
        "security-scheme-changed",
        "security scheme key",
    ),
    Case(
        "security scheme removed",
        lambda s: s["components"]["securitySchemes"].pop("key"),
        "breaking",
        "security-scheme-removed",
        "security scheme key",
    ),
    Case(
        "server URL changed",
        lambda s: s["servers"][0].update(url="https://api.example.com/v2"),
        "breaking",
        "server-changed",
        "server Production",
    ),
    Case(
        "component schema removed",
        lambda s: s["components"]["schemas"].pop("Problem"),
        "breaking",
        "model-removed",
        "Problem",
    ),
]

COMPATIBLE = [
    Case("operation added", _add_op, "compatible", "operation-added", "deletePet"),
    Case(
        "operation deprecated",
        _set(get_pet, "deprecated", True),
        "compatible",
        "operation-deprecated",
        "getPet",
    ),
    Case(
        "optional parameter added",
        _add_param(name="owner", **{"in": "query"}, schema={"type": "string"}),
        "compatible",
        "parameter-added",
        "listPets query owner",
    ),
    Case(
        "parameter became optional",
        nothing,
        "compatible",
        "parameter-optional",
        "listPets header X-Trace",
        before=_set(_trace, "required", True),
    ),
    Case(
        "parameter type widened (integer -> number)",
        _set(_limit, "schema", {"type": "number", "maximum": 100}),
        "compatible",
        "parameter-type",
        "listPets query limit",
    ),
    Case(
        "parameter constraint loosened",
        _set(_limit, "schema", {"type": "integer", "maximum": 500}),
        "compatible",
        "parameter-constraint",
        "listPets query limit",
    ),
    Case(
        "request body became optional",
        lambda s: create_pet(s)["requestBody"].update(required=False),
        "compatible",
        "body-optional",
        "createPet request body",
    ),
    Case(
        "optional field added",
        lambda s: _new_pet(s)["properties"].update(color={"type": "string"}),
        "compatible",
        "field-added",
        "NewPet.color",
    ),
    Case(
        "required field added to a received model",
        _do(
            lambda s: _pet(s)["properties"].update(born={"type": "string"}),
            lambda s: _pet(s)["required"].append("born"),
        ),
        "compatible",
        "field-added",
        "Pet.born",
    ),
    Case(
        "field of a received model became required",
        lambda s: _pet(s)["required"].append("age"),
        "compatible",
        "field-required",
        "Pet.age",
    ),
    Case(
        "field of a sent model became optional",
        _del(_new_pet, "required"),
        "compatible",
        "field-optional",
        "NewPet.name",
    ),
    Case(
        "field type of a received model narrowed (nullable -> not)",
        nothing,
        "compatible",
        "field-type",
        "Pet.tag",
        before=lambda s: prop(s, "Pet", "tag").update(nullable=True),
    ),
    Case(
        "field constraint of a received model tightened",
        lambda s: prop(s, "Pet", "tag").update(maxLength=10),
        "compatible",
        "field-constraint",
        "Pet.tag",
    ),
    Case(
        "enum value added",
        _set(lambda s: schema(s, "Kind"), "enum", ["cat", "dog", "bird"]),
        "compatible",
        "enum-value-added",
        "Kind",
    ),
    Case(
        "success status added",
        lambda s: create_pet(s)["responses"].update(
            {"202": {"description": "Accepted.", "content": _json("Pet")}}
        ),
        "compatible",
        "response-added",
        "createPet response 202",
    ),
    Case(
        "error status added",
        lambda s: get_pet(s)["responses"].update(
            {"404": {"description": "No such pet.", "content": _json("Error")}}
        ),
        "compatible",
        "error-added",
        "getPet error 404",
    ),
    Case(
        "error status removed, default raises the same exception",
        lambda s: create_pet(s)["responses"].pop("400"),
        "compatible",
        "error-removed",
        "createPet error 400",
    ),
    Case(
        "auth alternative added",
        _set(create_pet, "security", [{"bearer": []}, {"key": []}]),
        "compatible",
        "security-changed",
        "createPet",
    ),
    Case(
        "auth no longer required",
        _set(create_pet, "security", []),
        "compatible",
        "security-changed",
        "createPet",
    ),
    Case(
        "security scheme added",
        lambda s: s["components"]["securitySchemes"].update(
            basic={"type": "http", "scheme": "basic"}
        ),
        "compatible",
        "security-scheme-added",
        "security scheme basic",
    ),
    Case(
        "server added",
        lambda s: s["servers"].append(
            {"url": "https://sandbox.example.com", "description": "Sandbox"}
        ),
        "compatible",
        "server-added",
        "server Sandbox",
    ),
    Case(
        "component schema added",
        lambda s: s["components"]["schemas"].update(Owner={"type": "string", "enum": ["me"]}),
        "compatible",
        "enum-added",
        "Owner",
    ),
]

DOCS = [
    Case(
        "operation summary",
        _set(list_pets, "summary", "Lists the pets."),
        "docs",
        "documentation",
        "listPets",
    ),
    Case(
        "field description",
        lambda s: prop(s, "Pet", "name").update(description="What the pet is called."),
        "docs",
        "documentation",
        "Pet.name",
    ),
    Case(
        "info description",
        lambda s: s["info"].update(description="The pets API."),
        "docs",
        "documentation",
        "info",
    ),
    Case(
        "response example",
        lambda s: get_pet(s)["responses"]["200"]["content"]["application/json"].update(
            example={"id": "p1", "name": "Rex"}
        ),
        "docs",
        "documentation",
        "getPet response 200",
    ),
]

_BUMP = {"breaking": "major", "compatible": "minor", "docs": "patch"}
_SEVERITY = {"docs": 0, "compatible": 1, "breaking": 2}


def run_diff(
    tmp_path: Path, old: Spec, new: Spec, capsys: pytest.CaptureFixture[str], *extra: str
) -> tuple[int, str, str]:
    old_path, new_path = tmp_path / "old.json", tmp_path / "new.json"
    old_path.write_text(json.dumps(old), "utf-8")
    new_path.write_text(json.dumps(new), "utf-8")
    code = main(["diff", str(old_path), str(new_path), *extra])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("case", BREAKING + COMPATIBLE + DOCS, ids=lambda c: c.id)
def test_each_change_kind(case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = base(), base()
    case.before(old)
    case.after(new)
    code, out, _ = run_diff(tmp_path, old, new, capsys, "--json")
    report = json.loads(out)
    changes = report["changes"]
    assert {
        "impact": case.impact,
        "kind": case.kind,
    }.items() <= next(
        (c for c in changes if c["kind"] == case.kind and case.where in c["where"]),
        {"missing": f"{case.kind} at {case.where}", "got": changes},
    ).items(), changes
    worst = max(_SEVERITY[c["impact"]] for c in changes)
    assert worst == _SEVERITY[case.impact], changes  # nothing more severe reported alongside
    assert report["bump"] == _BUMP[case.impact]
    assert report["breaking"] is (case.impact == "breaking")
    assert code == (3 if case.impact == "breaking" else 0)


def test_kinds_are_covered() -> None:
    """The table keeps one case per kind of change the module reports."""
    kinds = {c.kind for c in BREAKING + COMPATIBLE + DOCS}
    assert {
        "operation-removed",
        "operation-renamed",
        "operation-moved",
        "operation-added",
        "parameter-removed",
        "parameter-added",
        "parameter-required",
        "parameter-optional",
        "parameter-type",
        "parameter-constraint",
        "field-removed",
        "field-added",
        "field-required",
        "field-optional",
        "field-type",
        "enum-value-removed",
        "enum-value-added",
        "response-status",
        "error-mapping",
        "error-added",
        "error-removed",
        "security-changed",
    } <= kinds


def _one_of(*types: str) -> dict[str, Any]:
    return {"oneOf": [{"type": t} for t in types]}


@pytest.mark.parametrize(
    ("edit", "where", "message"),
    [
        (
            _set(_trace, "schema", {"type": "string", "enum": ["a", "b"]}),
            "listPets header X-Trace",
            "type string -> enum('a', 'b') (narrower)",
        ),
        (
            lambda s: prop(s, "Pet", "id").update(type="integer", format="int64"),
            "Pet.id",
            "type string -> integer(int64) (different)",
        ),
        (
            lambda s: _new_pet(s)["properties"].update(nickname=_one_of("string", "integer")),
            "NewPet.nickname",
            "type string -> oneOf(string, integer) (wider)",
        ),
        (
            lambda s: prop(s, "NewPet", "name").update(minLength=2, pattern="^[a-z]+$"),
            "NewPet.name",
            "stricter: minLength none -> 2, pattern none -> '^[a-z]+$'",
        ),
        (
            _set(create_pet, "security", [{"bearer": [], "key": []}]),
            "createPet",
            "auth bearer -> bearer and key",
        ),
    ],
)
def test_messages_spell_the_change_as_the_spec_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], edit: Edit, where: str, message: str
) -> None:
    new = base()
    edit(new)
    _, out, _ = run_diff(tmp_path, base(), new, capsys, "--json")
    assert [(c["where"], c["message"]) for c in json.loads(out)["changes"]] == [(where, message)]


# -- no change ---------------------------------------------------------------------------------


def test_identical_specs_need_no_bump(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_diff(tmp_path, base(), base(), capsys)
    assert code == 0
    assert out == (
        "No API changes.\nsemver bump: none (0 breaking, 0 compatible, 0 documentation)\n"
    )


def test_a_renamed_ref_target_with_the_same_shape_is_no_change(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = base()
    rename_schema(new, "Pet", "Animal")
    rename_schema(new, "Kind", "Species")
    rename_schema(new, "Error", "Failure")
    code, out, _ = run_diff(tmp_path, base(), new, capsys, "--json")
    assert json.loads(out)["changes"] == []
    assert json.loads(out)["bump"] == "none"
    assert code == 0


def test_a_renamed_ref_target_with_another_shape_names_both(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = base()
    rename_schema(new, "Pet", "Animal")
    schema(new, "Animal")["properties"].pop("tag")
    code, out, _ = run_diff(tmp_path, base(), new, capsys, "--json")
    changes = json.loads(out)["changes"]
    assert [(c["kind"], c["where"]) for c in changes] == [("field-removed", "Animal (was Pet).tag")]
    assert code == 3


def test_a_renamed_path_parameter_is_not_a_moved_operation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = base()
    get_pet(new)["parameters"][0]["name"] = "id"
    new["paths"]["/pets/{id}"] = new["paths"].pop("/pets/{petId}")
    _, out, _ = run_diff(tmp_path, base(), new, capsys, "--json")
    kinds = [c["kind"] for c in json.loads(out)["changes"]]
    assert "operation-moved" not in kinds
    assert kinds == ["parameter-removed", "parameter-added"]  # the argument name changes


def test_yaml_and_json_of_the_same_spec_are_no_change(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import yaml

    old = tmp_path / "old.yaml"
    old.write_text(yaml.safe_dump(base(), sort_keys=False), "utf-8")
    new = tmp_path / "new.json"
    new.write_text(json.dumps(base(), indent=1), "utf-8")
    assert main(["diff", str(old), str(new)]) == 0
    assert capsys.readouterr().out.startswith("No API changes.")


@pytest.mark.parametrize(
    ("version", "note"),
    [
        ("1.0.0", "note: info.version 1.0.0 is lower than a patch bump of 1.0.0 (1.0.1)\n"),
        ("1.0.1", ""),
        ("2.0.0", ""),
    ],
)
def test_the_version_is_not_a_change_but_is_checked_against_the_bump(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], version: str, note: str
) -> None:
    new = base()
    new["info"]["version"] = version
    list_pets(new)["summary"] = "Lists the pets."
    code, out, _ = run_diff(tmp_path, base(), new, capsys)
    assert code == 0
    moved = "" if version == "1.0.0" else f"info.version: 1.0.0 -> {version}\n"
    assert out == (
        "Documentation changes (1):\n"
        "  - listPets: summary changed\n"
        "\n"
        "semver bump: patch (0 breaking, 0 compatible, 1 documentation)\n" + moved + note
    )


def test_a_new_version_alone_is_no_change(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = base()
    new["info"]["version"] = "1.0.1"
    _, out, _ = run_diff(tmp_path, base(), new, capsys, "--json")
    report = json.loads(out)
    assert (report["bump"], report["changes"]) == ("none", [])
    assert (report["old_version"], report["new_version"]) == ("1.0.0", "1.0.1")


def test_the_real_spec_against_itself(capsys: pytest.CaptureFixture[str]) -> None:
    spec = str(REPO / "spec" / "thingspace-m2m.yaml")
    assert main(["diff", spec, spec, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["bump"] == "none"


# -- the report --------------------------------------------------------------------------------


def test_text_report_groups_by_impact_and_suggests_a_version(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = base()
    _add_op(new)
    new["paths"]["/owners/{petId}"] = {"delete": new["paths"].pop("/pets/{petId}")["delete"]}
    new["info"]["version"] = "1.1.0"
    code, out, _ = run_diff(tmp_path, base(), new, capsys)
    assert code == 3
    assert out == (
        "Breaking changes (1):\n"
        "  - getPet (GET /pets/{petId}): operation removed\n"
        "\n"
        "Compatible changes (1):\n"
        "  - deletePet (DELETE /owners/{petId}): operation added\n"
        "\n"
        "semver bump: major (1 breaking, 1 compatible, 0 documentation)\n"
        "info.version: 1.0.0 -> 1.1.0\n"
        "note: info.version 1.1.0 is lower than a major bump of 1.0.0 (2.0.0)\n"
    )


def test_json_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new = base()
    list_pets(new)["parameters"].pop(0)
    new["info"]["version"] = "2.0.0"
    code, out, _ = run_diff(tmp_path, base(), new, capsys, "--json")
    assert code == 3
    assert json.loads(out) == {
        "old": str(tmp_path / "old.json"),
        "new": str(tmp_path / "new.json"),
        "bump": "major",
        "breaking": True,
        "counts": {"breaking": 1, "compatible": 0, "docs": 0},
        "old_version": "1.0.0",
        "new_version": "2.0.0",
        "suggested_version": "2.0.0",
        "changes": [
            {
                "impact": "breaking",
                "kind": "parameter-removed",
                "where": "listPets query limit",
                "message": "parameter removed",
            },
        ],
    }


def test_an_invalid_spec_exits_2_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = base()
    del broken["paths"]["/pets"]["get"]["responses"]
    code, out, err = run_diff(tmp_path, base(), broken, capsys)
    assert code == 2
    assert out == ""
    assert f"{tmp_path / 'new.json'}: not a spec the generator can read" in err
    assert "/paths/~1pets/get" in err  # the diagnostics point into it


def test_exit_codes_through_a_real_process(tmp_path: Path) -> None:
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_text(json.dumps(base()), "utf-8")
    changed = base()
    _remove_get_pet(changed)
    new.write_text(json.dumps(changed), "utf-8")

    def run(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "generator", "diff", *argv],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    breaking = run(str(old), str(new))
    assert breaking.returncode == 3, breaking.stderr
    assert "operation removed" in breaking.stdout
    assert run(str(new), str(old)).returncode == 0  # adding it back is compatible
    assert run(str(old), str(tmp_path / "missing.json")).returncode == 2
    assert run(str(old)).returncode == 2  # a missing argument
