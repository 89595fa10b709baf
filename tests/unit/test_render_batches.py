"""Rendered files reach a pack's `postprocess_batches` batch by batch, as they are made.

The Python pack formats each batch with ruff in another process while the next one
is rendered. These tests pin that this changes no byte, that the batches really come
one by one while rendering goes on, and that a failure is reported as the template's
or as the pack's, whichever it is.
"""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Iterator, Sequence
from contextlib import redirect_stderr
from pathlib import Path
from typing import Any

import jinja2
import pytest

from generator import render as render_module
from generator.build import build_api
from generator.config import load_config
from generator.ir import Api
from generator.loader import load_document
from generator.packs import PackError, load_pack
from generator.render import render

REPO = Path(__file__).resolve().parents[2]
M2M = REPO / "spec" / "thingspace-m2m.yaml"


@pytest.fixture(scope="module")
def api() -> Api:
    document = load_document(M2M)
    with redirect_stderr(io.StringIO()):
        built, _ = build_api(document, load_config(document.path, None))
    return built


def test_batches_give_the_bytes_one_postprocess_call_gives(api: Api) -> None:
    pack = load_pack("python")
    whole = dataclasses.replace(pack, postprocess_batches=None)
    assert render(api, pack, M2M.name) == render(api, whole, M2M.name)


def test_batches_arrive_while_rendering_goes_on(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    rendered = 0
    real = jinja2.Template.render

    def counting(self: jinja2.Template, *args: Any, **kwargs: Any) -> str:
        nonlocal rendered
        rendered += 1
        return real(self, *args, **kwargs)

    monkeypatch.setattr(jinja2.Template, "render", counting)
    seen: list[tuple[int, int]] = []  # (templates rendered so far, files in the batch)
    announced: list[str] = []

    def postprocess_batches(paths: Sequence[str], batches: Iterator[dict[str, str]]) -> Any:
        announced.extend(paths)
        files: dict[str, str] = {}
        for batch in batches:
            seen.append((rendered, len(batch)))
            files.update(batch)
        return files

    monkeypatch.setattr(render_module, "_MIN_BATCH", 1)  # the small spec in several batches
    pack = dataclasses.replace(load_pack("python"), postprocess_batches=postprocess_batches)
    files = render(api, pack, M2M.name)
    assert len(seen) == render_module._BATCHES + 1  # the rendered batches, then static files
    counts = [count for count, _ in seen]
    assert counts == sorted(counts) and counts[0] < counts[-2]  # handed over as they come
    assert sorted(announced) == sorted(files)


def test_a_template_failing_mid_way_is_the_template_s_error(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = 0
    real = jinja2.Template.render

    def failing_later(self: jinja2.Template, *args: Any, **kwargs: Any) -> str:
        nonlocal calls
        calls += 1
        if calls == 40:
            raise jinja2.TemplateRuntimeError("the 40th template failed")
        return real(self, *args, **kwargs)

    pack = load_pack("python")
    render(api, pack, M2M.name)  # compiled, so that only rendering calls are counted
    monkeypatch.setattr(jinja2.Template, "render", failing_later)
    with pytest.raises(jinja2.TemplateRuntimeError, match="40th"):
        render(api, pack, M2M.name)


def test_a_pack_failing_on_a_batch_is_the_pack_s_error(api: Api) -> None:
    def postprocess_batches(paths: Sequence[str], batches: Iterator[dict[str, str]]) -> Any:
        next(batches)
        raise RuntimeError("the formatter broke")

    pack = dataclasses.replace(load_pack("python"), postprocess_batches=postprocess_batches)
    with pytest.raises(PackError, match="could not finish its output: the formatter broke"):
        render(api, pack, M2M.name)


def test_with_a_second_worker_the_pack_gets_one_batch(api: Api) -> None:
    """Forked rendering (the verdict known, as in a warm run) hands everything over at once."""
    batches_seen: list[int] = []

    def postprocess_batches(paths: Sequence[str], batches: Iterator[dict[str, str]]) -> Any:
        files = [batch for batch in batches]
        batches_seen.append(len(files))
        return {path: text for batch in files for path, text in batch.items()}

    pack = dataclasses.replace(load_pack("python"), postprocess_batches=postprocess_batches)
    render(api, pack, M2M.name, workers=2)
    assert batches_seen == [1]
