"""What the mock sends back: a status, a body and headers, built whole before it is written."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from typing import Any

# Statuses whose responses never have content (RFC 9110 §6.4.1); they get no
# Content-Length either, which RFC 9110 §8.6 forbids for 204.
NO_CONTENT = frozenset({204, 304})


@dataclass(frozen=True, slots=True)
class Reply:
    status: int
    body: bytes = b""
    content_type: str | None = None
    headers: tuple[tuple[str, str], ...] = ()

    def with_header(self, name: str, value: str) -> Reply:
        return Reply(self.status, self.body, self.content_type, (*self.headers, (name, value)))


def json_reply(status: int, payload: Any) -> Reply:
    return Reply(status, json_bytes(payload), "application/json")


def mock_problem(status: int, message: str, **details: Any) -> Reply:
    """A problem of the mock itself (no such route, no such example): a JSON object with a
    `"mock"` key, so it cannot be mistaken for one of the API's own answers."""
    return json_reply(status, {"mock": message, **details})


def json_bytes(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, default=_json_default).encode("utf-8")


def _json_default(value: Any) -> Any:
    """YAML gives dates and timestamps where JSON has strings."""
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")
