"""Loading: JSON and YAML, syntax errors with a line, bundling specs split over files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from support.specs import write_spec

from generator.diagnostics import Diagnostic, Level, SpecError
from generator.loader import Document, load_document, walk
from generator.validate import validate

MINIMAL: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "T", "version": "1"},
    "paths": {},
}


def _refs(node: Any) -> list[str]:
    """Every `$ref` string below `node`."""
    if isinstance(node, dict):
        found = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return found + [r for value in node.values() for r in _refs(value)]
    if isinstance(node, list):
        return [r for item in node for r in _refs(item)]
    return []


def _diagnose(path: Path) -> list[Diagnostic]:
    """What load + validate report about `path`."""
    try:
        document = load_document(path)
    except SpecError as error:
        return list(error.diagnostics)
    return validate(document)


# -- plain loading -----------------------------------------------------------------------


def test_json_loads(tmp_path: Path) -> None:
    path = write_spec(tmp_path / "api.json", json.dumps(MINIMAL))
    document = load_document(path)
    assert document.root == MINIMAL
    assert document.path == path.resolve()
    assert document.sources == (path.resolve(),)
    assert len(document.sha256) == 64


def test_yaml_loads(tmp_path: Path) -> None:
    path = write_spec(
        tmp_path / "api.yaml",
        "openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\npaths: {}\n",
    )
    assert load_document(path).root == MINIMAL


def test_json_and_yaml_of_the_same_document_agree(tmp_path: Path) -> None:
    import yaml

    as_json = load_document(write_spec(tmp_path / "a.json", json.dumps(MINIMAL))).root
    as_yaml = load_document(write_spec(tmp_path / "a.yaml", yaml.safe_dump(MINIMAL))).root
    assert as_json == as_yaml


def test_the_hash_follows_the_content(tmp_path: Path) -> None:
    one = load_document(write_spec(tmp_path / "one.json", json.dumps(MINIMAL))).sha256
    same = load_document(write_spec(tmp_path / "same.json", json.dumps(MINIMAL))).sha256
    other = load_document(
        write_spec(tmp_path / "other.json", json.dumps({**MINIMAL, "info": {"title": "U"}}))
    ).sha256
    assert one == same != other


def test_yaml_syntax_error_gives_spec_error_with_line(tmp_path: Path) -> None:
    path = write_spec(
        tmp_path / "broken.yaml",
        "openapi: 3.0.3\ninfo:\n  title: [unclosed\n  version: '1'\npaths: {}\n",
    )
    with pytest.raises(SpecError) as caught:
        load_document(path)
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.level is Level.ERROR
    assert "broken.yaml" in diagnostic.message
    assert "line 4" in diagnostic.message


def test_json_syntax_error_gives_spec_error_with_line(tmp_path: Path) -> None:
    path = write_spec(tmp_path / "broken.json", '{"openapi": "3.0.3",\n "info": \n')
    with pytest.raises(SpecError) as caught:
        load_document(path)
    assert "line " in caught.value.diagnostics[0].message


def test_a_missing_file_is_a_spec_error(tmp_path: Path) -> None:
    with pytest.raises(SpecError) as caught:
        load_document(tmp_path / "nope.yaml")
    assert "nope.yaml" in str(caught.value)


def test_a_top_level_list_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SpecError, match="not a mapping"):
        load_document(write_spec(tmp_path / "list.yaml", "- a\n- b\n"))


def test_yaml_tags_cannot_run_code(tmp_path: Path) -> None:
    path = write_spec(tmp_path / "evil.yaml", "openapi: !!python/object/apply:os.system ['true']\n")
    with pytest.raises(SpecError):
        load_document(path)


# -- a spec split over files --------------------------------------------------------------

ROOT = """\
openapi: 3.0.3
info: {title: Split, version: "1"}
paths:
  /pets:
    get:
      operationId: listPets
      parameters:
        - $ref: 'parts/params.yaml#/limit'
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: array
                items:
                  $ref: 'schemas.yaml#/components/schemas/Pet'
components:
  schemas:
    Local:
      type: object
      properties:
        pet: {$ref: 'schemas.yaml#/components/schemas/Pet'}
        again: {$ref: './schemas.yaml#/components/schemas/Pet'}
"""

SCHEMAS = """\
components:
  schemas:
    Pet:
      type: object
      properties:
        name: {type: string}
        owner: {$ref: '#/components/schemas/Owner'}
        children:
          type: array
          items: {$ref: '#/components/schemas/Pet'}
        tag: {$ref: '#/definitions/Tag'}
    Owner:
      type: object
      properties:
        pets:
          type: array
          items: {$ref: 'schemas.yaml#/components/schemas/Pet'}
        local: {$ref: 'root.yaml#/components/schemas/Local'}
definitions:
  Tag:
    type: string
    enum: [a, b]
"""

PARAMS = """\
limit:
  name: limit
  in: query
  schema: {$ref: '../schemas.yaml#/definitions/Tag'}
"""


@pytest.fixture
def split_spec(tmp_path: Path) -> Document:
    write_spec(tmp_path / "schemas.yaml", SCHEMAS)
    write_spec(tmp_path / "parts" / "params.yaml", PARAMS)
    return load_document(write_spec(tmp_path / "root.yaml", ROOT))


def test_bundling_leaves_only_local_refs(split_spec: Document) -> None:
    refs = _refs(split_spec.root)
    assert refs, "component references stay references"
    assert all(ref.startswith("#/") for ref in refs), refs
    for ref in refs:  # and every one of them resolves
        walk(split_spec.root, ref[1:])


def test_a_document_knows_its_refs_after_bundling(split_spec: Document) -> None:
    assert split_spec.refs() == frozenset(_refs(split_spec.root))


def test_a_json_root_is_bundled_and_knows_its_refs(tmp_path: Path) -> None:
    """A JSON spec's $refs are noted as it is decoded: a file ref still gets bundled."""
    write_spec(tmp_path / "pet.yaml", "components:\n  schemas:\n    Pet: {type: string}\n")
    spec = {
        **MINIMAL,
        "components": {
            "schemas": {
                "Local": {"$ref": "pet.yaml#/components/schemas/Pet"},
                "Deep": {"type": "array", "items": [{"$ref": "#/components/schemas/Local"}]},
            }
        },
    }
    document = load_document(write_spec(tmp_path / "root.json", json.dumps(spec)))
    assert all(ref.startswith("#/") for ref in _refs(document.root))
    assert "Pet" in document.root["components"]["schemas"]
    assert document.refs() == frozenset(_refs(document.root))
    cyclic = {
        **MINIMAL,
        "components": {"schemas": {"A": {"items": {"$ref": "#/components/schemas/A"}}}},
    }
    plain = load_document(write_spec(tmp_path / "plain.json", json.dumps(cyclic)))
    assert plain.refs() == {"#/components/schemas/A"}


def test_bundling_keeps_component_names(split_spec: Document) -> None:
    schemas = split_spec.root["components"]["schemas"]
    # Tag is a schema fragment outside components: it becomes a component named after it.
    assert list(schemas) == ["Local", "Tag", "Pet", "Owner"]
    response = split_spec.root["paths"]["/pets"]["get"]["responses"]["200"]
    assert response["content"]["application/json"]["schema"]["items"] == {
        "$ref": "#/components/schemas/Pet"
    }
    # The same target reached by two spellings of its path is imported once.
    assert schemas["Local"]["properties"]["again"] == {"$ref": "#/components/schemas/Pet"}


def test_bundling_rewrites_refs_local_to_the_other_file(split_spec: Document) -> None:
    pet = split_spec.root["components"]["schemas"]["Pet"]
    assert pet["properties"]["owner"] == {"$ref": "#/components/schemas/Owner"}
    # A cycle back to itself stays a reference (the loader terminated to get here).
    assert pet["properties"]["children"]["items"] == {"$ref": "#/components/schemas/Pet"}
    owner = split_spec.root["components"]["schemas"]["Owner"]
    assert owner["properties"]["pets"]["items"] == {"$ref": "#/components/schemas/Pet"}
    # A ref from the other file back into the root file points at the root's component.
    assert owner["properties"]["local"] == {"$ref": "#/components/schemas/Local"}


def test_bundling_names_schema_fragments_and_inlines_the_rest(split_spec: Document) -> None:
    tag_ref = {"$ref": "#/components/schemas/Tag"}
    assert split_spec.root["components"]["schemas"]["Tag"] == {"type": "string", "enum": ["a", "b"]}
    pet = split_spec.root["components"]["schemas"]["Pet"]
    assert pet["properties"]["tag"] == tag_ref
    assert "definitions" not in split_spec.root
    # A parameter (not a schema) from a file in a sub-folder is inlined; its own ref is
    # relative to that sub-folder.
    (param,) = split_spec.root["paths"]["/pets"]["get"]["parameters"]
    assert param == {"name": "limit", "in": "query", "schema": tag_ref}


def test_bundling_records_every_source(split_spec: Document, tmp_path: Path) -> None:
    assert {p.relative_to(tmp_path.resolve()).as_posix() for p in split_spec.sources} == {
        "root.yaml",
        "schemas.yaml",
        "parts/params.yaml",
    }


def test_the_bundled_spec_is_valid_and_builds(split_spec: Document) -> None:
    from generator.build import build_api
    from generator.config import Config

    assert validate(split_spec) == []
    api, _ = build_api(split_spec, Config())
    assert {m.id for m in api.models} >= {"Pet", "Owner", "Local"}


def test_external_component_names_do_not_clobber_local_ones(tmp_path: Path) -> None:
    write_spec(
        tmp_path / "other.yaml",
        "components:\n  schemas:\n    Pet:\n      type: object\n"
        "      properties: {external: {type: string}}\n",
    )
    root = write_spec(
        tmp_path / "root.yaml",
        """\
openapi: 3.0.3
info: {title: T, version: "1"}
paths: {}
components:
  schemas:
    Pet:
      type: object
      properties: {local: {type: string}}
    Wrapper:
      type: object
      properties:
        theirs: {$ref: 'other.yaml#/components/schemas/Pet'}
""",
    )
    schemas = load_document(root).root["components"]["schemas"]
    assert list(schemas["Pet"]["properties"]) == ["local"]
    ref = schemas["Wrapper"]["properties"]["theirs"]["$ref"]
    assert ref != "#/components/schemas/Pet"
    assert list(walk(schemas, ref[len("#/components/schemas") :])["properties"]) == ["external"]


def test_a_recursive_non_component_fragment_terminates(tmp_path: Path) -> None:
    write_spec(
        tmp_path / "frag.yaml",
        "definitions:\n  Node:\n    type: object\n"
        "    properties:\n      next: {$ref: '#/definitions/Node'}\n",
    )
    root = write_spec(
        tmp_path / "root.yaml",
        """\
openapi: 3.0.3
info: {title: T, version: "1"}
paths: {}
components:
  schemas:
    List:
      type: object
      properties:
        head: {$ref: 'frag.yaml#/definitions/Node'}
""",
    )
    document = load_document(root)
    assert all(ref.startswith("#/") for ref in _refs(document.root))


# -- resolving references -------------------------------------------------------------------


def _document(root: dict[str, Any]) -> Document:
    return Document(root, Path("spec.yaml"), "")


def test_resolve_follows_chains() -> None:
    document = _document(
        {"a": {"$ref": "#/b"}, "b": {"$ref": "#/c/d"}, "c": {"d": {"type": "string"}}}
    )
    assert document.resolve(document.root["a"], "/a") == ({"type": "string"}, "/c/d")


def test_resolve_returns_a_plain_node_and_its_place_unchanged() -> None:
    document = _document({"a": {"type": "integer"}})
    assert document.resolve(document.root["a"], "/a") == ({"type": "integer"}, "/a")


def test_resolve_unescapes_pointer_segments() -> None:
    document = _document({"paths": {"/a/{b}": {"x": 1}, "r": {"$ref": "#/paths/~1a~1%7Bb%7D"}}})
    assert document.resolve(document.root["paths"]["r"]) == ({"x": 1}, "/paths/~1a~1%7Bb%7D")


@pytest.mark.parametrize(
    "root", [{"s": {"$ref": "#/s"}}, {"s": {"$ref": "#/t"}, "t": {"$ref": "#/s"}}]
)
def test_resolve_reports_ref_cycles(root: dict[str, Any]) -> None:
    document = _document(root)
    with pytest.raises(SpecError, match="cycle"):
        document.resolve(document.root["s"], "/s")


def test_resolve_names_a_dangling_ref() -> None:
    document = _document({"a": {"$ref": "#/components/schemas/Missing"}})
    with pytest.raises(SpecError) as caught:
        document.resolve(document.root["a"], "/a")
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.where == "/a"
    assert "#/components/schemas/Missing" in diagnostic.message


def test_a_dangling_ref_into_another_file_names_it(tmp_path: Path) -> None:
    write_spec(tmp_path / "other.yaml", "components: {schemas: {Here: {type: string}}}\n")
    root = write_spec(
        tmp_path / "root.yaml",
        """\
openapi: 3.0.3
info: {title: T, version: "1"}
paths: {}
components:
  schemas:
    A: {$ref: 'other.yaml#/components/schemas/Missing'}
""",
    )
    (diagnostic,) = _diagnose(root)
    assert diagnostic.level is Level.ERROR
    assert diagnostic.where == "/components/schemas/A"
    assert "other.yaml#/components/schemas/Missing" in diagnostic.message


def test_a_ref_to_a_missing_file_names_the_file(tmp_path: Path) -> None:
    root = write_spec(
        tmp_path / "root.yaml",
        """\
openapi: 3.0.3
info: {title: T, version: "1"}
paths: {}
components:
  schemas:
    A: {$ref: 'nothere.yaml#/components/schemas/A'}
""",
    )
    (diagnostic,) = _diagnose(root)
    assert diagnostic.level is Level.ERROR
    assert "nothere.yaml" in diagnostic.message


def test_a_dangling_local_ref_gives_a_diagnostic_naming_it(tmp_path: Path) -> None:
    root = write_spec(
        tmp_path / "root.yaml",
        """\
openapi: 3.0.3
info: {title: T, version: "1"}
paths:
  /a:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Missing'}
""",
    )
    found = _diagnose(root)
    assert any(
        d.level is Level.ERROR and "#/components/schemas/Missing" in d.message for d in found
    ), found


def test_percent_encoded_external_component_names_bundle(tmp_path: Path) -> None:
    write_spec(
        tmp_path / "other.yaml",
        "components: {schemas: {'Pet Thing': {type: object, properties: {a: {type: string}}}}}\n",
    )
    root = write_spec(
        tmp_path / "root.yaml",
        """\
openapi: 3.0.3
info: {title: T, version: "1"}
paths: {}
components:
  schemas:
    A:
      type: object
      properties:
        b: {$ref: 'other.yaml#/components/schemas/Pet%20Thing'}
""",
    )
    document = load_document(root)
    assert "Pet Thing" in document.root["components"]["schemas"]
    for ref in _refs(document.root):
        document.lookup(ref)
