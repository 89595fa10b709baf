"""Packs anyone can add: a new language is a folder, found with `--templates DIR`.

A small TypeScript-declarations pack (manifest, pack.py with its own filters, templates, a
static file) is written into a temporary folder and generates from our spec with no change
to generator/.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from generator.cli import main

REPO_ROOT = Path(__file__).resolve().parents[2]
SPEC = REPO_ROOT / "spec" / "thingspace-m2m.yaml"

PACK = {
    "manifest.yaml": """\
        name: typescript-types
        description: TypeScript declarations of the models, and a plain-text list of operations
        header: "// Generated from {spec}. Do not edit."
        outputs:
          - {template: index.d.ts.jinja, path: index.d.ts, each: once}
          - template: model.d.ts.jinja
            path: "models/{{ model.name | ts_name }}.d.ts"
            each: model
          - {template: operations.txt.jinja, path: operations.txt, each: once, header: false}
        static:
          - {from: static, to: support}
        """,
    "pack.py": '''\
        """TypeScript spelling: PascalCase names, JSON string literals, TS types."""

        import json

        from generator.ir import TypeKind

        PRIMITIVES = {
            "string": "string", "integer": "number", "number": "number", "boolean": "boolean"
        }


        def ts_name(name):
            return "".join(w[:1].upper() + w[1:] for w in name.words)


        def ts_type(type_):
            if type_.kind is TypeKind.ARRAY:
                return ts_type(type_.item) + "[]"
            if type_.kind is TypeKind.MAP:
                return "Record<string, " + ts_type(type_.item) + ">"
            if type_.kind is TypeKind.MODEL:
                return type_.ref
            return PRIMITIVES.get(type_.kind.value, "unknown")


        def ts_string(text):
            return json.dumps(text).replace("*/", "*\\\\/")


        FILTERS = {"ts_name": ts_name, "ts_type": ts_type, "ts_string": ts_string}
        ''',
    "index.d.ts.jinja": """\
        {% for model in api.models %}
        {% set name = model.name | ts_name %}
        export type { {{ name }} } from {{ ("./models/" ~ name) | ts_string }};
        {% endfor %}
        """,
    "model.d.ts.jinja": """\
        {% for ref in model.fields | map(attribute="type") | map("ts_type") | unique | sort %}
        {% if ref[:1].isupper() %}
        {% set bare = ref | replace("[]", "") %}
        import type { {{ bare }} } from {{ ("./" ~ bare) | ts_string }};
        {% endif %}
        {% endfor %}

        /** {{ model.description | ts_string }} */
        export interface {{ model.name | ts_name }} {
        {% for f in model.fields %}
          {{ f.json_key | ts_string }}{{ "" if f.required else "?" }}: {{ f.type | ts_type }};
        {% endfor %}
        }
        """,
    "operations.txt.jinja": """\
        {% for controller in api.controllers %}
        {% for op in controller.operations %}
        {{ op.method.value }} {{ op.path }} {{ op.id }}
        {% endfor %}
        {% endfor %}
        """,
    "static/README.txt": "Declarations only: no runtime.\n",
}


@pytest.fixture
def packs(tmp_path: Path) -> Path:
    root = tmp_path / "packs"
    for relative, text in PACK.items():
        path = root / "typescript-types" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), "utf-8")
    return root


def test_languages_lists_the_builtin_packs(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["languages"]) == 0
    names = [line.split("\t")[0] for line in capsys.readouterr().out.splitlines()]
    assert {"python", "ruby"} <= set(names)


def test_languages_lists_a_new_pack(packs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["languages", "--templates", str(packs)]) == 0
    lines = {line.split("\t")[0]: line for line in capsys.readouterr().out.splitlines()}
    assert "typescript-types" in lines
    assert str(packs / "typescript-types") in lines["typescript-types"]


def test_a_new_pack_generates(packs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code = main(
        ["generate", str(SPEC), "--lang", "typescript-types", "--out", str(out)]
        + ["--templates", str(packs)]
    )
    assert code == 0
    index = (out / "index.d.ts").read_text("utf-8")
    assert index.startswith("// Generated from thingspace-m2m.yaml. Do not edit.\n")
    assert 'export type { AssignLicenseRequest } from "./models/AssignLicenseRequest";' in index
    model = (out / "models" / "AssignLicenseRequest.d.ts").read_text("utf-8")
    assert 'import type { LicenseDeviceList } from "./LicenseDeviceList";' in model
    assert '"accountName"?: string;' in model
    assert '"devices"?: LicenseDeviceList[];' in model
    login = (out / "models" / "LogInRequest.d.ts").read_text("utf-8")
    assert '"username": string;' in login
    operations = (out / "operations.txt").read_text("utf-8").splitlines()
    assert "POST /v1/devices/license/actions/assign assignLicenseToDevices" in operations
    assert "DELETE /v1/devices/license/actions/assign unassignLicenseToDevices" in operations
    assert (out / "support" / "README.txt").read_text("utf-8") == PACK["static/README.txt"]
    # a second run changes nothing, and --check agrees
    assert (
        main(
            ["generate", str(SPEC), "--lang", "typescript-types", "--out", str(out), "--check"]
            + ["--templates", str(packs)]
        )
        == 0
    )


def test_an_unknown_pack_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["generate", str(SPEC), "--lang", "cobol", "--out", str(tmp_path / "out")])
    assert code == 2
    assert "no template pack named 'cobol'" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_a_pack_may_keep_its_code_in_a_package(packs: Path, tmp_path: Path) -> None:
    """`pack/__init__.py` instead of `pack.py`: its modules import each other relatively."""
    home = packs / "typescript-types"
    (home / "pack").mkdir()
    (home / "pack.py").rename(home / "pack" / "spelling.py")
    (home / "pack" / "__init__.py").write_text("from .spelling import FILTERS\n", "utf-8")
    out = tmp_path / "out"
    code = main(
        ["generate", str(SPEC), "--lang", "typescript-types", "--out", str(out)]
        + ["--templates", str(packs)]
    )
    assert code == 0
    index = (out / "index.d.ts").read_text("utf-8")
    assert 'export type { AssignLicenseRequest } from "./models/AssignLicenseRequest";' in index
    model = (out / "models" / "AssignLicenseRequest.d.ts").read_text("utf-8")
    assert '"devices"?: LicenseDeviceList[];' in model
