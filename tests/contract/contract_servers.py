"""The servers the contract tests talk to: a handle on the running mock, and a loopback
proxy that adds a `Prefer` header. A module of its own, not conftest, so test files can
import these names without clashing with the other test folders' conftest modules."""

from __future__ import annotations

import http.client
import json
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from contract_calls import Record


class Mock:
    """The running mock server: its URL and the requests it recorded."""

    def __init__(self, url: str) -> None:
        self.url = url

    def _control(self, method: str) -> bytes:
        request = urllib.request.Request(self.url + "/__mock__/requests", method=method)
        with urllib.request.urlopen(request, timeout=5) as response:
            body: bytes = response.read()
            return body

    def requests(self) -> list[Record]:
        """The recorded requests, oldest first."""
        records: list[Record] = json.loads(self._control("GET"))
        return records

    def only_request(self) -> Record:
        """The one request recorded since the last clear (fails if there were more)."""
        records = self.requests()
        assert len(records) == 1, f"expected exactly one request, got {records}"
        return records[0]

    def clear(self) -> None:
        self._control("DELETE")


# -- a loopback proxy that adds `Prefer` ---------------------------------------------------

_HOP_BY_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-connection",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
    }
)


class PreferProxy(ThreadingHTTPServer):
    """Forwards each request to the mock with `Prefer: <prefer>` added (replacing any),
    and relays the answer unchanged; keeps the last body it relayed."""

    daemon_threads = True

    def __init__(self, upstream: tuple[str, int]) -> None:
        super().__init__(("127.0.0.1", 0), _ProxyHandler)
        self.upstream = upstream
        self.prefer: str | None = None
        self.last_body: bytes | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _ProxyHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: PreferProxy

    def do_GET(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        upstream = http.client.HTTPConnection(*self.server.upstream, timeout=10)
        try:
            upstream.putrequest(self.command, self.path, skip_host=True, skip_accept_encoding=True)
            for name, value in self.headers.items():
                if name.lower() not in _HOP_BY_HOP and name.lower() != "prefer":
                    upstream.putheader(name, value)
            if self.server.prefer is not None:
                upstream.putheader("Prefer", self.server.prefer)
            upstream.endheaders(body)
            response = upstream.getresponse()
            data = response.read()
            relayed = [
                (name, value)
                for name, value in response.getheaders()
                if name.lower() not in _HOP_BY_HOP | {"content-length", "server", "date"}
            ]
        finally:
            upstream.close()
        self.server.last_body = data
        self.send_response(response.status, response.reason)
        for name, value in relayed:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    do_PUT = do_POST = do_DELETE = do_OPTIONS = do_HEAD = do_PATCH = do_GET

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""
