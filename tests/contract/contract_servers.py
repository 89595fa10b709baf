"""The servers the contract tests talk to: a handle on the running mock, and a loopback
proxy that adds a `Prefer` header. A module of its own, not conftest, so test files can
import these names without clashing with the other test folders' conftest modules."""

from __future__ import annotations

import http.client

from contract_calls import Record
from support.loopback import LoopbackHTTPServer, QuietHandler
from support.mock_process import MockHandle


class Mock(MockHandle):
    """The running mock server: its URL and the requests it recorded."""

    def only_request(self) -> Record:
        """The one request recorded since the last clear (fails if there were more)."""
        records = self.requests()
        assert len(records) == 1, f"expected exactly one request, got {records}"
        return records[0]


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


class PreferProxy(LoopbackHTTPServer):
    """Forwards each request to the mock with `Prefer: <prefer>` added (replacing any),
    and relays the answer unchanged; keeps the last body it relayed."""

    def __init__(self, upstream: tuple[str, int]) -> None:
        super().__init__(_ProxyHandler)
        self.upstream = upstream
        self.prefer: str | None = None
        self.last_body: bytes | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _ProxyHandler(QuietHandler):
    server: PreferProxy

    def do_GET(self) -> None:
        body = self.read_body() or None
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
