"""Fixtures of the Ruby tests: a Ruby interpreter and the spec's mock server.

Ruby is required when REQUIRE_RUBY=1 (as `.ci/run` sets it): without it every Ruby test
fails. Otherwise the Ruby tests are skipped on a machine without Ruby.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ruby_run import ruby_or_skip  # noqa: E402
from support.mock_process import MockProcess  # noqa: E402


@pytest.fixture(scope="session")
def ruby() -> str:
    return ruby_or_skip()


@pytest.fixture(scope="session")
def ruby_mock(ruby: str) -> Iterator[MockProcess]:
    with MockProcess() as mock:
        yield mock
