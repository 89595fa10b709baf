"""Every test runs against a generator cache of the test session's own, never the user's
(`~/.cache/sdk-generator`): what a test finds cached depends on this session alone."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import cache


@pytest.fixture(scope="session")
def _session_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("generator-cache")


@pytest.fixture(autouse=True)
def _own_cache(_session_cache: Path) -> Iterator[None]:
    # Set directly, not with monkeypatch: a test's own monkeypatch.setenv of the same
    # variable must win, and undo to this value.
    before = os.environ.get(cache.ENV)
    os.environ[cache.ENV] = str(_session_cache)
    yield
    if before is None:
        os.environ.pop(cache.ENV, None)
    else:
        os.environ[cache.ENV] = before
