"""`MockServer` (start, stop, what was received) and `serve`, the `mock` command's loop."""

from __future__ import annotations

import copy
import ipaddress
import signal
import socket
import threading
import time
from types import FrameType, TracebackType
from typing import Any, Self
from urllib.parse import urlsplit

from ..diagnostics import SpecError
from ..loader import Document
from .answers import Answers, parse_prefer
from .checks import RequestChecker
from .problems import rejection
from .replies import Reply, json_reply, mock_problem
from .routes import Router
from .transport import MockHTTPServer

CONTROL_PREFIX = "/__mock__/"
_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class MockServer:
    """Serves a spec's examples over HTTP on a loopback address, in a daemon thread.

    `port=0` picks a free port; `url` tells which. `start()`/`stop()` or use it
    as a context manager. `received` is a snapshot of the recorded requests,
    each `{"method", "path", "query", "headers", "body", "operationId"}`.
    `validate=False` answers requests that do not match the spec as if they did.
    """

    def __init__(
        self,
        document: Document,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        validate: bool = True,
    ) -> None:
        _require_loopback(host)
        self.document = document
        self.validate = validate
        self._checker = RequestChecker(document) if validate else None
        self.host = host
        self.port = port
        self._router = Router(document)
        self.base_path = self._router.base_path
        self._answers = Answers(document)
        self._received: list[dict[str, Any]] = []
        self._received_lock = threading.Lock()
        self._state_lock = threading.Lock()
        self._httpd: MockHTTPServer | None = None
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
            httpd = MockHTTPServer((bind_host, self.port), self._handle, family)
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
    ) -> Reply:
        """The reply to one request; records it unless it is a control request."""
        raw_path, _, query = target.partition("?")
        if raw_path.startswith(("http://", "https://")):  # absolute-form target
            raw_path = urlsplit(raw_path).path or "/"
        control = self._control(method, raw_path)
        if control is not None:
            return control
        found, allowed = self._router.match(method, raw_path)
        operation_id = found.operation.get("operationId") if found else None
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
        if found is None:
            if allowed:
                reply = mock_problem(
                    405, "method not allowed", method=method, path=raw_path, allowed=allowed
                )
                return reply.with_header("Allow", ", ".join(allowed))
            return mock_problem(404, "no operation matches", method=method, path=raw_path)
        if self._checker is not None:
            try:
                problems = self._checker.check(found, query, headers, body)
            except Exception as exc:  # a schema the validator cannot use: the mock's problem
                return mock_problem(500, f"cannot check the request: {exc}")
            if problems:
                return rejection(problems)
        prefer = parse_prefer(v for k, v in headers if k.lower() == "prefer")
        try:
            return self._answers.answer(found.operation, prefer)
        except (SpecError, LookupError, TypeError, ValueError) as exc:
            return mock_problem(500, f"cannot build the answer: {exc}")

    def _record(self, entry: dict[str, Any]) -> None:
        with self._received_lock:
            self._received.append(entry)

    def _control(self, method: str, raw_path: str) -> Reply | None:
        """The control endpoints under `/__mock__/`: recorded requests and health."""
        for candidate in self._router.candidates(raw_path):
            if not candidate.startswith(CONTROL_PREFIX):
                continue
            name = candidate[len(CONTROL_PREFIX) :]
            if name == "requests" and method in {"GET", "HEAD"}:
                return json_reply(200, self.received)
            if name == "requests" and method == "DELETE":
                self.clear()
                return Reply(204)
            if name == "health" and method in {"GET", "HEAD"}:
                return json_reply(200, {"ok": True})
            if name in {"requests", "health"}:
                allow = "GET, HEAD, DELETE" if name == "requests" else "GET, HEAD"
                reply = mock_problem(405, "method not allowed", path=raw_path)
                return reply.with_header("Allow", allow)
            return mock_problem(404, "no control endpoint", path=raw_path)
        return None


def serve(
    document: Document, host: str = "127.0.0.1", port: int = 4010, *, validate: bool = True
) -> None:
    """Serve `document` on a loopback address until SIGINT or SIGTERM, then return.

    Prints `mock listening on http://HOST:PORT` (the port actually bound) once
    it accepts connections. Must run in the main thread (it installs signal
    handlers, and puts the previous ones back before returning).
    """
    server = MockServer(document, host, port, validate=validate)
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
