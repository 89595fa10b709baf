"""Writing a test spec to disk, and generating the Python client from a spec in-process."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.cli import main


def write_spec(path: Path, spec: str | dict[str, Any], *, indent: int | None = None) -> Path:
    """Write ``spec`` to ``path`` (a dict as JSON, text as it is), making its folder; return
    the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = spec if isinstance(spec, str) else json.dumps(spec, indent=indent)
    path.write_text(text, encoding="utf-8")
    return path


def generate_python(spec: Path, out: Path, *extra: str) -> int:
    """``python -m generator generate SPEC --lang python --out OUT EXTRA…``, in-process: its
    exit code."""
    return main(["generate", str(spec), "--lang", "python", "--out", str(out), *extra])


def operation(op_id: str, **extra: Any) -> dict[str, Any]:
    """An operation with `op_id` and one plain 200 response, plus `extra` keys."""
    return {"operationId": op_id, "responses": {"200": {"description": "ok"}}, **extra}


# The smallest valid spec the tests build on (copy it before changing it).
MINIMAL: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "T", "version": "1"},
    "paths": {"/a": {"get": operation("getA")}},
}

# A valid spec whose only finding is a warning: its one example contradicts its schema.
EXAMPLE_WARNING: dict[str, Any] = {
    **MINIMAL,
    "paths": {
        "/a": {
            "get": operation(
                "getA",
                responses={
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {
                                "schema": {"type": "integer"},
                                "example": "not an integer",
                            }
                        },
                    }
                },
            )
        }
    },
}
