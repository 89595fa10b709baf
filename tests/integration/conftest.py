"""End-to-end fixtures: the generated package imported from ``generated/python``, a loopback
server playing the OAuth token endpoint and the ThingSpace API, and clients pointed at it.
Nothing inside the client is replaced: every call goes over loopback HTTP."""

from __future__ import annotations

import socket
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
GENERATED_PYTHON = REPO_ROOT / "generated" / "python"
if str(GENERATED_PYTHON) not in sys.path:
    sys.path.insert(0, str(GENERATED_PYTHON))

from e2e_server import LoopbackServer, running  # noqa: E402
from e2e_support import FAST_RETRY, MakeClient  # noqa: E402
from thingspace_m2m import ThingSpaceM2MClient  # noqa: E402


@pytest.fixture
def server() -> Iterator[LoopbackServer]:
    """The token endpoint and the API, checking credentials."""
    with running() as httpd:
        yield httpd


@pytest.fixture
def other_server() -> Iterator[LoopbackServer]:
    """A second API on another port that checks no credentials (a redirect's target)."""
    with running(require_auth=False) as httpd:
        yield httpd


@pytest.fixture
def make_client(server: LoopbackServer) -> Iterator[MakeClient]:
    """``make_client(**kwargs)``: a client of ``server`` (its API and its token URL), with
    a 5 s timeout and retries that do not wait; ``kwargs`` add to or replace those settings.
    Every client made is closed after the test."""
    clients: list[ThingSpaceM2MClient] = []

    def make(**kwargs: Any) -> ThingSpaceM2MClient:
        settings: dict[str, Any] = {
            "base_url": server.api_url,
            "oauth_token_url": server.token_url,
            "timeout": 5,
            "retry": FAST_RETRY,
        }
        settings.update(kwargs)
        client = ThingSpaceM2MClient(**settings)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def closed_port() -> int:
    """A loopback port nothing listens on (it was bound a moment ago, then closed)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port
