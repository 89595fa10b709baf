"""Servers with variables, specs split over several files, and Swagger 2.0 refused."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from generality_support import Generated, Reply, Scripted, generate, mock_server, run_generator

SERVERS = """\
openapi: 3.0.3
info: {title: Regions, version: "1"}
servers:
  - url: "http://{host}:{port}/{base}/{version}"
    description: Local
    variables:
      host: {default: 127.0.0.1}
      port: {default: "8080"}
      base: {default: api, enum: [api, beta]}
      version: {default: v1, enum: [v1, v2]}
  - url: https://static.example.com/api
    description: Static
paths:
  /ping:
    get:
      operationId: ping
      tags: [health]
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {ok: {type: boolean}}}
"""


@pytest.fixture(scope="module")
def regions(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    return generate(tmp_path_factory.mktemp("regions"), SERVERS, "gen_regions")


def test_environments_default_their_variables(regions: Generated) -> None:
    environment = regions.module.Environment
    assert environment.LOCAL.value == "http://127.0.0.1:8080/api/v1"
    assert environment.STATIC.value == "https://static.example.com/api"


def test_server_variables_choose_the_url(regions: Generated, scripted: Scripted) -> None:
    port = scripted.url.rsplit(":", 1)[1]
    scripted.replies["/beta/v2/ping"] = Reply(200, b'{"ok": true}', "application/json")
    client = regions.module.RegionsClient(
        server_variables={"port": port, "base": "beta", "version": "v2"}
    )
    assert client.health.ping().data.ok is True
    assert scripted.last().path == "/beta/v2/ping"


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"version": "v9"}, "must be one of ['v1', 'v2']"),
        ({"region": "eu"}, "unknown server variable"),
    ],
)
def test_bad_server_variables_are_refused(
    regions: Generated, variables: dict[str, str], message: str
) -> None:
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        regions.module.RegionsClient(server_variables=variables)


def test_an_environment_without_variables_refuses_them(regions: Generated) -> None:
    environment = regions.module.Environment
    with pytest.raises(ValueError, match="no server variables"):
        regions.module.RegionsClient(environment=environment.STATIC, server_variables={"a": "b"})


# -- a spec split over several files -----------------------------------------------------------

MAIN = """\
openapi: 3.0.3
info: {title: Split, version: "1"}
paths:
  /pets:
    $ref: 'paths/pets.yaml'
components:
  schemas:
    Error:
      $ref: 'schemas/common.yaml#/Error'
"""
PETS_PATH = """\
get:
  operationId: listPets
  tags: [pets]
  parameters:
    - $ref: '../parameters.yaml#/limit'
  responses:
    '200':
      description: the pets
      content:
        application/json:
          schema:
            type: array
            items: {$ref: '../schemas/pet.yaml'}
          example: [{name: Rex, owner: {name: Ann, address: {city: Oslo}}}]
    default:
      description: error
      content:
        application/json:
          schema: {$ref: '../schemas/common.yaml#/Error'}
"""
PET = """\
type: object
required: [name]
properties:
  name: {type: string}
  owner: {$ref: 'owner.json'}
"""
OWNER = {
    "type": "object",
    "properties": {
        "name": {"type": "string"},
        "address": {"$ref": "common.yaml#/Address"},
    },
}
COMMON = """\
Error:
  type: object
  properties:
    message: {type: string}
Address:
  type: object
  properties:
    city: {type: string}
"""
PARAMETERS = """\
limit:
  name: limit
  in: query
  schema: {type: integer, maximum: 100}
"""


def test_external_refs_end_to_end(tmp_path: Path) -> None:
    (tmp_path / "paths").mkdir()
    (tmp_path / "schemas").mkdir()
    (tmp_path / "paths" / "pets.yaml").write_text(PETS_PATH, "utf-8")
    (tmp_path / "schemas" / "pet.yaml").write_text(PET, "utf-8")
    (tmp_path / "schemas" / "owner.json").write_text(json.dumps(OWNER), "utf-8")
    (tmp_path / "schemas" / "common.yaml").write_text(COMMON, "utf-8")
    (tmp_path / "parameters.yaml").write_text(PARAMETERS, "utf-8")
    split = generate(tmp_path, MAIN, "gen_split")
    assert "warning" not in split.stderr, split.stderr
    with mock_server(split.spec) as mock:
        client: Any = split.module.SplitClient(base_url=mock.url)
        pets = client.pets.list_pets(limit=5).data
        assert mock.received[-1]["query"] == "limit=5"
    (pet,) = pets
    assert pet.name == "Rex"
    assert pet.owner.address.city == "Oslo"
    models = split.models()
    assert {"Pet", "Owner", "Address"} <= set(models.__all__)
    assert type(pet.owner.address) is models.Address
    # the default response's schema, from another file, raises its own exception class
    errors = [e for e in split.sub("exceptions").__all__ if e.startswith("Error")]
    assert errors, split.sub("exceptions").__all__


# -- Swagger 2.0 ---------------------------------------------------------------------------------

SWAGGER = {
    "swagger": "2.0",
    "info": {"title": "Old", "version": "1"},
    "paths": {"/a": {"get": {"responses": {"200": {"description": "ok"}}}}},
}


def test_swagger_2_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    spec = tmp_path / "swagger.json"
    spec.write_text(json.dumps(SWAGGER), "utf-8")
    out = tmp_path / "out"
    code, err = run_generator("generate", str(spec), "--lang", "python", "--out", str(out))
    assert code == 2
    assert "/swagger" in err and "Swagger 2.0 is not supported" in err and "OpenAPI 3" in err
    assert not out.exists()  # nothing written


# -- servers of one operation ---------------------------------------------------------------------


def test_an_operation_with_its_own_server_goes_there(tmp_path: Path, scripted: Scripted) -> None:
    spec = f"""\
openapi: 3.0.3
info: {{title: Uploads, version: "1"}}
servers: [{{url: "http://127.0.0.1:9/api"}}]
paths:
  /files:
    servers: [{{url: "{scripted.url}/{{area}}", variables: {{area: {{default: up}}}}}}]
    post:
      operationId: upload
      tags: [files]
      responses: {{'204': {{description: stored}}}}
  /status:
    servers: [{{url: "http://127.0.0.1:9/api"}}]
    get:
      operationId: status
      tags: [files]
      responses: {{'204': {{description: fine}}}}
"""
    uploads = generate(tmp_path, spec, "gen_uploads")
    assert "warning" not in uploads.stderr, uploads.stderr
    scripted.replies["/up/files"] = Reply(204)
    scripted.replies["/api/status"] = Reply(204)
    client: Any = uploads.module.UploadsClient(max_retries=0)
    assert client.files.upload().status_code == 204  # the API's server (port 9) is not used
    assert scripted.last().path == "/up/files"
    # a base_url given to the client takes every operation, as a proxy or a mock needs
    pinned: Any = uploads.module.UploadsClient(base_url=scripted.url + "/api", max_retries=0)
    pinned.files.status()
    scripted.replies["/api/files"] = Reply(204)
    pinned.files.upload()
    assert [r.path for r in scripted.received[-2:]] == ["/api/status", "/api/files"]
