"""A new output folder is written beside its place and moved in only for a valid spec."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from support.specs import EXAMPLE_WARNING, generate_python, write_spec

from generator import cache
from generator.staging import stage
from generator.writer import MANIFEST, read_manifest, write

FILES = {"README.md": b"# hi\n", "pkg/__init__.py": b"", "pkg/models/a.py": b"A = 1\n"}

SPEC: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "Demo", "version": "1"},
    "paths": {"/a": {"get": {"operationId": "getA", "responses": {"200": {"description": "ok"}}}}},
}


@pytest.fixture(autouse=True)
def no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.ENV, "off")


def _siblings(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name != out.name)


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


@pytest.mark.parametrize("exists", [False, True])
def test_a_new_or_empty_folder_gets_what_write_would_give_it(tmp_path: Path, exists: bool) -> None:
    out = tmp_path / "parent" / "out"
    if exists:
        out.mkdir(parents=True)
    staged = stage(out, FILES)
    assert staged is not None
    assert not out.exists() or not any(out.iterdir())  # nothing in place before commit
    result = staged.commit()
    assert sorted(result.added) == sorted([*FILES, MANIFEST])
    by_write = tmp_path / "by-write"
    write(by_write, FILES)
    assert _tree(out) == _tree(by_write)
    assert read_manifest(out) == read_manifest(by_write)
    assert _siblings(out) == []


def test_a_folder_with_content_is_left_to_write(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "mine.txt").write_text("keep", "utf-8")
    assert stage(out, FILES) is None
    link = tmp_path / "link"
    link.symlink_to(tmp_path / "elsewhere")
    assert stage(link, FILES) is None


def test_discarding_leaves_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    staged = stage(out, FILES)
    assert staged is not None
    staged.discard()
    assert list(tmp_path.iterdir()) == []
    staged.discard()  # twice is harmless


def test_a_folder_made_meanwhile_falls_back_to_write(tmp_path: Path) -> None:
    out = tmp_path / "out"
    staged = stage(out, FILES)
    assert staged is not None
    out.mkdir()
    (out / "mine.txt").write_text("keep", "utf-8")
    result = staged.commit()
    assert sorted(result.added) == sorted([*FILES, MANIFEST])
    assert (out / "mine.txt").read_text("utf-8") == "keep"
    assert (out / "pkg" / "models" / "a.py").read_bytes() == b"A = 1\n"
    assert _siblings(out) == []


def test_generate_into_a_new_folder_then_regenerate(tmp_path: Path) -> None:
    spec = write_spec(tmp_path / "spec.json", SPEC)
    out = tmp_path / "out" / "client"
    assert generate_python(spec, out) == 0
    assert (out / MANIFEST).exists()
    assert _siblings(out) == []
    first = _tree(out)
    assert generate_python(spec, out) == 0  # now the file-by-file path: nothing changes
    assert _tree(out) == first


@pytest.mark.parametrize(
    "spec, extra",
    [
        # openapi-spec-validator finds this while the parent has long built and rendered
        ({**SPEC, "info": {"title": "Demo"}}, ()),
        # valid, but a warning under --strict (the example contradicts its schema)
        (
            EXAMPLE_WARNING,
            ("--strict",),
        ),
    ],
)
def test_a_spec_found_invalid_after_staging_writes_nothing(
    tmp_path: Path, spec: dict[str, Any], extra: tuple[str, ...]
) -> None:
    path = write_spec(tmp_path / "spec" / "spec.json", spec)
    out = tmp_path / "out"
    assert generate_python(path, out, *extra) == 2
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [tmp_path / "spec"]


def test_check_mode_stages_nothing(tmp_path: Path) -> None:
    spec = write_spec(tmp_path / "spec" / "spec.json", SPEC)
    out = tmp_path / "out"
    assert generate_python(spec, out, "--check") == 1
    assert list(tmp_path.iterdir()) == [tmp_path / "spec"]


def test_a_folder_that_cannot_be_staged_beside_is_left_to_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """E.g. an empty output folder in a parent this user may not write to."""
    out = tmp_path / "out"
    out.mkdir()
    real_mkdir = Path.mkdir

    def refuse_siblings(self: Path, *args: Any, **kwargs: Any) -> None:
        if self.name.startswith(".out.generating-"):
            raise PermissionError(13, "Permission denied", str(self))
        real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", refuse_siblings)
    assert stage(out, FILES) is None
    assert _siblings(out) == []


def test_two_writer_threads_write_every_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator import staging

    monkeypatch.setattr(staging, "_THREAD_FROM", 1)
    files = {f"pkg/m{n}.py": f"X = {n}\n".encode() * n for n in range(40)}
    staged = stage(tmp_path / "out", files)
    assert staged is not None
    staged.commit()
    by_write = tmp_path / "by-write"
    write(by_write, files)
    assert _tree(tmp_path / "out") == _tree(by_write)


def test_a_write_failing_in_the_helper_thread_fails_staging(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An error in either thread surfaces in the caller, and nothing is left staged."""
    from generator import staging

    monkeypatch.setattr(staging, "_THREAD_FROM", 1)
    files = {"a.py": b"", "b.py": b"", "c.py": b"", "d.py": b""}
    real_open = staging.os.open

    def refuse_d(path: str, *args: int, **kwargs: int) -> int:
        if str(path).endswith("d.py"):  # every other file from the second: the helper's
            raise OSError(28, "No space left on device")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(staging.os, "open", refuse_d)
    out = tmp_path / "out"
    with pytest.raises(OSError, match="No space"):
        stage(out, files)
    assert not out.exists() and _siblings(out) == []
