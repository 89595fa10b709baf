"""Spec strings never become Ruby code: a spec full of quotes, backslashes, `#{}`
interpolations, backticks, `=begin`/`__END__`, Jinja delimiters and control characters
generates a gem that parses without warnings and loads without running any of it."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from support.specs import write_spec

from generator.cli import main

PWN = "#{`touch PWNED`}"
NASTY = (
    "Ends with ' and \" and " + PWN + " and {{ 7*7 }} {% if 1 %}x{% endif %} \\ and \\n; "
    "'; system('touch PWNED'); '\n=begin\n__END__\n\nSecond para\r\nwith \x07 bell \x1b[31m "
    "esc \x0b\x0c\x7f and a trailing backslash \\"
)


THING = {"$ref": "#/components/schemas/Thing"}


def _spec() -> dict[str, Any]:
    props: dict[str, Any] = {
        "na'me": {"type": "string", "description": NASTY, "example": NASTY},
        "kind": {"type": "string", "enum": ["a'", "b\\", PWN, "\r\n"], "description": "\\"},
        "class": {"type": "integer", "description": "ends in a quote'"},
        "#{x}": {"type": "string", "description": "=begin"},
        "hash": {"type": "boolean", "description": "__END__"},
    }
    return {
        "openapi": "3.0.3",
        "info": {"title": "Evil ' API " + PWN, "version": "1'", "description": NASTY},
        "servers": [{"url": "https://example.com/a'b\"c#{x}\\", "description": NASTY}],
        "tags": [{"name": "things'" + PWN, "description": NASTY}],
        "paths": {
            "/things/{id}/#x'": {
                "post": {
                    "tags": ["things'" + PWN],
                    "operationId": "makeThing",
                    "summary": NASTY,
                    "description": NASTY,
                    "parameters": [
                        {
                            "name": "id",
                            "in": "path",
                            "required": True,
                            "description": NASTY,
                            "schema": {"type": "string"},
                            "example": PWN,
                        },
                        {
                            "name": "X-#{y}'",
                            "in": "header",
                            "description": NASTY,
                            "schema": {"type": "string", "pattern": "^'#{z}\\d+$"},
                        },
                    ],
                    "requestBody": {
                        "required": True,
                        "description": NASTY,
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/Thing"},
                                "examples": {"evil": {"value": {"na'me": NASTY, "kind": PWN}}},
                            }
                        },
                    },
                    "responses": {
                        "200": {
                            "description": NASTY,
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Thing"},
                                    "examples": {"evil": {"value": {"na'me": NASTY}}},
                                }
                            },
                        },
                        "400": {
                            "description": NASTY,
                            "content": {"application/json": {"schema": THING}},
                        },
                    },
                    "security": [{"key'" + PWN: []}],
                }
            }
        },
        "components": {
            "securitySchemes": {
                "key'" + PWN: {
                    "type": "apiKey",
                    "in": "header",
                    "name": "X-Key'" + PWN,
                    "description": NASTY,
                }
            },
            "schemas": {"Thing": {"type": "object", "description": NASTY, "properties": props}},
        },
    }


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("evil")
    spec = root / "evil.json"
    write_spec(spec, _spec())
    assert main(["generate", str(spec), "--lang", "ruby", "--out", str(root / "out")]) == 0
    return root / "out"


def test_every_ruby_file_parses_without_warnings(ruby: str, generated: Path) -> None:
    files = sorted(str(p) for p in generated.rglob("*.rb")) + [
        str(p) for p in generated.glob("*.gemspec")
    ]
    assert len(files) > 20
    compile_all = "ARGV.each { |f| RubyVM::InstructionSequence.compile_file(f) }"
    done = subprocess.run(
        [ruby, "-w", "-e", compile_all, *files], capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stderr) == (0, "")


def test_loading_the_gem_runs_no_spec_text(ruby: str, generated: Path) -> None:
    entry = next((generated / "lib").glob("*.rb"))
    script = (
        f"require {json.dumps(str(entry))}; "
        "mod = Object.const_get(File.read(ARGV[0])[/^module (\\w+)/, 1]); "
        'thing = mod.const_get(:Thing).from_hash({ "na\'me" => ARGV[1] }); '
        "puts thing.to_hash.to_a.inspect; puts mod.constants.length"
    )
    done = subprocess.run(
        [ruby, "-w", "-e", script, str(entry), PWN],
        cwd=generated,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert not (generated / "PWNED").exists()
    assert PWN in done.stdout


def test_no_ruby_file_holds_raw_control_characters(generated: Path) -> None:
    for path in generated.rglob("*.rb"):
        text = path.read_text("utf-8")
        assert not {c for c in text if not c.isprintable() and c != "\n"}, path
