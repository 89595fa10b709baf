"""`make bench`: run every benchmark and write bench/results/latest.md and latest.json.

Order: generation (which also leaves the GitHub packages imports.py needs), our
generator's stages and optimisations, client overhead, models, imports. Each part
is also runnable alone (see its module). BENCH_QUICK=1 runs fewer repeats (for
trying the bench out, not for figures to keep); BENCH_RUNS=N forces N repeats.

Usage: bench/.venv/bin/python bench/run.py [generation] [stages] [client] [models] [imports]
(default: all).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from typing import Any

import client_overhead
import generation
import imports
import models
import report
from common import (
    BENCH,
    BENCH_PYTHON,
    MAIN_PYTHON,
    REPO,
    RESULTS,
    load_average,
    log,
    machine,
)

PARTS = ("generation", "stages", "client", "models", "imports")


def _commit() -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "generator", "templates", "generated"],
            cwd=REPO,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except OSError:
        return "unknown"
    return f"{head}{' + uncommitted changes' if dirty else ''}"


def _stages() -> list[dict[str, Any]]:
    done = subprocess.run(
        [str(MAIN_PYTHON), str(BENCH / "stages.py"), *generation.SPECS, "--profile"],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    if done.returncode != 0:
        raise SystemExit(f"stages failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def main(parts: tuple[str, ...]) -> int:
    if not BENCH_PYTHON.exists() or not MAIN_PYTHON.exists():
        print("run `make bench` (it sets up .venv and bench/.venv first)", file=sys.stderr)
        return 2
    started = time.perf_counter()
    data: dict[str, Any] = {"machine": machine(), "commit": _commit()}
    previous = RESULTS / "latest.json"
    if set(parts) != set(PARTS) and previous.exists():
        # A partial run keeps the other parts of the last full one.
        data = {**json.loads(previous.read_text("utf-8")), **data}
    try:
        if "generation" in parts:
            data.update(generation.run())
        if "stages" in parts:
            log("stages of our generator (with a cProfile of one warm run per spec)")
            data["stages"] = _stages()
            data["optimisations"] = generation.optimisations()
        if "client" in parts:
            data["client_overhead"] = client_overhead.run()
        if "models" in parts:
            data["models"] = models.run()
        if "imports" in parts:
            data["imports"] = imports.run()
    finally:
        generation.clean_up()  # last: deleting the runs' outputs would slow the stages' writes
    data["load_average_end"] = load_average()
    data["seconds"] = round(time.perf_counter() - started, 1)
    report.write(data)
    log(f"wrote {RESULTS / 'latest.md'} and latest.json in {data['seconds']:.0f} s")
    return 0


if __name__ == "__main__":
    chosen = tuple(a for a in sys.argv[1:] if a in PARTS) or PARTS
    unknown = [a for a in sys.argv[1:] if a not in PARTS]
    if unknown:
        raise SystemExit(f"unknown part(s) {unknown}; choose from {PARTS}")
    raise SystemExit(main(chosen))
