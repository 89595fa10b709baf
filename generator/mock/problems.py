"""The ways a request does not match the spec, and the 400 or 401 that lists them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..diagnostics import pointer
from .replies import Reply, json_reply


@dataclass(frozen=True, slots=True)
class Problem:
    """One way a request does not match the spec."""

    where: str  # `query limit`, `header X-Request-ID`, `body/devices/0` ...
    message: str
    challenge: str | None = None  # set for missing credentials: a 401, with this challenge


def schema_problems(validator: Any, value: Any, where: str) -> list[Problem]:
    """What a schema validator finds wrong with `value`, each at its JSON pointer."""
    if validator is None:
        return []
    errors = sorted(validator.iter_errors(value), key=lambda e: list(map(str, e.absolute_path)))
    return [Problem(where + pointer(*e.absolute_path), _short(e.message)) for e in errors]


def rejection(problems: list[Problem]) -> Reply:
    """400 with every problem; 401 (with its challenges) when credentials are missing."""
    challenges = list(dict.fromkeys(p.challenge for p in problems if p.challenge))
    payload = {
        "mock": "request does not match the spec",
        "errors": [{"where": p.where, "message": p.message} for p in problems],
    }
    if not challenges:
        return json_reply(400, payload)
    reply = json_reply(401, payload)
    standard = [c for c in challenges if not c.startswith("ApiKey")]
    # RFC 9110 asks a 401 for a challenge; API keys have no standard scheme, so one is made up.
    return reply.with_header("WWW-Authenticate", ", ".join(standard or challenges))


def _short(text: str) -> str:
    """A validator message's first line, cut to a length a person reads."""
    line = text.strip().splitlines()[0] if text.strip() else text
    return line if len(line) <= 300 else line[:297] + "..."
