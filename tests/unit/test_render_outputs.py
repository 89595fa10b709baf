"""What `render` makes of a pack's outputs: safe paths, one writer per path, a finish step
then a postprocess step, and a pack's own failures reported as the pack's."""

from __future__ import annotations

import dataclasses
import io
from contextlib import redirect_stderr
from pathlib import Path

import jinja2
import pytest

from generator.build import build_api
from generator.config import load_config
from generator.diagnostics import SpecError
from generator.ir import Api
from generator.loader import load_document
from generator.packs import Pack, PackError, load_pack
from generator.render import render, safe_path

REPO = Path(__file__).resolve().parents[2]
M2M = REPO / "spec" / "thingspace-m2m.yaml"


@pytest.fixture(scope="module")
def api() -> Api:
    document = load_document(M2M)
    with redirect_stderr(io.StringIO()):
        built, _ = build_api(document, load_config(document.path, None))
    return built


def _pack(tmp_path: Path, manifest: str, templates: dict[str, str], code: str = "") -> Pack:
    home = tmp_path / "packs" / "tiny"
    for name, text in {"manifest.yaml": manifest, **templates}.items():
        (home / name).parent.mkdir(parents=True, exist_ok=True)
        (home / name).write_text(text, "utf-8")
    if code:
        (home / "pack.py").write_text(code, "utf-8")
    return load_pack("tiny", [tmp_path / "packs"])


@pytest.mark.parametrize("path", ["a.py", "pkg/models/a.py", "pkg//a.py", "./a.py", "a/b:c.md"])
def test_paths_inside_the_output_pass(path: str) -> None:
    assert safe_path(path) == path.replace("//", "/").removeprefix("./")


@pytest.mark.parametrize(
    "path",
    [
        "",
        ".",
        "..",
        "../a.py",
        "a/../../b.py",
        "/etc/x",
        "C:/x.py",
        "C:x.py",
        "c:\\x",
        "\\\\h\\s\\x",
    ],
)
def test_paths_outside_the_output_or_on_a_drive_are_refused(path: str) -> None:
    """The same on every platform: a drive letter is refused on Linux too."""
    with pytest.raises(SpecError, match="outside the output folder"):
        safe_path(path)


def test_two_outputs_of_one_path_are_refused_static_files_too(tmp_path: Path, api: Api) -> None:
    (tmp_path / "packs" / "tiny" / "static").mkdir(parents=True)
    (tmp_path / "packs" / "tiny" / "static" / "a.txt").write_text("static", "utf-8")
    pack = _pack(
        tmp_path,
        "name: tiny\noutputs:\n  - {template: a.jinja, path: a.txt, each: once}\n"
        "static:\n  - {from: static, to: .}\n",
        {"a.jinja": "template"},
    )
    with pytest.raises(SpecError, match="two outputs of pack 'tiny' write a.txt"):
        render(api, pack, M2M.name)


def test_postprocess_sees_the_finished_output_and_its_failure_is_the_pack_s(
    tmp_path: Path, api: Api
) -> None:
    pack = _pack(
        tmp_path,
        "name: tiny\nheader: ''\noutputs:\n  - {template: a.jinja, path: a.txt, each: once}\n",
        {"a.jinja": "{{ api.title }}"},
        "def finish(files):\n    return {p: t.upper() for p, t in files.items()}\n\n\n"
        "def postprocess(files):\n"
        "    return {**files, 'all.txt': ','.join(sorted(files.values()))}\n",
    )
    files = render(api, pack, M2M.name)
    assert files["a.txt"] == api.title.upper().encode()
    assert files["all.txt"] == api.title.upper().encode()
    failing = dataclasses.replace(pack, postprocess=lambda files: 1 / 0)
    with pytest.raises(PackError, match="could not finish its output: division by zero"):
        render(api, failing, M2M.name)


def test_a_missing_once_template_is_reported(tmp_path: Path, api: Api) -> None:
    """Templates used once are compiled when rendered: a missing one still stops the run."""
    pack = _pack(
        tmp_path, "name: tiny\noutputs:\n  - {template: gone.jinja, path: a.txt, each: once}\n", {}
    )
    with pytest.raises(jinja2.TemplateNotFound, match="gone.jinja"):
        render(api, pack, M2M.name)
