"""Request bodies (JSON, forms, multipart with files, raw bytes, text) and responses (JSON,
binary downloads, text, 204, `2XX` / `4XX` / `default` keys), byte for byte on the wire."""

from __future__ import annotations

import email
import email.policy
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import pytest
from generality_support import Generated, Reply, Scripted, generate, mock_server

SPEC = """\
openapi: 3.0.3
info: {title: Bodies, version: "1"}
paths:
  /json:
    post:
      operationId: sendJson
      tags: [io]
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Note'}
      responses:
        '201':
          description: created
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Note'}
              example: {text: hi, tags: [a]}
  /form:
    post:
      operationId: sendForm
      tags: [io]
      requestBody:
        required: true
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              required: [name]
              properties:
                name: {type: string}
                count: {type: integer}
                flag: {type: boolean}
                tags: {type: array, items: {type: string}}
                metadata: {type: object, additionalProperties: {type: string}}
                card:
                  type: object
                  properties:
                    number: {type: string}
                    items: {type: array, items: {type: object, properties: {price: {type: string}}}}
            encoding:
              metadata: {style: deepObject, explode: true}
              card: {style: deepObject, explode: true}
      responses:
        '200':
          description: ok
          content:
            text/plain:
              schema: {type: string}
              example: received
  /upload:
    post:
      operationId: upload
      tags: [io]
      requestBody:
        required: true
        content:
          multipart/form-data:
            schema:
              type: object
              required: [file]
              properties:
                file: {type: string, format: binary}
                extra: {type: array, items: {type: string, format: binary}}
                title: {type: string}
                size: {type: integer}
                meta: {type: object, properties: {owner: {type: string}}}
            encoding:
              file: {contentType: image/png}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {stored: {type: boolean}}}
              example: {stored: true}
  /raw:
    put:
      operationId: putRaw
      tags: [io]
      requestBody:
        required: true
        content:
          application/octet-stream:
            schema: {type: string, format: binary}
      responses:
        '204': {description: stored}
  /text:
    post:
      operationId: sendText
      tags: [io]
      requestBody:
        content:
          text/plain:
            schema: {type: string}
      responses:
        '204': {description: ok}
  /download:
    get:
      operationId: download
      tags: [io]
      responses:
        '200':
          description: a PDF
          content:
            application/pdf:
              schema: {type: string, format: binary}
        '404':
          description: missing
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Problem'}
  /ranges:
    get:
      operationId: ranges
      tags: [io]
      responses:
        2XX:
          description: any success
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Note'}
              example: {text: ranged}
        '404':
          description: not found
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Problem'}
              example: {code: 404, message: exact}
        4XX:
          description: client error
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Problem'}
              example: {code: 400, message: ranged}
        default:
          description: unexpected
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Fault'}
              example: {reason: boom}
  /only-default:
    get:
      operationId: onlyDefault
      tags: [io]
      responses:
        default:
          description: whatever comes
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Note'}
              example: {text: default}
  /things/{id}:
    delete:
      operationId: deleteThing
      tags: [io]
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer}}
      responses:
        '204': {description: deleted}
        '200':
          description: deleted, with the thing
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Note'}
components:
  schemas:
    Note:
      type: object
      required: [text]
      properties:
        text: {type: string}
        tags: {type: array, items: {type: string}}
    Problem:
      type: object
      properties:
        code: {type: integer}
        message: {type: string}
    Fault:
      type: object
      properties:
        reason: {type: string}
"""


@pytest.fixture(scope="module")
def bodies(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    return generate(tmp_path_factory.mktemp("bodies"), SPEC, "gen_bodies")


@pytest.fixture
def io_(bodies: Generated, scripted: Scripted) -> Iterator[Any]:
    yield bodies.module.BodiesClient(base_url=scripted.url, max_retries=0).io


def _parts(received: Any) -> list[email.message.Message]:
    head = f"Content-Type: {received.headers['content-type']}\r\n\r\n".encode()
    message = email.message_from_bytes(head + received.body, policy=email.policy.HTTP)
    assert message.is_multipart()
    return list(message.iter_parts())  # type: ignore[attr-defined]


def test_json_body_round_trip(bodies: Generated) -> None:
    models = bodies.models()
    with mock_server(bodies.spec) as mock:
        client = bodies.module.BodiesClient(base_url=mock.url)
        response = client.io.send_json(models.Note(text="hi", tags=["a"]))
        record = mock.received[-1]
    assert json.loads(record["body"]) == {"text": "hi", "tags": ["a"]}
    content_type = {k.lower(): v for k, v in record["headers"]}["content-type"]
    assert content_type == "application/json"
    assert response.status_code == 201 and response.data == models.Note(text="hi", tags=["a"])


def test_form_body_with_deep_objects(bodies: Generated, io_: Any, scripted: Scripted) -> None:
    models = bodies.models()
    scripted.replies["/form"] = Reply(200, "thanks é".encode(), "text/plain; charset=utf-8")
    body = models.SendFormRequest(
        name="a b&c",
        count=3,
        flag=False,
        tags=["x", "y"],
        metadata={"order": "42"},
        card=models.SendFormRequestCard(
            number="4242", items=[models.SendFormRequestCardItemsItem(price="p_1")]
        ),
    )
    response = io_.send_form(body)
    received = scripted.last()
    assert received.headers["content-type"] == "application/x-www-form-urlencoded"
    assert parse_qsl(received.body.decode("ascii")) == [
        ("name", "a b&c"),
        ("count", "3"),
        ("flag", "false"),
        ("tags", "x"),
        ("tags", "y"),
        ("metadata[order]", "42"),
        ("card[number]", "4242"),
        ("card[items][0][price]", "p_1"),
    ]
    assert b"name=a+b%26c" in received.body
    assert response.data == "thanks é"  # a text/plain response is text


def test_multipart_with_files(
    bodies: Generated, io_: Any, scripted: Scripted, tmp_path: Path
) -> None:
    models, module = bodies.models(), bodies.module
    scripted.replies["/upload"] = Reply(200, b'{"stored": true}', "application/json")
    png = bytes(range(256))
    on_disk = tmp_path / "notes.txt"
    on_disk.write_bytes(b"from disk\r\n--not-a-boundary")
    with on_disk.open("rb") as handle:
        response = io_.upload(
            models.UploadRequest(
                file=png,
                extra=[
                    module.File(b"%PDF-1", filename='re"port.pdf', content_type="application/pdf"),
                    handle,
                    io.BytesIO(b"anonymous"),
                ],
                title="Tëst",
                size=3,
                meta=models.UploadRequestMeta(owner="ann"),
            )
        )
    assert response.data.stored is True
    parts = _parts(scripted.last())
    described = [
        (p.get_param("name", header="content-disposition"), p.get_filename(), p.get_content_type())
        for p in parts
    ]
    assert described == [
        ("file", "file", "image/png"),  # bytes alone: named after the field
        ("extra", "re%22port.pdf", "application/pdf"),  # quotes escaped as browsers do
        ("extra", "notes.txt", "application/octet-stream"),
        ("extra", "extra", "application/octet-stream"),
        ("title", None, "text/plain"),
        ("size", None, "text/plain"),
        ("meta", None, "application/json"),
    ]
    payloads = [p.get_payload(decode=True) for p in parts]
    assert payloads[0] == png
    assert payloads[1:4] == [b"%PDF-1", b"from disk\r\n--not-a-boundary", b"anonymous"]
    assert payloads[4].decode("utf-8") == "Tëst"
    assert payloads[5] == b"3"
    assert json.loads(payloads[6]) == {"owner": "ann"}


def test_raw_bytes_body_and_204(bodies: Generated, io_: Any, scripted: Scripted) -> None:
    scripted.replies["/raw"] = Reply(204)
    data = b"\x00\xff\r\n binary"
    response = io_.put_raw(data)
    assert scripted.last().body == data
    assert scripted.last().headers["content-type"] == "application/octet-stream"
    assert response.status_code == 204 and response.data is None
    io_.put_raw(bodies.module.File(io.BytesIO(b"png"), content_type="image/png"))
    assert scripted.last().body == b"png"
    assert scripted.last().headers["content-type"] == "image/png"


def test_text_body(io_: Any, scripted: Scripted) -> None:
    scripted.replies["/text"] = Reply(204)
    io_.send_text("héllo")
    assert scripted.last().body == "héllo".encode()
    assert scripted.last().headers["content-type"] == "text/plain"
    io_.send_text()
    assert scripted.last().body == b""


def test_binary_download(bodies: Generated, io_: Any, scripted: Scripted) -> None:
    pdf = b"%PDF-1.7\x00\xff\xfe binary"
    scripted.replies["/download"] = Reply(200, pdf, "application/pdf")
    response = io_.download()
    assert response.data == pdf and isinstance(response.data, bytes)
    assert "application/pdf" in scripted.last().headers["accept"]
    scripted.replies["/download"] = Reply(404, b'{"code": 404}', "application/json")
    with pytest.raises(bodies.sub("exceptions").ProblemException) as raised:
        io_.download()
    assert raised.value.code == 404


def test_response_ranges_and_default(bodies: Generated) -> None:
    exceptions = bodies.sub("exceptions")
    from gen_bodies import RequestOptions

    def prefer(code: int) -> Any:
        return RequestOptions(extra_headers={"Prefer": f"code={code}"})

    with mock_server(bodies.spec) as mock:
        client = bodies.module.BodiesClient(base_url=mock.url, max_retries=0).io
        assert client.ranges().data.text == "ranged"  # 2XX
        assert client.ranges(options=prefer(201)).status_code == 201
        with pytest.raises(exceptions.ProblemException) as exact:
            client.ranges(options=prefer(404))
        assert (exact.value.status_code, exact.value.reason, exact.value.message) == (
            404,
            "not found",
            "exact",
        )
        with pytest.raises(exceptions.ProblemException) as ranged:
            client.ranges(options=prefer(409))
        assert (ranged.value.status_code, ranged.value.reason) == (409, "client error")
        with pytest.raises(exceptions.FaultException) as other:
            client.ranges(options=prefer(503))
        assert (other.value.reason, other.value.reason_) == ("unexpected", "boom")
        assert client.only_default().data.text == "default"  # default alone is a success


def test_204_beside_a_body(bodies: Generated, io_: Any, scripted: Scripted) -> None:
    scripted.replies["/things/7"] = Reply(204)
    response = io_.delete_thing(7)
    assert response.status_code == 204 and response.data is None
    scripted.replies["/things/7"] = Reply(200, b'{"text": "gone"}', "application/json")
    assert io_.delete_thing(7).data == bodies.models().Note(text="gone")
    annotations = bodies.sub("controllers.io").IoController.delete_thing.__annotations__
    assert annotations["return"] == "ApiResponse[Note | None]"
