"""Fixtures of the docs tests: the spec's mock server, started once per session."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from doc_snippets import MockProcess  # noqa: E402


@pytest.fixture(scope="session")
def docs_mock() -> Iterator[MockProcess]:
    with MockProcess() as mock:
        yield mock
