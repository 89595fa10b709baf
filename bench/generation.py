"""Generation speed and peak memory: our generator against openapi-python-client and
openapi-generator (`-g python`), on the GitHub and Stripe specs of the corpus.

Every tool writes into a fresh folder under bench/.work (the same disk for all), and
is measured as a process tree: wall time, and the peak of the summed RSS of the
process and its children (the JVM; openapi-python-client's ruff hooks; our ruff
finish step). Rounds are interleaved (each round runs every tool once) so a burst
of load elsewhere hits all tools alike; figures are medians over rounds.

Our generator is measured three ways:
- cold: no validation verdict or compiled templates cached (a fresh, empty
  GENERATOR_CACHE), no bytecode for the generator or its pack (PYTHONDONTWRITEBYTECODE,
  as set on these machines; dependencies keep the bytecode pip compiled for them);
- warm: validation verdict and compiled templates cached from an earlier run of the
  same spec, generator bytecode cached (PYTHONPYCACHEPREFIX); still a fresh output folder;
- noop: warm, into a folder that already holds this output (the edit-regenerate loop:
  nothing is written). Peers have no equivalent: they rewrite every file.

Run alone: `bench/.venv/bin/python bench/generation.py [github-rest-api.json ...]`.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from common import (
    BENCH_VENV,
    CORPUS,
    MAIN_PYTHON,
    REPO,
    RUNS,
    WORK,
    Run,
    base_env,
    log,
    main_guard,
    measure,
    median,
    repeats,
    summarize,
)

SPECS = ("github-rest-api.json", "stripe-spec3.json")
OUT = WORK / "out"
# Outputs of earlier runs (and of bench/stages.py), deleted only once the last run is timed.
_RUNS = RUNS
# The pause on an idle, flushed disk before each timed run (see _run_tool).
SETTLE_SECONDS = 2.0

_OPC = str(BENCH_VENV / "bin" / "openapi-python-client")
_OGEN = str(BENCH_VENV / "bin" / "openapi-generator-cli")
# With --meta none the output folder is the package itself: give it an importable name.
_OPC_OUT = "{out}/opc_client"


def _configs() -> dict[str, Path]:
    """openapi-python-client config files: hooks off/on, and with literal enums (Stripe)."""
    folder = WORK / "opc-config"
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "nohooks": "post_hooks: []\n",
        "hooks": "{}\n",  # the default hooks of --meta none: ruff check --fix-only, ruff format
        "nohooks-literal": "post_hooks: []\nliteral_enums: true\n",
        "hooks-literal": "literal_enums: true\n",
    }
    for name, text in files.items():
        (folder / f"{name}.yaml").write_text(text, "utf-8")
    return {name: folder / f"{name}.yaml" for name in files}


def tools(spec: Path) -> dict[str, dict[str, Any]]:
    """name -> how to run it: command (with {out}), env, and what it stands for."""
    configs = _configs()
    cache = WORK / "generator-cache"
    pycache = WORK / "pycache-generator"
    ours = [str(MAIN_PYTHON), "-m", "generator", "generate", str(spec), "--lang", "python"]
    cold_env = base_env(PYTHONDONTWRITEBYTECODE="1", GENERATOR_CACHE=str(WORK / "cold-cache"))
    warm_env = base_env(GENERATOR_CACHE=str(cache), PYTHONPYCACHEPREFIX=str(pycache))
    warm_env.pop("PYTHONDONTWRITEBYTECODE", None)
    found: dict[str, dict[str, Any]] = {
        "ours-cold": {
            "command": [*ours, "--out", "{out}"],
            "env": cold_env,
            "cwd": REPO,
            "fresh_cache": WORK / "cold-cache",
            "label": "ours, cold (no caches, no bytecode)",
        },
        "ours-warm": {
            "command": [*ours, "--out", "{out}"],
            "env": warm_env,
            "cwd": REPO,
            "label": "ours, warm (verdict, templates, bytecode cached)",
        },
        "ours-noop": {
            "command": [*ours, "--out", "{out}"],
            "env": warm_env,
            "cwd": REPO,
            "keep_output": True,
            "label": "ours, warm, output already up to date",
        },
    }
    # openapi-python-client crashes on Stripe by default (duplicate enum keys); its own
    # message suggests literal_enums, which is what the -literal configs set.
    suffix = "-literal" if spec.name.startswith("stripe") else ""
    opc = [_OPC, "generate", "--path", str(spec), "--meta", "none", "--overwrite"]
    for hooks in ("nohooks", "hooks"):
        found[f"opc-{hooks}"] = {
            "command": [*opc, "--config", str(configs[hooks + suffix]), "--output-path", _OPC_OUT],
            "env": base_env(),
            "label": f"openapi-python-client, ruff hooks {'off' if hooks == 'nohooks' else 'on'}"
            + (" (literal_enums)" if suffix else ""),
            # On Stripe a run takes 30-50 s: with hooks, once (keeps `make bench` near 10 min).
            "once": bool(suffix) and hooks == "hooks",
        }
    found["openapi-generator"] = {
        "command": [_OGEN, "generate", "-i", str(spec), "-g", "python", "-o", "{out}"],
        "env": base_env(),
        "label": "openapi-generator -g python",
    }
    if suffix:
        found["opc-default"] = {
            "command": [*opc, "--config", str(configs["nohooks"]), "--output-path", _OPC_OUT],
            "env": base_env(),
            "label": "openapi-python-client, default config (no hooks): stops on an error",
            "once": True,
        }
    return found


def _run_tool(name: str, tool: dict[str, Any], out: Path) -> Run:
    if not tool.get("keep_output"):
        shutil.rmtree(out, ignore_errors=True)
    fresh = tool.get("fresh_cache")
    if fresh is not None:
        shutil.rmtree(fresh, ignore_errors=True)
    # Every tool starts on an idle disk. Right after a tool has written its tens of MB,
    # creating files on this VM's disk costs up to twenty times more (5,000 files of 6 KB:
    # 3.1 s straight after a flushed 30 MB burst, 0.17 s after a pause of 1 s or more);
    # without a flush and a pause each tool would pay for the one before it. Deleting an
    # output slows it for longer still: ext4 without a journal, as here, skips one by one
    # the inodes freed less than a minute before (six, until they are flushed) when it
    # allocates one (`recently_deleted` in perf), so after 100,000 deleted files each new
    # file cost 0.75 ms instead of 0.02 ms. So bench_spec gives each run a folder never
    # used before, and `clean_up` deletes them all once nothing more is timed.
    os.sync()
    time.sleep(SETTLE_SECONDS)
    command = [part.replace("{out}", str(out)) for part in tool["command"]]
    return measure(command, env=tool["env"], cwd=tool.get("cwd"))


def _fresh(key: str, name: str) -> Path:
    """An output folder no run has used yet."""
    parent = _RUNS / key
    parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f"{name}-", dir=parent)) / "out"


def _keep_as_latest(out: Path, latest: Path) -> None:
    """Make `out` the tool's output that later steps (imports.py) find at `latest`."""
    if latest.exists():  # moved aside, not deleted: deleting now would slow the next run
        latest.rename(_RUNS / latest.parent.name / f"replaced-{latest.name}-{time.time_ns()}")
    if out.exists():
        out.rename(latest)


def _count_files(folder: Path) -> int:
    return sum(1 for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else 0


def bench_spec(spec_name: str, rounds: int) -> dict[str, Any]:
    spec = CORPUS / spec_name
    key = spec_name.split("-")[0].split(".")[0]
    table = tools(spec)
    log(f"generation {spec_name}: priming our caches (validation verdict, templates, bytecode)")
    warm_out = OUT / key / "ours-noop"
    primed = _run_tool("ours-noop", table["ours-noop"], warm_out)
    if not primed.ok:
        raise SystemExit(f"our generator failed on {spec_name}:\n{primed.tail}")
    runs: dict[str, list[Run]] = {name: [] for name in table}
    made: dict[str, int] = {}
    for round_ in range(rounds):
        for name, tool in table.items():
            if tool.get("once") and round_:
                continue
            # A folder never used before: deleting an earlier output would slow the disk
            # for whoever runs next (see _run_tool). The last run's output stays, under
            # the tool's own name, for imports.py; the rest goes at the end of the bench.
            out = OUT / key / name if tool.get("keep_output") else _fresh(key, name)
            run = _run_tool(name, tool, out)
            runs[name].append(run)
            made[name] = _count_files(out)
            if not tool.get("keep_output"):
                _keep_as_latest(out, OUT / key / name)
            if not run.ok and made[name]:
                # Finished its output but reported an error (e.g. openapi-python-client's
                # ruff hook failing on a file it generated): timed, and marked so.
                run.finished = True
            status = "ok" if run.ok else f"FAILED ({run.returncode})"
            log(
                f"  {spec_name} round {round_ + 1}/{rounds} {name}: {run.seconds:.2f} s, "
                f"{run.peak_rss_mib:.0f} MiB, {status}"
            )
    result: dict[str, Any] = {"spec": spec_name, "rounds": rounds, "tools": {}}
    for name, tool in table.items():
        done = runs[name]
        good = [r for r in done if r.ok or r.finished]
        entry: dict[str, Any] = {
            "label": tool["label"],
            "ok": all(r.ok for r in done),
            "finished": bool(done) and len(good) == len(done),
            "runs": len(done),
            "files": made.get(name, 0),
        }
        if good:
            entry["seconds"] = summarize("wall", [r.seconds for r in good], "s")
            entry["cpu_seconds"] = summarize("CPU", [r.cpu_seconds for r in good], "s")
            entry["peak_rss_mib"] = summarize("peak RSS", [r.peak_rss_mib for r in good], "MiB")
        if not entry["ok"]:
            failed = next(r for r in done if not r.ok)
            entry["error"] = _last_error(failed.tail)
        result["tools"][name] = entry
    result["ratios"] = ratios(result["tools"])
    return result


def _last_error(tail: str) -> str:
    lines = [line.strip() for line in tail.splitlines() if line.strip()]
    errors = [line for line in lines if "Error" in line or "error" in line]
    return (errors[-1] if errors else (lines[-1] if lines else "no output"))[:300]


def ratios(tools_: dict[str, Any]) -> dict[str, Any]:
    """Peer median / our median (time: how many times faster we are; memory: how many times
    less we use), for each of our variants against each peer that succeeded."""
    found: dict[str, Any] = {}
    for ours in ("ours-cold", "ours-warm", "ours-noop"):
        mine = tools_.get(ours, {})
        if "seconds" not in mine:
            continue
        for peer, entry in tools_.items():
            if peer.startswith("ours") or "seconds" not in entry:
                continue
            found[f"{ours} vs {peer}"] = {
                "speedup": round(entry["seconds"].median / mine["seconds"].median, 2),
                "cpu_ratio": round(entry["cpu_seconds"].median / mine["cpu_seconds"].median, 2),
                "memory_ratio": round(
                    entry["peak_rss_mib"].median / mine["peak_rss_mib"].median, 2
                ),
            }
    return found


def rounds_for(spec_name: str) -> int:
    """Three rounds on each spec: the median of two is their mean, which one disturbed run
    decides (Stripe, 26 Nov: ours cold 1.48 and 1.74 s in one bench). On Stripe, where the
    peers take 7-30 s a run, that makes the bench about a minute longer."""
    return repeats(3, 1)


def optimisations(spec_name: str = "github-rest-api.json") -> dict[str, Any]:
    """Our generator with each optimisation of this issue switched off and on.

    Switches: GENERATOR_CACHE=off (no validation verdict, no compiled templates reused)
    and TMPDIR on disk (the pack's ruff scratch copy is not put in memory). Warm
    bytecode, fresh output folder, rounds interleaved. The output folder is in memory
    (/dev/shm) when there is one: creating thousands of files on this VM's disk costs
    0.5-0.9 ms each and varies with the disk work just before, which would drown the
    differences measured here (the generation table keeps every tool on disk).
    """
    spec = CORPUS / spec_name
    ours = tools(spec)["ours-warm"]
    shm = Path("/dev/shm")
    out = (
        Path(tempfile.mkdtemp(prefix="bench-optimisations-", dir=shm))
        if shm.is_dir() and os.access(shm, os.W_OK)
        else OUT / "optimisations"
    )
    disk_tmp = WORK / "disk-tmp"
    disk_tmp.mkdir(parents=True, exist_ok=True)
    off = {"GENERATOR_CACHE": "off", "TMPDIR": str(disk_tmp)}
    variants = {
        "cache off, ruff's scratch copy on disk": off,
        "+ cache (verdict, templates, ruff output)": {"TMPDIR": str(disk_tmp)},
        "+ ruff scratch copy in memory": {"GENERATOR_CACHE": "off"},
        "all on": {},
    }
    rounds = repeats(3, 1)
    _run_tool("ours-warm", ours, out)  # primes bytecode and the cache
    runs: dict[str, list[Run]] = {name: [] for name in variants}
    for round_ in range(rounds):
        for name, changes in variants.items():
            env = {**ours["env"], **changes}
            if "TMPDIR" not in changes:
                env.pop("TMPDIR", None)
            run = _run_tool(name, {**ours, "env": env}, out)
            if not run.ok:
                raise SystemExit(f"{name} failed:\n{run.tail}")
            runs[name].append(run)
            log(f"  optimisations round {round_ + 1}/{rounds} {name}: {run.seconds:.2f} s")
    shutil.rmtree(out, ignore_errors=True)
    return {
        "spec": spec_name,
        "rounds": rounds,
        "output": "memory (/dev/shm)" if str(out).startswith(str(shm)) else "disk",
        "variants": {
            name: {
                "seconds": round(median([r.seconds for r in done]), 3),
                "cpu_seconds": round(median([r.cpu_seconds for r in done]), 3),
                "peak_rss_mib": round(median([r.peak_rss_mib for r in done]), 1),
                "runs": [round(r.seconds, 3) for r in done],
            }
            for name, done in runs.items()
        },
    }


def run(specs: tuple[str, ...] = SPECS) -> dict[str, Any]:
    """The generation figures. The runs' outputs stay until `clean_up()`: deleting them
    would slow whatever the bench times next (see `_run_tool`)."""
    _settle_after(lambda: shutil.rmtree(_RUNS, ignore_errors=True))
    return {"generation": [bench_spec(name, rounds_for(name)) for name in specs]}


def clean_up() -> None:
    """Delete every run's output: once nothing more is timed. The time is noted, so that
    a bench started soon after waits for the disk (see `_settle_after`)."""
    shutil.rmtree(_RUNS, ignore_errors=True)
    _DELETED_AT.touch()


# After a deletion, ext4 (this VM's runs without a journal) skips the freed inodes for a
# minute once they are on disk, five more while they are not (`recently_deleted` in
# fs/ext4/ialloc.c). A flush should make that a minute, but a bench started a minute after
# another one's clean-up (flushing first) ran slow for five more minutes (Stripe 3.5 s
# instead of 1.4, openapi-generator 8.7 s instead of 7.0): six minutes it is.
_AFTER_DELETION_SECONDS = 360
# When the last bench deleted its runs' outputs (its mtime).
_DELETED_AT = WORK / "deleted-at"


def _settle_after(deletion: Callable[[], None]) -> None:
    """Delete (what an interrupted bench left), then let the disk finish with it, and with
    what an earlier bench deleted at its end, before anything is timed."""
    existed = _RUNS.exists()
    deletion()
    os.sync()
    since = 0.0
    if existed:
        since = time.time()
    elif _DELETED_AT.exists():
        since = _DELETED_AT.stat().st_mtime
    wait = since + _AFTER_DELETION_SECONDS - time.time()
    if wait > 0:
        log(f"waiting {wait:.0f} s: files deleted just before slow down creating files here")
    time.sleep(max(wait, 3 * SETTLE_SECONDS))


if __name__ == "__main__":
    chosen = tuple(sys.argv[1:]) or SPECS
    try:
        main_guard(lambda: run(chosen), "generation")
    finally:
        clean_up()
