"""Validation beside the build: openapi-spec-validator in a child process.

Validating a large spec is the costliest stage of a cold run (over a second of
CPU on the GitHub spec: openapi-spec-validator's keyword walk, then our example
checks), and nothing else in the pipeline needs its answer until the files are
about to be written. So `start_validation` starts the library's passes
(`validate.openapi_passes`) and, when they find no error, our own checks
(`validate.semantic_checks`) in a child Python process and returns at once; the
caller builds and renders meanwhile, and `PendingVerdict.result()` joins the
child. The verdict is the one `validate.validate` gives in one process.

A child, not a thread: the passes are pure-Python CPU work, which a thread would
serialise on the GIL. A fresh interpreter, not a fork: it re-reads the spec (tens
of milliseconds) but shares no state with the parent, works on every platform,
and costs less memory than a copy-on-write fork whose pages Python's reference
counting would soon copy. One child, not one per pass: the parent keeps the
other core busy, and each child costs about 40 MiB for openapi-spec-validator's
imports alone. A child that fails in any way (cannot start, crashes, answers for
other bytes) is not trusted: the passes run again in this process, where an
error surfaces as it would have without a child.

Run as a child (`_main`, with the argument SPEC; started by `child`), it prints
the SHA-256 of the spec it read and the diagnostics as JSON on stdout:
openapi-spec-validator's (`found`), then ours (`semantic`, null when not run or
failed). `python -m generator` starts it before loading the rest of the generator
(`__main__`), and `start_validation` adopts it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from types import TracebackType

from .cache import lookup_diagnostics, record_diagnostics
from .child import spawn_validation, stop
from .diagnostics import Diagnostic, from_rows, has_errors, to_rows
from .loader import Document, load_document
from .validate import (
    cache_key,
    duplicate_operation_ids,
    openapi_passes,
    preflight,
    semantic_checks,
    verdict,
)


class PendingVerdict:
    """The validation verdict of a document, being worked out by a child process.

    Use as a context manager: leaving the block early (an exception, Ctrl-C)
    stops the child if it is still running.
    """

    def __init__(
        self,
        document: Document,
        known: list[Diagnostic] | None = None,
        child: subprocess.Popen[bytes] | None = None,
    ) -> None:
        """`child`: one already validating `document.path`, adopted (or stopped when the
        verdict is `known`); else one is started."""
        self._document = document
        self._known = known
        if known is not None and child is not None:
            stop(child)
        self._child = None if known is not None else child or _spawn(document)

    def settled(self) -> bool:
        """Whether no child is working any more (none ran, or it has exited): the core
        it used is free. It may still hold an answer for `result()` to read."""
        return self._child is None or self._child.poll() is not None

    def result(self) -> list[Diagnostic]:
        """Every problem found in the document, sorted (as `validate.validate` gives them)."""
        if self._known is not None:
            return self._known
        document = self._document
        answer = self._join()
        if answer is None:
            found = openapi_passes(document.root, str(document.root["openapi"]))
            semantic = None
        else:
            found, semantic = answer
        structural = duplicate_operation_ids(document.root) + found
        # The child runs our own checks too when it finds no error. When it did not (or
        # they failed) and they are needed, they run here, where a failure shows as it is.
        self._known = verdict(
            structural, lambda: semantic_checks(document) if semantic is None else semantic
        )
        record_diagnostics(cache_key(document), self._known)
        return self._known

    def _join(self) -> tuple[list[Diagnostic], list[Diagnostic] | None] | None:
        """The child's answer (openapi-spec-validator's findings, then ours or None);
        None when there is no answer to trust."""
        child = self._child
        if child is None:
            return None
        output, _ = child.communicate()
        self._child = None  # only now: interrupted while waiting, __exit__ still stops it
        if child.returncode != 0:
            return None
        try:
            answer = json.loads(output)
            if answer["sha256"] != self._document.sha256:
                return None  # the spec changed on disk since this process read it
            semantic = answer["semantic"]
            return from_rows(answer["found"]), (None if semantic is None else from_rows(semantic))
        except (ValueError, KeyError, TypeError):
            return None

    def __enter__(self) -> PendingVerdict:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._child is not None:
            stop(self._child)
            self._child = None


def start_validation(
    document: Document, child: subprocess.Popen[bytes] | None = None
) -> PendingVerdict:
    """Validate `document` in the background, unless its verdict is already known.

    Known means recorded in the cache for the same bytes, or settled by the quick
    checks that must pass before openapi-spec-validator may run at all. `child`,
    when given, is already validating the spec (started early by `__main__`): it
    is adopted, or stopped when the verdict is known.
    """
    key = cache_key(document)
    recorded = lookup_diagnostics(key)
    if recorded is not None:
        return PendingVerdict(document, sorted(recorded), child)
    early = preflight(document)
    if early:
        record_diagnostics(key, early)
        return PendingVerdict(document, early, child)
    return PendingVerdict(document, child=child)


def _spawn(document: Document) -> subprocess.Popen[bytes] | None:
    return spawn_validation(document.path)


def _main(argv: list[str]) -> int:
    (spec,) = argv
    document = load_document(Path(spec))
    answer: dict[str, object] = {"sha256": document.sha256, "found": [], "semantic": None}
    if preflight(document):
        return 1  # not a spec openapi-spec-validator may run on: the parent says why
    found = openapi_passes(document.root, str(document.root["openapi"]))
    answer["found"] = to_rows(found)
    structural = found + duplicate_operation_ids(document.root)
    if not has_errors(structural):
        try:
            answer["semantic"] = to_rows(semantic_checks(document))
        except Exception:  # the parent runs them again and shows the failure
            pass
    sys.stdout.write(json.dumps(answer, separators=(",", ":")))
    return 0
