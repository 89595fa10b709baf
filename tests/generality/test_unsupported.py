"""What the generator does not model becomes a warning with a JSON pointer and a degraded
client that still works; `--strict` turns those warnings into errors and writes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from generality_support import Generated, generate, mock_server, run_generator, write_spec

SPEC = """\
openapi: 3.0.3
info: {title: Partial, version: "1"}
paths:
  /items:
    post:
      operationId: createItem
      tags: [items]
      servers: [{url: "/uploads"}]
      callbacks:
        done:
          '{$request.body#/callback}':
            post:
              responses: {'200': {description: ok}}
      requestBody:
        required: true
        content:
          application/xml:
            schema: {$ref: '#/components/schemas/Item'}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Item'}
              example: {name: a, code: 7, kind: {shape: round, radius: 2}}
components:
  securitySchemes:
    digest: {type: http, scheme: digest}
  schemas:
    Item:
      type: object
      properties:
        name: {type: string}
        code:
          type: integer
          not: {enum: [13]}
        kind: {$ref: '#/components/schemas/Kind'}
    Kind:
      type: object
      properties:
        shape: {type: string}
      oneOf:
        - {type: object, required: [radius], properties: {radius: {type: number}}}
        - {type: object, required: [side], properties: {side: {type: number}}}
    Pet:
      oneOf:
        - $ref: '#/components/schemas/Item'
        - $ref: '#/components/schemas/Kind'
      discriminator:
        propertyName: type
        mapping:
          ghost: '#/components/schemas/Ghost'
"""

WARNINGS = [
    "/components/schemas/Item/properties/code/not",
    "/components/schemas/Kind/oneOf",
    "/components/schemas/Pet/discriminator/mapping/ghost",
    "/components/securitySchemes/digest/scheme",
    "/paths/~1items/post/callbacks",
    "/paths/~1items/post/requestBody/content/application~1xml",
    "/paths/~1items/post/servers/0/url",
]


@pytest.fixture(scope="module")
def partial(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    return generate(tmp_path_factory.mktemp("partial"), SPEC, "gen_partial")


def _warnings(stderr: str) -> list[str]:
    return sorted(
        line.split(": ", 2)[1] for line in stderr.splitlines() if line.startswith("warning: ")
    )


def test_each_unsupported_construct_warns_with_its_pointer(partial: Generated) -> None:
    assert _warnings(partial.stderr) == WARNINGS


def test_the_degraded_client_still_works(partial: Generated) -> None:
    with mock_server(partial.spec) as mock:
        client: Any = partial.module.PartialClient(base_url=mock.url)
        item = client.items.create_item("<item><name>a</name></item>").data
        record = mock.received[-1]
    # the XML body is sent as the text given, with its media type
    assert record["body"] == "<item><name>a</name></item>"
    assert {k.lower(): v for k, v in record["headers"]}["content-type"] == "application/xml"
    # `not` is not checked, the oneOf beside properties is left out: the rest decodes
    assert (item.name, item.code, item.kind.shape) == ("a", 7, "round")
    assert item.kind.additional_properties == {"radius": 2}  # kept, as an unknown field


def test_strict_makes_warnings_errors_and_writes_nothing(tmp_path: Path) -> None:
    spec = write_spec(tmp_path, SPEC)
    out = tmp_path / "out"
    code, err = run_generator(
        "generate", str(spec), "--lang", "python", "--out", str(out), "--strict"
    )
    assert code == 2
    errors = sorted(
        line.split(": ", 2)[1] for line in err.splitlines() if line.startswith("error: ")
    )
    assert errors == WARNINGS
    assert not out.exists()
    code, _ = run_generator("validate", str(spec), "--strict")
    assert code == 2
