"""A pack's finish step: run on the files each render process made, cached across runs.

The cache must never hand back a stale result: a file is finished again when its
text, its path or the pack's `finish_key()` changed, and a damaged bundle is a miss.
"""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Callable
from contextlib import redirect_stderr
from pathlib import Path
from typing import Any

import pytest

from generator import cache, forking
from generator import render as render_module
from generator.build import build_api
from generator.config import load_config
from generator.finishing import Finisher
from generator.loader import load_document
from generator.packs import Pack, PackError, load_pack
from generator.render import render

REPO = Path(__file__).resolve().parents[2]
M2M = REPO / "spec" / "thingspace-m2m.yaml"
FILES = {
    "pkg/a.py": "a = ( 1 )\n",
    "pkg/b.py": "b = 2\n",
    "README.md": "# Read me\n",
}


def _shout(files: dict[str, str]) -> dict[str, str]:
    """A finish step that changes .py files and leaves the rest as they are."""
    return {path: text.upper() if path.endswith(".py") else text for path, text in files.items()}


def _pack(
    finish: Callable[[dict[str, str]], dict[str, str]] = _shout, key: str = "v1"
) -> tuple[Pack, list[set[str]]]:
    """The Python pack with `finish` in place of its own; and the paths of each call."""
    calls: list[set[str]] = []

    def spy(files: dict[str, str]) -> dict[str, str]:
        calls.append(set(files))
        return finish(files)

    pack = dataclasses.replace(load_pack("python"), finish=spy, finish_key=lambda: key)
    return pack, calls


def _finish(pack: Pack, files: dict[str, str]) -> dict[str, str]:
    """What `render` does with rendered `files`: finish them and record the results."""
    finisher = Finisher(pack, files)
    finished = finisher(files)
    finisher.record(finished)
    return {path: done.data.decode() for path, done in zip(files, finished, strict=True)}


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV, str(folder))
    return folder


def test_a_second_run_takes_finished_files_from_the_cache(cache_dir: Path) -> None:
    pack, calls = _pack()
    expected = _shout(FILES)
    assert _finish(pack, FILES) == expected
    assert calls == [set(FILES)]
    assert len(list((cache_dir / "finish").glob("*.pack"))) == 1
    assert _finish(pack, FILES) == expected
    assert calls == [set(FILES)]  # no second call


def test_only_changed_files_are_finished_again(cache_dir: Path) -> None:
    pack, calls = _pack()
    _finish(pack, FILES)
    changed = {**FILES, "pkg/b.py": "b = 3\n"}
    assert _finish(pack, changed) == _shout(changed)
    assert calls[1] == {"pkg/b.py"}


def test_the_same_text_at_another_path_is_finished_again(cache_dir: Path) -> None:
    pack, calls = _pack()
    _finish(pack, FILES)
    moved = {"pkg/c.py" if p == "pkg/a.py" else p: t for p, t in FILES.items()}
    assert _finish(pack, moved) == _shout(moved)
    assert calls[1] == {"pkg/c.py"}


def test_another_finish_key_misses(cache_dir: Path) -> None:
    first, _ = _pack(key="ruff 1")
    _finish(first, FILES)
    second, calls = _pack(key="ruff 2")
    assert _finish(second, FILES) == _shout(FILES)
    assert calls == [set(FILES)]


def test_a_damaged_bundle_is_a_miss(cache_dir: Path) -> None:
    pack, calls = _pack()
    expected = _finish(pack, FILES)
    (bundle,) = (cache_dir / "finish").glob("*.pack")
    good = bundle.read_bytes()
    for damaged in (good[:-5], b"", b"not a bundle", good.replace(b'",', b'"', 1)):
        bundle.write_bytes(damaged)
        calls.clear()
        assert _finish(pack, FILES) == expected
        assert calls == [set(FILES)]


def test_bundles_are_bounded(cache_dir: Path) -> None:
    pack, _ = _pack()
    for n in range(12):  # twelve APIs: each its own package name, so its own bundle
        _finish(pack, {f"pkg{n}/m.py": f"x = {n}\n"})
    assert len(list((cache_dir / "finish").glob("*.pack"))) <= 8


def test_off_means_no_bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.ENV, "off")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    pack, calls = _pack()
    assert _finish(pack, FILES) == _shout(FILES)
    assert _finish(pack, FILES) == _shout(FILES)
    assert len(calls) == 2
    assert not (tmp_path / "home").exists()


def test_without_a_key_nothing_is_cached(cache_dir: Path) -> None:
    pack, calls = _pack()
    pack = dataclasses.replace(pack, finish_key=None)
    _finish(pack, FILES)
    _finish(pack, FILES)
    assert len(calls) == 2
    assert not list(cache_dir.glob("finish/*.pack"))


@pytest.mark.parametrize(
    ("finish", "message"),
    [
        (lambda files: {}, "finish must return each file"),
        (lambda files: 1 / 0, "could not finish its output: division by zero"),
    ],
)
def test_a_failing_finish_is_the_pack_s_error(
    cache_dir: Path, finish: Callable[[dict[str, str]], dict[str, str]], message: str
) -> None:
    pack, _ = _pack(finish)
    with pytest.raises(PackError, match=message):
        _finish(pack, FILES)
    assert not list(cache_dir.glob("finish/*.pack"))


def test_two_render_workers_record_every_file(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each process finishes its own files; the cache gets them all, in one bundle."""
    monkeypatch.setattr(render_module, "_FORK_FROM", 1)
    monkeypatch.setattr(forking, "may_fork", lambda: True)
    document = load_document(M2M)
    with redirect_stderr(io.StringIO()):
        api, _ = build_api(document, load_config(document.path, None))
    pack, calls = _pack()
    forked = render(api, pack, M2M.name, free_core=lambda: True)
    assert len(calls) == 1  # this process's half; the child's calls were counted in the child
    calls.clear()
    assert render(api, pack, M2M.name) == forked
    assert calls == []  # every file, both halves', came from the cache
    monkeypatch.setenv(cache.ENV, "off")
    assert render(api, pack, M2M.name) == forked
    assert len(calls) == 1
    assert all(forked[p].isupper() for p in forked if p.endswith(".py"))


def test_a_failing_finish_key_is_the_pack_s_error_and_unasked_without_a_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_formatter() -> str:
        raise FileNotFoundError("ruff")

    pack = dataclasses.replace(_pack()[0], finish_key=no_formatter)
    monkeypatch.setenv(cache.ENV, str(tmp_path / "cache"))
    with pytest.raises(PackError, match="could not name its finish step: ruff"):
        _finish(pack, FILES)
    monkeypatch.setenv(cache.ENV, "off")
    assert _finish(pack, FILES) == _shout(FILES)  # no cache: the key is never asked for


def test_a_finish_returning_other_than_text_is_the_pack_s_error(cache_dir: Path) -> None:
    def as_bytes(files: dict[str, str]) -> Any:
        return {path: text.encode() for path, text in files.items()}

    pack, _ = _pack(as_bytes)
    with pytest.raises(PackError, match="as text"):
        _finish(pack, FILES)


def test_the_old_format_cache_is_removed(cache_dir: Path) -> None:
    legacy = cache_dir / "format"
    legacy.mkdir(parents=True)
    (legacy / "old.pack").write_bytes(b"x" * 100)
    _finish(_pack()[0], FILES)
    assert not legacy.exists()
    assert (cache_dir / "finish").is_dir()


def test_a_pack_of_the_same_name_elsewhere_has_bundles_of_its_own(
    cache_dir: Path, tmp_path: Path
) -> None:
    pack, calls = _pack()
    _finish(pack, FILES)
    elsewhere = dataclasses.replace(pack, folders=(tmp_path / "python",))
    _finish(elsewhere, FILES)
    assert len(calls) == 2
    assert len(list((cache_dir / "finish").glob("*.pack"))) == 2
