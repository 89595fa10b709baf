"""The mock checks every request against the spec before answering it.

A request that does not match gets 400 (401 when credentials are missing) and a JSON
list of every problem, `{"mock": ..., "errors": [{"where", "message"}]}`; it is
recorded all the same. `validate=False` / `--no-validate` answers it anyway.
"""

from __future__ import annotations

import http.client
import json
import select
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from mock_http import Answer, call

from generator.cli import main
from generator.loader import Document, load_document
from generator.mock import MockServer

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SPEC = HERE / "validating.yaml"
SPEC_31 = HERE / "spec.yaml"

BEARER = {"Authorization": "Bearer token-1"}
GOOD = {**BEARER, "X-Trace": "0a1b2c3d"}
JSON = {"Content-Type": "application/json"}
NOT_MATCHING = "request does not match the spec"


@pytest.fixture(scope="module")
def document() -> Document:
    return load_document(SPEC)


@pytest.fixture(scope="module")
def running(document: Document) -> Iterator[MockServer]:
    with MockServer(document) as mock:
        yield mock


@pytest.fixture
def mock(running: MockServer) -> MockServer:
    running.clear()
    return running


def rejected(answer: Answer, status: int = 400) -> list[str]:
    """The `where`s of a rejection, after checking its shape."""
    assert answer.status == status, answer.body
    assert answer.headers["Content-Type"] == "application/json"
    payload = answer.json()
    assert set(payload) == {"mock", "errors"}
    assert payload["mock"] == NOT_MATCHING
    assert all(set(e) == {"where", "message"} and e["message"] for e in payload["errors"])
    return answer.wheres()


def messages(answer: Answer) -> list[str]:
    return [error["message"] for error in answer.json()["errors"]]


# -- parameters ------------------------------------------------------------------------------


def test_a_request_that_matches_is_answered(mock: MockServer) -> None:
    where = "%7B%22near%22%3A%22x%22%7D"  # {"near":"x"}
    answer = call(
        mock,
        "GET",
        "/items/5?view=full&fields=a,b&tag=1&tag=2&verbose=true"
        f"&filter[min]=3&filter[color]=red&where={where}&unknown=ignored",
        {**GOOD, "Cookie": "session=abcd; other=1"},
    )
    assert answer.status == 200, answer.body
    assert answer.json() == {"id": 5, "name": "Five", "size": "M"}


def test_only_required_parameters_are_needed(mock: MockServer) -> None:
    assert call(mock, "GET", "/items/5", GOOD).status == 200
    assert call(mock, "GET", "/items/%35", GOOD).status == 200  # the value is decoded: 5
    assert call(mock, "HEAD", "/items/5", GOOD).status == 200


@pytest.mark.parametrize(
    ("target", "headers", "wheres"),
    [
        ("/items/abc", {}, ["path itemId"]),
        ("/items/0", {}, ["path itemId"]),
        ("/items/5?view=medium", {}, ["query view"]),
        ("/items/5?fields=a,b,c,d", {}, ["query fields"]),
        ("/items/5?tag=1&tag=x", {}, ["query tag/1"]),
        ("/items/5?verbose=yes", {}, ["query verbose"]),
        ("/items/5?filter[min]=low", {}, ["query filter/min"]),
        ("/items/5?filter[size]=1", {}, ["query filter"]),
        ("/items/5?where=%7B%7D", {}, ["query where"]),
        ("/items/5?where=near", {}, ["query where"]),
        ("/items/5", {"X-Trace": "xyz"}, ["header X-Trace"]),
        ("/items/5", {"X-Trace": None}, ["header X-Trace"]),
        ("/items/5", {"Cookie": "session=ab"}, ["cookie session"]),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_a_parameter_that_does_not_match_is_a_400(
    mock: MockServer, target: str, headers: dict[str, str | None], wheres: list[str]
) -> None:
    sent = {k: v for k, v in {**GOOD, **headers}.items() if v is not None}
    answer = call(mock, "GET", target, sent)
    assert rejected(answer) == wheres
    assert mock.received[-1]["path"] == target.partition("?")[0]  # recorded all the same


def test_messages_say_what_is_wrong(mock: MockServer) -> None:
    missing = call(mock, "GET", "/items/5", BEARER)
    assert messages(missing) == ["required header parameter 'X-Trace' is missing"]
    wrong = call(mock, "GET", "/items/5?view=medium", GOOD)
    assert messages(wrong) == ["'medium' is not one of ['short', 'full']"]
    pattern = call(mock, "GET", "/items/5", {**BEARER, "X-Trace": "xyz"})
    assert messages(pattern) == ["'xyz' does not match '^[0-9a-f]{8}$'"]


def test_every_problem_is_listed_credentials_first(mock: MockServer) -> None:
    answer = call(mock, "GET", "/items/abc?view=medium&verbose=maybe")
    assert rejected(answer, 401) == [
        "header Authorization",
        "path itemId",
        "query view",
        "query verbose",
        "header X-Trace",
    ]
    assert answer.headers["WWW-Authenticate"] == 'Bearer realm="mock"'


def test_header_parameters_openapi_ignores_are_not_checked(mock: MockServer) -> None:
    # `Accept` is declared required with enum [never]; OpenAPI says such a parameter is ignored.
    assert call(mock, "GET", "/items/5", {**GOOD, "Accept": "application/json"}).status == 200


# -- bodies ------------------------------------------------------------------------------------

ITEM = {"name": "Five", "size": "M"}


def put(mock: MockServer, body: object, headers: dict[str, str] | None = None) -> Answer:
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    return call(mock, "PUT", "/items/5", {**BEARER, **JSON, **(headers or {})}, data)


def test_a_body_that_matches_is_answered(mock: MockServer) -> None:
    assert put(mock, ITEM).status == 204
    assert put(mock, {**ITEM, "note": None}).status == 204  # nullable (3.0)
    assert put(mock, ITEM, {"Content-Type": "application/json; charset=utf-8"}).status == 204
    created = {**ITEM, "created": "2024-05-01T10:00:00Z"}
    assert put(mock, created).status == 204


@pytest.mark.parametrize(
    ("body", "wheres", "message"),
    [
        ({"size": "M"}, ["body"], "'name' is a required property"),
        ({**ITEM, "size": "XL"}, ["body/size"], "'XL' is not one of ['S', 'M', 'L']"),
        ({**ITEM, "name": ""}, ["body/name"], "'' should be non-empty"),
        ({**ITEM, "id": 1}, ["body/id"], "Tried to write read-only property with 1"),
        ({**ITEM, "created": "yesterday"}, ["body/created"], "'yesterday' is not a 'date-time'"),
        ({**ITEM, "colour": "red"}, ["body"], "Additional properties are not allowed"),
        (b"{not json", ["body"], "is not valid JSON"),
        ([ITEM], ["body"], "is not of type 'object'"),
    ],
)
def test_a_body_that_does_not_match_is_a_400(
    mock: MockServer, body: object, wheres: list[str], message: str
) -> None:
    answer = put(mock, body)
    assert rejected(answer) == wheres
    assert message in messages(answer)[0]


def test_a_required_body_must_be_sent(mock: MockServer) -> None:
    answer = call(mock, "PUT", "/items/5", {**BEARER, **JSON})
    assert rejected(answer) == ["body"]
    assert messages(answer) == ["a request body is required (application/json)"]


@pytest.mark.parametrize("content_type", [None, "text/plain", "application/xml"])
def test_a_body_of_an_undeclared_media_type_is_a_400(
    mock: MockServer, content_type: str | None
) -> None:
    headers = {**BEARER} if content_type is None else {**BEARER, "Content-Type": content_type}
    answer = call(mock, "PUT", "/items/5", headers, json.dumps(ITEM).encode())
    assert rejected(answer) == ["header Content-Type"]


def test_each_declared_media_type_is_checked_its_own_way(mock: MockServer) -> None:
    text = call(mock, "POST", "/notes", {"Content-Type": "text/plain"}, b"anything at all")
    assert text.status == 201
    patch = {"Content-Type": "application/merge-patch+json"}
    assert call(mock, "POST", "/notes", patch, b'{"text": "hi"}').status == 201
    assert rejected(call(mock, "POST", "/notes", patch, b'{"text": 1}')) == ["body/text"]
    assert call(mock, "POST", "/notes").status == 201  # the body is optional


def test_an_openapi_31_body_is_checked_too() -> None:
    with MockServer(load_document(SPEC_31)) as mock:
        bad = call(mock, "POST", "/things", JSON, b'{"id": 7}')
        assert rejected(bad) == ["body/id"]
        assert call(mock, "POST", "/things", JSON, b'{"id": "t7"}').status == 201


# -- credentials -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("authorization", "got"),
    [
        (None, "got no Authorization header"),
        ("Basic dXNlcjpwdw==", "got a Basic credential"),
        ("Bearer", "got a malformed Bearer credential"),
        ("Token s3cret-value", "got a Token credential"),
    ],
)
def test_missing_credentials_are_a_401(
    mock: MockServer, authorization: str | None, got: str
) -> None:
    headers = {"X-Trace": "0a1b2c3d"}
    if authorization is not None:
        headers["Authorization"] = authorization
    answer = call(mock, "GET", "/items/5", headers)
    assert rejected(answer, 401) == ["header Authorization"]
    [message] = messages(answer)
    assert message == f"security scheme 'bearer' needs `Authorization: Bearer <token>`; {got}"
    assert "s3cret" not in answer.body.decode()  # a credential is never echoed
    assert answer.headers["WWW-Authenticate"] == 'Bearer realm="mock"'


def test_an_operation_can_override_the_global_requirement(mock: MockServer) -> None:
    body = json.dumps(ITEM).encode()
    assert call(mock, "PUT", "/items/5", {**BEARER, **JSON}, body).status == 204  # oauth2
    assert rejected(call(mock, "PUT", "/items/5", JSON, body), 401) == ["header Authorization"]
    assert call(mock, "GET", "/open?q=x").status == 200  # security: []
    assert rejected(call(mock, "GET", "/open")) == ["query q"]  # a 400, not a 401


def test_any_one_alternative_with_all_its_schemes_will_do(mock: MockServer) -> None:
    assert call(mock, "GET", "/either?api_key=k1", {"X-API-Key": "k2"}).status == 200
    assert call(mock, "GET", "/either", {"Authorization": "Basic dXNlcjpwdw=="}).status == 200
    half = call(mock, "GET", "/either", {"X-API-Key": "k2"})
    assert rejected(half, 401) == ["query api_key", "header Authorization"]
    assert messages(half)[0] == (
        "missing the API key of security scheme 'apiKeyQuery' "
        "(credential set 1 of 2: apiKeyHeader + apiKeyQuery)"
    )
    assert messages(half)[1].endswith("(credential set 2 of 2: basic)")
    assert half.headers["WWW-Authenticate"] == 'Basic realm="mock"'
    broken = call(mock, "GET", "/either", {"Authorization": "Basic not-base64!"})
    assert rejected(broken, 401) == ["header X-API-Key", "query api_key", "header Authorization"]
    assert "a malformed Basic credential" in messages(broken)[-1]


def test_an_empty_alternative_makes_credentials_optional(mock: MockServer) -> None:
    assert call(mock, "GET", "/maybe").status == 200
    assert call(mock, "GET", "/maybe", {"Cookie": "sid=abc"}).status == 200


# -- turning it off --------------------------------------------------------------------------


def test_validate_false_answers_anything_that_routes(document: Document) -> None:
    with MockServer(document, validate=False) as mock:
        assert mock.validate is False
        assert call(mock, "GET", "/items/abc").status == 200
        assert call(mock, "PUT", "/items/5", {"Content-Type": "text/plain"}, b"x").status == 204
        assert call(mock, "GET", "/nowhere").status == 404  # routing still applies


@pytest.mark.parametrize(("flags", "status"), [([], 401), (["--no-validate"], 200)])
def test_the_cli_validates_unless_told_not_to(flags: list[str], status: int) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "mock", str(SPEC), "--port", "0", *flags],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        ready, _, _ = select.select([process.stdout], [], [], 30)
        assert ready, "the mock printed nothing"
        port = int(process.stdout.readline().rsplit(":", 1)[1])
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        try:
            conn.request("GET", "/items/abc")  # no credentials, no X-Trace, not an integer
            assert conn.getresponse().status == status
        finally:
            conn.close()
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=15)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0, err


def test_the_cli_refuses_to_validate_against_an_invalid_spec(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps({"openapi": "3.0.3", "info": {"title": "x"}, "paths": {}}))
    assert main(["mock", str(broken), "--port", "0"]) == 2  # returns: nothing was served
    assert "/info" in capsys.readouterr().err
