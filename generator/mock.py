"""A loopback HTTP server that answers a spec's operations with the spec's examples.

Contract tests point a generated client at it and compare what went over the
wire with the examples; people point curl at it to try an API without a backend.

    with MockServer(load_document("spec/thingspace-m2m.yaml")) as mock:
        urlopen(mock.url + "/v1/licenses/assign")   # the first 2xx example
        mock.received                              # what was asked, in order

Choosing the answer: the lowest declared 2xx response (then `2XX`, then
`default`, both as 200) unless the request carries `Prefer: code=404,
example=notFound` (RFC 7240 tokens, `,` or `;` separated): `code=N` picks the
response keyed `N`, else `NXX`, else `default`, and answers with status N;
`example=NAME` picks a named example of that response. Without a name the body
is the first named example, else `example`, else the schema's example. Every
request except those to the control endpoints below is recorded:

    GET    /__mock__/requests   the recorded requests, oldest first
    DELETE /__mock__/requests   forget them (204)
    GET    /__mock__/health     {"ok": true}

Problems of the mock itself (no such route, no such example) are JSON objects
with a `"mock"` key, so they cannot be mistaken for the API's own answers.
"""

from __future__ import annotations

import contextlib
import copy
import datetime
import ipaddress
import json
import re
import signal
import socket
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import FrameType, TracebackType
from typing import Any, Self
from urllib.parse import unquote, urlsplit

from .diagnostics import SpecError, pointer
from .loader import Document

__all__ = ["CONTROL_PREFIX", "HTTP_METHODS", "MockServer", "parse_prefer", "serve"]

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
CONTROL_PREFIX = "/__mock__/"

# Statuses whose responses never have content (RFC 9110 §6.4.1); they get no
# Content-Length either, which RFC 9110 §8.6 forbids for 204.
_NO_CONTENT = frozenset({204, 304})
# Headers the mock computes itself; the spec's declarations of them are ignored.
_FRAMING_HEADERS = frozenset({"content-type", "content-length", "transfer-encoding", "connection"})
_PARAM = re.compile(r"\{[^{}/]+\}")
_STATUS = re.compile(r"[2-5][0-9][0-9]")
_PREFER_TOKEN = re.compile(r'([^\s=;,]+)\s*(?:=\s*("(?:[^"\\]|\\.)*"|[^;,]*))?')
_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@dataclass(frozen=True, slots=True)
class _Route:
    """One path template of the spec and its operations, keyed by upper-case method."""

    template: str
    pattern: re.Pattern[str]
    rank: tuple[int, ...]
    operations: dict[str, dict[str, Any]]

    def operation_for(self, method: str) -> dict[str, Any] | None:
        found = self.operations.get(method)
        if found is None and method == "HEAD":  # HEAD is GET without the body
            found = self.operations.get("GET")
        return found

    def allowed(self) -> list[str]:
        methods = list(self.operations)
        if "GET" in methods and "HEAD" not in methods:
            methods.append("HEAD")
        return methods


@dataclass(frozen=True, slots=True)
class _Reply:
    status: int
    body: bytes = b""
    content_type: str | None = None
    headers: tuple[tuple[str, str], ...] = ()


class _BadRequestError(Exception):
    """The request cannot be read (its framing is broken)."""


class MockServer:
    """Serves a spec's examples over HTTP on a loopback address, in a daemon thread.

    `port=0` picks a free port; `url` tells which. `start()`/`stop()` or use it
    as a context manager. `received` is a snapshot of the recorded requests,
    each `{"method", "path", "query", "headers", "body", "operationId"}`.
    """

    def __init__(self, document: Document, host: str = "127.0.0.1", port: int = 0) -> None:
        _require_loopback(host)
        self.document = document
        self.host = host
        self.port = port
        self.base_path = _base_path(document.root)
        self._routes = _build_routes(document)
        self._received: list[dict[str, Any]] = []
        self._received_lock = threading.Lock()
        self._state_lock = threading.Lock()
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._stopped = False

    # -- lifecycle ---------------------------------------------------------

    def start(self) -> Self:
        """Bind and serve in the background; returns `self`. A server starts once."""
        with self._state_lock:
            if self._httpd is not None or self._stopped:
                raise RuntimeError("a MockServer can be started only once")
            bind_host = self.host.strip("[]")
            family = socket.AF_INET6 if ":" in bind_host else socket.AF_INET
            httpd = _HTTPServer((bind_host, self.port), self, family)
            thread = threading.Thread(
                target=httpd.serve_forever,
                kwargs={"poll_interval": 0.05},  # how long stop() may wait
                name=f"mock-server-{httpd.server_address[1]}",
                daemon=True,
            )
            thread.start()
            self._httpd, self._thread = httpd, thread
        return self

    def stop(self) -> None:
        """Stop serving, drop open connections and free the port. Idempotent."""
        with self._state_lock:
            if self._stopped:
                return
            self._stopped = True
            httpd, thread = self._httpd, self._thread
        if httpd is None or thread is None:
            return
        httpd.shutdown()
        httpd.close_connections()
        httpd.server_close()
        thread.join()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def url(self) -> str:
        """`http://HOST:PORT` with the port actually bound."""
        if self._httpd is None:
            raise RuntimeError("the MockServer is not started")
        host = self.host.strip("[]")
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{self._httpd.server_address[1]}"

    # -- what was received -------------------------------------------------

    @property
    def received(self) -> list[dict[str, Any]]:
        """A copy of the recorded requests, oldest first."""
        with self._received_lock:
            return copy.deepcopy(self._received)

    def clear(self) -> None:
        """Forget the recorded requests."""
        with self._received_lock:
            self._received.clear()

    # -- answering ---------------------------------------------------------

    def _handle(
        self,
        method: str,
        target: str,
        headers: list[tuple[str, str]],
        body: bytes,
    ) -> _Reply:
        """The reply to one request; records it unless it is a control request."""
        raw_path, _, query = target.partition("?")
        if raw_path.startswith(("http://", "https://")):  # absolute-form target
            raw_path = urlsplit(raw_path).path or "/"
        control = self._control(method, raw_path)
        if control is not None:
            return control
        operation, allowed = self._match(method, raw_path)
        operation_id = operation.get("operationId") if operation else None
        self._record(
            {
                "method": method,
                "path": raw_path,
                "query": query,
                "headers": [[name, value] for name, value in headers],
                "body": body.decode("utf-8", errors="replace"),
                "operationId": operation_id if isinstance(operation_id, str) else None,
            }
        )
        if operation is not None:
            prefer = parse_prefer(v for k, v in headers if k.lower() == "prefer")
            try:
                return self._answer(operation, prefer)
            except (SpecError, LookupError, TypeError, ValueError) as exc:
                return _mock_error(500, {"mock": f"cannot build the answer: {exc}"})
        if allowed:
            reply = _mock_error(
                405,
                {
                    "mock": "method not allowed",
                    "method": method,
                    "path": raw_path,
                    "allowed": allowed,
                },
            )
            return _with_header(reply, "Allow", ", ".join(allowed))
        return _mock_error(
            404, {"mock": "no operation matches", "method": method, "path": raw_path}
        )

    def _record(self, entry: dict[str, Any]) -> None:
        with self._received_lock:
            self._received.append(entry)

    def _candidates(self, raw_path: str) -> Iterator[str]:
        """The request path without the base path (when it has it), then as is."""
        base = self.base_path
        if base and (raw_path == base or raw_path.startswith(base + "/")):
            yield raw_path[len(base) :] or "/"
        yield raw_path

    def _control(self, method: str, raw_path: str) -> _Reply | None:
        for candidate in self._candidates(raw_path):
            if not candidate.startswith(CONTROL_PREFIX):
                continue
            name = candidate[len(CONTROL_PREFIX) :]
            if name == "requests" and method in {"GET", "HEAD"}:
                return _json_reply(200, self.received)
            if name == "requests" and method == "DELETE":
                self.clear()
                return _Reply(204)
            if name == "health" and method in {"GET", "HEAD"}:
                return _json_reply(200, {"ok": True})
            if name in {"requests", "health"}:
                allow = "GET, HEAD, DELETE" if name == "requests" else "GET, HEAD"
                reply = _mock_error(405, {"mock": "method not allowed", "path": raw_path})
                return _with_header(reply, "Allow", allow)
            return _mock_error(404, {"mock": "no control endpoint", "path": raw_path})
        return None

    def _match(self, method: str, raw_path: str) -> tuple[dict[str, Any] | None, list[str]]:
        """The operation for the request, else the methods its path allows (405)."""
        allowed: list[str] = []
        for candidate in self._candidates(raw_path):
            path = _normalize(candidate)
            matching = [route for route in self._routes if route.pattern.fullmatch(path)]
            for route in matching:
                operation = route.operation_for(method)
                if operation is not None:
                    return operation, []
            if not allowed:
                for route in matching:
                    allowed += [m for m in route.allowed() if m not in allowed]
        return None, allowed

    def _answer(self, operation: dict[str, Any], prefer: dict[str, str]) -> _Reply:
        responses = operation.get("responses")
        declared = responses if isinstance(responses, dict) else {}
        keyed = {_status_key(k): v for k, v in declared.items()}
        code = prefer.get("code")
        if code is None:
            chosen = _default_response(keyed)
            if chosen is None:
                return _mock_error(
                    500,
                    {"mock": "no success response declared", "declared": list(keyed)},
                )
            status, key = chosen
        elif not _STATUS.fullmatch(code):
            return _mock_error(500, {"mock": f"unsupported Prefer code {code!r}"})
        else:
            status = int(code)
            found = [k for k in (code, f"{code[0]}XX", "default") if k in keyed]
            if not found:
                return _mock_error(500, {"mock": f"no response for code {status}"})
            key = found[0]
        response, _ = self.document.resolve(keyed[key])
        if not isinstance(response, dict):
            response = {}
        headers = tuple(self._response_headers(response))
        media_type, media = self._media(response)
        name = prefer.get("example")
        examples = self._resolved(media.get("examples")) if media else None
        if name is not None and not (isinstance(examples, dict) and name in examples):
            names = list(examples) if isinstance(examples, dict) else []
            return _mock_error(500, {"mock": f"no example named {name!r}", "examples": names})
        has_value, value = self._example(media, name) if media else (False, None)
        if status in _NO_CONTENT or not has_value or media_type is None:
            return _Reply(status, headers=headers)
        body, content_type = _encode(media_type, value)
        return _Reply(status, body, content_type, headers)

    def _media(self, response: dict[str, Any]) -> tuple[str | None, dict[str, Any] | None]:
        content = response.get("content")
        if not isinstance(content, dict) or not content:
            return None, None
        media_type = "application/json" if "application/json" in content else None
        if media_type is None:
            media_type = str(next(iter(content)))
        media = self._resolved(content[media_type])
        return media_type, media if isinstance(media, dict) else {}

    def _example(self, holder: dict[str, Any], name: str | None) -> tuple[bool, Any]:
        """The example value of a media type or header object, if it has one."""
        examples = self._resolved(holder.get("examples"))
        if isinstance(examples, dict):
            picked = [examples[name]] if name is not None else list(examples.values())
            for example in picked:
                resolved = self._resolved(example)
                if isinstance(resolved, dict) and "value" in resolved:
                    return True, resolved["value"]
            if name is not None:  # an externalValue-only example: nothing to send
                return False, None
        if "example" in holder:
            return True, holder["example"]
        schema = self._resolved(holder.get("schema"))
        if isinstance(schema, dict):
            schema_examples = schema.get("examples")
            if isinstance(schema_examples, list) and schema_examples:
                return True, schema_examples[0]
            if "example" in schema:
                return True, schema["example"]
        return False, None

    def _response_headers(self, response: dict[str, Any]) -> Iterator[tuple[str, str]]:
        """The declared response headers that have an example, as header text."""
        declared = self._resolved(response.get("headers"))
        if not isinstance(declared, dict):
            return
        for name, header in declared.items():
            resolved = self._resolved(header)
            if str(name).lower() in _FRAMING_HEADERS or not isinstance(resolved, dict):
                continue
            has_value, value = self._example(resolved, None)
            text = _header_text(value) if has_value else None
            if text is not None:
                yield str(name), text

    def _resolved(self, node: Any) -> Any:
        return self.document.resolve(node)[0]


class _HTTPServer(ThreadingHTTPServer):
    """A threading HTTP server that knows its mock and can drop idle connections."""

    daemon_threads = True

    def __init__(
        self, address: tuple[str, int], mock: MockServer, family: socket.AddressFamily
    ) -> None:
        self.address_family = family
        self.mock = mock
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
    server: _HTTPServer

    def do_GET(self) -> None:
        try:
            body = self._read_body()
        except _BadRequestError as exc:
            self.close_connection = True
            self._send(_mock_error(400, {"mock": str(exc)}))
            return
        headers = [(str(name), str(value)) for name, value in self.headers.items()]
        self._send(self.server.mock._handle(self.command, self.path, headers, body))

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

    def _send(self, reply: _Reply) -> None:
        self.send_response(reply.status)
        for name, value in reply.headers:
            self.send_header(name, value)
        if reply.content_type is not None:
            self.send_header("Content-Type", reply.content_type)
        if reply.status not in _NO_CONTENT:
            self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        if self.command != "HEAD" and reply.status not in _NO_CONTENT and reply.body:
            self.wfile.write(reply.body)


def serve(document: Document, host: str = "127.0.0.1", port: int = 4010) -> None:
    """Serve `document` on a loopback address until SIGINT or SIGTERM, then return.

    Prints `mock listening on http://HOST:PORT` (the port actually bound) once
    it accepts connections. Must run in the main thread (it installs signal
    handlers, and puts the previous ones back before returning).
    """
    server = MockServer(document, host, port)
    caught: list[int] = []

    def on_signal(signum: int, frame: FrameType | None) -> None:
        caught.append(signum)

    previous = {sig: signal.signal(sig, on_signal) for sig in _SIGNALS}
    try:
        server.start()
        print(f"mock listening on {server.url}", flush=True)
        while not caught:
            time.sleep(0.05)  # a signal ends the sleep early; the loop then ends
    finally:
        server.stop()
        for sig, handler in previous.items():
            signal.signal(sig, signal.SIG_DFL if handler is None else handler)


def parse_prefer(values: Iterable[str]) -> dict[str, str]:
    """The preferences of `Prefer` header values (RFC 7240), names lower-cased.

    Tokens may be separated by `,` or `;`; a quoted value may contain either.
    The first occurrence of a preference wins, as the RFC says.
    """
    found: dict[str, str] = {}
    for text in values:
        for match in _PREFER_TOKEN.finditer(text):
            name, value = match.group(1).lower(), (match.group(2) or "").strip()
            if len(value) >= 2 and value[0] == value[-1] == '"':
                value = re.sub(r"\\(.)", r"\1", value[1:-1])
            found.setdefault(name, value)
    return found


def _require_loopback(host: str) -> None:
    name = host.strip("[]")
    if name.lower().rstrip(".") == "localhost":
        return
    try:
        loopback = ipaddress.ip_address(name).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise ValueError(
            f"the mock server listens on loopback addresses only "
            f"(127.0.0.0/8, ::1, localhost), not {host!r}"
        )


def _base_path(root: dict[str, Any]) -> str:
    """The path of the first server URL (variables at their defaults), no trailing `/`."""
    servers = root.get("servers")
    if not isinstance(servers, list) or not servers or not isinstance(servers[0], dict):
        return ""
    url, variables = servers[0].get("url"), servers[0].get("variables")
    if not isinstance(url, str):
        return ""
    defaults = variables if isinstance(variables, dict) else {}

    def substitute(match: re.Match[str]) -> str:
        variable = defaults.get(match.group(0)[1:-1])
        if isinstance(variable, dict) and "default" in variable:
            return str(variable["default"])
        return match.group(0)

    path = urlsplit(_PARAM.sub(substitute, url)).path.rstrip("/")
    return path if path.startswith("/") else ""


def _build_routes(document: Document) -> list[_Route]:
    """Every path template with operations, most specific first."""
    paths = document.root.get("paths")
    routes: list[_Route] = []
    for template, node in (paths if isinstance(paths, dict) else {}).items():
        item, _ = document.resolve(node, pointer("paths", str(template)))
        if not isinstance(item, dict):
            continue
        operations = {
            method.upper(): operation
            for method in HTTP_METHODS
            if isinstance(operation := item.get(method), dict)
        }
        if operations:
            text = str(template)
            routes.append(_Route(text, _compile(text), _rank(text), operations))
    routes.sort(key=lambda route: (route.rank, route.template))
    return routes


def _compile(template: str) -> re.Pattern[str]:
    """A regex over normalized paths; each `{name}` is one non-empty segment."""
    parts: list[str] = []
    start = 0
    for match in _PARAM.finditer(template):
        parts += [re.escape(_normalize(template[start : match.start()])), "[^/]+"]
        start = match.end()
    parts.append(re.escape(_normalize(template[start:])))
    return re.compile("".join(parts))


def _rank(template: str) -> tuple[int, ...]:
    """Per segment: 0 literal, 1 partly templated, 2 one parameter. Lower wins."""
    return tuple(
        0 if not _PARAM.search(segment) else 2 if _PARAM.fullmatch(segment) else 1
        for segment in template.strip("/").split("/")
    )


def _normalize(path: str) -> str:
    """Percent-decode each segment (keeping an encoded `/`), so `%3A` matches `:`."""
    return "/".join(unquote(segment).replace("/", "%2F") for segment in path.split("/"))


def _status_key(key: Any) -> str:
    """`200`, `"200"` → "200"; `4xx` → "4XX"; `Default` → "default"."""
    text = str(key).strip()
    return "default" if text.lower() == "default" else text.upper()


def _default_response(keyed: dict[str, Any]) -> tuple[int, str] | None:
    """The response answered without `Prefer: code`: lowest 2xx, then 2XX, then default."""
    success = sorted(key for key in keyed if key.startswith("2") and _STATUS.fullmatch(key))
    if success:
        return int(success[0]), success[0]
    for key in ("2XX", "default"):
        if key in keyed:
            return 200, key
    return None


def _encode(media_type: str, value: Any) -> tuple[bytes, str]:
    """The body and Content-Type for an example value of `media_type`."""
    essence = media_type.split(";", 1)[0].strip().lower()
    is_json = essence == "application/json" or essence.endswith("+json")
    if "*" in essence:  # a range like */* is not a valid Content-Type
        if isinstance(value, str):
            return value.encode("utf-8"), "text/plain; charset=utf-8"
        return _json_bytes(value), "application/json"
    if isinstance(value, str) and not is_json:
        return value.encode("utf-8"), media_type
    return _json_bytes(value), media_type


def _json_bytes(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, default=_json_default).encode("utf-8")


def _json_default(value: Any) -> Any:
    """YAML gives dates and timestamps where JSON has strings."""
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def _header_text(value: Any) -> str | None:
    """A header example as field text (simple style); None when it cannot be one."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, list):
        text = ",".join(str(item) for item in value)
    elif isinstance(value, dict):
        text = ",".join(f"{key},{item}" for key, item in value.items())
    elif value is None:
        return None
    else:
        text = str(value)
    return None if "\r" in text or "\n" in text else text


def _json_reply(status: int, payload: Any) -> _Reply:
    return _Reply(status, _json_bytes(payload), "application/json")


def _mock_error(status: int, payload: dict[str, Any]) -> _Reply:
    return _json_reply(status, payload)


def _with_header(reply: _Reply, name: str, value: str) -> _Reply:
    return _Reply(reply.status, reply.body, reply.content_type, (*reply.headers, (name, value)))
