"""Inputs a review found breaking the generator or the generated client, each pinned here."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main

REPO = Path(__file__).resolve().parents[2]


def _spec(**extra: Any) -> dict[str, Any]:
    spec: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {"title": "Demo", "version": "1.0.0"},
        "servers": [{"url": "https://api.example.test/v1"}],
        "paths": {},
    }
    spec.update(extra)
    return spec


def _generate(tmp_path: Path, spec: dict[str, Any], name: str = "spec.json") -> tuple[int, Path]:
    path = tmp_path / name
    path.write_text(json.dumps(spec), encoding="utf-8")
    out = tmp_path / "out"
    return main(["generate", str(path), "--lang", "python", "--out", str(out)]), out


def _run(out: Path, code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=out, capture_output=True, text=True, check=False
    )


def test_a_parameter_named_like_a_runtime_helper_does_not_hide_it(tmp_path: Path) -> None:
    spec = _spec(
        paths={
            "/items": {
                "get": {
                    "operationId": "listItems",
                    "parameters": [
                        {"name": "encode_query", "in": "query", "schema": {"type": "string"}}
                    ],
                    "responses": {"204": {"description": "none"}},
                }
            }
        }
    )
    code, out = _generate(tmp_path, spec)
    assert code == 0
    controller = (out / "demo" / "controllers" / "items.py").read_text()
    assert "encode_query_: str | None = None" in controller
    assert "encode_query(" in controller  # the helper, still callable


def test_oauth_with_a_second_bearer_scheme_constructs(tmp_path: Path) -> None:
    spec = _spec(
        components={
            "securitySchemes": {
                "oauth": {
                    "type": "oauth2",
                    "flows": {
                        "clientCredentials": {"tokenUrl": "https://a.test/token", "scopes": {}}
                    },
                },
                "jwt": {"type": "http", "scheme": "bearer"},
            }
        }
    )
    code, out = _generate(tmp_path, spec)
    assert code == 0
    done = _run(
        out, "from demo import DemoClient; DemoClient(oauth_client_id='i', oauth_client_secret='s')"
    )
    assert done.returncode == 0, done.stderr


def test_a_scheme_named_like_a_client_option_gets_its_own_argument(tmp_path: Path) -> None:
    spec = _spec(
        components={
            "securitySchemes": {
                "timeout": {"type": "apiKey", "in": "header", "name": "X-Timeout"},
                "api_key": {"type": "apiKey", "in": "header", "name": "X-A"},
                "apiKey": {"type": "apiKey", "in": "header", "name": "X-B"},
            }
        }
    )
    code, out = _generate(tmp_path, spec)
    assert code == 0
    construct = "DemoClient(timeout_2='t', api_key='a', api_key_2='b', timeout=5)"
    done = _run(out, f"from demo import DemoClient; {construct}")
    assert done.returncode == 0, done.stderr


def test_yaml_reads_dates_and_on_as_strings(tmp_path: Path) -> None:
    # OpenAPI documents are YAML 1.2: `2024-05-01` is a string and `on` is not a boolean.
    path = tmp_path / "spec.yaml"
    path.write_text(
        "openapi: 3.1.0\ninfo: {title: Demo, version: '1'}\npaths: {}\n"
        "components:\n  schemas:\n    Day:\n      type: object\n"
        "      properties: {on: {type: string, format: date}}\n"
        "      examples: [{on: 2024-05-01}]\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert main(["generate", str(path), "--lang", "python", "--out", str(out)]) == 0
    assert '"on": "2024-05-01"' in (out / "doc" / "models" / "day.md").read_text()


def test_the_spec_file_name_cannot_inject_a_line(tmp_path: Path) -> None:
    name = 'x\n__import__("os").system("touch PWNED")\n#.json'
    code, out = _generate(tmp_path, _spec(), name=name)
    assert code == 0
    for path in out.rglob("*.py"):
        text = path.read_text()
        assert "\n__import__" not in text, path
    assert _run(out, "import demo").returncode == 0
    assert not (out / "PWNED").exists()


def test_a_symlink_cannot_lead_the_output_outside(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "doc").symlink_to(outside)
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(_spec()), encoding="utf-8")
    assert main(["generate", str(path), "--lang", "python", "--out", str(out)]) == 2
    assert list(outside.iterdir()) == []


def test_a_date_version_becomes_a_pep440_version(tmp_path: Path) -> None:
    spec = _spec(info={"title": "Demo", "version": "2020-08-27"})
    code, out = _generate(tmp_path, spec)
    assert code == 0
    assert 'version = "2020.8.27"' in (out / "pyproject.toml").read_text()


def test_mock_refuses_a_port_out_of_range(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["mock", str(REPO / "spec" / "thingspace-m2m.yaml"), "--port", "99999"])
    assert exited.value.code == 2
    assert "not a port" in capsys.readouterr().err


def test_a_config_with_names_as_a_list_is_a_diagnostic(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "spec.config.yaml").write_text("names: [x]\n", encoding="utf-8")
    code, out = _generate(tmp_path, _spec())
    assert code == 2
    assert "/names" in capsys.readouterr().err
    assert not out.exists()


def test_examples_build_a_renamed_class_under_its_new_name(tmp_path: Path) -> None:
    spec = _spec(
        paths={
            "/t": {
                "post": {
                    "operationId": "setTimeout",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/Timeout"},
                                "example": {"seconds": 3},
                            }
                        },
                    },
                    "responses": {"204": {"description": "none"}},
                }
            }
        },
        components={
            "schemas": {
                "Timeout": {"type": "object", "properties": {"seconds": {"type": "integer"}}}
            }
        },
    )
    code, out = _generate(tmp_path, spec)
    assert code == 0
    readme = (out / "README.md").read_text()
    assert "body = TimeoutModel(" in readme
    assert "body = Timeout(" not in readme


def test_exception_links_point_at_the_pages_written(tmp_path: Path) -> None:
    spec = _spec(
        paths={
            "/x": {
                "get": {
                    "operationId": "getX",
                    "responses": {
                        "200": {"description": "ok"},
                        "400": {
                            "description": "bad",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/IoTError"}
                                }
                            },
                        },
                    },
                }
            }
        },
        components={
            "schemas": {"IoTError": {"type": "object", "properties": {"code": {"type": "string"}}}}
        },
    )
    (tmp_path / "spec.config.yaml").write_text(
        "names:\n  IoTError: [IoT, Error]\n", encoding="utf-8"
    )
    code, out = _generate(tmp_path, spec)
    assert code == 0
    page = next((out / "doc" / "controllers").glob("*.md")).read_text()
    links = [part.split(")")[0] for part in page.split("](../../doc/models/")[1:]]
    assert links
    for link in links:
        assert (out / "doc" / "models" / link).exists(), link


def test_the_readme_example_passes_the_required_parameters(tmp_path: Path) -> None:
    spec = _spec(
        paths={
            "/repos/{owner}/{repo}": {
                "get": {
                    "operationId": "getRepo",
                    "parameters": [
                        {"name": n, "in": "path", "required": True, "schema": {"type": "string"}}
                        for n in ("owner", "repo")
                    ],
                    "responses": {"204": {"description": "none"}},
                }
            }
        }
    )
    code, out = _generate(tmp_path, spec)
    assert code == 0
    assert '.get_repo("owner", "repo")' in (out / "README.md").read_text()
