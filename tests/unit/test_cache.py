"""The generator cache: a validation verdict is reused only for the same bytes, never stale."""

from __future__ import annotations

import importlib
import json
import tempfile
from pathlib import Path

import pytest
from support.specs import EXAMPLE_WARNING, write_spec

from generator import cache
from generator import validate as validate_module
from generator.diagnostics import Diagnostic, Level
from generator.loader import load_document
from generator.packs import load_pack
from generator.validate import validate, validate_cached

SPEC = EXAMPLE_WARNING  # valid, with one warning: the verdict is not empty


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV, str(folder))
    return folder


def _spec(tmp_path: Path, **changes: object) -> Path:
    return write_spec(tmp_path / "spec.json", {**SPEC, **changes})


def _no_validation(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(document: object) -> list[Diagnostic]:
        raise AssertionError("validated again instead of reusing the verdict")

    monkeypatch.setattr(validate_module, "validate", fail)


def test_a_verdict_is_recorded_then_reused(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = load_document(_spec(tmp_path))
    first = validate_cached(document)
    assert first == validate(document)
    assert [d.level for d in first] == [Level.WARNING]  # the example contradicts its schema
    assert len(list((cache_dir / "validation").glob("*.json"))) == 1
    _no_validation(monkeypatch)
    assert validate_cached(load_document(_spec(tmp_path))) == first


def test_changed_bytes_are_validated_afresh(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    validate_cached(load_document(_spec(tmp_path)))
    changed = load_document(_spec(tmp_path, info={"title": "T", "version": "2"}))
    calls: list[object] = []
    real = validate_module.validate

    def counting(document: object) -> list[Diagnostic]:
        calls.append(document)
        return real(document)  # type: ignore[arg-type]

    monkeypatch.setattr(validate_module, "validate", counting)
    validate_cached(changed)
    assert len(calls) == 1


def test_a_corrupt_entry_is_a_miss(tmp_path: Path, cache_dir: Path) -> None:
    document = load_document(_spec(tmp_path))
    expected = validate_cached(document)
    (entry,) = (cache_dir / "validation").glob("*.json")
    entry.write_text("{not json", encoding="utf-8")
    assert validate_cached(document) == expected
    assert json.loads(entry.read_text(encoding="utf-8"))["diagnostics"]  # rewritten


def test_off_means_no_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.ENV, "off")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    document = load_document(_spec(tmp_path))
    assert validate_cached(document) == validate(document)
    assert cache.folder("validation") is None
    assert not (tmp_path / "home").exists()


def test_old_entries_are_pruned(tmp_path: Path) -> None:
    for index in range(5):
        (tmp_path / f"{index}.json").write_text("{}", encoding="utf-8")
    cache.prune(tmp_path, keep=2)
    assert len(list(tmp_path.glob("*.json"))) == 2


def test_memory_scratch_respects_tmpdir_and_changes_no_global(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    formatting = importlib.import_module(load_pack("python").prepare.__module__ + ".formatting")
    before = tempfile.tempdir
    monkeypatch.setenv("TMPDIR", "/somewhere/chosen")
    assert formatting._memory_folder(10) is None  # the user's choice: tempfile's default
    monkeypatch.delenv("TMPDIR")
    for name in ("TEMP", "TMP"):
        monkeypatch.delenv(name, raising=False)
    inside = formatting._memory_folder(10)
    assert tempfile.tempdir == before
    assert inside in (None, *formatting._MEMORY_FOLDERS)
