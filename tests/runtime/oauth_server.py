"""A loopback OAuth 2 token endpoint for tests: it records every request and answers as
scripted, or, when nothing is scripted, issues ``token-1``, ``token-2``, … in turn."""

from __future__ import annotations

import dataclasses
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOKEN_PATH = "/oauth2/token"


@dataclasses.dataclass(frozen=True)
class TokenReply:
    status: int
    body: bytes
    content_type: str = "application/json"
    delay: float = 0.0


@dataclasses.dataclass(frozen=True)
class TokenRequest:
    method: str
    path: str
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        """The value of header ``name`` (any case); ``None`` if absent. Fails if repeated."""
        values = [value for key, value in self.headers if key.lower() == name.lower()]
        assert len(values) <= 1, f"header {name} sent {len(values)} times"
        return values[0] if values else None


class OAuthServer(ThreadingHTTPServer):
    """Serves ``POST /oauth2/token`` on 127.0.0.1 (any other path: 404)."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.lock = threading.Lock()
        self.replies: list[TokenReply] = []
        self.requests: list[TokenRequest] = []
        self.issued = 0
        self.expires_in: int | None = 3600
        """``expires_in`` of the tokens issued when nothing is scripted (``None``: left out)."""
        self.delay = 0.0
        """Seconds to wait before answering when nothing is scripted."""
        self.stopping = threading.Event()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    @property
    def token_url(self) -> str:
        return self.base_url + TOKEN_PATH

    @property
    def count(self) -> int:
        with self.lock:
            return len(self.requests)

    def issue(self, access_token: str, *, expires_in: object = 3600, **extra: object) -> None:
        """Answer the next request with a token (``expires_in=None``: the field is left out)."""
        payload: dict[str, object] = {"access_token": access_token, "token_type": "Bearer"}
        if expires_in is not None:
            payload["expires_in"] = expires_in
        payload.update(extra)
        self.reply(200, json.dumps(payload))

    def reply(
        self,
        status: int,
        body: bytes | str,
        *,
        content_type: str = "application/json",
        delay: float = 0.0,
    ) -> None:
        """Answer the next request with exactly this."""
        data = body.encode() if isinstance(body, str) else body
        with self.lock:
            self.replies.append(TokenReply(status, data, content_type, delay))

    def _next_reply(self) -> TokenReply:
        if self.replies:
            return self.replies.pop(0)
        self.issued += 1
        payload: dict[str, object] = {
            "access_token": f"token-{self.issued}",
            "token_type": "Bearer",
        }
        if self.expires_in is not None:
            payload["expires_in"] = self.expires_in
        return TokenReply(200, json.dumps(payload).encode(), delay=self.delay)

    def handle_error(self, request: object, client_address: object) -> None:
        """Stay quiet: a client that gave up (timeout tests) breaks the pipe on purpose."""


class _Handler(BaseHTTPRequestHandler):
    server: OAuthServer
    protocol_version = "HTTP/1.1"

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        with self.server.lock:
            self.server.requests.append(
                TokenRequest(self.command, self.path, list(self.headers.items()), body)
            )
            if self.command == "POST" and self.path == TOKEN_PATH:
                reply = self.server._next_reply()
            else:
                reply = TokenReply(404, b'{"error":"not_found"}')
        if reply.delay:
            self.server.stopping.wait(reply.delay)
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        self.wfile.write(reply.body)

    do_GET = do_POST = do_PUT = _handle

    def log_message(self, format: str, *args: object) -> None:
        """No access log on stderr."""


@contextmanager
def running_oauth_server() -> Iterator[OAuthServer]:
    """An :class:`OAuthServer` serving in a background thread until the block ends."""
    httpd = OAuthServer()
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
