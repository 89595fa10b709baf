"""HTTP/1.1 on a socket: reading a request's framing, writing a `Reply`, dropping connections.

What to answer is not decided here: the server is given a `Respond` function.
"""

from __future__ import annotations

import contextlib
import socket
import sys
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from .replies import NO_CONTENT, Reply, mock_problem

# method, target (as sent), headers (in order, as sent), body -> the reply
Respond = Callable[[str, str, list[tuple[str, str]], bytes], Reply]


class _BadRequestError(Exception):
    """The request cannot be read (its framing is broken)."""


class MockHTTPServer(ThreadingHTTPServer):
    """A threading HTTP server that answers through `respond` and can drop idle connections."""

    daemon_threads = True
    request_queue_size = 128  # many clients connecting at once are queued, not refused

    def __init__(
        self, address: tuple[str, int], respond: Respond, family: socket.AddressFamily
    ) -> None:
        self.address_family = family
        self.respond = respond
        self._open: set[socket.socket] = set()
        self._open_lock = threading.Lock()
        super().__init__(address, _Handler)

    def process_request(
        self, request: socket.socket | tuple[bytes, socket.socket], client_address: Any
    ) -> None:
        if isinstance(request, socket.socket):
            with self._open_lock:
                self._open.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: socket.socket | tuple[bytes, socket.socket]) -> None:
        if isinstance(request, socket.socket):
            with self._open_lock:
                self._open.discard(request)
        super().shutdown_request(request)

    def handle_error(
        self, request: socket.socket | tuple[bytes, socket.socket], client_address: Any
    ) -> None:
        """A client hanging up is no error; anything else prints its traceback."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)

    def close_connections(self) -> None:
        """End kept-alive connections so no request is answered after stop()."""
        with self._open_lock:
            open_sockets = list(self._open)
        for sock in open_sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out as two writes
    server: MockHTTPServer

    def do_GET(self) -> None:
        try:
            body = self._read_body()
        except _BadRequestError as exc:
            self.close_connection = True
            self._send(mock_problem(400, str(exc)))
            return
        headers = [(str(name), str(value)) for name, value in self.headers.items()]
        self._send(self.server.respond(self.command, self.path, headers, body))

    do_PUT = do_POST = do_DELETE = do_OPTIONS = do_HEAD = do_PATCH = do_TRACE = do_GET

    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet: one line per request would drown the test output."""

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            return self._read_chunked()
        lengths = self.headers.get_all("Content-Length") or []
        values = {part.strip() for text in lengths for part in text.split(",")}
        if not values:
            return b""
        text = values.pop()
        if values or not (text.isascii() and text.isdigit()):
            raise _BadRequestError("bad Content-Length")
        size = int(text)
        body = self.rfile.read(size)
        if len(body) < size:
            raise _BadRequestError("the body is shorter than its Content-Length")
        return body

    def _read_chunked(self) -> bytes:
        chunks: list[bytes] = []
        while True:
            line = self.rfile.readline(65537)
            try:
                size = int(line.split(b";", 1)[0].strip(), 16)
            except ValueError:
                raise _BadRequestError("bad chunk size") from None
            if size < 0:
                raise _BadRequestError("bad chunk size")
            if size == 0:
                break
            chunk = self.rfile.read(size)
            if len(chunk) < size:
                raise _BadRequestError("the body ended inside a chunk")
            chunks.append(chunk)
            self.rfile.readline(65537)  # the CRLF closing the chunk
        while self.rfile.readline(65537) not in {b"\r\n", b"\n", b""}:
            pass  # trailer fields: not needed
        return b"".join(chunks)

    def _send(self, reply: Reply) -> None:
        self.send_response(reply.status)
        for name, value in reply.headers:
            self.send_header(name, value)
        if reply.content_type is not None:
            self.send_header("Content-Type", reply.content_type)
        if reply.status not in NO_CONTENT:
            self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        if self.command != "HEAD" and reply.status not in NO_CONTENT and reply.body:
            self.wfile.write(reply.body)
