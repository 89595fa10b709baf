"""Scaffolding of the loopback HTTP servers the tests script: a quiet threading server on
127.0.0.1 with a lock and a stop event, a quiet request handler, the recorded request,
and serving in a background thread for the time of a ``with``."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TypeVar


@dataclasses.dataclass(frozen=True)
class RecordedRequest:
    """One request as a loopback server received it."""

    method: str
    path: str
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        """The value of header ``name`` (any case); ``None`` if absent. Fails if repeated."""
        values = [value for key, value in self.headers if key.lower() == name.lower()]
        assert len(values) <= 1, f"header {name} sent {len(values)} times"
        return values[0] if values else None


class LoopbackHTTPServer(ThreadingHTTPServer):
    """A threading HTTP server on 127.0.0.1, on a free port, with a ``lock`` for its state
    and a ``stopping`` event that delayed answers wait on (set when it stops)."""

    daemon_threads = True

    def __init__(self, handler: type[BaseHTTPRequestHandler]) -> None:
        super().__init__(("127.0.0.1", 0), handler)
        self.lock = threading.Lock()
        self.stopping = threading.Event()

    def handle_error(self, request: object, client_address: object) -> None:
        """Stay quiet: a client that gave up (timeout tests) breaks the pipe on purpose."""


class QuietHandler(BaseHTTPRequestHandler):
    """An HTTP/1.1 handler that writes no access log."""

    protocol_version = "HTTP/1.1"

    def read_body(self) -> bytes:
        """The request's body, as long as its ``Content-Length`` says (none: empty)."""
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def log_message(self, format: str, *args: object) -> None:
        """No access log on stderr."""


Server = TypeVar("Server", bound=LoopbackHTTPServer)


@contextmanager
def serving(httpd: Server) -> Iterator[Server]:
    """``httpd`` serving in a background thread until the block ends; then it is stopped
    (delayed answers released), shut down and closed."""
    thread = threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
    )
    thread.start()
    try:
        yield httpd
    finally:
        httpd.stopping.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join()
