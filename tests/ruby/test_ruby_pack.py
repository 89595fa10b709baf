"""The Ruby pack's filters and output: safe literals and comments, names, determinism.

Every spec string reaches Ruby through `literal`, `comment`, `comments` or `tagged`; real
Ruby reads each literal back and must get the very string, and no comment may end its line
early. Generating twice gives the same bytes, and every generated .rb file passes `ruby -wc`.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from ruby_run import REPO_ROOT

from generator.build import build_api
from generator.config import load_config
from generator.ir import Name
from generator.loader import load_document
from generator.packs import load_pack
from generator.render import render

PACK = load_pack("ruby")
FILTERS = PACK.filters
literal: Callable[[Any], str] = FILTERS["literal"]
comment: Callable[[str], str] = FILTERS["comment"]
comments: Callable[..., str] = FILTERS["comments"]
snake: Callable[[Name], str] = FILTERS["snake"]
pascal: Callable[[Name], str] = FILTERS["pascal"]

NASTY = [
    "",
    "plain",
    "it's",
    "back\\slash",
    "ends with a backslash\\",
    "\\'",
    '"double"',
    "#{`touch PWNED`}",
    "#@ivar #$global",
    "%q(x) %w[a]",
    "line\nbreak\r\nand\rreturn",
    "\x00\x07\x08\x0b\x0c\x1b[31m\x7f",
    "tab\there",
    "\u2028\u2029\x85",
    "naïve café 日本語 🎉",
    "__END__\n=begin\nx\n=end",
    "{{ 7*7 }} {% if x %}",
]
VALUES: list[Any] = [
    None,
    True,
    False,
    0,
    -17,
    2**70,
    1.5,
    -0.0,
    1e300,
    *NASTY,
    [],
    {},
    [1, "two", None, [True, {"k": "v"}]],
    {"a": {"b": [{"c": "'"}, "\\"]}, "": None, "x\ny": [1.25], "#{k}": "#{v}"},
]


def test_literals_read_back_in_ruby(ruby: str) -> None:
    source = "require 'json'\nputs JSON.generate([\n" + ",\n".join(map(literal, VALUES)) + "\n])\n"
    done = subprocess.run(
        [ruby, "-w", "-e", source], capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert json.loads(done.stdout) == json.loads(json.dumps(VALUES))


@pytest.mark.parametrize("text", NASTY)
def test_comments_stay_comments(ruby: str, text: str) -> None:
    source = f"# {comment(text)}\n  {comments(text, 2)}\nputs :ok\n"
    assert "\n" not in comment(text)
    done = subprocess.run(
        [ruby, "-w", "-e", source], capture_output=True, text=True, check=False, timeout=60
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "ok\n", "")


@pytest.mark.parametrize(
    ("original", "words", "method", "klass"),
    [
        ("assignLicenseToDevices", ("assign", "License", "To", "Devices"), None, None),
        ("SIM-Secure for IoT Licenses", ("SIM", "Secure", "for", "IoT", "Licenses"), None, None),
        ("class", ("class",), "class_", "Class"),
        ("end", ("end",), "end_", "End"),
        ("hash", ("hash",), "hash_", "Hash"),
        ("to_hash", ("to", "hash"), "to_hash_", "ToHash"),
        ("3d", ("3d",), "n_3d", "N3d"),
        ("café", ("café",), "cafue9", "Cafue9"),
    ],
)
def test_names(
    original: str, words: tuple[str, ...], method: str | None, klass: str | None
) -> None:
    name = Name(original, words)
    spelled, cls = snake(name), pascal(name)
    assert spelled.isascii() and spelled.replace("_", "a").isalnum()
    assert cls[0].isupper() and cls.isascii()
    if method is not None:
        assert (spelled, cls) == (method, klass)


def _render() -> dict[str, bytes]:
    spec = REPO_ROOT / "spec" / "thingspace-m2m.yaml"
    api = build_api(load_document(spec), load_config(spec))[0]
    return render(api, load_pack("ruby"), spec.name)


def test_generation_is_deterministic() -> None:
    assert _render() == _render()


def test_generated_ruby_parses_without_warnings(ruby: str, tmp_path: Path) -> None:
    files = {path: data for path, data in _render().items() if path.endswith((".rb", ".gemspec"))}
    assert len(files) > 20
    for path, data in files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(data)
    # `ruby -c` checks one file only: compile each of them in one process instead.
    compile_all = "ARGV.each { |f| RubyVM::InstructionSequence.compile_file(f) }"
    done = subprocess.run(
        [ruby, "-w", "-e", compile_all, *sorted(files)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stderr == ""


def test_the_gemspec_loads(ruby: str) -> None:
    script = (
        "spec = Gem::Specification.load('thingspace_m2m.gemspec'); "
        "puts [spec.name, spec.version, spec.required_ruby_version, spec.files.include?("
        "'lib/thingspace_m2m.rb'), spec.dependencies.length].join(' ')"
    )
    done = subprocess.run(
        [ruby, "-e", script],
        cwd=REPO_ROOT / "generated" / "ruby",
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.stdout.strip() == "thingspace_m2m 1.0.0 >= 3.0 true 0", done.stderr
