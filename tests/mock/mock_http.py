"""Plain HTTP calls to a running MockServer, shared by the mock tests."""

from __future__ import annotations

import http.client
import json
from dataclasses import dataclass
from typing import Any

from generator.mock import MockServer


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)

    def wheres(self) -> list[str]:
        """The `where` of each problem a rejected request was answered with."""
        return [error["where"] for error in self.json()["errors"]]


def port_of(mock: MockServer) -> int:
    return int(mock.url.rsplit(":", 1)[1])


def call(
    mock: MockServer,
    method: str,
    path: str,
    headers: dict[str, str] | None = None,
    body: bytes | None = None,
) -> Answer:
    conn = http.client.HTTPConnection("127.0.0.1", port_of(mock), timeout=10)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return Answer(response.status, response.headers, response.read())
    finally:
        conn.close()


def on(conn: http.client.HTTPConnection, method: str, path: str, **kw: Any) -> Answer:
    """One request on an existing (kept-alive) connection."""
    conn.request(method, path, **kw)
    response = conn.getresponse()
    return Answer(response.status, response.headers, response.read())
