"""A loopback OAuth 2 token endpoint for tests: it records every request and answers as
scripted, or, when nothing is scripted, issues ``token-1``, ``token-2``, … in turn."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from contextlib import contextmanager

from support.loopback import LoopbackHTTPServer, QuietHandler, RecordedRequest, serving

TOKEN_PATH = "/oauth2/token"


@dataclasses.dataclass(frozen=True)
class TokenReply:
    status: int
    body: bytes
    content_type: str = "application/json"
    delay: float = 0.0


class OAuthServer(LoopbackHTTPServer):
    """Serves ``POST /oauth2/token`` on 127.0.0.1 (any other path: 404)."""

    def __init__(self) -> None:
        super().__init__(_Handler)
        self.replies: list[TokenReply] = []
        self.requests: list[RecordedRequest] = []
        self.issued = 0
        self.expires_in: int | None = 3600
        """``expires_in`` of the tokens issued when nothing is scripted (``None``: left out)."""
        self.delay = 0.0
        """Seconds to wait before answering when nothing is scripted."""

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


class _Handler(QuietHandler):
    server: OAuthServer

    def _handle(self) -> None:
        body = self.read_body()
        with self.server.lock:
            self.server.requests.append(
                RecordedRequest(self.command, self.path, list(self.headers.items()), body)
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


@contextmanager
def running_oauth_server() -> Iterator[OAuthServer]:
    """An :class:`OAuthServer` serving in a background thread until the block ends."""
    with serving(OAuthServer()) as httpd:
        yield httpd
