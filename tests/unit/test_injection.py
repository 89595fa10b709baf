"""Spec strings never become code: a spec full of quotes, backslashes, Jinja delimiters,
control characters and Python code generates a package that compiles, imports without
running any of it, and still shows the text to the reader."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from support.specs import generate_python, write_spec

PWN = "__import__('os').system('touch PWNED')"
NASTY = (
    "Ends with \"\"\" and ''' and {{ 7*7 }} {% if 1 %}x{% endif %} {# c #} \\ and \\n "
    "literal; " + PWN + "\n\nSecond para\r\nwith \x07 bell \x1b[31m esc \x0b\x0c\x7f "
    "and a trailing backslash \\"
)
ENUM_VALUES = ['a"""', "b'''", "c\\", "{{x}}", "{% raw %}", PWN, "\r\n", "tab\there", "\x01"]


def _spec() -> dict[str, Any]:
    thing_props: dict[str, Any] = {
        'na"""me': {"type": "string", "description": NASTY, "default": NASTY, "example": NASTY},
        "kind": {"type": "string", "enum": ENUM_VALUES, "description": "\\"},
        "class": {"type": "integer", "description": 'ends in a quote"'},
        "{{ 1 }}": {"type": "string", "title": NASTY},
        "'''": {"type": "string", "description": "'''"},
        "back\\slash": {"type": "string", "description": "\\\\\\"},
        "nested": {
            "type": "object",
            "title": NASTY,
            "properties": {"x\r\ny": {"type": "number", "description": NASTY}},
        },
    }
    return {
        "openapi": "3.0.3",
        "info": {"title": 'Evil """ API ' + PWN, "version": '1"""', "description": NASTY},
        "servers": [{"url": "https://example.com/a'b\"c\\", "description": NASTY}],
        "tags": [{"name": 'things"""', "description": NASTY}],
        "paths": {
            "/things/{id}/\"'\\": {
                "post": {
                    "tags": ['things"""'],
                    "operationId": "makeThing",
                    "summary": NASTY,
                    "description": NASTY,
                    "parameters": [
                        {
                            "name": "id",
                            "in": "path",
                            "required": True,
                            "description": NASTY,
                            "schema": {"type": "string", "pattern": '^\\d+"""$'},
                        },
                        {
                            "name": 'q"""',
                            "in": "query",
                            "description": NASTY,
                            "schema": {"type": "string", "enum": ENUM_VALUES, "default": "c\\"},
                        },
                        {
                            "name": "X-Evil'",
                            "in": "header",
                            "description": NASTY,
                            "schema": {"type": "string"},
                            "example": NASTY,
                        },
                    ],
                    "requestBody": {
                        "description": NASTY,
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/Thing"},
                                "examples": {
                                    'e"""': {
                                        "summary": NASTY,
                                        "value": {'na"""me': NASTY, "kind": 'a"""'},
                                    }
                                },
                            }
                        },
                    },
                    "responses": {
                        "200": {
                            "description": NASTY,
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Thing"},
                                    "example": {'na"""me': NASTY},
                                }
                            },
                        },
                        "400": {
                            "description": NASTY,
                            "content": {
                                "application/json": {"schema": {"$ref": "#/components/schemas/Err"}}
                            },
                        },
                    },
                }
            }
        },
        "components": {
            "securitySchemes": {
                'k"""': {
                    "type": "apiKey",
                    "in": "header",
                    "name": 'X-K"""ey',
                    "description": NASTY,
                }
            },
            "schemas": {
                "Thing": {
                    "type": "object",
                    "title": NASTY,
                    "description": NASTY,
                    "required": ['na"""me'],
                    "properties": thing_props,
                    "example": {'na"""me': NASTY},
                },
                "Err": {
                    "type": "object",
                    "description": NASTY,
                    "properties": {"message": {"type": "string", "description": NASTY}},
                },
            },
        },
    }


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("injection")
    spec = write_spec(root / "evil.json", _spec(), indent=1)
    out = root / "out"
    assert generate_python(spec, out) == 0
    return out


def _package(out: Path) -> Path:
    (package,) = [p.parent for p in out.glob("*/__init__.py")]
    return package


def test_every_python_file_compiles(generated: Path) -> None:
    files = sorted(generated.rglob("*.py"))
    assert len(files) > 10
    for path in files:
        compile(path.read_text("utf-8"), str(path), "exec")


def test_import_runs_no_spec_text(generated: Path) -> None:
    package = _package(generated).name
    script = (
        "import importlib, json, pkgutil, sys\n"
        f"import {package} as p\n"
        "names = [m.name for m in pkgutil.walk_packages(p.__path__, p.__name__ + '.')]\n"
        "for name in names: importlib.import_module(name)\n"
        "models = importlib.import_module(p.__name__ + '.models')\n"
        "print(json.dumps({'modules': names, 'thing': models.Thing.__doc__,"
        " 'kinds': [m.value for m in models.ThingKind]}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=generated,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert not (generated / "PWNED").exists()
    assert not list(generated.parent.rglob("PWNED"))
    result = json.loads(done.stdout)
    assert f"{package}.client" in result["modules"]
    assert f"{package}.models.thing" in result["modules"]
    # The description is shown as text, quotes and backslashes and all.
    doc: str = result["thing"]
    for visible in ('Ends with """ and', "'''", "{{ 7*7 }}", "{% if 1 %}", PWN, "backslash \\"):
        assert visible in doc, visible
    # Enum values keep their exact bytes.
    assert result["kinds"] == ENUM_VALUES


def test_the_description_is_escaped_in_the_source(generated: Path) -> None:
    source = (_package(generated) / "models" / "thing.py").read_text("utf-8")
    assert '\\"\\"\\"' in source  # the triple quote is present, escaped
    assert "trailing backslash \\\\" in source
    assert "\x1b" not in source and "\x07" not in source and "\r" not in source


def _control_characters(path: Path) -> set[str]:
    text = path.read_bytes().decode("utf-8")
    return {ch for ch in text if (ord(ch) < 32 and ch not in "\n\t") or ch == "\x7f"}


def test_no_code_file_holds_raw_control_characters(generated: Path) -> None:
    for path in [*generated.rglob("*.py"), *generated.rglob("*.toml")]:
        assert not _control_characters(path), path


def test_no_doc_file_holds_raw_control_characters(generated: Path) -> None:
    for path in [*generated.rglob("*.md")]:
        assert not _control_characters(path), path


def test_pyproject_is_valid_toml(generated: Path) -> None:
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    project = tomllib.loads((generated / "pyproject.toml").read_text("utf-8"))["project"]
    assert project["description"].endswith(PWN)


def test_jinja_delimiters_are_not_evaluated(generated: Path) -> None:
    text = "".join(p.read_text("utf-8") for p in generated.rglob("*") if p.is_file())
    assert "{{ 7*7 }}" in text
    assert " 49 " not in text
