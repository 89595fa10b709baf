"""Fixtures for the static Python runtime: the runtime as an importable package, and a
loopback HTTP server whose answers each test scripts."""

from __future__ import annotations

import dataclasses
import importlib
import shutil
import ssl
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from support.loopback import LoopbackHTTPServer, QuietHandler, RecordedRequest, serving
from support.runtime_schemes import security_schemes

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
    schemes = security_schemes(rt)

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


class ScriptedServer(LoopbackHTTPServer):
    """Answers each request with the next scripted :class:`Reply` and records the request."""

    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        super().__init__(_Handler)
        if tls is not None:
            self.socket = tls.wrap_socket(self.socket, server_side=True)
        self.scheme = "https" if tls is not None else "http"
        self.replies: list[Reply] = []
        self.requests: list[RecordedRequest] = []

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


class _Handler(QuietHandler):
    server: ScriptedServer

    def _handle(self) -> None:
        body = self.read_body()
        with self.server.lock:
            self.server.requests.append(
                RecordedRequest(self.command, self.path, list(self.headers.items()), body)
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
    with serving(ScriptedServer(tls)) as httpd:
        yield httpd
