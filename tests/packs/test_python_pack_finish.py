"""The Python pack's finish step: tidy imports, ruff's fixes where needed, ruff format."""

from __future__ import annotations

import importlib
from types import ModuleType

import pytest

from generator import forking
from generator.packs import load_pack

FILES = {
    "pkg/__init__.py": "from .a import b\n\n__all__ = ['b']\n",
    "pkg/a.py": "import sys\nimport os\nb = ( os.sep,1 )\n",
    "doc/a.md": "# A\n\n```python\nx=( 1 )\n```\n",
    "doc/b.md": "# B\n\nNo code here.\n",
    "pyproject.toml": "[project]\n",
}


@pytest.fixture
def formatting() -> ModuleType:
    return importlib.import_module(load_pack("python").prepare.__module__ + ".formatting")


def _spy(formatting: ModuleType, monkeypatch: pytest.MonkeyPatch) -> list[set[str]]:
    """Record the paths each ruff run is given."""
    calls: list[set[str]] = []
    real = formatting._run_ruff

    def spy(ruff: str, files: dict[str, str]) -> dict[str, str]:
        calls.append(set(files))
        result: dict[str, str] = real(ruff, files)
        return result

    monkeypatch.setattr(formatting, "_run_ruff", spy)
    return calls


def test_modules_are_tidied_then_formatted(formatting: ModuleType) -> None:
    done = formatting.finish(dict(FILES))
    assert done["pkg/a.py"] == "import os\n\nb = (os.sep, 1)\n"
    assert done["pkg/__init__.py"] == 'from .a import b\n\n__all__ = ["b"]\n'
    assert done["doc/a.md"] == "# A\n\n```python\nx = 1\n```\n"


def test_pages_without_code_blocks_and_other_files_skip_ruff(
    formatting: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _spy(formatting, monkeypatch)
    result = formatting.finish(dict(FILES))
    assert calls == [{"pkg/__init__.py", "pkg/a.py", "doc/a.md"}]
    assert result["doc/b.md"] == FILES["doc/b.md"]
    assert result["pyproject.toml"] == FILES["pyproject.toml"]
    assert formatting.finish({"doc/b.md": FILES["doc/b.md"]}) == {"doc/b.md": FILES["doc/b.md"]}
    assert len(calls) == 1  # nothing for ruff: no ruff run at all


def test_a_file_finishes_alike_alone_or_among_others(formatting: ModuleType) -> None:
    """The generator may hand any part of the output to `finish` (see `finishing`)."""
    together = formatting.finish(dict(FILES))
    for path, text in FILES.items():
        assert formatting.finish({path: text}) == {path: together[path]}


def test_the_key_names_ruffs_version_and_settings(
    formatting: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = formatting.finish_key()
    assert key.startswith("ruff ")
    assert formatting._RUFF_SETTINGS in key
    monkeypatch.setattr(formatting, "_ruff_version", lambda ruff: "ruff 999.0.0")
    assert formatting.finish_key() != key


def test_a_header_the_import_pass_cannot_read_goes_to_ruffs_fixes(formatting: ModuleType) -> None:
    files = {
        "pkg/alias.py": "import json as j\nimport os\n\nx = j\n",  # an alias: ruff's job
        "pkg/plain.py": "import sys\nimport os\n\nx = os.sep\n",  # the import pass's job
    }
    assert formatting.finish(files) == {
        "pkg/alias.py": "import json as j\n\nx = j\n",
        "pkg/plain.py": "import os\n\nx = os.sep\n",
    }


def test_batches_give_what_one_batch_gives(
    formatting: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ruff formats each batch of the copy while the next is written: same output."""
    files = {f"pkg/m{n}.py": f"import sys\nimport os\nx{n} = ( os.sep,{n} )\n" for n in range(9)}
    files["pkg/alias.py"] = "import json as j\nimport os\n\nx = j\n"
    monkeypatch.setattr(formatting, "_BATCHES", 1)
    alone = formatting.finish(dict(files))
    monkeypatch.setattr(formatting, "_BATCHES", 4)
    monkeypatch.setattr(formatting, "_BATCH_FROM", 1)
    assert formatting.finish(dict(files)) == alone
    assert alone["pkg/m3.py"] == "import os\n\nx3 = (os.sep, 3)\n"


def test_one_ruff_runs_at_a_time(formatting: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ruff uses every core itself: a second one at once would only add memory."""
    running: list[int] = []
    most = 0
    real_in, real_wait = formatting._ruff_in, formatting._wait

    def start(*args: object) -> object:
        nonlocal most
        running.append(1)
        most = max(most, len(running))
        return real_in(*args)

    def wait(*args: object) -> None:
        real_wait(*args)
        running.pop()

    monkeypatch.setattr(formatting, "_ruff_in", start)
    monkeypatch.setattr(formatting, "_wait", wait)
    monkeypatch.setattr(formatting, "_BATCH_FROM", 1)
    files = {f"pkg/m{n}.py": f"x{n} = ( {n} )\n" for n in range(8)}
    files["pkg/m5.py"] = "import json as j\nimport os\n\nx = j\n"  # ruff's fixes, too
    formatting.finish(files)
    assert not running
    assert most == 1


def test_one_batch_when_another_process_finishes_beside(
    formatting: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Batches only help while a core is idle; beside another render process it is not."""
    started: list[tuple[str, ...]] = []
    real = formatting._ruff_in

    def spy(folder: str, ruff: str, command: tuple[str, ...], *rest: object) -> object:
        started.append(command)
        return real(folder, ruff, command, *rest)

    monkeypatch.setattr(formatting, "_ruff_in", spy)
    monkeypatch.setattr(formatting, "_BATCH_FROM", 1)
    files = {f"pkg/m{n}.py": f"x{n} = ( {n} )\n" for n in range(8)}
    alone = formatting.finish(dict(files))
    assert started.count(formatting._FORMAT) == 4
    started.clear()
    monkeypatch.setattr(forking, "_sharing", True)
    assert formatting.finish(dict(files)) == alone
    assert started == [formatting._FORMAT]


def test_ruff_failing_on_one_batch_fails_the_run(
    formatting: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = {f"pkg/m{n}.py": f"x{n} = {n}\n" for n in range(8)}
    files["pkg/m5.py"] = "def broken(:\n"
    monkeypatch.setattr(formatting, "_BATCH_FROM", 1)
    with pytest.raises(RuntimeError, match="ruff format failed"):
        formatting.finish(files)
