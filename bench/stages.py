"""Where our generator's time goes, stage by stage, on one spec (run under the main venv).

load -> validate (uncached, then cached) -> build -> render (templates only) ->
finish (the pack's: ruff over every file) -> write (a fresh folder). Each stage
is timed in one process, medians over a few runs; the share of each in an
uncached run is reported, so the cost of e.g. the ruff finish step is visible.
A cProfile of one whole warm run can be saved with `--profile` (the top functions
by own time land in bench/results/profile-generator-<spec>.tmp).

Run alone: `.venv/bin/python bench/stages.py github-rest-api.json [--profile]`.
"""

from __future__ import annotations

import dataclasses
import gc
import io
import json
import os
import sys
import tempfile
import time
from contextlib import redirect_stderr
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))

from common import CORPUS, RESULTS, RUNS, median, repeats  # noqa: E402


def _once(spec: Path, out: Path) -> dict[str, float]:
    from generator.build import build_api
    from generator.config import load_config
    from generator.loader import load_document
    from generator.packs import load_pack
    from generator.render import render
    from generator.staging import stage
    from generator.validate import validate, validate_cached

    times: dict[str, float] = {}
    start = time.perf_counter()
    document = load_document(spec)
    times["load"] = time.perf_counter() - start

    start = time.perf_counter()
    validate(document)
    times["validate (uncached)"] = time.perf_counter() - start

    validate_cached(document)  # records the verdict
    start = time.perf_counter()
    validate_cached(document)
    times["validate (cached verdict)"] = time.perf_counter() - start

    start = time.perf_counter()
    with redirect_stderr(io.StringIO()):
        api, _ = build_api(document, load_config(document.path, None))
    times["build"] = time.perf_counter() - start

    pack = load_pack("python")
    bare = dataclasses.replace(pack, finish=None)
    start = time.perf_counter()
    rendered = render(api, bare, spec.name)
    times["render (templates)"] = time.perf_counter() - start

    # The pack's finish step on the rendered text, in one process and uncached.
    texts = {path: data.decode("utf-8") for path, data in rendered.items()}
    start = time.perf_counter()
    if pack.finish is not None:
        texts = pack.finish(texts)
    times["finish (ruff)"] = time.perf_counter() - start
    files = {path: text.encode("utf-8") for path, text in texts.items()}

    # A folder no run has used: deleting one just before would slow the writing (see
    # generation._run_tool). As `generate` writes a new folder: staged beside, moved in.
    out = Path(tempfile.mkdtemp(dir=out)) / "out"
    start = time.perf_counter()
    staged = stage(out, files)
    assert staged is not None
    staged.commit()
    times["write (fresh folder)"] = time.perf_counter() - start
    times["files"] = float(len(files))
    return times


def run(spec_name: str, out: Path, profile: bool = False) -> dict[str, Any]:
    """The stages of `spec_name`, written under `out`. Nothing is deleted here: deleting
    files slows creating them for minutes on this disk (see `__main__`)."""
    spec = CORPUS / spec_name
    runs = repeats(2, 1)
    cache = tempfile.mkdtemp(dir=out)
    os.environ["GENERATOR_CACHE"] = cache
    samples = [_once(spec, out) for _ in range(runs)]
    stages = {key: round(median([s[key] for s in samples]), 3) for key in samples[0]}
    parts = ("load", "validate (uncached)", "build", "render (templates)", "finish (ruff)")
    uncached = sum(stages[k] for k in (*parts, "write (fresh folder)"))
    shares = {key: round(stages[key] / uncached, 3) for key in (*parts, "write (fresh folder)")}
    result = {"spec": spec_name, "runs": runs, "seconds": stages, "share_of_uncached": shares}
    if profile:
        result["profile"] = str(_profile(spec, out))
    return result


def _profile(spec: Path, out: Path) -> Path:
    import cProfile
    import pstats

    from generator.cli import main

    target = RESULTS / f"profile-generator-{spec.stem}.tmp"
    profiler = cProfile.Profile()
    with redirect_stderr(io.StringIO()):
        warm, profiled = (str(Path(tempfile.mkdtemp(dir=out)) / "out") for _ in range(2))
        main(["generate", str(spec), "--lang", "python", "--out", warm])  # warms caches
        profiler.enable()
        main(["generate", str(spec), "--lang", "python", "--out", profiled])
        profiler.disable()
    RESULTS.mkdir(parents=True, exist_ok=True)
    with open(target, "w") as handle:
        stats = pstats.Stats(profiler, stream=handle)
        stats.sort_stats("tottime").print_stats(40)
        stats.sort_stats("cumulative").print_stats(60)
    return target


if __name__ == "__main__":
    gc.disable()  # as `python -m generator` runs: its stages are timed as they run there
    names = [a for a in sys.argv[1:] if not a.startswith("--")] or ["github-rest-api.json"]
    # Under the generation runs' folder, which the bench deletes when it is done timing
    # (`generation.clean_up`): deleted here, the files would slow what is timed next.
    RUNS.mkdir(parents=True, exist_ok=True)
    root = Path(tempfile.mkdtemp(prefix="stages-", dir=RUNS))
    found = [run(name, root, "--profile" in sys.argv) for name in names]
    print(json.dumps(found, indent=2))
