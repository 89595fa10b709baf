"""Failures a real server or network produces, and that they all surface as the client's errors."""

from __future__ import annotations

import socket
import ssl
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import pytest
from support.threads import run_in_threads

if TYPE_CHECKING:
    from conftest import ScriptedServer

MakeCore = Callable[..., Any]


def op(rt: ModuleType, method: str = "GET", **kwargs: Any) -> Any:
    fields: dict[str, Any] = {"operation_id": "testOp", "method": method, "path": "/v1/items"}
    return rt._operation.OperationSpec(**{**fields, **kwargs})


def server_error(rt: ModuleType) -> Any:
    cls = type("ServerError", (rt._errors.ApiException,), {})
    return {"5XX": rt._operation.ErrorSpec(cls, "Server error.")}


def assert_not_urllib3(exc: BaseException) -> None:
    assert not type(exc).__module__.startswith("urllib3")
    assert not any(cls.__module__.startswith("urllib3") for cls in type(exc).__mro__)


# --- error and undecodable bodies ----------------------------------------------------------


@pytest.mark.parametrize("body", [b"", b"<html><h1>502 Bad Gateway</h1></html>", b"\xff\xfe\x00"])
def test_error_bodies_that_are_not_json_still_raise_the_mapped_exception_after_retries(
    rt: ModuleType, server: ScriptedServer, make_core: MakeCore, body: bytes
) -> None:
    for _ in range(3):
        server.reply(502, body)
    with pytest.raises(rt._errors.ApiException) as info:
        make_core(server.base_url).request(op(rt, errors=server_error(rt)))
    exc = info.value
    assert (type(exc).__name__, exc.status_code, exc.reason) == (
        "ServerError",
        502,
        "Server error.",
    )
    assert (exc.raw_body, exc.body, exc.json()) == (body, body.decode("utf-8", "replace"), None)


@pytest.mark.parametrize("body", [b"", b'{"id": ', b"\xff\xfe{}", b"<html>OK</html>"])
def test_a_success_body_that_does_not_decode_raises_decode_error_keeping_it(
    rt: ModuleType, server: ScriptedServer, make_core: MakeCore, body: bytes
) -> None:
    server.reply(200, body, headers={"Content-Type": "application/json"})
    with pytest.raises(rt._errors.ApiDecodeError) as info:
        make_core(server.base_url).request(op(rt, responses={"200": dict}))
    assert (info.value.status_code, info.value.raw_body) == (200, body)
    assert info.value.headers["content-type"] == "application/json"
    assert len(server.requests) == 1  # the call may have taken effect: never resent


# --- misbehaving connections ---------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        b"",  # hangs up without answering
        b'HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n{"cut":',  # body cut short
        b"this is not HTTP\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",  # broken chunking
    ],
)
def test_broken_responses_raise_api_connection_error(
    rt: ModuleType, server: ScriptedServer, make_core: MakeCore, raw: bytes
) -> None:
    server.reply(raw=raw)
    with pytest.raises(rt._errors.ApiConnectionError) as info:
        make_core(server.base_url).request(op(rt, "POST"))
    assert_not_urllib3(info.value)
    assert len(server.requests) == 1


def test_a_read_timeout_raises_api_timeout_error_after_the_retries(
    rt: ModuleType, server: ScriptedServer, make_core: MakeCore, sleeps: list[float]
) -> None:
    for _ in range(3):
        server.reply(200, b"late", delay=5)
    client = make_core(server.base_url, timeout=rt._transport.Timeout(connect=5, read=0.1))
    with pytest.raises(rt._errors.ApiTimeoutError) as info:
        client.request(op(rt))
    assert isinstance(info.value, rt._errors.ApiConnectionError)
    assert_not_urllib3(info.value)
    assert (len(server.requests), len(sleeps)) == (3, 2)


@pytest.fixture
def unanswered_port() -> Iterator[int]:
    """A port whose listener never accepts and whose backlog is full: connecting hangs."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = int(listener.getsockname()[1])
    fillers = []
    for _ in range(4):
        filler = socket.socket()
        filler.setblocking(False)
        filler.connect_ex(("127.0.0.1", port))
        fillers.append(filler)
    try:
        with socket.socket() as probe:
            probe.settimeout(0.2)
            try:
                probe.connect(("127.0.0.1", port))
                pytest.skip("this system accepts connections beyond the backlog")
            except TimeoutError:
                pass
        yield port
    finally:
        for filler in fillers:
            filler.close()
        listener.close()


def test_a_connect_timeout_raises_api_timeout_error(
    rt: ModuleType, make_core: MakeCore, unanswered_port: int, sleeps: list[float]
) -> None:
    client = make_core(
        f"http://127.0.0.1:{unanswered_port}", timeout=rt._transport.Timeout(connect=0.2)
    )
    with pytest.raises(rt._errors.ApiTimeoutError, match="no connection within 0.2 s") as info:
        client.request(op(rt, "POST"))
    assert_not_urllib3(info.value)
    assert sleeps == []


# --- TLS -----------------------------------------------------------------------------------


def test_tls_verification_is_on_by_default(rt: ModuleType, make_core: MakeCore) -> None:
    pool_kw = make_core("https://127.0.0.1:1")._transport._pool.connection_pool_kw
    assert pool_kw["cert_reqs"] == "CERT_REQUIRED"
    context = pool_kw["ssl_context"]
    assert (context.verify_mode, context.check_hostname) == (ssl.CERT_REQUIRED, True)


def test_an_untrusted_certificate_is_refused(
    rt: ModuleType, tls_server: ScriptedServer, make_core: MakeCore
) -> None:
    tls_server.reply(200, b"{}")
    with pytest.raises(rt._errors.ApiConnectionError, match="CERTIFICATE_VERIFY_FAILED") as info:
        make_core(tls_server.base_url).request(
            op(rt), options=rt._options.RequestOptions(max_retries=0)
        )
    assert not isinstance(info.value, rt._errors.ApiTimeoutError)
    assert tls_server.requests == []


def test_a_trusted_certificate_is_accepted(
    rt: ModuleType,
    tls_server: ScriptedServer,
    make_core: MakeCore,
    certificate: tuple[Path, Path],
) -> None:
    tls_server.reply(200, b'{"secure": true}')
    context = ssl.create_default_context(cafile=str(certificate[0]))
    client = make_core(tls_server.base_url, transport=rt._transport.Transport(ssl_context=context))
    assert client.request(op(rt)).data == {"secure": True}


# --- threads -------------------------------------------------------------------------------


def test_one_core_shared_by_16_threads_making_20_calls_each(
    rt: ModuleType, server: ScriptedServer, make_core: MakeCore
) -> None:
    threads, calls = 16, 20
    for _ in range(threads * calls):
        server.reply(200, b'{"ok": true}', headers={"Content-Type": "application/json"})
    client = make_core(server.base_url, {"oauth2": "tok"})
    spec = op(rt, path="/v1/items/{id}", security=(("oauth2",),), responses={"200": dict})
    answered: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def work(thread: int) -> None:
        for call in range(calls):
            try:
                key = f"{thread}-{call}"
                response = client.request(spec, path_params={"id": key})
                assert response.data == {"ok": True}
                with lock:
                    answered.append(key)
            except BaseException as exc:  # reported below, with the others
                with lock:
                    errors.append(exc)

    run_in_threads(work, threads)
    assert errors == []
    expected = sorted(f"{t}-{c}" for t in range(threads) for c in range(calls))
    assert sorted(answered) == expected
    assert sorted(r.path.rpartition("/")[2] for r in server.requests) == expected
    assert {r.header("Authorization") for r in server.requests} == {"Bearer tok"}
