"""Fixtures of the docs tests: the spec's mock server, started once per session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support.mock_process import MockProcess


@pytest.fixture(scope="session")
def docs_mock() -> Iterator[MockProcess]:
    with MockProcess() as mock:
        yield mock
