"""Our keyword pass finds what openapi-spec-validator's own keyword pass finds.

`keyword_pass` replaces the library's walk (the slowest stage of a cold run) with
one over the plain document. These tests run both on documents built to trip
each check, and on the real specs, and compare: the same messages, as many of
each, and our places ending in the library's (the library gives a path inside
the schema or value at fault; ours starts from the document's root).
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.keyword_oracle import assert_same as _assert_same
from support.keyword_oracle import library as _library
from support.keyword_oracle import ours as _ours
from support.specs import MINIMAL, operation

from generator.loader import load_document

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus"


def _spec(version: str = "3.0.3", **parts: Any) -> dict[str, Any]:
    spec = copy.deepcopy(MINIMAL)
    spec["openapi"] = version
    spec.update(copy.deepcopy(parts))
    return spec


def _with_schema(schema: Any, version: str = "3.0.3", **components: Any) -> dict[str, Any]:
    """A spec whose one response body has `schema`."""
    response = {"description": "ok", "content": {"application/json": {"schema": schema}}}
    return _spec(
        version,
        paths={"/a": {"get": operation("getA", responses={"200": response})}},
        components={"schemas": components} if components else {},
    )


def _query(name: str, **schema: Any) -> dict[str, Any]:
    return {"name": name, "in": "query", "schema": schema}


B_WITH_UNDEFINED_REQUIRED = {
    "allOf": [{"properties": {"a": {"type": "string"}}}],
    "required": ["a", "b", "c"],
}

# name -> (spec, how many problems it has: each check must find something)
CASES: dict[str, tuple[dict[str, Any], int]] = {
    "duplicate tags": (_spec(tags=[{"name": "x"}, {"name": "y"}, {"name": "x"}]), 1),
    "duplicate parameters": (
        _spec(paths={"/a": {"get": operation("getA", parameters=[_query("q"), _query("q")])}}),
        1,
    ),
    "duplicate path-level parameters": (
        _spec(paths={"/a": {"parameters": [_query("q"), _query("q")], "get": operation("g")}}),
        1,
    ),
    "template parameter not declared": (_spec(paths={"/a/{id}": {"get": operation("g")}}), 1),
    "declared path parameter not in the template": (
        _spec(
            paths={
                "/a": {
                    "get": operation(
                        "g", parameters=[{"name": "id", "in": "path", "required": True}]
                    )
                }
            }
        ),
        1,
    ),
    "path-level path parameter serves the operation": (
        _spec(
            paths={
                "/a/{id}": {
                    "parameters": [{"$ref": "#/components/parameters/Id"}],
                    "get": operation("g"),
                    "put": operation("p"),
                }
            },
            components={
                "parameters": {"Id": {"name": "id", "in": "path", "required": True, "schema": {}}}
            },
        ),
        0,
    ),
    "regex the metaschema refuses": (_with_schema({"type": "string", "pattern": "("}), 1),
    "python-only regex syntax is a regex": (
        _with_schema({"type": "string", "pattern": "(?P<n>x)"}),
        0,
    ),
    "metaschema type error": (_with_schema({"type": "object", "required": "a"}), 1),
    "a schema that is not one": (_with_schema({"type": "array", "items": [1]}), 1),
    "allOf required names undefined, direct": (
        _with_schema({"$ref": "#/components/schemas/B"}, B=B_WITH_UNDEFINED_REQUIRED),
        1,
    ),
    "allOf required names undefined, reached inside another schema first": (
        _with_schema(
            {"properties": {"b": {"$ref": "#/components/schemas/B"}}},
            B=B_WITH_UNDEFINED_REQUIRED,
        ),
        0,
    ),
    "allOf required names defined in a referenced part": (
        _with_schema(
            {"allOf": [{"$ref": "#/components/schemas/P"}], "required": ["p", "q"]},
            P={"properties": {"p": {}}, "allOf": [{"items": {"properties": {"q": {}}}}]},
        ),
        0,
    ),
    "invalid defaults": (
        _spec(
            paths={
                "/a": {
                    "get": operation(
                        "g",
                        parameters=[
                            _query("i", type="integer", default="x"),
                            _query("d", type="string", format="date", default="not a date"),
                            _query("n", type="integer", default=None),
                            _query("ok", type="integer", nullable=True, default=None),
                            _query("r", **{"$ref": "#/components/schemas/Pet"}),
                        ],
                    )
                }
            },
            components={
                "schemas": {
                    "Pet": {
                        "type": "object",
                        "properties": {"kind": {"$ref": "#/components/schemas/Kind"}},
                        "default": {"kind": "fish"},
                    },
                    "Kind": {"enum": ["cat", "dog"]},
                }
            },
        ),
        5,  # two for the null default: not nullable, and not an integer
    ),
    "one default failing twice at one place": (
        _with_schema(
            {
                "properties": {"a": {"allOf": [{"type": "object"}, {"type": "object"}]}},
                "default": {"a": 0},
            }
        ),
        2,  # the library reports each allOf member's error, though they read the same
    ),
    "3.1 dialects": (
        _with_schema(
            {
                "properties": {
                    "n": {"$schema": 5},
                    "u": {"$schema": "https://example.com/unknown"},
                    "d": {"type": "integer", "default": "x"},
                },
            },
            version="3.1.0",
            N={"$schema": 5},
            U={"$schema": "https://example.com/unknown"},
        ),
        3,
    ),
    "3.1 malformed dialect URI": (_with_schema({"$schema": "http://["}, version="3.1.0"), 1),
    "an operation given by $ref": (
        _spec(
            paths={
                "/a/{id}": {
                    "get": operation(
                        "g", parameters=[{"name": "id", "in": "path", "required": True}]
                    )
                },
                "/b/{id}": {"get": {"$ref": "#/paths/~1a~1{id}/get"}},
            }
        ),
        0,
    ),
    "3.1 document dialect": (
        {
            **_with_schema({"type": "string", "pattern": "("}, version="3.1.0"),
            "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        },
        1,
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_check_finds_what_the_library_finds(case: str) -> None:
    spec, expected = CASES[case]
    assert len(_assert_same(spec)) == expected


def test_places_are_json_pointers_from_the_root() -> None:
    found = dict(_ours(CASES["invalid defaults"][0]))
    assert {
        "/paths/~1a/get/parameters/0/schema/default",
        "/paths/~1a/get/parameters/1/schema/default",
        "/paths/~1a/get/parameters/2/schema/default",
        "/components/schemas/Pet/default/kind",
    } == set(found)
    tags = _ours(CASES["duplicate tags"][0])
    assert tags == [("/tags/2/name", "Duplicate tag name 'x'")]


def test_a_broken_path_template_is_reported_not_raised() -> None:
    """The library's walk raises ValueError on an unclosed `{`; ours says where."""
    spec = _spec(paths={"/a/{id": {"get": operation("g")}})
    [(where, message)] = _ours(spec)
    assert where == "/paths/~1a~1{id"
    assert "/a/{id" in message


def test_a_schema_in_its_own_allof_is_walked_once() -> None:
    """The library recurses without end collecting such a schema's properties."""
    spec = _with_schema(
        {"$ref": "#/components/schemas/Node"},
        Node={
            "type": "object",
            "properties": {"next": {"$ref": "#/components/schemas/Node"}},
            "allOf": [{"$ref": "#/components/schemas/Node"}],
            "required": ["next", "gone"],
        },
    )
    with pytest.raises(RecursionError):
        _library(spec)
    assert _ours(spec) == [
        ("/components/schemas/Node/required", "Required list has not defined properties: ['gone']")
    ]


def test_a_ref_cycle_is_reported_once_not_followed_forever() -> None:
    spec = _with_schema(
        {"$ref": "#/components/schemas/A"},
        A={"$ref": "#/components/schemas/B"},
        B={"$ref": "#/components/schemas/A"},
    )
    cycles = [where for where, message in _ours(spec) if "$ref cycle" in message]
    assert cycles and len(cycles) == len(set(cycles))


@pytest.mark.parametrize(
    "root",
    [
        _with_schema({"type": "string", "pattern": "a{4294967296}"}),  # too big for `re`
        {**_with_schema({}, version="3.1.0"), "jsonSchemaDialect": ["not", "a", "string"]},
    ],
)
def test_a_schema_the_library_fails_on_gets_a_diagnostic(root: dict[str, Any]) -> None:
    with pytest.raises(Exception):  # noqa: B017 - any failure: OverflowError, TypeError...
        _library(root)
    [(where, message)] = _ours(root)
    assert where.startswith("/paths/~1a/get/responses/200")
    assert "could not be checked" in message or "Unknown JSON Schema dialect" in message


def test_without_jsonschema_rs_the_verdict_is_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    """jsonschema-rs only answers "valid" quickly; without it jsonschema checks everything."""
    from generator import keyword_pass as module

    monkeypatch.setattr(module, "_fast_draft4_check", lambda: lambda schema: False)
    for name in ("regex the metaschema refuses", "metaschema type error", "invalid defaults"):
        spec, expected = CASES[name]
        assert len(_assert_same(spec)) == expected


@pytest.mark.parametrize("name", ["twilio-messaging-v1.json", "thingspace-m2m.yaml"])
def test_real_specs_agree(name: str) -> None:
    path = REPO / "spec" / name if name.endswith(".yaml") else CORPUS / name
    _assert_same(load_document(path).root)


# Random documents: schemas made of the keywords the walk looks at (refs between four
# components included), parameter lists with clashes, templates with and without their
# parameters. Where the library's walk fails outright (it recurses without end on some
# cyclic allOf), there is nothing to compare.
_NAMES = st.sampled_from(["a", "b", "c", "id"])
_REFS = st.sampled_from([{"$ref": f"#/components/schemas/S{i}"} for i in range(4)])
_LEAF = st.one_of(
    _REFS,
    st.fixed_dictionaries(
        {},
        optional={
            "type": st.sampled_from(["string", "integer", "object", "array", "strin"]),
            "pattern": st.sampled_from(["^a+$", "(", "(?P<n>x)"]),
            "default": st.one_of(st.none(), st.integers(), st.text(max_size=3)),
            "nullable": st.booleans(),
            "format": st.sampled_from(["date", "uuid", "int32"]),
            "enum": st.lists(st.integers(0, 3), min_size=1, max_size=3),
            "required": st.one_of(st.lists(_NAMES, max_size=3, unique=True), st.just("a")),
        },
    ),
)
_SCHEMA = st.recursive(
    _LEAF,
    lambda inner: st.one_of(
        st.fixed_dictionaries(
            {},
            optional={
                "properties": st.dictionaries(_NAMES, inner, max_size=3),
                "allOf": st.lists(inner, max_size=2),
                "anyOf": st.lists(inner, min_size=1, max_size=2),
                "items": inner,
                "not": inner,
                "required": st.lists(_NAMES, max_size=3, unique=True),
                "default": st.one_of(st.integers(), st.dictionaries(_NAMES, st.integers())),
            },
        ),
        _LEAF,
    ),
    max_leaves=8,
)
_PARAMETER = st.builds(
    lambda name, where, schema: {"name": name, "in": where, "required": True, "schema": schema},
    _NAMES,
    st.sampled_from(["path", "query"]),
    _SCHEMA,
)


@st.composite
def _documents(draw: st.DrawFn) -> dict[str, Any]:
    paths: dict[str, Any] = {}
    for url in draw(st.lists(st.sampled_from(["/x", "/x/{id}", "/y/{a}/{b}"]), unique=True)):
        body = {"description": "ok", "content": {"application/json": {"schema": draw(_SCHEMA)}}}
        paths[url] = {
            "parameters": draw(st.lists(_PARAMETER, max_size=2)),
            "get": operation(
                "get" + url,
                parameters=draw(st.lists(_PARAMETER, max_size=3)),
                responses={"200": body},
            ),
        }
    schemas = {f"S{i}": draw(_SCHEMA) for i in range(4)}
    version = draw(st.sampled_from(["3.0.3", "3.1.0"]))
    return _spec(version, paths=paths, components={"schemas": schemas})


# Derandomized: the same 60 documents every run, so a failure is not a matter of luck.
@settings(
    max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(document=_documents())
def test_random_documents_get_the_library_s_verdict(document: dict[str, Any]) -> None:
    try:
        library_found = _library(document)
    except KeyboardInterrupt:
        raise
    except BaseException:  # noqa: BLE001 - a RecursionError can come out as pyo3's PanicException
        return  # the library's walk failed: nothing to compare
    assert sorted(m for _, m in _ours(document)) == sorted(m for _, m in library_found)
