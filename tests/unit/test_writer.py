"""The write stage: only changed bytes are written; only files the generator made are touched."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from generator.writer import (
    MANIFEST,
    HandEditError,
    OutsideOutputError,
    Plan,
    diff,
    manifest_bytes,
    plan,
    read_manifest,
    sha256,
    write,
)

FILES: dict[str, bytes] = {
    "pkg/__init__.py": b"from .a import A\n",
    "pkg/a.py": b"class A: ...\n",
    "pkg/sub/deep/b.py": b"B = 1\n",
    "README.md": b"# readme\n",
}


def _snapshot(root: Path) -> dict[str, tuple[int, int, bytes]]:
    """relative path -> (inode, mtime_ns, bytes) of every file below `root`."""
    found: dict[str, tuple[int, int, bytes]] = {}
    for path in sorted(root.rglob("*")):
        if path.is_file():
            stat = path.stat()
            found[path.relative_to(root).as_posix()] = (
                stat.st_ino,
                stat.st_mtime_ns,
                path.read_bytes(),
            )
    return found


def _tree(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*")}


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    write(folder, FILES)
    return folder


def test_first_write_creates_files_and_manifest(tmp_path: Path) -> None:
    folder = tmp_path / "out" / "nested"
    result = write(folder, FILES)
    assert sorted(result.added) == sorted([*FILES, MANIFEST])
    assert (result.changed, result.removed, result.unchanged) == ([], [], 0)
    for path, data in FILES.items():
        assert (folder / path).read_bytes() == data
    assert read_manifest(folder) == {path: sha256(data) for path, data in FILES.items()}
    assert (folder / MANIFEST).read_bytes() == manifest_bytes(FILES)
    assert not [p for p in folder.rglob(".tmp-*")], "no temporary files left behind"


def test_manifest_is_deterministic() -> None:
    shuffled = dict(reversed(list(FILES.items())))
    assert manifest_bytes(shuffled) == manifest_bytes(FILES)
    assert json.loads(manifest_bytes(FILES))["files"]["pkg/a.py"] == sha256(FILES["pkg/a.py"])


def test_identical_second_write_rewrites_nothing(out: Path) -> None:
    before = _snapshot(out)
    result = write(out, FILES)
    assert (result.added, result.changed, result.removed) == ([], [], [])
    assert result.unchanged == len(FILES) + 1  # the manifest too
    assert not result.drift
    assert _snapshot(out) == before  # same inodes, same mtimes, same bytes


def test_only_a_changed_file_is_rewritten(out: Path) -> None:
    before = _snapshot(out)
    changed = {**FILES, "pkg/a.py": b"class A:\n    pass\n"}
    result = write(out, changed)
    assert result.changed == [MANIFEST, "pkg/a.py"]
    assert result.unchanged == len(FILES) - 1
    assert (out / "pkg/a.py").read_bytes() == changed["pkg/a.py"]
    after = _snapshot(out)
    for path in FILES:
        if path != "pkg/a.py":
            assert after[path] == before[path], path
    assert after["pkg/a.py"] != before["pkg/a.py"]
    assert read_manifest(out)["pkg/a.py"] == sha256(changed["pkg/a.py"])


def test_a_file_no_longer_generated_is_removed_and_empty_folders_pruned(out: Path) -> None:
    fewer = {k: v for k, v in FILES.items() if k != "pkg/sub/deep/b.py"}
    result = write(out, fewer)
    assert result.removed == ["pkg/sub/deep/b.py"]
    assert not (out / "pkg" / "sub").exists()
    assert (out / "pkg" / "a.py").exists()
    assert "pkg/sub/deep/b.py" not in read_manifest(out)


def test_files_not_in_the_manifest_are_never_touched(out: Path) -> None:
    (out / "pkg" / "sub" / "deep" / "mine.py").write_bytes(b"# my own\n")
    (out / "NOTES.txt").write_bytes(b"notes\n")
    (out / "pkg" / "a.py.orig").write_bytes(b"backup\n")
    mine = {
        p: s for p, s in _snapshot(out).items() if p.endswith(("mine.py", "NOTES.txt", ".orig"))
    }
    result = write(out, {"README.md": FILES["README.md"]})
    assert sorted(result.removed) == sorted(p for p in FILES if p != "README.md")
    after = _snapshot(out)
    for path, state in mine.items():
        assert after[path] == state
    # The folder holding a user's file is kept although its generated file left.
    assert (out / "pkg" / "sub" / "deep").is_dir()


def test_a_hand_edit_stops_the_write_before_anything_is_written(out: Path) -> None:
    (out / "pkg" / "a.py").write_bytes(b"class A: ...  # tweaked\n")
    before = _snapshot(out)
    changed = {**FILES, "pkg/a.py": b"class A: pass\n", "pkg/new.py": b"N = 1\n"}
    with pytest.raises(HandEditError) as caught:
        write(out, changed)
    assert caught.value.paths == ["pkg/a.py"]
    assert "pkg/a.py" in str(caught.value)
    assert "--force" in str(caught.value)
    assert _snapshot(out) == before  # nothing at all was written
    assert not (out / "pkg" / "new.py").exists()


def test_a_hand_edit_to_a_file_about_to_be_removed_also_stops_the_write(out: Path) -> None:
    (out / "README.md").write_bytes(b"# my notes\n")
    before = _snapshot(out)
    with pytest.raises(HandEditError) as caught:
        write(out, {k: v for k, v in FILES.items() if k != "README.md"})
    assert caught.value.paths == ["README.md"]
    assert _snapshot(out) == before


def test_force_overwrites_hand_edits(out: Path) -> None:
    (out / "pkg" / "a.py").write_bytes(b"edited\n")
    result = write(out, FILES, force=True)
    assert result.edited_by_hand == ["pkg/a.py"]
    assert (out / "pkg" / "a.py").read_bytes() == FILES["pkg/a.py"]


def test_a_hand_edit_that_matches_the_new_output_is_fine(out: Path) -> None:
    new = {**FILES, "pkg/a.py": b"class A: pass\n"}
    (out / "pkg" / "a.py").write_bytes(new["pkg/a.py"])
    result = write(out, new)
    assert result.edited_by_hand == []
    assert "pkg/a.py" not in result.changed


def test_a_deleted_generated_file_is_recreated(out: Path) -> None:
    (out / "pkg" / "a.py").unlink()
    result = write(out, FILES)
    assert result.added == ["pkg/a.py"]
    assert (out / "pkg" / "a.py").read_bytes() == FILES["pkg/a.py"]


def test_plan_reports_drift_and_writes_nothing(out: Path) -> None:
    before = _snapshot(out)
    assert not plan(out, FILES).drift
    wanted = {k: v for k, v in FILES.items() if k != "README.md"}
    wanted["pkg/a.py"] = b"class A: pass\n"
    wanted["pkg/c.py"] = b"C = 3\n"
    result = plan(out, wanted)
    assert result.drift
    assert result.added == ["pkg/c.py"]
    assert result.changed == [MANIFEST, "pkg/a.py"]
    assert result.removed == ["README.md"]
    report = result.report()
    assert "new      pkg/c.py" in report
    assert "changed  pkg/a.py" in report
    assert "removed  README.md" in report
    assert "+class A: pass" in diff(out, wanted, result)
    assert _snapshot(out) == before


def test_plan_of_an_empty_folder_adds_everything(tmp_path: Path) -> None:
    result = plan(tmp_path / "absent", FILES)
    assert result.drift and sorted(result.added) == sorted([*FILES, MANIFEST])
    assert not (tmp_path / "absent").exists()


def test_a_corrupt_manifest_reads_as_empty(out: Path) -> None:
    (out / MANIFEST).write_text("{not json", "utf-8")
    assert read_manifest(out) == {}
    assert Plan().drift is False


def test_written_files_are_readable_by_everyone(out: Path) -> None:
    assert (out / "pkg" / "a.py").stat().st_mode & 0o777 == 0o644


def test_a_user_file_at_a_newly_generated_path_is_not_overwritten(out: Path) -> None:
    (out / "pkg" / "extra.py").write_bytes(b"# mine, not generated\n")
    with pytest.raises(HandEditError):
        write(out, {**FILES, "pkg/extra.py": b"GENERATED = 1\n"})
    assert (out / "pkg" / "extra.py").read_bytes() == b"# mine, not generated\n"


def test_a_manifest_entry_outside_the_folder_is_never_deleted(out: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"precious\n")
    manifest = json.loads((out / MANIFEST).read_text("utf-8"))
    manifest["files"]["../victim.txt"] = sha256(victim.read_bytes())
    (out / MANIFEST).write_text(json.dumps(manifest), "utf-8")
    try:
        write(out, FILES)
    except (HandEditError, ValueError, OSError):
        pass  # refusing is fine too; deleting is not
    assert victim.exists()


def test_mtime_is_not_bumped_by_a_no_op_write(out: Path) -> None:
    old = 1_000_000_000
    os.utime(out / "pkg" / "a.py", ns=(old, old))
    write(out, FILES)
    assert (out / "pkg" / "a.py").stat().st_mtime_ns == old


def test_a_file_that_is_a_symlink_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    """Folders are resolved once each; the file itself may still be a link leading out."""
    outside = tmp_path / "outside.txt"
    outside.write_text("mine", "utf-8")
    out = tmp_path / "out"
    (out / "pkg").mkdir(parents=True)
    (out / "pkg" / "a.py").symlink_to(outside)
    with pytest.raises(OutsideOutputError):
        write(out, {"pkg/a.py": b"generated", "pkg/b.py": b"generated"}, force=True)
    assert outside.read_text("utf-8") == "mine"
    assert not (out / "pkg" / "b.py").exists()  # refused before anything was written
