"""Fixtures of the generality tests (helpers are in `generality_support`)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from generality_support import Scripted, scripted_server


@pytest.fixture
def scripted() -> Iterator[Scripted]:
    """A loopback server answering scripted replies and recording raw requests."""
    with scripted_server() as server:
        yield server
