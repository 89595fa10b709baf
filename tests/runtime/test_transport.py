from __future__ import annotations

import socket
import threading
from types import ModuleType
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conftest import ScriptedServer


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.parametrize("kwargs", [{"connect": 0}, {"read": -1.0}, {"read": True}])
def test_timeout_rejects_zero_negative_and_bool(rt: ModuleType, kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="positive number of seconds or None"):
        rt._transport.Timeout(**kwargs)


def test_timeout_defaults_and_none(rt: ModuleType) -> None:
    assert rt._transport.Timeout() == rt._transport.Timeout(connect=10.0, read=60.0)
    assert rt._transport.Timeout(connect=None, read=None).read is None


def test_send_returns_status_reason_headers_and_body(
    rt: ModuleType, server: ScriptedServer
) -> None:
    server.reply(201, b"hello", headers={"X-Thing": "1"}, reason="Made")
    raw = rt._transport.Transport().send(
        "PUT", server.base_url + "/p", {"A": "b"}, b"xyz", rt._transport.Timeout()
    )
    assert (raw.status, raw.reason, raw.headers["x-thing"], raw.data) == (
        201,
        "Made",
        "1",
        b"hello",
    )
    assert (server.requests[0].method, server.requests[0].body) == ("PUT", b"xyz")


def test_redirects_are_returned_not_followed(rt: ModuleType, server: ScriptedServer) -> None:
    server.reply(302, headers={"Location": "/elsewhere"})
    raw = rt._transport.Transport().send(
        "GET", server.base_url + "/p", {}, None, rt._transport.Timeout()
    )
    assert (raw.status, raw.headers["location"], len(server.requests)) == (302, "/elsewhere", 1)


def test_read_timeout_raises_api_timeout_error(rt: ModuleType, server: ScriptedServer) -> None:
    server.reply(200, b"late", delay=5)
    transport = rt._transport.Transport()
    with pytest.raises(rt._errors.ApiTimeoutError) as info:
        transport.send("GET", server.base_url + "/slow", {}, None, rt._transport.Timeout(read=0.2))
    assert isinstance(info.value, rt._errors.ApiConnectionError)
    assert "no response data within 0.2 s" in str(info.value)
    assert type(info.value.__cause__).__module__.startswith("urllib3")


def test_connection_refused_raises_api_connection_error_not_timeout(rt: ModuleType) -> None:
    port = _closed_port()
    url = f"http://user:pw-s3cr3t@127.0.0.1:{port}/x?api_key=s3cr3t"
    with pytest.raises(rt._errors.ApiConnectionError) as info:
        rt._transport.Transport().send("GET", url, {}, None, rt._transport.Timeout())
    assert not isinstance(info.value, rt._errors.ApiTimeoutError)
    assert str(info.value).startswith(f"GET http://127.0.0.1:{port}/x: could not connect: ")
    assert "Connection refused" in str(info.value)
    assert "s3cr3t" not in str(info.value)
    assert info.value.__cause__ is not None


def test_connection_closed_without_response_raises_api_connection_error(rt: ModuleType) -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/x"
        transport = rt._transport.Transport()

        def hang_up() -> None:
            conn, _ = listener.accept()
            conn.recv(65536)
            conn.close()

        thread = threading.Thread(target=hang_up)
        thread.start()
        with pytest.raises(
            rt._errors.ApiConnectionError, match="closed connection without response"
        ):
            transport.send("GET", url, {}, None, rt._transport.Timeout(read=5))
        thread.join()


def test_close_drops_pooled_connections_and_sending_again_works(
    rt: ModuleType, server: ScriptedServer
) -> None:
    transport = rt._transport.Transport()
    server.reply(200)
    server.reply(200)
    transport.send("GET", server.base_url + "/a", {}, None, rt._transport.Timeout())
    assert len(transport._pool.pools) == 1
    transport.close()
    assert len(transport._pool.pools) == 0
    assert (
        transport.send("GET", server.base_url + "/b", {}, None, rt._transport.Timeout()).status
        == 200
    )
