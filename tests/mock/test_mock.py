"""The mock server over real HTTP: routing, answers, recording, concurrency, `serve`."""

from __future__ import annotations

import http.client
import json
import re
import select
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from mock_http import call, on, port_of
from support.threads import run_in_threads

from generator.loader import Document, load_document
from generator.mock import MockServer, parse_prefer, serve

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SPEC = HERE / "spec.yaml"
JSON = {"Content-Type": "application/json"}


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


# -- routing ------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/api/v2/things", "/things"])
def test_routes_with_and_without_the_base_path(mock: MockServer, path: str) -> None:
    answer = call(mock, "GET", path)
    assert answer.status == 200
    assert answer.json() == [{"id": "t1", "name": "First"}]
    assert [(r["path"], r["operationId"]) for r in mock.received] == [(path, "listThings")]


def test_base_path_is_only_stripped_at_a_segment_boundary(mock: MockServer) -> None:
    assert call(mock, "GET", "/api/v2things").status == 404
    assert call(mock, "GET", "/api/v2x/things").status == 404


@pytest.mark.parametrize("prefix", ["", "/api/v2"])
def test_a_literal_segment_wins_over_a_template(mock: MockServer, prefix: str) -> None:
    assert call(mock, "GET", prefix + "/things/search").json() == {"kind": "search"}
    assert call(mock, "GET", prefix + "/things/sea%72ch").json() == {"kind": "search"}
    other = call(mock, "GET", prefix + "/things/searches")
    assert other.json() == {"id": "schema-example", "name": "From the schema"}
    assert [r["operationId"] for r in mock.received] == [
        "searchThings",
        "searchThings",
        "getThing",
    ]


def test_a_method_the_literal_path_lacks_falls_to_the_template(
    mock: MockServer,
) -> None:
    assert call(mock, "DELETE", "/things/search").status == 204
    assert mock.received[-1]["operationId"] == "deleteThing"


def test_a_template_parameter_is_one_non_empty_segment(mock: MockServer) -> None:
    assert call(mock, "GET", "/things/a/b").status == 404
    assert call(mock, "PUT", "/things//parts/b").status == 404
    part = call(mock, "PUT", "/things/a%2Fb/parts/p1", body=b"x")
    assert part.status == 200  # only `2XX` is declared: it answers 200
    assert part.headers["Content-Type"] == "text/plain"
    assert part.body == b"part stored"  # a text example is sent as text, not JSON


def test_no_route_is_a_recorded_404(mock: MockServer) -> None:
    answer = call(mock, "GET", "/nowhere/at/all?x=1")
    assert answer.status == 404
    assert answer.headers["Content-Type"] == "application/json"
    assert answer.json() == {
        "mock": "no operation matches",
        "method": "GET",
        "path": "/nowhere/at/all",
    }
    [entry] = mock.received
    assert (entry["path"], entry["query"], entry["operationId"]) == (
        "/nowhere/at/all",
        "x=1",
        None,
    )


def test_a_wrong_method_is_405_with_allow(mock: MockServer) -> None:
    answer = call(mock, "PATCH", "/api/v2/things")
    assert answer.status == 405
    assert answer.headers["Allow"] == "GET, POST, HEAD"
    assert answer.json()["mock"] == "method not allowed"
    # both /things/search and /things/{thingId} match: the union is allowed
    allowed = call(mock, "POST", "/things/search").headers["Allow"]
    assert sorted(allowed.split(", ")) == ["DELETE", "GET", "HEAD"]
    assert [r["method"] for r in mock.received] == ["PATCH", "POST"]


def test_head_is_get_without_the_body(mock: MockServer) -> None:
    full = call(mock, "GET", "/things")
    head = call(mock, "HEAD", "/things")
    assert head.status == 200
    assert head.body == b""
    assert head.headers["Content-Length"] == str(len(full.body))
    assert mock.received[-1]["operationId"] == "listThings"


# -- choosing the answer ---------------------------------------------------------


def test_default_answer_is_lowest_2xx_first_named_example(mock: MockServer) -> None:
    answer = call(mock, "GET", "/things")
    assert answer.status == 200  # 201 is declared too
    assert answer.json() == [{"id": "t1", "name": "First"}]
    assert answer.headers["Content-Type"] == "application/json"
    assert answer.headers["X-Rate-Limit"] == "100"
    assert answer.headers["X-Flags"] == "a,b"


def test_prefer_example_picks_a_named_example_through_a_ref(mock: MockServer) -> None:
    answer = call(mock, "GET", "/things", {"Prefer": "example=many"})
    assert answer.status == 200
    assert [thing["id"] for thing in answer.json()] == ["t1", "t2"]


@pytest.mark.parametrize(
    "prefer",
    [
        "code=404, example=gone",
        "code=404; example=gone",
        'code=404;example="gone"',
        "example=gone,code=404",
        "respond-async, code=404 , example=gone",
    ],
)
def test_prefer_code_and_example(mock: MockServer, prefer: str) -> None:
    answer = call(mock, "GET", "/things/t1", {"Prefer": prefer})
    assert answer.status == 404
    assert answer.json() == {"errorCode": "GONE", "errorMessage": "It was deleted."}


def test_prefer_code_alone_takes_the_first_example(mock: MockServer) -> None:
    answer = call(mock, "GET", "/things/t1", {"Prefer": "code=404"})
    assert answer.status == 404
    assert answer.json()["errorCode"] == "NOT_FOUND"


def test_prefer_code_of_a_lower_success_status(mock: MockServer) -> None:
    answer = call(mock, "GET", "/things", {"Prefer": "code=201"})
    assert (answer.status, answer.json()) == (201, {"never": True})


def test_an_unknown_example_name_is_a_500_listing_the_names(mock: MockServer) -> None:
    answer = call(mock, "GET", "/things/t1", {"Prefer": "code=404, example=nope"})
    assert answer.status == 500
    assert answer.json() == {
        "mock": "no example named 'nope'",
        "examples": ["notFound", "gone"],
    }
    bare = call(mock, "GET", "/things/search", {"Prefer": "example=nope"})
    assert (bare.status, bare.json()["examples"]) == (500, [])


def test_an_exact_status_beats_the_range_through_a_response_ref(
    mock: MockServer,
) -> None:
    answer = call(mock, "POST", "/things", {"Prefer": "code=400", **JSON}, b"{}")
    assert answer.status == 400
    assert answer.json() == {"errorCode": "INVALID", "errorMessage": "Bad request."}


def test_the_range_key_answers_with_the_requested_status(mock: MockServer) -> None:
    answer = call(mock, "POST", "/things", {"Prefer": "code=422", **JSON}, b"{}")
    assert answer.status == 422
    assert answer.headers["Content-Type"] == "application/problem+json"
    assert answer.json()["errorCode"] == "CLIENT"


def test_default_answers_statuses_nothing_else_declares(mock: MockServer) -> None:
    answer = call(mock, "POST", "/things", {"Prefer": "code=503", **JSON}, b"{}")
    assert answer.status == 503
    assert answer.json()["errorCode"] == "DEFAULT"


def test_yaml_dates_in_examples_become_json_strings(mock: MockServer) -> None:
    answer = call(mock, "POST", "/things", JSON, b"{}")
    assert answer.status == 201
    assert answer.json() == {"id": "t9", "name": "Created", "since": "2024-05-01"}


def test_only_default_answers_200_with_the_schema_examples(mock: MockServer) -> None:
    answer = call(mock, "GET", "/version")
    assert (answer.status, answer.json()) == (200, {"version": "1.0"})


def test_no_fitting_response_is_a_500(mock: MockServer) -> None:
    answer = call(mock, "GET", "/things/search", {"Prefer": "code=500"})
    assert (answer.status, answer.json()) == (500, {"mock": "no response for code 500"})
    none = call(mock, "GET", "/nothing")
    assert none.status == 500
    assert none.json()["mock"] == "no success response declared"
    bad = call(mock, "GET", "/things", {"Prefer": "code=abc"})
    assert bad.status == 500


def test_204_never_carries_a_body_even_on_a_kept_alive_connection(
    mock: MockServer,
) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port_of(mock), timeout=10)
    try:
        deleted = on(conn, "DELETE", "/things/t1")
        assert (deleted.status, deleted.body) == (204, b"")
        assert deleted.headers["Content-Type"] is None
        # had the example been written, it would be read as the next response
        after = on(conn, "GET", "/things/search")
        assert (after.status, after.json()) == (200, {"kind": "search"})
        # `default` has an example; answered as 204 it is still not sent
        forced = on(conn, "POST", "/things", body=b"{}", headers={"Prefer": "code=204", **JSON})
        assert (forced.status, forced.body) == (204, b"")
        assert on(conn, "GET", "/version").json() == {"version": "1.0"}
    finally:
        conn.close()


# -- recording and control endpoints ----------------------------------------------


def test_a_request_is_recorded_as_sent_even_when_rejected(mock: MockServer) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port_of(mock), timeout=10)
    body = b'{"name": "caf\xc3\xa9"}\xff'
    try:
        conn.putrequest(
            "POST",
            "/api/v2/things?dry=1&q=a%20b",
            skip_host=True,
            skip_accept_encoding=True,
        )
        conn.putheader("Host", "example.test")
        conn.putheader("X-Request-ID", "1-1234")
        conn.putheader("prefer", "code=201")
        conn.putheader("content-type", "application/json")
        conn.putheader("Content-Length", str(len(body)))
        conn.endheaders(body)
        response = conn.getresponse()
        rejection = json.loads(response.read())
        assert response.status == 400  # the body is not UTF-8, so not JSON
        assert [e["where"] for e in rejection["errors"]] == ["body"]
    finally:
        conn.close()
    assert mock.received == [
        {
            "method": "POST",
            "path": "/api/v2/things",
            "query": "dry=1&q=a%20b",
            "headers": [
                ["Host", "example.test"],
                ["X-Request-ID", "1-1234"],
                ["prefer", "code=201"],
                ["content-type", "application/json"],
                ["Content-Length", str(len(body))],
            ],
            "body": '{"name": "café"}\ufffd',
            "operationId": "createThing",
        }
    ]


def test_a_chunked_body_is_read_and_recorded(mock: MockServer) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port_of(mock), timeout=10)
    try:
        chunks = iter([b'{"id": ', b'"t1"}'])
        answer = on(conn, "POST", "/things", body=chunks, encode_chunked=True, headers=JSON)
        assert answer.status == 201
        # the connection is still in step after the chunked body
        assert on(conn, "GET", "/things/search").status == 200
    finally:
        conn.close()
    assert mock.received[0]["body"] == '{"id": "t1"}'


def test_received_is_a_snapshot(mock: MockServer) -> None:
    call(mock, "GET", "/things")
    snapshot = mock.received
    snapshot[0]["path"] = "/changed"
    snapshot.clear()
    assert [r["path"] for r in mock.received] == ["/things"]


def test_control_endpoints_list_clear_and_are_not_recorded(mock: MockServer) -> None:
    call(mock, "GET", "/things?a=1")
    call(mock, "GET", "/missing")
    health = call(mock, "GET", "/__mock__/health")
    assert (health.status, health.json()) == (200, {"ok": True})
    listed = call(mock, "GET", "/__mock__/requests")
    assert listed.status == 200
    assert listed.json() == mock.received
    assert [(r["path"], r["operationId"]) for r in listed.json()] == [
        ("/things", "listThings"),
        ("/missing", None),
    ]
    under_base = call(mock, "GET", "/api/v2/__mock__/requests").json()
    assert len(under_base) == 2
    cleared = call(mock, "DELETE", "/__mock__/requests")
    assert (cleared.status, cleared.body) == (204, b"")
    assert mock.received == []
    assert call(mock, "GET", "/__mock__/requests").json() == []
    assert call(mock, "POST", "/__mock__/health").status == 405
    assert mock.received == []


# -- concurrency and connections --------------------------------------------------


def test_concurrent_requests_all_succeed_and_are_all_recorded(
    mock: MockServer,
) -> None:
    threads, per_thread = 8, 25
    failures: list[str] = []
    start = threading.Barrier(threads)

    def client(t: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port_of(mock), timeout=10)
        try:
            start.wait()
            for n in range(per_thread):
                path = f"/things/id-{t}-{n}" if n % 2 else f"/api/v2/things?t={t}&n={n}"
                answer = on(conn, "GET", path)
                if answer.status != 200:
                    failures.append(f"{path}: {answer.status}")
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            failures.append(repr(exc))
        finally:
            conn.close()

    run_in_threads(client, threads, timeout=60)
    assert failures == []
    received = mock.received
    assert len(received) == threads * per_thread
    seen = {r["path"] + "?" + r["query"] for r in received}
    expected = {
        f"/things/id-{t}-{n}?" if n % 2 else f"/api/v2/things?t={t}&n={n}"
        for t in range(threads)
        for n in range(per_thread)
    }
    assert seen == expected


def test_a_stalled_client_does_not_block_others(mock: MockServer) -> None:
    with socket.create_connection(("127.0.0.1", port_of(mock)), timeout=10) as slow:
        slow.sendall(b"GET /things HTTP/1.1\r\nHost: x\r\n")  # headers do not end
        answer = call(mock, "GET", "/things/search")
        assert answer.status == 200
        slow.sendall(b"Connection: close\r\n\r\n")  # now they do
        reply = b""
        while chunk := slow.recv(4096):
            reply += chunk
    assert reply.startswith(b"HTTP/1.1 200 ")
    assert [r["operationId"] for r in mock.received] == ["searchThings", "listThings"]


def test_bad_content_length_is_a_400(mock: MockServer) -> None:
    with socket.create_connection(("127.0.0.1", port_of(mock)), timeout=10) as sock:
        sock.sendall(b"POST /things HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n")
        reply = b""
        while chunk := sock.recv(4096):
            reply += chunk
    assert reply.startswith(b"HTTP/1.1 400 ")
    assert reply.endswith(b'{"mock": "bad Content-Length"}')


def test_lifecycle(document: Document) -> None:
    mock = MockServer(document)
    with pytest.raises(RuntimeError):
        _ = mock.url
    mock.start()
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+", mock.url)
    assert port_of(mock) != 0
    with pytest.raises(RuntimeError):
        mock.start()
    conn = http.client.HTTPConnection("127.0.0.1", port_of(mock), timeout=10)
    try:
        assert on(conn, "GET", "/things").status == 200
        mock.stop()
        mock.stop()  # idempotent
        # the kept-alive connection is not served after stop()
        with pytest.raises((ConnectionError, http.client.HTTPException, OSError)):
            on(conn, "GET", "/things")
    finally:
        conn.close()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port_of(mock)), timeout=5).close()
    MockServer(document).stop()  # never started: nothing to do


@pytest.mark.parametrize(
    "host", ["0.0.0.0", "10.1.2.3", "192.168.0.1", "example.com", "::", "[::]"]
)
def test_non_loopback_hosts_are_refused(document: Document, host: str) -> None:
    with pytest.raises(ValueError, match="loopback"):
        MockServer(document, host=host)
    with pytest.raises(ValueError, match="loopback"):
        serve(document, host, 0)


@pytest.mark.parametrize("host", ["localhost", "127.0.0.2", "::1"])
def test_loopback_hosts_are_served(document: Document, host: str) -> None:
    if host == "::1" and not socket.has_ipv6:
        pytest.skip("no IPv6")
    with MockServer(document, host=host) as mock:
        assert mock.url.startswith("http://[::1]:" if host == "::1" else f"http://{host}:")
        conn = http.client.HTTPConnection(host, port_of(mock), timeout=10)
        try:
            assert on(conn, "GET", "/__mock__/health").json() == {"ok": True}
        finally:
            conn.close()


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["code=404, example=notFound"], {"code": "404", "example": "notFound"}),
        (["code=404;example=notFound"], {"code": "404", "example": "notFound"}),
        (['example="a, b;c"'], {"example": "a, b;c"}),
        (["Code=500", "code=404"], {"code": "500"}),  # the first one wins
        (["respond-async, wait=10"], {"respond-async": "", "wait": "10"}),
        ([], {}),
    ],
)
def test_parse_prefer(values: list[str], expected: dict[str, str]) -> None:
    assert parse_prefer(values) == expected


# -- serve() in a process of its own ---------------------------------------------


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_serve_prints_one_line_and_exits_cleanly_on_a_signal(signum: int) -> None:
    code = (
        "from generator.loader import load_document\n"
        "from generator.mock import serve\n"
        f"serve(load_document({str(SPEC)!r}), '127.0.0.1', 0)\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        ready, _, _ = select.select([process.stdout], [], [], 30)
        assert ready, "serve() printed nothing"
        line = process.stdout.readline()
        match = re.fullmatch(r"mock listening on http://127\.0\.0\.1:(\d+)\n", line)
        assert match, line
        port = int(match.group(1))
        assert port != 0
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        try:
            assert on(conn, "GET", "/api/v2/things").status == 200
            assert len(on(conn, "GET", "/__mock__/requests").json()) == 1
        finally:
            conn.close()
        process.send_signal(signum)
        out, err = process.communicate(timeout=15)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0
    assert out == ""  # exactly one line in all
    assert err == ""  # no per-request log lines, no traceback
