"""IR + pack -> file contents in memory (the `render` stage).

Nothing is written here. Each template gets an explicit context (`api`, the
item it renders, `spec_name`); output paths are rendered from the manifest,
then checked to stay inside the output folder.
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, NoReturn

import jinja2

from . import cache, forking
from .diagnostics import Diagnostic, Level, SpecError
from .finishing import Finished, Finisher
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
    """Every file the pack makes for `api`, finished: relative POSIX path -> bytes.

    `free_core()` is asked as rendering goes; once it says a second core is free,
    a forked process renders and finishes every other file (see `_make_all`).
    """
    env = environment(pack)
    if pack.prepare is not None:
        pack.prepare(api)
    # The spec's file name lands in comment lines and docs: fold it to one printable line.
    spec_name = " ".join("".join(c if c.isprintable() else " " for c in spec_name).split())
    jobs = _jobs(env, pack, api, spec_name)
    paths = [job.path for job in jobs]
    if len(set(paths)) < len(paths):
        twice = ", ".join(sorted({path for path in paths if paths.count(path) > 1}))
        raise SpecError(
            [Diagnostic(Level.ERROR, "", f"two outputs of pack {pack.name!r} write {twice}")]
        )
    finisher = Finisher(pack, paths)
    finished = _make_all(jobs, finisher, free_core)
    finisher.record(finished)
    files = {job.path: done.data for job, done in zip(jobs, finished, strict=True)}
    if pack.postprocess is not None:
        try:
            texts = pack.postprocess({path: data.decode() for path, data in files.items()})
        except Exception as error:  # a pack's own failure, reported without a traceback
            raise PackError(f"pack {pack.name!r} could not finish its output: {error}") from error
        files = {path: text.encode() for path, text in texts.items()}
    return dict(sorted(files.items()))


def _jobs(env: jinja2.Environment, pack: Pack, api: Api, spec_name: str) -> list[_Job]:
    """One job per output file, in the manifest's order, then the static files: each with
    its path (rendered and checked here) and its template and context."""
    base = {"api": api, "spec_name": spec_name}
    items: dict[str, tuple[tuple[str, Any], ...]] = {
        "controller": tuple(("controller", c) for c in api.controllers),
        "model": tuple(("model", m) for m in api.models),
        "enum": tuple(("enum", e) for e in api.enums),
        "error": tuple(("error", e) for e in api.errors),
        "scheme": tuple(("scheme", s) for s in api.security_schemes),
    }
    header = pack.header.format(spec=spec_name)
    jobs: list[_Job] = []
    for rule in pack.outputs:
        path_template = _fixed_globals(env.from_string(rule.path))
        top = header + "\n" if rule.header and header else ""
        if rule.each == "once":
            # Compiled by the process that renders it (see `_make_all`), not by both.
            context = dict(base)
            path = safe_path(path_template.render(context))
            make = functools.partial(_render_once, env, rule.template, context, top)
            jobs.append(_Job(path, make))
            continue
        template = _fixed_globals(env.get_template(rule.template))
        for key, item in items[rule.each]:
            context = {**base, key: item}
            path = safe_path(path_template.render(context))
            jobs.append(_Job(path, functools.partial(_render_file, template, context, top)))
    for source, destination in pack.static:
        prefix = env.from_string(destination).render(base)
        for file in sorted(source.rglob("*")):
            if file.is_file() and "__pycache__" not in file.parts:
                path = safe_path(posixpath.join(prefix, file.relative_to(source).as_posix()))
                jobs.append(_Job(path, functools.partial(file.read_text, "utf-8")))
    return jobs


def _fixed_globals(template: jinja2.Template) -> jinja2.Template:
    """`template`, its globals a plain dict.

    Each render copies the template's globals into its context; Jinja keeps them as a
    ChainMap over the environment's, whose copy costs ~5 us in Python, half the cost of
    rendering an output path. The environment's globals are settled before any render.
    """
    template.globals = dict(template.globals)
    return template


@dataclass(frozen=True, slots=True)
class _Job:
    """One output file: its path, and how to make its text (before the pack's finish)."""

    path: str
    make: Callable[[], str]


def _render_file(template: jinja2.Template, context: dict[str, Any], top: str) -> str:
    body = template.render(context)
    return top + body if body else body


def _render_once(env: jinja2.Environment, name: str, context: dict[str, Any], top: str) -> str:
    return _render_file(_fixed_globals(env.get_template(name)), context, top)


# Below this many files left a fork costs more than it saves.
_FORK_FROM = 200
# How many files are rendered between two questions to `free_core`.
_ASK_EVERY = 8


def _make_all(
    jobs: list[_Job],
    finish: Callable[[dict[str, str]], list[Finished]],
    free_core: Callable[[], bool],
) -> list[Finished]:
    """Each job's file, rendered and finished, in order; once `free_core()` says so, half
    of them in a fork.

    Rendering and finishing are CPU work (Python, a formatter), which threads would
    serialise on the GIL. In a cold run the second core validates the spec at first
    (`background`), and is free for the last part of the rendering; so the question is
    asked as jobs go, not once. A fork inherits the loaded pack, the compiled templates
    and the IR, so the child only renders, finishes and sends back text. It takes every
    other file, those rendered here before it existed included: finishing them is work
    to share too.
    """
    made: list[str] = []
    for done, job in enumerate(jobs):
        if (
            done % _ASK_EVERY == 0
            and len(jobs) - done >= _FORK_FROM
            and free_core()
            and forking.may_fork()
        ):
            # `str` hands back a text as it is: the files rendered so far, as jobs again.
            ready = [
                _Job(j.path, functools.partial(str, text))
                for j, text in zip(jobs[:done], made, strict=True)
            ]
            return forking.split(functools.partial(_make, finish), ready + jobs[done:])
        made.append(job.make())
    return finish({job.path: text for job, text in zip(jobs, made, strict=True)})


def _make(
    finish: Callable[[dict[str, str]], list[Finished]], jobs: Sequence[_Job]
) -> list[Finished]:
    return finish({job.path: job.make() for job in jobs})


def safe_path(path: str) -> str:
    """`path` normalised, or SpecError when it is absolute or climbs out of the output folder."""
    normal = posixpath.normpath(path.replace("\\", "/"))
    # A colon in the first part is a drive on Windows ("C:/x", or "C:x", relative to that
    # drive's folder), refused everywhere, as the manifest refuses it (`writer._inside`):
    # the same spec gives the same files on every machine.
    if normal.startswith(("/", "../")) or normal in ("..", ".", "") or ":" in normal.split("/")[0]:
        raise SpecError(
            [Diagnostic(Level.ERROR, "", f"refusing to write outside the output folder: {path!r}")]
        )
    return normal
