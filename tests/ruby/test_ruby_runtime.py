"""The generated Ruby client's runtime behaviour, tested in real Ruby (minitest).

tests/ruby/runtime/test_*.rb hold the cases (retries and Retry-After, AND/OR security and the
missing-credential error, OAuth token caching and refetch on 401, session login and re-login
on 401, timeouts, redirects, redacted logging, models); they talk to a scripted loopback
server. One Ruby process runs them all; each becomes a pytest item here, named after the
Ruby test, that passes only when that test passed.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from ruby_run import GEM_LIB, REPO_ROOT

RUNTIME = Path(__file__).resolve().parent / "runtime"
FILES = sorted(RUNTIME.glob("test_*.rb"))


def _ruby_tests() -> list[str]:
    """`Class#test_name` of every minitest test, read from the files."""
    found = []
    for file in FILES:
        text = file.read_text("utf-8")
        classes = re.findall(r"^class (\w+) < Minitest::Test", text, re.M)
        assert len(classes) == 1, f"{file}: one test class per file"
        found += [f"{classes[0]}#{name}" for name in re.findall(r"^  def (test_\w+)", text, re.M)]
    return found


TESTS = _ruby_tests()


@pytest.fixture(scope="module")
def outcome(ruby: str) -> dict[str, str]:
    """Each Ruby test's result (`.`, `F`, `E` or `S`), plus the whole output under ``."""
    loader = "Dir[File.join(ARGV.shift, 'test_*.rb')].sort.each { |f| require f }"
    done = subprocess.run(
        [ruby, "-w", "-I", str(GEM_LIB), "-e", loader, "--", str(RUNTIME), "-v"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=REPO_ROOT,
    )
    results = dict(re.findall(r"^(\w+#test_\w+) = [0-9.]+ s = ([.FES])$", done.stdout, re.M))
    results[""] = done.stdout + done.stderr
    return results


def test_the_suite_has_cases() -> None:
    assert len(TESTS) >= 40


def test_runtime_runs_without_warnings(outcome: dict[str, str]) -> None:
    """`ruby -w` prints no warning for the generated gem or the tests."""
    assert "warning:" not in outcome[""], outcome[""]


@pytest.mark.parametrize("name", TESTS)
def test_ruby(name: str, outcome: dict[str, str]) -> None:
    result = outcome.get(name)
    if result != ".":
        # minitest prints failures as "  1) Failure:\nClass#test [file:line]:\n…"
        details = re.findall(
            rf"^\s+\d+\) \w+:\n{re.escape(name)}.*?(?=^\s+\d+\) |\Z)", outcome[""], re.M | re.S
        )
        raise AssertionError(
            f"{name}: {result or 'did not run'}\n{''.join(details) or outcome['']}"
        )
