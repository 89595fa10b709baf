"""The language-neutral IR of the generality constructs: unions and discriminators, body and
response kinds, form encodings, parameter details, and how untagged operations are grouped."""

from __future__ import annotations

from pathlib import Path

from generality_support import write_spec

from generator.build import build_api
from generator.config import load_config
from generator.ir import (
    Api,
    BodyKind,
    Discriminator,
    Encoding,
    Operation,
    TypeKind,
    TypeRef,
)
from generator.loader import load_document

SPEC = """\
openapi: 3.0.3
info: {title: IR, version: "1"}
paths:
  /v1/customers/{id}:
    post:
      operationId: updateCustomer
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
        - {name: next, in: query, allowReserved: true, schema: {type: string, default: /a}}
        - name: filter
          in: query
          content: {application/json: {schema: {type: object}}}
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              properties:
                metadata:
                  anyOf:
                    - {type: object, additionalProperties: {type: string}}
                    - {type: string, enum: [""]}
            encoding:
              metadata: {style: deepObject, explode: true}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Pet'}
  /v1/files:
    get:
      operationId: download
      responses:
        '200':
          description: a file
          content: {application/pdf: {schema: {type: string, format: binary}}}
        '201': {description: text, content: {text/csv: {schema: {type: string}}}}
        '204': {description: nothing}
components:
  schemas:
    Pet:
      oneOf:
        - $ref: '#/components/schemas/Cat'
        - $ref: '#/components/schemas/Dog'
        - {type: "null"}
      discriminator:
        propertyName: kind
        mapping: {doggo: '#/components/schemas/Dog'}
    Cat: {type: object, properties: {kind: {type: string}}}
    Dog: {type: object, properties: {kind: {type: string}}}
    Gist:
      type: object
      properties: {a: {type: string}, b: {type: string}}
      anyOf: [{required: [a]}, {required: [b]}]
"""


def _api(tmp_path: Path) -> tuple[Api, list[str]]:
    document = load_document(write_spec(tmp_path, SPEC))
    api, warnings = build_api(document, load_config(document.path))
    return api, [d.where for d in warnings]


def _op(api: Api, op_id: str) -> Operation:
    return next(o for c in api.controllers for o in c.operations if o.id == op_id)


def test_a_discriminated_one_of(tmp_path: Path) -> None:
    api, warnings = _api(tmp_path)
    result = _op(api, "updateCustomer").result
    assert result is not None
    assert result.type == TypeRef(
        TypeKind.UNION,
        nullable=True,  # the null variant
        variants=(TypeRef(TypeKind.MODEL, ref="Cat"), TypeRef(TypeKind.MODEL, ref="Dog")),
        discriminator=Discriminator("kind", (("doggo", "Dog"), ("Cat", "Cat"))),
    )
    assert warnings == []


def test_constraint_only_variants_add_no_type(tmp_path: Path) -> None:
    api, _ = _api(tmp_path)
    gist = next(m for m in api.models if m.id == "Gist")
    assert [f.json_key for f in gist.fields] == ["a", "b"]


def test_form_body_union_and_encodings(tmp_path: Path) -> None:
    api, _ = _api(tmp_path)
    body = _op(api, "updateCustomer").body
    assert body is not None and body.kind is BodyKind.FORM
    assert body.encodings == (Encoding("metadata", "deepObject", True),)
    request = next(m for m in api.models if m.id == body.type.ref)
    # Stripe's "empty string unsets it" variant is a plain string, not an enum class
    assert request.fields[0].type == TypeRef(
        TypeKind.UNION,
        variants=(
            TypeRef(TypeKind.MAP, item=TypeRef(TypeKind.STRING)),
            TypeRef(TypeKind.STRING),
        ),
    )


def test_parameter_details(tmp_path: Path) -> None:
    api, _ = _api(tmp_path)
    params = {p.wire_name: p for p in _op(api, "updateCustomer").parameters}
    assert params["next"].allow_reserved and params["next"].default == "/a"
    assert params["next"].has_default
    assert params["filter"].content_type == "application/json"
    assert params["filter"].type == TypeRef(TypeKind.MAP, item=TypeRef(TypeKind.ANY))


def test_response_kinds(tmp_path: Path) -> None:
    api, _ = _api(tmp_path)
    responses = {r.status: r for r in _op(api, "download").responses}
    assert (responses["200"].kind, responses["200"].type) == (
        BodyKind.BINARY,
        TypeRef(TypeKind.BINARY),
    )
    assert (responses["201"].kind, responses["201"].type) == (
        BodyKind.TEXT,
        TypeRef(TypeKind.STRING),
    )
    assert responses["204"].type is None


def test_a_spec_without_tags_is_grouped_by_resource(tmp_path: Path) -> None:
    api, _ = _api(tmp_path)
    assert [(c.name.original, [o.id for o in c.operations]) for c in api.controllers] == [
        ("customers", ["updateCustomer"]),
        ("files", ["download"]),
    ]


def test_walk_visits_nested_types() -> None:
    inner = TypeRef(TypeKind.MODEL, ref="A")
    union = TypeRef(TypeKind.UNION, variants=(inner, TypeRef(TypeKind.STRING)))
    outer = TypeRef(TypeKind.ARRAY, item=union)
    assert outer.walk() == (outer, union, inner, TypeRef(TypeKind.STRING))
