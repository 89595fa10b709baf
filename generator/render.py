"""IR + pack -> file contents in memory (the `render` stage).

Nothing is written here. Each template gets an explicit context (`api`, the
item it renders, `spec_name`); output paths are rendered from the manifest,
then checked to stay inside the output folder.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

import jinja2

from . import cache, forking
from .diagnostics import Diagnostic, Level, SpecError
from .ir import Api
from .packs import Pack, PackError


def _fail(message: str) -> NoReturn:
    """A template's way of saying "this branch cannot happen"."""
    raise jinja2.TemplateRuntimeError(message)


def environment(pack: Pack) -> jinja2.Environment:
    # Compiled templates are reused across runs (Jinja keys them on the source's checksum).
    bytecode = cache.folder("jinja")
    if bytecode is not None:
        cache.prune(bytecode, ".cache", keep=4 * cache.MAX_ENTRIES)  # e.g. many --templates
    env = jinja2.Environment(
        bytecode_cache=jinja2.FileSystemBytecodeCache(str(bytecode)) if bytecode else None,
        loader=jinja2.FileSystemLoader([str(f) for f in pack.folders]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
        auto_reload=False,
        # Jinja's constant-folding pass costs a quarter of compiling the templates (30 ms
        # of a cold run) and saves no measurable rendering time on these templates.
        optimized=False,
    )
    env.filters.update(pack.filters)
    env.tests.update(pack.tests)
    env.globals.update(pack.globals)
    env.globals["fail"] = _fail
    return env


def render(
    api: Api, pack: Pack, spec_name: str, *, free_core: Callable[[], bool] = lambda: False
) -> dict[str, bytes]:
    """Every file the pack makes for `api`: relative POSIX path -> bytes.

    `free_core()` is asked as rendering goes; once it says a second core is free,
    a forked process renders half of the templates left (see `_render_all`).
    """
    env = environment(pack)
    if pack.prepare is not None:
        pack.prepare(api)
    # The spec's file name lands in comment lines and docs: fold it to one printable line.
    spec_name = " ".join("".join(c if c.isprintable() else " " for c in spec_name).split())
    base = {"api": api, "spec_name": spec_name}
    items: dict[str, tuple[tuple[str, Any], ...]] = {
        "once": (("api", api),),
        "controller": tuple(("controller", c) for c in api.controllers),
        "model": tuple(("model", m) for m in api.models),
        "enum": tuple(("enum", e) for e in api.enums),
        "error": tuple(("error", e) for e in api.errors),
        "scheme": tuple(("scheme", s) for s in api.security_schemes),
    }
    jobs: list[_Job] = []
    paths: set[str] = set()
    for rule in pack.outputs:
        template = env.get_template(rule.template)
        path_template = env.from_string(rule.path)
        for key, item in items[rule.each]:
            context = {**base, key: item}
            path = safe_path(path_template.render(context))
            if path in paths:
                raise SpecError(
                    [Diagnostic(Level.ERROR, "", f"two outputs of pack {pack.name!r} write {path}")]
                )
            paths.add(path)
            jobs.append((path, template, context, rule.header))
    header = pack.header.format(spec=spec_name)
    texts: dict[str, str] = {}
    for (path, _, _, with_header), body in zip(jobs, _render_all(jobs, free_core), strict=True):
        texts[path] = (header + "\n" + body) if with_header and header and body else body
    for source, destination in pack.static:
        prefix = env.from_string(destination).render(base)
        for file in sorted(source.rglob("*")):
            if file.is_file() and "__pycache__" not in file.parts:
                texts[safe_path(posixpath.join(prefix, file.relative_to(source).as_posix()))] = (
                    file.read_text("utf-8")
                )
    if pack.postprocess is not None:
        try:
            texts = pack.postprocess(texts)
        except Exception as error:  # a pack's own failure, reported without a traceback
            raise PackError(f"pack {pack.name!r} could not finish its output: {error}") from error
    return {path: text.encode("utf-8") for path, text in sorted(texts.items())}


# (output path, template, its context, whether the pack's header goes on top)
_Job = tuple[str, jinja2.Template, dict[str, Any], bool]
# Below this many templates left a fork costs more than it saves.
_FORK_FROM = 200
# How many templates are rendered between two questions to `free_core`.
_ASK_EVERY = 8


def _render_all(jobs: list[_Job], free_core: Callable[[], bool]) -> list[str]:
    """Each job's text, in order; once `free_core()` says so, half of the rest in a fork.

    Rendering is pure-Python work, which threads would serialise on the GIL. In a
    cold run the second core validates the spec at first (`background`), and is
    free for the last part of the rendering; so the question is asked as jobs go,
    not once. A fork inherits the loaded pack, the compiled templates and the IR,
    so the child only renders and sends back text.
    """
    texts: list[str] = []
    for done, (_, template, context, _) in enumerate(jobs):
        if (
            done % _ASK_EVERY == 0
            and len(jobs) - done >= _FORK_FROM
            and free_core()
            and forking.may_fork()
        ):
            return texts + _render_split(jobs[done:])
        texts.append(template.render(context))
    return texts


def _render_split(jobs: list[_Job]) -> list[str]:
    """Each job's text, in order, every other one rendered by a forked child."""
    return forking.split(_render_jobs, jobs)


def _render_jobs(jobs: Sequence[_Job]) -> list[str]:
    return [template.render(context) for _, template, context, _ in jobs]


def safe_path(path: str) -> str:
    """`path` normalised, or SpecError when it is absolute or climbs out of the output folder."""
    normal = posixpath.normpath(path.replace("\\", "/"))
    if normal.startswith(("/", "../")) or normal in ("..", ".", "") or Path(normal).is_absolute():
        raise SpecError(
            [Diagnostic(Level.ERROR, "", f"refusing to write outside the output folder: {path!r}")]
        )
    return normal
