"""Validation in a child process gives the verdict `validate` gives in one process.

`background.start_validation` runs openapi-spec-validator in a child while the
caller builds and renders. These tests pin that this changes no verdict, that the
child really does the work, that a child which fails or answers for other bytes
is not trusted, and that nothing is left running.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from support.specs import EXAMPLE_WARNING, MINIMAL, generate_python, operation, write_spec

from generator import background, cache
from generator import validate as validate_module
from generator.diagnostics import Diagnostic, Level, pointer
from generator.keyword_pass import keyword_pass
from generator.loader import load_document
from generator.validate import json_schema_pass, openapi_passes, validate

REPO = Path(__file__).resolve().parents[2]


_op = operation
BASE = MINIMAL


def _with(path: tuple[str, ...], value: Any, spec: dict[str, Any] = BASE) -> dict[str, Any]:
    changed = copy.deepcopy(spec)
    node = changed
    for key in path[:-1]:
        node = node.setdefault(key, {})
    node[path[-1]] = value
    return changed


# Specs that exercise each part of the verdict: the JSON Schema pass, the keyword
# pass, our own checks, and the early exits before openapi-spec-validator runs.
CASES: dict[str, dict[str, Any]] = {
    "valid": BASE,
    "json schema errors": _with(("info",), {"title": "T"}),
    "keyword errors": _with(
        ("paths", "/a", "get", "parameters"),
        [{"name": "id", "in": "query", "schema": {"type": "integer", "default": "x"}}],
    ),
    "both passes": _with(
        ("info",),
        {"title": "T"},
        _with(
            ("paths", "/b/{id}", "get"),
            _op("getB", parameters=[{"name": "other", "in": "path", "required": True}]),
        ),
    ),
    "duplicate operationIds": _with(("paths", "/b", "get"), _op("getA")),
    "example warning": EXAMPLE_WARNING,
    "dangling ref": _with(("paths", "/a", "get", "responses"), {"200": {"$ref": "#/nope"}}),
    "swagger": {"swagger": "2.0", "info": {"title": "T", "version": "1"}, "paths": {}},
    "3.1 with errors": _with(("openapi",), "3.1.0", _with(("info",), {"title": "T"})),
}


@pytest.fixture(autouse=True)
def no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.ENV, "off")


def _document(tmp_path: Path, spec: dict[str, Any]) -> Any:
    return load_document(write_spec(tmp_path / "spec.json", spec))


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_child_gives_the_one_process_verdict(tmp_path: Path, case: str) -> None:
    document = _document(tmp_path, CASES[case])
    with background.start_validation(document) as pending:
        found = pending.result()
    assert found == validate(document)


def test_the_cases_cover_errors_from_each_pass(tmp_path: Path) -> None:
    """Else the equality above would prove little."""
    document = _document(tmp_path, CASES["both passes"])
    version = str(document.root["openapi"])
    assert json_schema_pass(document.root, version)
    assert keyword_pass(document.root, version)
    levels = {d.level for d in validate(_document(tmp_path, CASES["example warning"]))}
    assert levels == {Level.WARNING}


@pytest.mark.parametrize("case", ["both passes", "keyword errors", "3.1 with errors", "valid"])
def test_the_two_passes_together_are_the_library_s_own_verdict(tmp_path: Path, case: str) -> None:
    """`openapi_passes` makes openapi-spec-validator's two passes one at a time (the
    second our own walk): pin that together they report what its own `iter_errors()`
    reports: the same messages, at places ending in the library's (ours start from
    the document's root where the library's keyword errors start inside a schema)."""
    from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator

    root = CASES[case]
    version = str(root["openapi"])
    split = openapi_passes(root, version)
    validator = OpenAPIV31SpecValidator if version.startswith("3.1") else OpenAPIV30SpecValidator
    whole = [
        (pointer(*error.absolute_path), error.message.splitlines()[0])
        for error in validator(root).iter_errors()
        if type(error).__name__ != "DuplicateOperationIDError"
    ]
    assert sorted(d.message for d in split) == sorted(message for _, message in whole)
    for d in split:
        assert any(d.where.endswith(at) for at, message in whole if message == d.message)


def test_the_passes_run_in_the_child_not_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = _document(tmp_path, CASES["both passes"])
    expected = validate(document)

    def not_here(*args: object) -> list[Diagnostic]:
        raise AssertionError("a pass ran in the parent")

    monkeypatch.setattr(background, "openapi_passes", not_here)
    with background.start_validation(document) as pending:
        assert pending.result() == expected


def test_our_own_checks_run_in_the_child_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = _document(tmp_path, CASES["example warning"])
    expected = validate(document)
    assert expected  # the example's warning

    def not_here(*args: object) -> list[Diagnostic]:
        raise AssertionError("our checks ran in the parent")

    monkeypatch.setattr(background, "semantic_checks", not_here)
    with background.start_validation(document) as pending:
        assert pending.result() == expected


@pytest.mark.parametrize("case", ["json schema errors", "example warning"])
@pytest.mark.parametrize("executable", ["/nonexistent/python", "/bin/false"])
def test_a_child_that_cannot_start_or_fails_is_replaced_by_this_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, executable: str, case: str
) -> None:
    document = _document(tmp_path, CASES[case])
    expected = validate(document)
    monkeypatch.setattr(background.sys, "executable", executable)
    with background.start_validation(document) as pending:
        assert pending.result() == expected


def test_a_child_reading_other_bytes_is_not_trusted(tmp_path: Path) -> None:
    """The spec edited on disk after this process read it: the verdict is still the
    one for the document this process builds from."""
    path = write_spec(tmp_path / "spec.json", CASES["json schema errors"])
    document = load_document(path)
    write_spec(path, BASE)
    with background.start_validation(document) as pending:
        found = pending.result()
    assert found == validate(document)
    assert any(d.level is Level.ERROR for d in found)


def test_leaving_early_stops_the_child(tmp_path: Path) -> None:
    document = _document(tmp_path, CASES["valid"])
    with pytest.raises(KeyboardInterrupt):
        with background.start_validation(document) as pending:
            child = pending._child
            assert child is not None
            raise KeyboardInterrupt
    assert child.returncode is not None


def test_a_known_verdict_starts_no_child(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.ENV, str(tmp_path / "cache"))
    document = _document(tmp_path, CASES["example warning"])
    with background.start_validation(document) as first:
        expected = first.result()

    def no_child(*args: object) -> None:
        raise AssertionError("a child was started for a recorded verdict")

    monkeypatch.setattr(background, "_spawn", no_child)
    monkeypatch.setattr(validate_module, "validate", no_child)
    with background.start_validation(document) as again:
        assert again.result() == expected
    with background.start_validation(_document(tmp_path, CASES["swagger"])) as early:
        assert [d.where for d in early.result()] == ["/swagger"]


def test_a_spec_that_breaks_the_build_is_reported_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The build runs before the verdict is in; on an invalid spec it may fail, and
    then the spec's errors are what the user sees, with exit code 2 and no output."""
    spec = _with(("paths", "/a", "get", "parameters"), "not a list")
    spec = _with(("paths", "/a", "get", "responses"), ["not", "a", "map"], spec)
    out = tmp_path / "out"
    assert generate_python(write_spec(tmp_path / "spec.json", spec), out) == 2
    err = capsys.readouterr().err
    assert "error: /paths/~1a/get/parameters: " in err
    assert "Traceback" not in err
    assert not out.exists()


def test_the_child_runs_this_generator_whatever_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not a `generator` package that happens to sit in the working folder (another
    checkout, an old revision): that one would answer "valid" here."""
    document = _document(tmp_path, CASES["json schema errors"])
    answer = {"sha256": document.sha256, "found": [], "semantic": []}  # "valid"
    decoy = tmp_path / "generator"
    decoy.mkdir()
    (decoy / "__init__.py").write_text("", "utf-8")
    (decoy / "background.py").write_text(
        "import sys\n"
        "def _main(argv):\n"
        f"    sys.stdout.write({json.dumps(answer)!r})\n"
        "    return 0\n",
        "utf-8",
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(background, "openapi_passes", _fail_in_parent)
    monkeypatch.delenv("PYTHONPATH", raising=False)
    with background.start_validation(document) as pending:
        found = pending.result()
    assert any(d.level is Level.ERROR for d in found)
    assert found == validate(document)


def test_an_early_child_is_adopted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`python -m generator` starts the child before loading the generator; the
    validation takes that child over instead of starting another."""
    from generator.arguments import parse
    from generator.child import spawn_validation
    from generator.cli import run

    monkeypatch.setenv(cache.ENV, str(tmp_path / "cache"))
    spec = write_spec(tmp_path / "spec.json", CASES["json schema errors"])
    child = spawn_validation(spec)
    assert child is not None
    monkeypatch.setattr(background, "_spawn", _no_second_child)
    monkeypatch.setattr(background, "openapi_passes", _fail_in_parent)
    assert run(parse(["validate", str(spec)]), child) == 2
    assert child.returncode == 0  # it answered, and was reaped


@pytest.mark.parametrize("case", ["recorded", "swagger", "unreadable"])
def test_an_early_child_not_needed_is_stopped(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.arguments import parse
    from generator.child import spawn_validation
    from generator.cli import run

    monkeypatch.setenv(cache.ENV, str(tmp_path / "cache"))
    spec = write_spec(tmp_path / "spec.json", CASES["swagger" if case == "swagger" else "valid"])
    if case == "recorded":
        assert run(parse(["validate", str(spec)])) == 0
    if case == "unreadable":
        spec = tmp_path / "missing.json"
    child = spawn_validation(spec)
    assert child is not None
    monkeypatch.setattr(background, "_spawn", _no_second_child)
    assert run(parse(["validate", str(spec)]), child) == (0 if case == "recorded" else 2)
    assert child.returncode is not None  # not left running, and reaped


def _no_second_child(*args: object) -> None:
    raise AssertionError("a second child was started")


def _fail_in_parent(*args: object) -> list[Diagnostic]:
    raise AssertionError("the child failed and its pass ran in the parent")


_FORMATS = {
    "bad email": _with(("info", "contact"), {"email": "support at example dot com"}),
    # `{z}` is a literal to Python's re (which checks patterns later) but not to Rust's.
    "pattern only Python reads": _with(
        ("paths", "/a", "get", "parameters"),
        [{"name": "q", "in": "query", "schema": {"type": "string", "pattern": "^'#{z}\\d+$"}}],
    ),
    "bad url": _with(("info", "license"), {"name": "MIT", "url": "not a url"}),
}


# Every case that gets as far as openapi-spec-validator (Swagger 2.0 is refused before).
_PASSED_ON = sorted(name for name, spec in {**CASES, **_FORMATS}.items() if "openapi" in spec)


@pytest.mark.parametrize("case", _PASSED_ON)
def test_the_compiled_json_schema_pass_agrees_with_the_pure_python_one(case: str) -> None:
    """jsonschema-rs runs the JSON Schema pass; its verdict, places included, is the
    pure-Python jsonschema's (it asserts no `format` either)."""
    from openapi_spec_validator.schemas import schema_v30, schema_v31
    from openapi_spec_validator.schemas.backend.jsonschema import create_validator

    root = _FORMATS[case] if case in _FORMATS else CASES[case]
    version = str(root["openapi"])
    pure = create_validator(dict(schema_v31 if version.startswith("3.1.") else schema_v30))
    expected = sorted(pointer(*error.absolute_path) for error in pure.iter_errors(root))
    assert sorted(d.where for d in json_schema_pass(root, version)) == expected


def test_format_is_not_asserted_so_these_specs_stay_valid(tmp_path: Path) -> None:
    for spec in _FORMATS.values():
        assert validate(_document(tmp_path, spec)) == []


def test_an_invalid_spec_reports_its_errors_not_the_build_s_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The build runs beside validation now; its remarks on a spec found invalid
    (here: `not` is unsupported) would only bury the errors."""
    spec = _with(("info",), {"title": "T"})
    spec = _with(
        ("paths", "/a", "get", "parameters"),
        [{"name": "q", "in": "query", "schema": {"not": {"type": "integer"}}}],
        spec,
    )
    out = tmp_path / "out"
    assert generate_python(write_spec(tmp_path / "spec.json", spec), out) == 2
    err = capsys.readouterr().err
    assert "error: /info: " in err
    assert "warning" not in err
    assert not out.exists()


def test_the_child_and_python_m_generator_run_without_the_cyclic_collector(
    tmp_path: Path,
) -> None:
    """Their objects live to the end of the run: the collector would only walk them."""
    import subprocess
    import sys

    from generator import child

    program = child._CHILD_CODE.replace(
        "from generator.background import _main; sys.exit(_main(sys.argv[1:]))",
        "import generator.background; print(gc.isenabled())",
    )
    assert program != child._CHILD_CODE
    ran = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True)
    assert ran.stdout.strip() == "False", ran.stderr
    # `python -m generator` runs __main__, which switches the collector off for one-shot
    # commands: seen from inside by a pack that reports it in a generated file.
    spec = write_spec(tmp_path / "api.yaml", MINIMAL)
    probe = tmp_path / "packs" / "probe"
    (probe / "t").mkdir(parents=True)
    (probe / "manifest.yaml").write_text(
        "name: probe\noutputs:\n  - {template: t/gc.jinja, path: gc.txt, each: once}\n", "utf-8"
    )
    (probe / "t" / "gc.jinja").write_text("{{ collecting() }}", "utf-8")
    (probe / "pack.py").write_text("import gc\n\nGLOBALS = {'collecting': gc.isenabled}\n", "utf-8")
    out = tmp_path / "out"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "generate",
            str(spec),
            "--lang",
            "probe",
            "--templates",
            str(tmp_path / "packs"),
            "--out",
            str(out),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert (out / "gc.txt").read_text("utf-8") == "False"
