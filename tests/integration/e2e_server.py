"""A loopback server for the end-to-end tests of the generated client.

One :class:`LoopbackServer` plays both the OAuth 2 token endpoint (``POST /oauth2/token``)
and the ThingSpace M2M API under ``/api/m2m``, answering like the spec's examples. It
records every request, and tests flip its switches: revoke the current bearer token,
expire the current session, script the next answers (503, 429 with ``Retry-After``, a
body that is not JSON, …), delay the API's answers, or redirect to another server.

It knows nothing of the client: it checks what arrives on the wire.
"""

from __future__ import annotations

import base64
import binascii
import collections
import dataclasses
import json
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from support.loopback import LoopbackHTTPServer, QuietHandler, serving

TOKEN_PATH = "/oauth2/token"
BASE_PATH = "/api/m2m"
ASSIGN_PATH = "/v1/devices/license/actions/assign"
SUBSCRIPTIONS_PATH = "/v1/accounts/subscriptions/actions/list"
LOGIN_PATH = "/v1/session/login"
LOGOUT_PATH = "/v1/session/logout"

CLIENT_ID = "e2e-app-key-4c1d"
CLIENT_SECRET = "e2e-app-secret-9Xq2vLw7"
USERNAME = "zbeeblebrox"
PASSWORD = "IMgr8-e2e-Pw-5e7d1c"
FIRST_SESSION = "bcce3ea6-fe4f-4952-bacf-eadd80718e83"
"""The spec's example session token: the first login's answer."""
STATIC_ACCESS_TOKEN = "static-bearer-0d4b7e"
STATIC_SESSION_TOKEN = "static-session-91ce2a"
ASSIGN_REQUEST_ID = "c3f3d17c-79ff-4b35-82df-94446785b6e0"
UNASSIGN_REQUEST_ID = "1f28c944-d007-44c9-9543-003b8820cc69"
DOC_URL = "https://thingspace.verizon.com/documentation"


_MESSAGES = {429: "Too many requests", 503: "Service unavailable"}


def security_result(code: int, message: str) -> bytes:
    """A ``SecurityResult`` error body, as in the spec's examples."""
    return json.dumps(
        {"errorCode": str(code), "errorMessage": message, "errorUrl": DOC_URL}
    ).encode()


@dataclasses.dataclass(frozen=True)
class Recorded:
    """One request as the server received it."""

    method: str
    target: str
    headers: tuple[tuple[str, str], ...]
    body: bytes
    peer_port: int = 0
    """The client's port: requests with the same one came over the same connection."""

    @property
    def path(self) -> str:
        """The path, without the query."""
        return urllib.parse.urlsplit(self.target).path

    def header(self, name: str) -> str | None:
        """The value of header ``name`` (any case), ``None`` if absent; fails if repeated."""
        values = [value for key, value in self.headers if key.lower() == name.lower()]
        assert len(values) <= 1, f"header {name} arrived {len(values)} times: {values}"
        return values[0] if values else None

    def json(self) -> Any:
        return json.loads(self.body)


@dataclasses.dataclass(frozen=True)
class Reply:
    """An answer: status, body, extra headers and ``Content-Type`` (``None``: none sent)."""

    status: int
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()
    content_type: str | None = "application/json"


class LoopbackServer(LoopbackHTTPServer):
    """The token endpoint and the API on 127.0.0.1, on a port of its own.

    Args:
        require_auth: whether API calls must carry a valid bearer token and (but for
            the login) a valid ``VZ-M2M-Token``. A server that stands in for another
            host a redirect points to does not check them.
    """

    request_queue_size = 128  # 16 client threads connecting at once must not hit the backlog

    def __init__(self, *, require_auth: bool = True) -> None:
        super().__init__(_Handler)
        self.require_auth = require_auth
        self.records: list[Recorded] = []
        # OAuth 2 token endpoint
        self.client_id = CLIENT_ID
        self.client_secret = CLIENT_SECRET
        self.expires_in: object = 3600
        """``expires_in`` of the tokens issued (``None``: the field is left out)."""
        self.issued_tokens: list[str] = []
        self.valid_bearers: set[str] = {STATIC_ACCESS_TOKEN}
        self.reject_every_bearer = False
        self.token_replies: collections.deque[Reply] = collections.deque()
        # sessions
        self.username = USERNAME
        self.password = PASSWORD
        self.issued_sessions: list[str] = []
        self.valid_sessions: set[str] = {STATIC_SESSION_TOKEN}
        self.login_replies: collections.deque[Reply] = collections.deque()
        # the other API calls
        self.api_replies: collections.deque[Reply] = collections.deque()
        self.redirects: collections.deque[tuple[int, str]] = collections.deque()
        self.delay = 0.0
        """Seconds every API answer (not the token endpoint's) waits."""
        self.drop_connections = False
        """Close each connection after answering, without saying so (``Connection: close``),
        as a server or proxy ending idle keep-alive connections does."""

    # -- addresses ---------------------------------------------------------------------

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    @property
    def api_url(self) -> str:
        return self.url + BASE_PATH

    @property
    def token_url(self) -> str:
        return self.url + TOKEN_PATH

    # -- switches ----------------------------------------------------------------------

    def revoke_token(self, token: str | None = None) -> None:
        """Make the API refuse ``token`` (by default the last one issued) with 401."""
        with self.lock:
            self.valid_bearers.discard(token if token is not None else self.issued_tokens[-1])

    def allow_bearer(self, token: str) -> None:
        with self.lock:
            self.valid_bearers.add(token)

    def expire_session(self, token: str | None = None) -> None:
        """Make the API refuse session ``token`` (by default the last one issued) with 401."""
        with self.lock:
            self.valid_sessions.discard(token if token is not None else self.issued_sessions[-1])

    def reply_token_endpoint(self, reply: Reply) -> None:
        with self.lock:
            self.token_replies.append(reply)

    def reply_login(self, reply: Reply) -> None:
        with self.lock:
            self.login_replies.append(reply)

    def reply_api(self, reply: Reply, times: int = 1) -> None:
        """Answer the next ``times`` API calls other than the login with ``reply``."""
        with self.lock:
            self.api_replies.extend([reply] * times)

    def fail_next(self, times: int, status: int, retry_after: str | None = None) -> None:
        """Answer the next ``times`` API calls with ``status`` and the spec's error body."""
        headers = (("Retry-After", retry_after),) if retry_after is not None else ()
        message = _MESSAGES.get(status, "Internal server error")
        self.reply_api(Reply(status, security_result(status, message), headers), times)

    def redirect_next(self, origin: str, status: int = 302, times: int = 1) -> None:
        """Answer the next ``times`` API calls with a redirect to the same path on ``origin``."""
        with self.lock:
            self.redirects.extend([(status, origin)] * times)

    # -- what was received -------------------------------------------------------------

    def requests(self) -> list[Recorded]:
        with self.lock:
            return list(self.records)

    def token_requests(self) -> list[Recorded]:
        return [r for r in self.requests() if r.path == TOKEN_PATH]

    def api_requests(self, operation_path: str | None = None) -> list[Recorded]:
        """API requests (not the token endpoint's), optionally of one operation path."""
        return [
            r
            for r in self.requests()
            if r.path != TOKEN_PATH
            and (operation_path is None or r.path == BASE_PATH + operation_path)
        ]

    def logins(self) -> list[Recorded]:
        return self.api_requests(LOGIN_PATH)

    @property
    def token_fetches(self) -> int:
        return len(self.token_requests())

    # -- answering ---------------------------------------------------------------------

    def answer(self, record: Recorded) -> tuple[Reply, float]:
        """Record ``record`` and choose its answer, and how long to wait before sending it."""
        with self.lock:
            self.records.append(record)
            if record.path == TOKEN_PATH:
                return self._token(record), 0.0
            return self._api(record), self.delay

    def _token(self, record: Recorded) -> Reply:
        if self.token_replies:
            return self.token_replies.popleft()
        if record.method != "POST":
            return Reply(405, _oauth_error("invalid_request", "POST only"))
        if self._client_authentication(record.header("Authorization")) != (
            self.client_id,
            self.client_secret,
        ):
            return Reply(401, _oauth_error("invalid_client", "Client authentication failed"))
        form = urllib.parse.parse_qs(record.body.decode("ascii"), keep_blank_values=True)
        if form.get("grant_type") != ["client_credentials"]:
            return Reply(400, _oauth_error("unsupported_grant_type", "client_credentials only"))
        token = f"tok-{len(self.issued_tokens) + 1}"
        self.issued_tokens.append(token)
        self.valid_bearers.add(token)
        payload: dict[str, object] = {"access_token": token, "token_type": "Bearer"}
        if self.expires_in is not None:
            payload["expires_in"] = self.expires_in
        return Reply(200, json.dumps(payload).encode(), (("Cache-Control", "no-store"),))

    @staticmethod
    def _client_authentication(header: str | None) -> tuple[str, str] | None:
        """HTTP Basic client credentials, each part form-decoded (RFC 6749 §2.3.1)."""
        if header is None or not header.startswith("Basic "):
            return None
        try:
            decoded = base64.b64decode(header[len("Basic ") :], validate=True).decode("ascii")
        except (binascii.Error, UnicodeDecodeError):
            return None
        client_id, colon, secret = decoded.partition(":")
        if not colon:
            return None
        return urllib.parse.unquote_plus(client_id), urllib.parse.unquote_plus(secret)

    def _api(self, record: Recorded) -> Reply:
        if not record.path.startswith(BASE_PATH + "/"):
            return Reply(404, content_type=None)
        operation = record.path[len(BASE_PATH) :]
        if self.redirects:
            status, origin = self.redirects.popleft()
            return Reply(status, headers=(("Location", origin + record.target),), content_type=None)
        if operation == LOGIN_PATH:
            return self._login(record)
        if self.api_replies:
            return self.api_replies.popleft()
        if self.require_auth:
            if not self._bearer_ok(record):
                return Reply(401, security_result(401, "Token is missing or expired"))
            session = record.header("VZ-M2M-Token")
            if session is None or session not in self.valid_sessions:
                return Reply(401, security_result(401, "Session token is not valid"))
        return self._route(record, operation)

    def _bearer_ok(self, record: Recorded) -> bool:
        authorization = record.header("Authorization")
        if self.reject_every_bearer or authorization is None:
            return False
        scheme, _, token = authorization.partition(" ")
        return scheme == "Bearer" and token in self.valid_bearers

    def _login(self, record: Recorded) -> Reply:
        if self.login_replies:
            return self.login_replies.popleft()
        if self.require_auth and not self._bearer_ok(record):
            return Reply(401, _cm_result("401", "Token is missing or expired"))
        if record.method != "POST":
            return Reply(405, content_type=None)
        try:
            credentials = record.json()
        except ValueError:
            return Reply(400, _cm_result("400", "Malformed request"))
        if credentials != {"username": self.username, "password": self.password}:
            return Reply(400, _cm_result("400", "Invalid username or password"))
        number = len(self.issued_sessions) + 1
        session = FIRST_SESSION if number == 1 else f"session-{number}-7a51e0"
        self.issued_sessions.append(session)
        self.valid_sessions.add(session)
        return Reply(200, json.dumps({"sessionToken": session}).encode())

    def _route(self, record: Recorded, operation: str) -> Reply:
        key = (record.method, operation)
        if key == ("POST", ASSIGN_PATH):
            try:
                body = record.json()
            except ValueError:
                body = None
            if not isinstance(body, dict) or "skuNumber" not in body:
                return Reply(400, security_result(400, "Invalid SKU number"))
            return Reply(200, json.dumps({"requestId": ASSIGN_REQUEST_ID}).encode())
        if key == ("DELETE", ASSIGN_PATH):
            return Reply(200, json.dumps({"requestId": UNASSIGN_REQUEST_ID}).encode())
        if key == ("POST", SUBSCRIPTIONS_PATH):
            return Reply(
                200,
                json.dumps(
                    {
                        "accountName": "000012345600001",
                        "subscriptionList": [
                            {
                                "skuNumber": "TS-BUNDLE-KTO-SIMSEC-MRC",
                                "licenseType": "Flexible Bundle",
                                "licensePurchased": 9,
                                "licenseAssigned": 7,
                                "licenseAvailable": 1,
                            }
                        ],
                    }
                ).encode(),
            )
        if key == ("POST", LOGOUT_PATH):
            session = record.header("VZ-M2M-Token") or ""
            self.valid_sessions.discard(session)
            return Reply(200, json.dumps({"sessionToken": session}).encode())
        return Reply(404, content_type=None)


def _oauth_error(error: str, description: str) -> bytes:
    return json.dumps({"error": error, "error_description": description}).encode()


def _cm_result(code: str, message: str) -> bytes:
    return json.dumps({"errorCode": code, "errorMessage": message}).encode()


class _Handler(QuietHandler):
    server: LoopbackServer
    disable_nagle_algorithm = True  # headers and body go out at once: no 40 ms delayed ACK
    wbufsize = 1 << 16

    def _handle(self) -> None:
        body = self.read_body()
        record = Recorded(
            self.command, self.path, tuple(self.headers.items()), body, self.client_address[1]
        )
        reply, delay = self.server.answer(record)
        if delay:
            self.server.stopping.wait(delay)
        self.send_response(reply.status)
        if reply.content_type is not None:
            self.send_header("Content-Type", reply.content_type)
        request_id = record.header("X-Request-ID")
        if request_id is not None:
            self.send_header("X-Request-ID", request_id)
        for name, value in reply.headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(reply.body)
        if self.server.drop_connections:
            self.close_connection = True

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = _handle


@contextmanager
def running(*, require_auth: bool = True) -> Iterator[LoopbackServer]:
    """A :class:`LoopbackServer` serving in a background thread until the block ends."""
    with serving(LoopbackServer(require_auth=require_auth)) as server:
        yield server
