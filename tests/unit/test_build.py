"""The IR the builder makes from small specs, and from the real ThingSpace spec."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.build import build_api
from generator.config import Config, load_config
from generator.diagnostics import Diagnostic, Level, SpecError
from generator.ir import (
    Api,
    Controller,
    Enum,
    ErrorMapping,
    HttpMethod,
    Model,
    Operation,
    ParamLocation,
    SchemeKind,
    SecurityRequirement,
    TypeKind,
    TypeRef,
)
from generator.loader import load_document
from generator.validate import validate

REPO = Path(__file__).resolve().parents[2]


def _build(
    folder: Path, text: str, config: str | None = None, name: str = "api.yaml"
) -> tuple[Api, list[Diagnostic]]:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    if config is not None:
        (folder / (name.rsplit(".", 1)[0] + ".config.yaml")).write_text(config, "utf-8")
    document = load_document(path)
    found = validate(document)
    assert not [d for d in found if d.level is Level.ERROR], found
    api, warnings = build_api(document, load_config(document.path))
    return api, found + warnings


def _model(api: Api, model_id: str) -> Model:
    return next(m for m in api.models if m.id == model_id)


def _enum(api: Api, enum_id: str) -> Enum:
    return next(e for e in api.enums if e.id == enum_id)


def _op(api: Api, op_id: str) -> Operation:
    return next(o for c in api.controllers for o in c.operations if o.id == op_id)


def _controller(api: Api, original: str) -> Controller:
    return next(c for c in api.controllers if c.name.original == original)


def _field_types(model: Model) -> dict[str, TypeRef]:
    return {f.json_key: f.type for f in model.fields}


STRING = TypeRef(TypeKind.STRING)
INTEGER = TypeRef(TypeKind.INTEGER)
ANY = TypeRef(TypeKind.ANY)

PETS = """\
openapi: 3.0.3
info: {title: Pet Store, version: "2.1", description: "  The pet store.  "}
servers:
  - {url: "https://api.example.com/{v}", description: Production,
     variables: {v: {default: v1, enum: [v1, v2]}}}
  - {url: "https://sandbox.example.com"}
security:
  - key: []
  - bearer: []
tags:
  - {name: pets, description: Everything about pets.}
  - {name: unused}
paths:
  /pets/{petId}:
    parameters:
      - {name: petId, in: path, required: true, schema: {type: string}}
      - {name: trace, in: header, schema: {type: string}}
    get:
      tags: [pets]
      operationId: getPet
      parameters:
        - {name: verbose, in: query, schema: {type: boolean}}
        - {name: fields, in: query, required: true, schema: {type: array, items: {type: string}}}
        - {name: trace, in: header, required: true, schema: {type: integer}}
        - {name: Accept, in: header, schema: {type: string}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Pet'}
        '404':
          description: missing
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Problem'}
        4XX:
          description: client error
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Problem'}
        default:
          description: unexpected
    put:
      operationId: putPet
      security:
        - key: []
          bearer: []
        - basic: []
      requestBody:
        required: true
        content:
          application/xml:
            schema: {type: string}
          application/json:
            schema:
              type: object
              properties:
                owner:
                  type: object
                  properties:
                    name: {type: string}
                toys:
                  type: array
                  items:
                    type: object
                    properties:
                      label: {type: string}
      responses:
        '204': {description: done}
        '500':
          description: server
          content:
            application/json:
              schema: {$ref: '#/components/schemas/ServerError'}
  /ping:
    get:
      operationId: ping
      security: []
      responses:
        default:
          description: pong
          content:
            application/json:
              schema: {type: string}
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Key}
    bearer: {type: http, scheme: bearer}
    basic: {type: http, scheme: basic}
    cc:
      type: oauth2
      flows:
        clientCredentials:
          tokenUrl: https://auth.example.com/token
          scopes: {read: Read things.}
  schemas:
    Pet:
      type: object
      description: A pet.
      required: [id, name]
      properties:
        id: {type: integer, format: int64}
        name: {type: string, minLength: 1, maxLength: 20}
        tag: {type: string, nullable: true}
        status: {$ref: '#/components/schemas/Status'}
        tags: {type: array, items: {type: string}}
        attrs: {type: object, additionalProperties: {type: integer}}
        meta: {type: object, additionalProperties: {$ref: '#/components/schemas/Problem'}}
        free: {type: object}
        kind: {type: string, enum: [cat, dog]}
        when: {type: string, format: date-time, readOnly: true}
        count: {type: integer, default: 3}
    Status:
      type: string
      description: Where the pet is.
      enum: [available, sold, in-stock]
    Level:
      type: integer
      enum: [1, 2, 3]
    Problem:
      type: object
      properties:
        code: {type: integer}
    ServerError:
      type: object
      properties:
        message: {type: string}
    Base:
      type: object
      required: [a]
      properties:
        a: {type: string}
        shared: {type: string}
    Derived:
      allOf:
        - $ref: '#/components/schemas/Base'
        - type: object
          required: [b]
          properties:
            b: {type: integer}
            shared: {type: integer}
    Labels:
      type: object
      additionalProperties: {type: string}
    Closed:
      type: object
      additionalProperties: false
      properties:
        x: {type: string}
    Typed:
      type: object
      additionalProperties: {$ref: '#/components/schemas/Problem'}
      properties:
        x: {type: string}
        labels: {$ref: '#/components/schemas/Labels'}
    Tree:
      type: object
      properties:
        children:
          type: array
          items: {$ref: '#/components/schemas/Tree'}
"""


@pytest.fixture(scope="module")
def pets(tmp_path_factory: pytest.TempPathFactory) -> tuple[Api, list[Diagnostic]]:
    return _build(tmp_path_factory.mktemp("pets"), PETS)


@pytest.fixture(scope="module")
def api(pets: tuple[Api, list[Diagnostic]]) -> Api:
    return pets[0]


def test_no_warnings_for_a_clean_spec(pets: tuple[Api, list[Diagnostic]]) -> None:
    assert pets[1] == []


def test_api_metadata(api: Api) -> None:
    assert (api.title, api.version, api.description) == ("Pet Store", "2.1", "The pet store.")
    assert api.client_name.words == ("Pet", "Store")
    assert api.package_name.words == ("pet", "store")
    assert len(api.spec_sha256) == 64


def test_servers(api: Api) -> None:
    production, second = api.servers
    assert production.url == "https://api.example.com/{v}"
    assert production.name.words == ("Production",)
    (variable,) = production.variables
    assert (variable.name.original, variable.default, variable.enum) == ("v", "v1", ("v1", "v2"))
    assert second.name.words == ("server", "2")


def test_security_schemes(api: Api) -> None:
    schemes = {s.key: s for s in api.security_schemes}
    assert list(schemes) == ["key", "bearer", "basic", "cc"]
    assert schemes["key"].kind is SchemeKind.API_KEY
    assert (schemes["key"].location, schemes["key"].parameter) == (ParamLocation.HEADER, "X-Key")
    assert schemes["bearer"].kind is SchemeKind.HTTP_BEARER
    assert schemes["basic"].kind is SchemeKind.HTTP_BASIC
    assert schemes["cc"].kind is SchemeKind.OAUTH2_CLIENT_CREDENTIALS
    assert schemes["cc"].token_url == "https://auth.example.com/token"
    assert schemes["cc"].scopes == (("read", "Read things."),)


# -- models ---------------------------------------------------------------------------------


def test_component_models_keep_their_names(api: Api) -> None:
    ids = {m.id for m in api.models}
    assert {"Pet", "Problem", "ServerError", "Base", "Derived", "Closed", "Tree"} <= ids
    pet = _model(api, "Pet")
    assert pet.name.words == ("Pet",)
    assert pet.description == "A pet."
    assert pet.where == "/components/schemas/Pet"
    assert [f.json_key for f in pet.fields] == [
        "id",
        "name",
        "tag",
        "status",
        "tags",
        "attrs",
        "meta",
        "free",
        "kind",
        "when",
        "count",
    ]


def test_required_vs_optional(api: Api) -> None:
    required = {f.json_key: f.required for f in _model(api, "Pet").fields}
    assert required["id"] and required["name"]
    assert not any(v for k, v in required.items() if k not in ("id", "name"))


def test_field_details(api: Api) -> None:
    fields = {f.json_key: f for f in _model(api, "Pet").fields}
    assert fields["id"].type == TypeRef(TypeKind.INTEGER, format="int64")
    assert (fields["name"].constraints.min_length, fields["name"].constraints.max_length) == (1, 20)
    assert fields["when"].read_only and fields["when"].type.format == "date-time"
    assert fields["count"].has_default and fields["count"].default == 3
    assert not fields["name"].has_default


def test_arrays_and_maps(api: Api) -> None:
    types = _field_types(_model(api, "Pet"))
    assert types["tags"] == TypeRef(TypeKind.ARRAY, item=STRING)
    assert types["attrs"] == TypeRef(TypeKind.MAP, item=INTEGER)
    assert types["meta"] == TypeRef(TypeKind.MAP, item=TypeRef(TypeKind.MODEL, ref="Problem"))
    assert types["free"] == TypeRef(TypeKind.MAP, item=ANY)


def test_nullable_30(api: Api) -> None:
    assert _field_types(_model(api, "Pet"))["tag"] == TypeRef(TypeKind.STRING, nullable=True)


def test_enums(api: Api) -> None:
    status = _enum(api, "Status")
    assert status.base is TypeKind.STRING
    assert [v.value for v in status.values] == ["available", "sold", "in-stock"]
    assert [v.name.words for v in status.values] == [("available",), ("sold",), ("in", "stock")]
    assert status.description == "Where the pet is."
    level = _enum(api, "Level")
    assert level.base is TypeKind.INTEGER
    assert [v.value for v in level.values] == [1, 2, 3]
    types = _field_types(_model(api, "Pet"))
    assert types["status"] == TypeRef(TypeKind.ENUM, ref="Status")
    # An inline enum is named from where it stands.
    assert types["kind"] == TypeRef(TypeKind.ENUM, ref="PetKind")
    assert _enum(api, "PetKind").name.words == ("Pet", "kind")


def test_all_of_merges_properties_and_required(api: Api) -> None:
    derived = _model(api, "Derived")
    assert [f.json_key for f in derived.fields] == ["a", "shared", "b"]
    fields = {f.json_key: f for f in derived.fields}
    assert fields["a"].required and fields["b"].required and not fields["shared"].required
    assert fields["shared"].type == INTEGER  # the later part wins


def test_additional_properties(api: Api) -> None:
    # A schema with only additionalProperties is a map type, not a class.
    assert "Labels" not in {m.id for m in api.models}
    assert _field_types(_model(api, "Typed"))["labels"] == TypeRef(TypeKind.MAP, item=STRING)
    assert _model(api, "Closed").extra is None
    assert _model(api, "Typed").extra == TypeRef(TypeKind.MODEL, ref="Problem")
    assert _model(api, "Pet").extra == ANY  # unknown keys are kept by default


def test_recursive_model(api: Api) -> None:
    tree = _model(api, "Tree")
    assert _field_types(tree)["children"] == TypeRef(
        TypeKind.ARRAY, item=TypeRef(TypeKind.MODEL, ref="Tree")
    )


def test_inline_objects_get_readable_names(api: Api) -> None:
    body = _op(api, "putPet").body
    assert body is not None
    assert body.content_type == "application/json"  # JSON is preferred when offered
    assert body.required
    assert body.type == TypeRef(TypeKind.MODEL, ref="PutPetRequest")
    request = _model(api, "PutPetRequest")
    assert request.name.words == ("put", "Pet", "Request")
    types = _field_types(request)
    assert types["owner"] == TypeRef(TypeKind.MODEL, ref="PutPetRequestOwner")
    assert types["toys"] == TypeRef(
        TypeKind.ARRAY, item=TypeRef(TypeKind.MODEL, ref="PutPetRequestToysItem")
    )
    assert _model(api, "PutPetRequestToysItem").name.words == (
        "put",
        "Pet",
        "Request",
        "toys",
        "Item",
    )


def test_building_is_stable(tmp_path: Path, api: Api) -> None:
    again, _ = _build(tmp_path, PETS)
    assert again == api


# -- operations ------------------------------------------------------------------------------


def test_parameters_required_first_path_level_merged(api: Api) -> None:
    params = _op(api, "getPet").parameters
    assert [(p.wire_name, p.required) for p in params] == [
        ("petId", True),
        ("trace", True),
        ("fields", True),
        ("verbose", False),
    ]
    by_name = {p.wire_name: p for p in params}
    # The operation's `trace` overrides the path item's.
    assert by_name["trace"].type == INTEGER
    assert by_name["trace"].location is ParamLocation.HEADER
    assert by_name["petId"].location is ParamLocation.PATH
    assert by_name["petId"].name.words == ("pet", "Id")
    assert by_name["fields"].type == TypeRef(TypeKind.ARRAY, item=STRING)
    assert (by_name["fields"].style, by_name["fields"].explode) == ("form", True)
    assert (by_name["trace"].style, by_name["trace"].explode) == ("simple", False)
    # Accept is the client's business, not a parameter.
    assert "Accept" not in by_name


def test_path_level_parameters_reach_every_operation(api: Api) -> None:
    assert [(p.wire_name, p.required) for p in _op(api, "putPet").parameters] == [
        ("petId", True),
        ("trace", False),
    ]


def test_operation_basics(api: Api) -> None:
    get = _op(api, "getPet")
    assert (get.method, get.path, get.name.words) == (
        HttpMethod.GET,
        "/pets/{petId}",
        ("get", "Pet"),
    )
    assert get.where == "/paths/~1pets~1{petId}/get"
    assert get.body is None
    assert get.result is not None and get.result.type == TypeRef(TypeKind.MODEL, ref="Pet")


def test_security_and_or(api: Api) -> None:
    # Top-level: OR between the two.
    assert _op(api, "getPet").security == (
        SecurityRequirement(("key",)),
        SecurityRequirement(("bearer",)),
    )
    # Operation-level replaces it: (key AND bearer) OR basic.
    assert _op(api, "putPet").security == (
        SecurityRequirement(("key", "bearer")),
        SecurityRequirement(("basic",)),
    )
    # An empty list means no auth at all.
    assert _op(api, "ping").security == ()


def test_error_mapping(api: Api) -> None:
    assert _op(api, "getPet").errors == (
        ErrorMapping("404", "missing", "Problem", "application/json"),
        ErrorMapping("4XX", "client error", "Problem", "application/json"),
        ErrorMapping("default", "unexpected", None, None),
    )
    (server,) = _op(api, "putPet").errors
    assert (server.status, server.error) == ("500", "ServerError")
    assert [r.status for r in _op(api, "putPet").responses] == ["204"]


def test_default_is_the_result_when_there_is_no_2xx(api: Api) -> None:
    ping = _op(api, "ping")
    assert ping.errors == ()
    assert ping.result is not None
    assert (ping.result.status, ping.result.type) == ("default", STRING)


def test_exception_naming(api: Api) -> None:
    errors = {e.id: e for e in api.errors}
    assert list(errors) == ["Problem", "ServerError"]  # one per schema, in first-use order
    assert errors["Problem"].name.words == ("Problem", "Exception")
    assert errors["ServerError"].name.words == ("Server", "Error", "Exception")
    assert errors["Problem"].model == "Problem"


def test_tags_group_operations_untagged_go_to_default(api: Api) -> None:
    assert [c.name.original for c in api.controllers] == ["pets", "default"]
    assert [o.id for o in _controller(api, "pets").operations] == ["getPet"]
    assert [o.id for o in _controller(api, "default").operations] == ["putPet", "ping"]
    assert _controller(api, "pets").description == "Everything about pets."


# -- OpenAPI 3.1 -------------------------------------------------------------------------------

NULLABLE_31 = """\
openapi: 3.1.0
info: {title: T, version: "1"}
paths:
  /x:
    get:
      operationId: getX
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/M'}
components:
  schemas:
    M:
      type: object
      properties:
        a: {type: [string, "null"]}
        b: {anyOf: [{$ref: '#/components/schemas/N'}, {type: "null"}]}
        c: {type: string, enum: [x, y, null]}
        e: {type: array, items: {type: [number, "null"]}}
        f: {oneOf: [{type: string}, {type: integer}]}
    N:
      type: object
      properties: {z: {type: string}}
"""


def test_nullable_31(tmp_path: Path) -> None:
    api, warnings = _build(tmp_path, NULLABLE_31)
    types = _field_types(_model(api, "M"))
    assert types["a"] == TypeRef(TypeKind.STRING, nullable=True)
    assert types["b"] == TypeRef(TypeKind.MODEL, ref="N", nullable=True)
    assert types["c"] == TypeRef(TypeKind.ENUM, ref="MC", nullable=True)
    assert [v.value for v in _enum(api, "MC").values] == ["x", "y"]
    assert types["e"] == TypeRef(TypeKind.ARRAY, item=TypeRef(TypeKind.NUMBER, nullable=True))
    # oneOf without a discriminator is a union of its variants, in order.
    assert types["f"] == TypeRef(TypeKind.UNION, variants=(STRING, INTEGER))
    assert warnings == []


# -- names that collide -------------------------------------------------------------------------

COLLIDING = """\
openapi: 3.0.3
info: {title: T, version: "1"}
paths:
  /a:
    get:
      tags: [things]
      operationId: getThing
      parameters:
        - {name: user_id, in: query, schema: {type: string}}
        - {name: userId, in: query, schema: {type: string}}
      responses: {'200': {description: ok}}
  /b:
    get:
      tags: [things]
      operationId: get_thing
      responses: {'200': {description: ok}}
components:
  schemas:
    fooBar:
      type: object
      properties:
        a: {type: string}
        A: {type: string}
    foo_bar:
      type: object
      properties: {b: {type: string}}
"""


def test_colliding_names_are_renamed_with_warnings(tmp_path: Path) -> None:
    api, warnings = _build(tmp_path, COLLIDING)
    (controller,) = api.controllers
    assert [o.name.words for o in controller.operations] == [
        ("get", "Thing"),
        ("get", "thing", "2"),
    ]
    params = _op(api, "getThing").parameters
    assert [p.name.words for p in params] == [("user", "id"), ("user", "Id", "2")]
    assert [m.name.words for m in api.models] == [("foo", "Bar"), ("foo", "bar", "2")]
    assert [f.name.words for f in _model(api, "fooBar").fields] == [("a",), ("A", "2")]
    assert {d.where for d in warnings} == {
        "/components/schemas/foo_bar",
        "/components/schemas/fooBar/properties/A",
        "/paths/~1a/get/parameters/1",
        "/paths/~1b/get/operationId",
    }
    assert all(d.level is Level.WARNING for d in warnings)


def test_an_inline_model_does_not_replace_a_component_of_the_same_name(tmp_path: Path) -> None:
    api, _ = _build(
        tmp_path,
        """\
openapi: 3.0.3
info: {title: T, version: "1"}
paths:
  /a:
    put:
      operationId: putPet
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties: {inline_only: {type: string}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/PutPetRequest'}
components:
  schemas:
    PutPetRequest:
      type: object
      properties: {component_only: {type: integer}}
""",
    )
    result = _op(api, "putPet").result
    assert result is not None and result.type is not None and result.type.ref is not None
    assert [f.json_key for f in _model(api, result.type.ref).fields] == ["component_only"]
    body = _op(api, "putPet").body
    assert body is not None and body.type.ref is not None
    assert [f.json_key for f in _model(api, body.type.ref).fields] == ["inline_only"]


# -- config -----------------------------------------------------------------------------------


def test_config_names_package_client_and_pins(tmp_path: Path) -> None:
    api, _ = _build(
        tmp_path,
        PETS,
        config="client: PetShop\npackage: pet_shop_sdk\nnames:\n  pets: [Pet, Things]\n",
    )
    assert api.client_name.words == ("Pet", "Shop")
    assert api.package_name.words == ("pet", "shop", "sdk")
    assert _controller(api, "pets").name.words == ("Pet", "Things")


def test_package_argument_overrides_config(tmp_path: Path) -> None:
    (tmp_path / "api.yaml").write_text(PETS, "utf-8")
    (tmp_path / "api.config.yaml").write_text("package: from_config\n", "utf-8")
    assert load_config(tmp_path / "api.yaml").package == "from_config"
    assert load_config(tmp_path / "api.yaml", "from_cli").package == "from_cli"
    assert load_config(tmp_path / "absent.yaml") == Config()


@pytest.mark.parametrize(
    "text",
    [
        "colour: red\n",
        "client: [a]\n",
        "names:\n  pets: not-a-list\n",
        "names:\n  pets: [has space]\n",
        "- a\n",
    ],
)
def test_bad_config_is_a_spec_error(tmp_path: Path, text: str) -> None:
    (tmp_path / "api.config.yaml").write_text(text, "utf-8")
    with pytest.raises(SpecError):
        load_config(tmp_path / "api.yaml")


# -- the real spec ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def thingspace() -> tuple[Api, list[Diagnostic]]:
    document = load_document(REPO / "spec" / "thingspace-m2m.yaml")
    return build_api(document, load_config(document.path))


def test_thingspace_builds_without_warnings(thingspace: tuple[Api, list[Diagnostic]]) -> None:
    assert thingspace[1] == []


def test_thingspace_controllers_and_operations(thingspace: tuple[Api, list[Diagnostic]]) -> None:
    api = thingspace[0]
    assert [c.name.words for c in api.controllers] == [
        ("SIM", "Secure", "for", "IoT", "Licenses"),
        ("Account", "Subscriptions"),
        ("Session", "Management"),
    ]
    assert [[o.id for o in c.operations] for c in api.controllers] == [
        ["assignLicenseToDevices", "unassignLicenseToDevices"],
        ["listAccountSubscriptions"],
        ["startConnectivityManagementSession", "endConnectivityManagementSession"],
    ]
    assert api.client_name.words == ("Thing", "Space", "M2M")
    assert api.package_name.words == ("thingspace", "m2m")


def test_thingspace_security(thingspace: tuple[Api, list[Diagnostic]]) -> None:
    api = thingspace[0]
    both = (SecurityRequirement(("thingspace_oauth", "VZ-M2M-Token")),)
    assert _op(api, "assignLicenseToDevices").security == both
    assert _op(api, "unassignLicenseToDevices").security == both
    assert _op(api, "startConnectivityManagementSession").security == (
        SecurityRequirement(("thingspace_oauth",)),
    )


def test_thingspace_error_descriptions_per_operation(
    thingspace: tuple[Api, list[Diagnostic]],
) -> None:
    api = thingspace[0]
    assign = {e.status: e for e in _op(api, "assignLicenseToDevices").errors}
    unassign = {e.status: e for e in _op(api, "unassignLicenseToDevices").errors}
    assert _op(api, "assignLicenseToDevices").method is HttpMethod.POST
    assert _op(api, "unassignLicenseToDevices").method is HttpMethod.DELETE
    assert assign["403"].description == "Request Forbidden."
    assert unassign["403"].description == "Request forbidden."
    assert list(assign) == ["400", "401", "403", "404", "406", "429", "default"]
    assert {e.error for e in assign.values()} == {"SecurityResult"}
    assert assign["400"].description == "Bad request."


def test_thingspace_exceptions(thingspace: tuple[Api, list[Diagnostic]]) -> None:
    api = thingspace[0]
    assert [e.name.words for e in api.errors] == [
        ("Security", "Result", "Exception"),
        ("Connectivity", "Management", "Result", "Exception"),
    ]


def test_thingspace_parameters(thingspace: tuple[Api, list[Diagnostic]]) -> None:
    api = thingspace[0]
    (optional,) = _op(api, "assignLicenseToDevices").parameters
    (required,) = _op(api, "unassignLicenseToDevices").parameters
    assert (optional.wire_name, optional.required) == ("X-Request-ID", False)
    assert (required.wire_name, required.required) == ("X-Request-ID", True)
    assert optional.constraints.pattern == "^[0-9]-[0-9]{3,32}$"
    assert optional.example == "1-1234"
    assert _op(api, "unassignLicenseToDevices").body is None
