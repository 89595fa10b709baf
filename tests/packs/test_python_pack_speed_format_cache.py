"""The Python pack's ruff cache: a file is reformatted only when it changed, never stale."""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

import pytest

from generator import cache
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


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV, str(folder))
    return folder


def _uncached(formatting: ModuleType, files: dict[str, str]) -> dict[str, str]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(cache.ENV, "off")
        result: dict[str, str] = formatting.postprocess(dict(files))
        return result


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


def test_a_second_run_takes_ruffs_output_from_the_cache(
    formatting: ModuleType, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _uncached(formatting, FILES)
    assert expected["pkg/a.py"] == "import os\n\nb = (os.sep, 1)\n"  # fixed, then formatted
    assert formatting.postprocess(dict(FILES)) == expected
    assert len(list((cache_dir / "format").glob("*.pack"))) == 1
    calls = _spy(formatting, monkeypatch)
    assert formatting.postprocess(dict(FILES)) == expected
    assert calls == []


def test_only_changed_files_go_to_ruff(
    formatting: ModuleType, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    formatting.postprocess(dict(FILES))
    changed = {**FILES, "pkg/a.py": "import os\nimport sys\nb = ( sys.path,2 )\n"}
    calls = _spy(formatting, monkeypatch)
    assert formatting.postprocess(dict(changed)) == _uncached(formatting, changed)
    assert calls[0] == {"pkg/a.py"}


def test_pages_without_code_blocks_and_other_files_skip_ruff(
    formatting: ModuleType, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _spy(formatting, monkeypatch)
    result = formatting.postprocess(dict(FILES))
    assert calls == [{"pkg/__init__.py", "pkg/a.py", "doc/a.md"}]
    assert result["doc/b.md"] == FILES["doc/b.md"]
    assert result["pyproject.toml"] == FILES["pyproject.toml"]


def test_a_corrupt_bundle_is_a_miss(formatting: ModuleType, cache_dir: Path) -> None:
    expected = formatting.postprocess(dict(FILES))
    (bundle,) = (cache_dir / "format").glob("*.pack")
    bundle.write_bytes(bundle.read_bytes()[:-5])
    assert formatting.postprocess(dict(FILES)) == expected
    for garbage in (b"", b"not a bundle", bundle.read_bytes().replace(b'",', b'"', 1)):
        bundle.write_bytes(garbage)
        assert formatting.postprocess(dict(FILES)) == expected


def test_another_ruff_version_misses(
    formatting: ModuleType, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    formatting.postprocess(dict(FILES))
    format_cache = importlib.import_module(formatting.__name__.rsplit(".", 1)[0] + ".format_cache")
    monkeypatch.setattr(format_cache, "_ruff_version", lambda ruff: "ruff 999.0.0")
    calls = _spy(formatting, monkeypatch)
    formatting.postprocess(dict(FILES))
    assert calls == [{"pkg/__init__.py", "pkg/a.py", "doc/a.md"}]


def test_bundles_are_bounded(formatting: ModuleType, cache_dir: Path) -> None:
    for n in range(12):  # twelve APIs: each its own package name, so its own bundle
        formatting.postprocess({f"pkg{n}/m.py": f"x = {n}\n"})
    assert len(list((cache_dir / "format").glob("*.pack"))) <= 8


def test_off_means_no_bundle(
    formatting: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cache.ENV, "off")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    assert formatting.postprocess(dict(FILES))["pkg/a.py"] == "import os\n\nb = (os.sep, 1)\n"
    assert not (tmp_path / "home").exists()


def test_a_header_the_import_pass_cannot_read_goes_to_ruffs_fixes(formatting: ModuleType) -> None:
    files = {
        "pkg/alias.py": "import json as j\nimport os\n\nx = j\n",  # an alias: ruff's job
        "pkg/plain.py": "import sys\nimport os\n\nx = os.sep\n",  # the import pass's job
    }
    assert _uncached(formatting, files) == {
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
    alone = _uncached(formatting, files)
    monkeypatch.setattr(formatting, "_BATCHES", 4)
    monkeypatch.setattr(formatting, "_BATCH_FROM", 1)
    assert _uncached(formatting, files) == alone
    assert alone["pkg/m3.py"] == "import os\n\nx3 = (os.sep, 3)\n"


def test_ruff_failing_on_one_batch_fails_the_run(
    formatting: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = {f"pkg/m{n}.py": f"x{n} = {n}\n" for n in range(8)}
    files["pkg/m5.py"] = "def broken(:\n"
    monkeypatch.setattr(formatting, "_BATCH_FROM", 1)
    with pytest.raises(RuntimeError, match="ruff format failed"):
        _uncached(formatting, files)
