"""Fixtures for the static Python runtime: the runtime as an importable package, and a
loopback HTTP server whose answers each test scripts."""

from __future__ import annotations

import dataclasses
import importlib
import shutil
import ssl
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
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


@pytest.fixture
def sleeps() -> list[float]:
    """The waits a core made by :func:`make_core` asked for, in seconds: nothing really sleeps."""
    return []


@pytest.fixture
def make_core(rt: ModuleType, sleeps: list[float]) -> Callable[..., Any]:
    """Builds a ``ClientCore`` with four security schemes, 5 s timeouts and ``sleeps`` as sleep.

    ``make_core(base_url, credentials={"oauth2": "tok"}, retry=...)``: keyword
    arguments replace those of ``ClientCore``.
    """
    a = rt._auth
    schemes = {
        "oauth2": a.BearerScheme(name="oauth2", credential="access_token"),
        "VZ-M2M-Token": a.ApiKeyScheme(
            name="VZ-M2M-Token",
            location="header",
            parameter="VZ-M2M-Token",
            credential="vz_m2m_token",
        ),
        "queryKey": a.ApiKeyScheme(
            name="queryKey", location="query", parameter="api_key", credential="api_key"
        ),
        "cookieKey": a.ApiKeyScheme(
            name="cookieKey", location="cookie", parameter="sid", credential="session_id"
        ),
    }

    def make(base_url: str, credentials: dict[str, object] | None = None, **kwargs: Any) -> Any:
        arguments: dict[str, Any] = {
            "base_url": base_url,
            "schemes": schemes,
            "credentials": credentials or {},
            "timeout": rt._transport.Timeout(connect=5, read=5),
            "user_agent": "rt-tests/1.0",
            "sleep": sleeps.append,
        }
        return rt._core.ClientCore(**{**arguments, **kwargs})

    return make


@dataclasses.dataclass(frozen=True)
class Reply:
    status: int = 200
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()
    reason: str | None = None
    delay: float = 0.0
    raw: bytes | None = None
    """Sent as it is instead of a response, then the connection is closed (misbehaving)."""


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

    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        if tls is not None:
            self.socket = tls.wrap_socket(self.socket, server_side=True)
        self.scheme = "https" if tls is not None else "http"
        self.replies: list[Reply] = []
        self.requests: list[Recorded] = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()

    @property
    def base_url(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.server_address[1]}"

    def reply(
        self,
        status: int = 200,
        body: bytes | str = b"",
        *,
        headers: dict[str, str] | None = None,
        reason: str | None = None,
        delay: float = 0.0,
        raw: bytes | None = None,
    ) -> None:
        data = body.encode() if isinstance(body, str) else body
        with self.lock:
            self.replies.append(
                Reply(status, data, tuple((headers or {}).items()), reason, delay, raw)
            )

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
        if reply.raw is not None:
            self.wfile.write(reply.raw)
            self.close_connection = True
            return
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
    yield from _serve()


@pytest.fixture
def other_server() -> Iterator[ScriptedServer]:
    """A second scripted server: another origin (same host, another port)."""
    yield from _serve()


@pytest.fixture
def certificate(tmp_path: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and its key, made with the openssl command."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("the openssl command is needed to make a certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1"]
        + ["-addext", "subjectAltName=IP:127.0.0.1"],
        check=True,
        capture_output=True,
    )
    return cert, key


@pytest.fixture
def tls_server(certificate: tuple[Path, Path]) -> Iterator[ScriptedServer]:
    """A scripted server over HTTPS, presenting ``certificate`` (which nobody trusts)."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*certificate)
    yield from _serve(context)


def _serve(tls: ssl.SSLContext | None = None) -> Iterator[ScriptedServer]:
    httpd = ScriptedServer(tls)
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
