"""Contract test fixtures: the spec's mock server as a real subprocess, a helper to read
what it recorded, a loopback proxy that adds a `Prefer` header, and clients pointed at
either. Nothing is mocked inside the client: every call goes over loopback HTTP."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
GENERATED_PYTHON = REPO_ROOT / "generated" / "python"
# The committed generated package, and the generator (for the spec-derived cases).
for _entry in (str(GENERATED_PYTHON), str(REPO_ROOT)):
    if _entry not in sys.path:
        sys.path.insert(0, _entry)

from contract_cases import ACCESS_TOKEN, SPEC_PATH, VZ_M2M_TOKEN  # noqa: E402
from contract_servers import Mock, PreferProxy  # noqa: E402
from support.loopback import serving  # noqa: E402
from support.mock_process import read_url, start_mock, stop_mock  # noqa: E402
from thingspace_m2m import ThingSpaceM2MClient  # noqa: E402

_STARTUP_SECONDS = 20.0


@pytest.fixture(scope="session")
def mock_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Mock]:
    """`python -m generator mock` on port 0, from the repo root, for the whole session."""
    stderr_path = tmp_path_factory.mktemp("mock") / "stderr.txt"
    with stderr_path.open("wb") as stderr:
        process = start_mock(SPEC_PATH, stderr)
    try:
        url = read_url(process, _STARTUP_SECONDS, only_that_line=True)
        assert url is not None, f"the mock did not start: {stderr_path.read_text()}"
        yield Mock(url)
    finally:
        code = stop_mock(process)
    assert code == 0, f"the mock exited with {code}: {stderr_path.read_text()}"


@pytest.fixture
def mock(mock_server: Mock) -> Mock:
    """The mock server, with no recorded requests at the start of the test."""
    mock_server.clear()
    return mock_server


@pytest.fixture(scope="session")
def proxy_server(mock_server: Mock) -> Iterator[PreferProxy]:
    host, _, port = mock_server.url.removeprefix("http://").rpartition(":")
    with serving(PreferProxy((host, int(port)))) as server:
        yield server


@pytest.fixture
def prefer_proxy(proxy_server: PreferProxy, mock: Mock) -> Iterator[Callable[[str], str]]:
    """`prefer_proxy("code=404, example=notFound")` -> a base URL whose requests reach the
    mock with that `Prefer` header."""

    def use(prefer: str) -> str:
        proxy_server.prefer = prefer
        proxy_server.last_body = None
        return proxy_server.url

    yield use
    proxy_server.prefer = None
    proxy_server.last_body = None


# -- clients -------------------------------------------------------------------------------


@pytest.fixture
def make_client() -> Iterator[Callable[[str], ThingSpaceM2MClient]]:
    """A client with the test credentials for a base URL; closed after the test.

    Retries are off: a contract case is exactly one request per call, whatever
    status its example has (a 503 example on a DELETE would otherwise be retried).
    """
    clients: list[ThingSpaceM2MClient] = []

    def make(base_url: str) -> ThingSpaceM2MClient:
        client = ThingSpaceM2MClient(
            access_token=ACCESS_TOKEN,
            vz_m2m_token=VZ_M2M_TOKEN,
            base_url=base_url,
            timeout=5,
            max_retries=0,
        )
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def client(mock: Mock, make_client: Callable[[str], ThingSpaceM2MClient]) -> ThingSpaceM2MClient:
    """A client talking to the mock directly."""
    return make_client(mock.url)
