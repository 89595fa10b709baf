"""REQUIRE_RUBY=1 turns a missing Ruby from a skip into a failure (as `.ci/run` sets it)."""

from __future__ import annotations

import shutil

import pytest
from ruby_run import ruby_or_skip


def test_missing_ruby_fails_when_required(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setenv("REQUIRE_RUBY", "1")
    with pytest.raises(pytest.fail.Exception, match="REQUIRE_RUBY=1"):
        ruby_or_skip()


def test_missing_ruby_skips_otherwise(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.delenv("REQUIRE_RUBY", raising=False)
    with pytest.raises(pytest.skip.Exception):
        ruby_or_skip()


def test_ruby_is_found_when_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: "/opt/ruby/bin/ruby")
    monkeypatch.setenv("REQUIRE_RUBY", "1")
    assert ruby_or_skip() == "/opt/ruby/bin/ruby"
