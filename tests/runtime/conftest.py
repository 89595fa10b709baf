"""Fixtures for the static Python runtime: the runtime as an importable package, and a
loopback HTTP server whose answers each test scripts."""

from __future__ import annotations

import dataclasses
import importlib
import shutil
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

STATIC = Path(__file__).resolve().parents[2] / "templates" / "python" / "static"
PACKAGE = "rtpkg"


@pytest.fixture
def rt(tmp_path: Path) -> Iterator[ModuleType]:
    """The files of ``templates/python/static`` as the package ``rtpkg``.

    Modules are reached as attributes: ``rt._core.ClientCore``.
    """
    package_dir = tmp_path / PACKAGE
    package_dir.mkdir()
    for source in STATIC.glob("*.py"):
        shutil.copy(source, package_dir / source.name)
    names = sorted(path.stem for path in package_dir.glob("*.py"))
    (package_dir / "__init__.py").write_text("".join(f"from . import {name}\n" for name in names))
    sys.path.insert(0, str(tmp_path))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(tmp_path))
        for name in [
            name for name in sys.modules if name == PACKAGE or name.startswith(PACKAGE + ".")
        ]:
            del sys.modules[name]


@pytest.fixture
def security_result_exception(rt: ModuleType) -> Any:
    """An ``ApiException`` subclass shaped like a generated one: it parses ``errorCode``."""
    base = rt._errors.ApiException

    def __init__(self: Any, *, status_code: int, reason: str, headers: Any, body: bytes) -> None:
        base.__init__(self, status_code=status_code, reason=reason, headers=headers, body=body)
        payload = self.json()
        self.error_code = payload.get("errorCode") if isinstance(payload, dict) else None

    return type("SecurityResultException", (base,), {"__init__": __init__})


@dataclasses.dataclass(frozen=True)
class Reply:
    status: int = 200
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()
    reason: str | None = None
    delay: float = 0.0


@dataclasses.dataclass(frozen=True)
class Recorded:
    method: str
    path: str
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        """The value of header ``name`` (any case); ``None`` if absent. Fails if repeated."""
        values = [value for key, value in self.headers if key.lower() == name.lower()]
        assert len(values) <= 1, f"header {name} sent {len(values)} times"
        return values[0] if values else None


class ScriptedServer(ThreadingHTTPServer):
    """Answers each request with the next scripted :class:`Reply` and records the request."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.replies: list[Reply] = []
        self.requests: list[Recorded] = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def reply(
        self,
        status: int = 200,
        body: bytes | str = b"",
        *,
        headers: dict[str, str] | None = None,
        reason: str | None = None,
        delay: float = 0.0,
    ) -> None:
        data = body.encode() if isinstance(body, str) else body
        with self.lock:
            self.replies.append(Reply(status, data, tuple((headers or {}).items()), reason, delay))

    def handle_error(self, request: object, client_address: object) -> None:
        """Stay quiet: a client that gave up (timeout tests) breaks the pipe on purpose."""


class _Handler(BaseHTTPRequestHandler):
    server: ScriptedServer
    protocol_version = "HTTP/1.1"

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        with self.server.lock:
            self.server.requests.append(
                Recorded(self.command, self.path, list(self.headers.items()), body)
            )
            reply = (
                self.server.replies.pop(0)
                if self.server.replies
                else Reply(599, b"no scripted reply")
            )
        if reply.delay:
            self.server.stopping.wait(reply.delay)
        self.send_response(reply.status, reply.reason)
        for name, value in reply.headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(reply.body)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = _handle

    def log_message(self, format: str, *args: object) -> None:
        """No access log on stderr."""


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    httpd = ScriptedServer()
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
