"""Before / after: our generator at a git revision against the working tree, same machine, same run.

`bench/.venv/bin/python bench/compare.py REV [SPEC ...]` unpacks `generator/` and
`templates/` of REV (git archive, into bench/.work/rev-REV; nothing in .git changes)
and times `python -m generator generate` of each spec with both, rounds interleaved:
REV as it runs (no generator cache: `GENERATOR_CACHE=off`, which a revision without
a cache ignores anyway), the working tree with cold caches (an empty GENERATOR_CACHE)
and with warm ones. Bytecode is warm for all three (compiled into a PYTHONPYCACHEPREFIX
first), so the difference is the generator's own work. Output goes to a fresh folder
on disk each run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from common import CORPUS, MAIN_PYTHON, REPO, WORK, Run, log, measure, median, repeats
from generation import SETTLE_SECONDS


def unpack(revision: str) -> Path:
    target = WORK / f"rev-{revision}"
    if not (target / "generator").is_dir():
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        archive = subprocess.run(
            ["git", "archive", revision, "generator", "templates", "requirements.txt"],
            cwd=REPO,
            capture_output=True,
            check=True,
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target


def _requires(tree: Path, distribution: str) -> bool:
    """Whether the revision unpacked at `tree` pins `distribution` in requirements.txt."""
    try:
        text = (tree / "requirements.txt").read_text("utf-8")
    except OSError:
        return False
    return any(line.split("==")[0].strip() == distribution for line in text.splitlines())


# Stands for an empty cache folder, made anew for each run.
_FRESH_CACHE = "<fresh>"


def _env(pycache: Path, cache: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    env["GENERATOR_CACHE"] = cache
    return env


def compare(revision: str, specs: list[str]) -> dict[str, Any]:
    before = unpack(revision)
    # Every run writes into folders no run has used (its output, and for "cold" its cache),
    # all deleted at the end: deleting before a run would slow its file creation (see
    # generation._run_tool).
    scratch = WORK / "compare-runs"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)

    def fresh(name: str) -> Path:
        return Path(tempfile.mkdtemp(prefix=f"{name}-", dir=scratch))

    def with_cache(env: dict[str, str]) -> dict[str, str]:
        if env["GENERATOR_CACHE"] != _FRESH_CACHE:
            return env
        return {**env, "GENERATOR_CACHE": str(fresh("cache"))}

    # openapi-spec-validator picks jsonschema-rs for any revision once it is installed;
    # a revision from before it was a requirement ran with the pure-Python backend.
    before_env = _env(WORK / "compare-pyc-before", "off")
    if not _requires(before, "jsonschema-rs"):
        before_env["OPENAPI_SPEC_VALIDATOR_SCHEMA_VALIDATOR_BACKEND"] = "jsonschema"
    variants = {
        f"before ({revision})": (before, before_env),
        "after, cold caches": (REPO, _env(WORK / "compare-pyc-after", _FRESH_CACHE)),
        "after, warm caches": (REPO, _env(WORK / "compare-pyc-after", str(WORK / "compare-warm"))),
    }
    rounds = repeats(3, 1)
    result: dict[str, Any] = {"revision": revision, "rounds": rounds, "specs": {}}
    for spec_name in specs:
        command = [str(MAIN_PYTHON), "-m", "generator", "generate", str(CORPUS / spec_name)]
        command += ["--lang", "python", "--out"]
        for cwd, env in variants.values():  # bytecode and the warm cache
            subprocess.run(
                [*command, str(fresh("out") / "out")],
                cwd=cwd,
                env=with_cache(env),
                capture_output=True,
                check=True,
            )
        runs: dict[str, list[Run]] = {name: [] for name in variants}
        for round_ in range(rounds):
            for name, (cwd, env) in variants.items():
                os.sync()  # an idle disk for every run, as in generation.py
                time.sleep(SETTLE_SECONDS)
                run = measure([*command, str(fresh("out") / "out")], env=with_cache(env), cwd=cwd)
                if not run.ok:
                    raise SystemExit(f"{name} failed on {spec_name}:\n{run.tail}")
                runs[name].append(run)
                log(f"compare {spec_name} round {round_ + 1}/{rounds} {name}: {run.seconds:.2f} s")
        result["specs"][spec_name] = {
            name: {
                "seconds": round(median([r.seconds for r in done]), 3),
                "cpu_seconds": round(median([r.cpu_seconds for r in done]), 3),
                "peak_rss_mib": round(median([r.peak_rss_mib for r in done]), 1),
            }
            for name, done in runs.items()
        }
    shutil.rmtree(scratch, ignore_errors=True)
    return result


def markdown(result: dict[str, Any]) -> str:
    lines = [
        f"Before / after against {result['revision']} ({result['rounds']} interleaved rounds, "
        "warm bytecode, fresh output folder on disk):",
        "",
        "| spec | variant | wall s | CPU s | peak MiB | wall vs before |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for spec, variants in result["specs"].items():
        base = next(iter(variants.values()))["seconds"]
        for name, entry in variants.items():
            lines.append(
                f"| {spec} | {name} | {entry['seconds']:.2f} | {entry['cpu_seconds']:.2f} "
                f"| {entry['peak_rss_mib']:.0f} | {base / entry['seconds']:.2f}× |"
            )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    if len(sys.argv) < 2:
        raise SystemExit("usage: bench/compare.py REVISION [SPEC ...]")
    chosen = sys.argv[2:] or ["github-rest-api.json", "stripe-spec3.json"]
    print(markdown(compare(sys.argv[1], chosen)), end="")
