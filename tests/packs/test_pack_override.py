"""`--templates DIR` overrides single templates of a built-in pack: a folder named like the
pack, without a manifest, whose files win over the built-in files of the same name."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.specs import generate_python

from generator.cli import main

REPO_ROOT = Path(__file__).resolve().parents[2]
SPEC = REPO_ROOT / "spec" / "thingspace-m2m.yaml"
README = "# {{ api.title }}, with our own README\n\nControllers: {{ api.controllers | length }}\n"


def _generate(out: Path, *extra: str) -> int:
    return generate_python(SPEC, out, *extra)


def test_one_template_of_the_python_pack_is_overridden(tmp_path: Path) -> None:
    overrides = tmp_path / "overrides"
    (overrides / "python").mkdir(parents=True)
    (overrides / "python" / "README.md.jinja").write_text(README, "utf-8")

    assert _generate(tmp_path / "custom", "--templates", str(overrides)) == 0
    assert _generate(tmp_path / "plain") == 0

    custom, plain = tmp_path / "custom", tmp_path / "plain"
    assert (custom / "README.md").read_text("utf-8") == (
        "# ThingSpace M2M, with our own README\n\nControllers: 3\n"
    )
    assert (plain / "README.md").read_text("utf-8") != (custom / "README.md").read_text("utf-8")
    files = sorted(
        p.relative_to(plain).as_posix()
        for p in plain.rglob("*")
        if p.is_file() and p.name != ".generated-files.json"
    )
    assert "thingspace_m2m/client.py" in files
    for relative in files:
        if relative != "README.md":
            assert (custom / relative).read_bytes() == (plain / relative).read_bytes(), relative


def test_an_override_folder_is_not_a_pack(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    overrides = tmp_path / "overrides"
    (overrides / "python").mkdir(parents=True)
    (overrides / "python" / "README.md.jinja").write_text(README, "utf-8")
    assert main(["languages", "--templates", str(overrides)]) == 0
    out = capsys.readouterr().out
    python = [line for line in out.splitlines() if line.startswith("python\t")]
    assert len(python) == 1 and str(REPO_ROOT / "templates" / "python") in python[0]
