"""Property-based: whatever text a spec holds, the generated package parses, imports and
executes none of it.

Hypothesis builds specs whose names, descriptions, examples, defaults and enum values
are made of triple quotes, backslashes, Jinja delimiters, newlines, control characters
and Python code (which would create a marker file if it ever ran). Each generated
package is compiled, then imported and exercised in a fresh interpreter.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from generality_support import run_generator
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

MARKER = "PWNED"
FRAGMENTS = [
    '"""',
    "'''",
    '"',
    "'",
    "\\",
    "\\n",
    "\\x00",
    "\\N{",
    "{{",
    "}}",
    "{%",
    "%}",
    "{#",
    "#}",
    "{{ 7*7 }}",
    "{% raw %}",
    "\n",
    "\r\n",
    "\t",
    "\x0b",
    "\x1b[31m",
    "\x7f",
    "#",
    "# noqa",
    "):",
    "\nimport os\n",
    f"__import__('pathlib').Path('{MARKER}').touch()",
    f'"""; __import__("pathlib").Path("{MARKER}").touch(); """',
    "${x}",
    "</script>",
    "class",
    "None",
    "self",
    "é",
    "日本",
    "\u2028",
]
TEXT = st.lists(
    st.one_of(
        st.sampled_from(FRAGMENTS),
        st.text(st.characters(blacklist_categories=("Cs",)), max_size=4),
    ),
    max_size=6,
).map("".join)
NAME = TEXT.filter(lambda s: 0 < len(s) < 60)
# Component names must match ^[a-zA-Z0-9.\-_]+$ (OpenAPI 3.0).
SCHEMA_NAME = st.text("abcXYZ019._-", min_size=1, max_size=12) | st.sampled_from(
    ["class", "None", "self", "1st", "__init__", "_", "-", "a.b", "Any", "File"]
)


@st.composite
def hostile_specs(draw: st.DrawFn) -> dict[str, Any]:
    properties = draw(st.lists(NAME, min_size=1, max_size=5, unique=True))
    enum_values = draw(st.lists(NAME, min_size=1, max_size=4, unique=True))
    schema_name = draw(SCHEMA_NAME)
    props: dict[str, Any] = {
        name: {"type": "string", "description": draw(TEXT), "default": draw(TEXT)}
        for name in properties
    }
    props[properties[0]]["example"] = draw(TEXT)
    props["kind"] = {"type": "string", "enum": enum_values, "description": draw(TEXT)}
    query = draw(st.lists(NAME, min_size=1, max_size=3, unique=True))
    example = {properties[0]: draw(TEXT), "kind": enum_values[0]}
    return {
        "openapi": "3.0.3",
        "info": {"title": draw(TEXT) or "T", "version": draw(TEXT), "description": draw(TEXT)},
        "servers": [{"url": "https://example.com/api", "description": draw(TEXT)}],
        "tags": [{"name": draw(NAME), "description": draw(TEXT)}],
        "paths": {
            "/things/{id}": {
                "post": {
                    "operationId": draw(NAME),
                    "summary": draw(TEXT),
                    "description": draw(TEXT),
                    "parameters": [
                        {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
                    ]
                    + [
                        {
                            "name": name,
                            "in": "query",
                            "description": draw(TEXT),
                            "example": draw(TEXT),
                            "schema": {"type": "string", "default": draw(TEXT)},
                        }
                        for name in query
                    ],
                    "requestBody": {
                        "description": draw(TEXT),
                        "content": {
                            "application/json": {
                                "schema": {"$ref": f"#/components/schemas/{schema_name}"},
                                "example": example,
                            }
                        },
                    },
                    "responses": {
                        "200": {
                            "description": draw(TEXT),
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": f"#/components/schemas/{schema_name}"},
                                    "example": example,
                                }
                            },
                        },
                        "400": {
                            "description": draw(TEXT),
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": f"#/components/schemas/{schema_name}"}
                                }
                            },
                        },
                    },
                }
            }
        },
        "components": {
            "schemas": {
                schema_name: {
                    "type": "object",
                    "title": draw(TEXT),
                    "description": draw(TEXT),
                    "properties": props,
                }
            }
        },
    }


EXERCISE = """
import importlib, json, sys
package = importlib.import_module("hostile")
models = importlib.import_module("hostile.models")
controllers = importlib.import_module("hostile.controllers")
exceptions = importlib.import_module("hostile.exceptions")
for name in models.__all__:
    getattr(models, name)
for name in controllers.__all__:
    getattr(controllers, name)
example = json.loads(sys.argv[1])
(model_name,) = [n for n in models.__all__ if hasattr(getattr(models, n), "from_dict")]
model = getattr(models, model_name)
value = model.from_dict(example)
sent = value.to_dict()  # defaults fill the fields the example leaves out
assert {k: sent[k] for k in example} == example, (sent, example)
repr(value)
client = package.__dict__[[n for n in package.__all__ if n.endswith("Client")][0]](
    base_url="http://127.0.0.1:9"
)
for name in dir(type(client)):
    if not name.startswith("_") and name not in ("close",):
        getattr(client, name)
print("ok")
"""


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(spec=hostile_specs())
def test_hostile_specs_generate_safe_packages(spec: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        path = root / "spec.json"
        path.write_text(json.dumps(spec), "utf-8")
        out = root / "out"
        code, err = run_generator(
            "generate", str(path), "--lang", "python", "--out", str(out), "--package", "hostile"
        )
        assert code == 0, err
        for source in out.rglob("*.py"):
            ast.parse(source.read_text("utf-8"), str(source))  # every file parses
        schema = next(iter(spec["components"]["schemas"].values()))
        first = next(iter(schema["properties"]))
        example = {first: "value", "kind": schema["properties"]["kind"]["enum"][0]}
        done = subprocess.run(
            [sys.executable, "-c", EXERCISE, json.dumps(example)],
            cwd=out,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr
        assert not list(root.rglob(MARKER)), "spec text ran as code"
