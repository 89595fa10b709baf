"""`python -m generator validate | generate | diff | languages | mock`.

Exit codes: 0 success; 1 `generate --check` found drift; 2 invalid spec, bad
arguments or unsupported input (diagnostics on stderr, nothing written);
3 `diff` found a breaking change.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

import jinja2

from .arguments import parse
from .background import start_validation
from .build import build_api
from .child import stop
from .config import load_config
from .diagnostics import Diagnostic, Level, SpecError, has_errors
from .ir import Api
from .loader import Document, load_document
from .packs import PackError, describe, load_pack
from .render import render
from .staging import Staged, stage
from .validate import validate_cached
from .writer import HandEditError, OutsideOutputError, Plan, diff, plan, write

EXIT_OK, EXIT_DRIFT, EXIT_INVALID, EXIT_BREAKING = 0, 1, 2, 3
T = TypeVar("T")
# Whether this process may run on two cores or more (a container may allow fewer than
# the machine has): only then may rendering use a second process.
_CORES = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
_MANY_CORES = (_CORES or 1) >= 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command `argv` (else the process's arguments) gives; its exit code."""
    return run(parse(argv))


def run(args: argparse.Namespace, child: subprocess.Popen[bytes] | None = None) -> int:
    """Run the parsed command; its exit code. `child`: a process already validating
    `args.spec` (started by `__main__`), adopted by the validation, else stopped."""
    args.child = child
    try:
        return int(_COMMANDS[args.command](args))
    except SpecError as error:
        _print_diagnostics(error.diagnostics)
        return EXIT_INVALID
    except (HandEditError, OutsideOutputError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_INVALID
    except PackError as error:
        print(f"error: {error}\nnothing was written", file=sys.stderr)
        return EXIT_INVALID
    except jinja2.TemplateSyntaxError as error:
        print(f"template error: {error.filename}:{error.lineno}: {error.message}", file=sys.stderr)
        return EXIT_INVALID
    except jinja2.TemplateError as error:
        print(f"template error: {error}; nothing was written", file=sys.stderr)
        return EXIT_INVALID
    finally:
        if child is not None:
            stop(child)  # a no-op once its answer was read


def load_and_build(
    spec: Path,
    *,
    strict: bool,
    package: str | None = None,
    child: subprocess.Popen[bytes] | None = None,
) -> tuple[Document, Api]:
    """load -> validate -> build, raising SpecError with every problem when any is fatal."""
    document, api, _ = build_beside_validation(
        spec,
        strict=strict,
        package=package,
        then=lambda document, api, free_core: None,
        child=child,
    )
    return document, api


def build_beside_validation(
    spec: Path,
    *,
    strict: bool,
    package: str | None,
    then: Callable[[Document, Api, Callable[[], bool]], T],
    child: subprocess.Popen[bytes] | None = None,
) -> tuple[Document, Api, T]:
    """load -> (validate | build -> `then(document, api, free_core)`); SpecError when
    a problem is fatal.

    Validation runs in a child process while this one builds and goes on with
    `then` (rendering, for `generate`), so the two share the machine's cores.
    Neither writes anything, so a spec found invalid only wastes that work.
    `free_core()` says whether `then` may start a second process now: on a
    machine with two cores or more, once no child is validating (the verdict
    was known already, or the child has exited; on 2 cores a third process
    would only add memory). `child`, when given, is already validating `spec`.
    """
    document = load_document(spec)
    with start_validation(document, child) as pending:
        try:
            api, warnings = build_api(document, load_config(document.path, package))
            result = then(document, api, lambda: _MANY_CORES and pending.settled())
        except Exception:
            # An invalid spec may well break the build: its diagnostics say why, the traceback not.
            _stop_on_errors(pending.result(), strict=False)
            raise
        found = pending.result()
    if not has_errors(found):
        found += warnings  # an invalid spec's report is its errors, not the build's remarks
    _stop_on_errors(found, strict=strict)
    _print_diagnostics(found)
    return document, api, result


def _stop_on_errors(found: list[Diagnostic], *, strict: bool) -> None:
    if strict:
        found = [Diagnostic(Level.ERROR, d.where, d.message) for d in found]
    if has_errors(found):
        raise SpecError(sorted(found))


def _validate(args: argparse.Namespace) -> int:
    load_and_build(args.spec, strict=args.strict, child=args.child)
    print(f"{args.spec}: valid", file=sys.stderr)
    return EXIT_OK


def _generate(args: argparse.Namespace) -> int:
    pack = load_pack(args.lang, args.templates)
    out: Path = args.out
    with contextlib.ExitStack() as on_exit:

        def render_and_stage(
            document: Document, api: Api, free_core: Callable[[], bool]
        ) -> tuple[dict[str, bytes], Staged | None]:
            files = render(api, pack, document.path.name, free_core=free_core)
            # A new output folder is written beside its place while the verdict is
            # awaited, and moved in only if the spec is valid (see `staging`).
            staged = None if args.check else stage(out, files)
            if staged is not None:
                on_exit.callback(staged.discard)  # a no-op once committed
            return files, staged

        _, _, (files, staged) = build_beside_validation(
            args.spec,
            strict=args.strict,
            package=args.package,
            then=render_and_stage,
            child=args.child,
        )
        if staged is not None:
            _report_written(out, staged.commit())
            return EXIT_OK
    if args.check:
        result = plan(out, files)
        if not result.drift:
            return EXIT_OK
        print(
            f"{out}: generated files differ from what {args.spec} produces:\n{result.report()}",
            file=sys.stderr,
        )
        if result.edited_by_hand:
            print(
                "edited by hand (generate stops unless --force): "
                + ", ".join(result.edited_by_hand),
                file=sys.stderr,
            )
        print(diff(out, files, result), file=sys.stderr, end="")
        return EXIT_DRIFT
    _report_written(out, write(out, files, force=args.force))
    return EXIT_OK


def _report_written(out: Path, result: Plan) -> None:
    print(
        f"{out}: {len(result.added)} new, {len(result.changed)} changed, "
        f"{len(result.removed)} removed, {result.unchanged} unchanged",
        file=sys.stderr,
    )


def _diff(args: argparse.Namespace) -> int:
    from .diff import compare

    apis: list[Api] = []
    for spec in (args.old, args.new):
        try:
            apis.append(load_and_build(spec, strict=False)[1])
        except SpecError:
            print(f"{spec}: not a spec the generator can read", file=sys.stderr)
            raise
    report = compare(*apis)
    if args.json:
        payload = {"old": str(args.old), "new": str(args.new), **report.to_json()}
        print(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        print(report.text(), end="")
    return EXIT_BREAKING if report.breaking else EXIT_OK


def _languages(args: argparse.Namespace) -> int:
    for name, description, folder in describe(args.templates):
        print(f"{name}\t{description}\t{folder}")
    return EXIT_OK


def _mock(args: argparse.Namespace) -> int:
    from .mock import serve

    document = load_document(args.spec)
    if args.validate:  # requests are checked against the spec: it has to be a valid one
        found = validate_cached(document)
        if has_errors(found):
            raise SpecError(sorted(found))
    try:
        serve(document, args.host, args.port, validate=args.validate)
    except (ValueError, OSError) as error:  # a non-loopback host, a port in use
        print(f"error: {error}", file=sys.stderr)
        return EXIT_INVALID
    return EXIT_OK


def _print_diagnostics(diagnostics: Sequence[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        print(diagnostic, file=sys.stderr)
    errors = sum(1 for d in diagnostics if d.level is Level.ERROR)
    if errors:
        print(f"{errors} error(s); nothing was written", file=sys.stderr)


_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "validate": _validate,
    "generate": _generate,
    "diff": _diff,
    "languages": _languages,
    "mock": _mock,
}
