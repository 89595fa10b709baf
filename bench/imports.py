"""Import time: `import PACKAGE` over a bare interpreter (`python -c pass`).

Packages: our generated M2M client (generated/python), and the packages generated
from the GitHub spec by us, by openapi-python-client and by openapi-generator
(the outputs generation.py left in bench/.work/out/github/; made here if absent).

Each figure is the median wall time of `python -c "import PACKAGE"` minus the
median of `python -c pass`, both run with the bench venv's Python (it has every
package's dependencies). Two bytecode states, reported separately:
- cold: no bytecode for the generated package (PYTHONDONTWRITEBYTECODE=1, as set
  on these machines; any __pycache__ in the package is removed first); the standard
  library and the dependencies (urllib3, httpx, pydantic, ...) keep the bytecode
  installed with them;
- warm: the bytecode of everything compiled once into a PYTHONPYCACHEPREFIX and
  read from there.
The in-process time of the import statement alone is recorded as well, and for our
M2M package the time to import it and construct a client (which imports urllib3).

Run alone: `bench/.venv/bin/python bench/imports.py`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

from common import BENCH_PYTHON, GENERATED_PYTHON, WORK, log, main_guard, median, repeats

OUT = WORK / "out" / "github"


def _package_in(folder: Path) -> tuple[Path, str] | None:
    """(folder to put on sys.path, top-level package name) of a generated project."""
    if not folder.is_dir():
        return None
    for candidate in sorted(folder.iterdir()):
        if (
            candidate.is_dir()
            and (candidate / "__init__.py").is_file()
            and candidate.name not in ("test", "tests", "docs")
        ):
            return folder, candidate.name
    return None


def packages() -> dict[str, tuple[Path, str]]:
    found: dict[str, tuple[Path, str]] = {"ours M2M": (GENERATED_PYTHON, "thingspace_m2m")}
    for label, name in (
        ("ours GitHub", "ours-warm"),
        ("openapi-python-client GitHub", "opc-nohooks"),
        ("openapi-generator GitHub", "openapi-generator"),
    ):
        where = _package_in(OUT / name)
        if where is None:
            where = _make(name)
        if where is not None:
            found[label] = where
    return found


def _make(name: str) -> tuple[Path, str] | None:
    """Generate the GitHub package with one tool, when generation.py has not left it."""
    from generation import CORPUS, _run_tool, tools

    table = tools(CORPUS / "github-rest-api.json")
    log(f"imports: generating the GitHub package with {name}")
    run = _run_tool(name, table[name], OUT / name)
    return _package_in(OUT / name) if run.ok else None


def _time(code: str, env: dict[str, str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run([str(BENCH_PYTHON), "-c", code], env=env, cwd=cwd, check=True)
    return time.perf_counter() - start


def _inner(package: str, env: dict[str, str], cwd: Path) -> float:
    code = (
        "import time; t = time.perf_counter(); import " + package + "; "
        "print(time.perf_counter() - t)"
    )
    done = subprocess.run(
        [str(BENCH_PYTHON), "-c", code], env=env, cwd=cwd, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    return float(done.stdout.strip().splitlines()[-1])


def _env(path: Path, prefix: Path | None) -> dict[str, str]:
    """Cold (`prefix` None): no bytecode written, none read for the package (it has no
    __pycache__: these machines never write one), the standard library's and the
    dependencies' read as installed. Warm: everything's bytecode read from `prefix`."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(path)
    env.pop("PYTHONPYCACHEPREFIX", None)
    if prefix is None:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    else:
        env["PYTHONPYCACHEPREFIX"] = str(prefix)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _clear_bytecode(folder: Path) -> int:
    """Remove __pycache__ folders below `folder` (cold means none); how many there were."""
    found = [p for p in folder.rglob("__pycache__") if p.is_dir()]
    for cache in found:
        shutil.rmtree(cache, ignore_errors=True)
    return len(found)


def bench_package(label: str, path: Path, package: str, runs: int) -> dict[str, Any]:
    warm_prefix = WORK / "pycache-imports-warm" / package
    shutil.rmtree(warm_prefix, ignore_errors=True)
    stale = _clear_bytecode(path / package)
    cold_env = _env(path, None)
    warm_env = _env(path, warm_prefix)
    cwd = WORK  # not the repository: nothing there may shadow the package
    try:
        _inner(package, warm_env, cwd)  # compiles every module's bytecode into warm_prefix
        _time("pass", warm_env, cwd)
    except (RuntimeError, subprocess.CalledProcessError) as error:
        return {"package": package, "ok": False, "error": str(error)[-300:]}
    samples: dict[str, list[float]] = {
        k: [] for k in ("bare_cold", "bare_warm", "cold", "warm", "cold_in", "warm_in")
    }
    client = _CONSTRUCT.get(package)
    if client:
        samples["warm_client"] = []
    for _ in range(runs):  # interleaved, so load bursts hit every state alike
        samples["bare_cold"].append(_time("pass", cold_env, cwd))
        samples["cold"].append(_time("import " + package, cold_env, cwd))
        samples["bare_warm"].append(_time("pass", warm_env, cwd))
        samples["warm"].append(_time("import " + package, warm_env, cwd))
        samples["cold_in"].append(_inner(package, cold_env, cwd))
        samples["warm_in"].append(_inner(package, warm_env, cwd))
        if client:
            samples["warm_client"].append(_time(client, warm_env, cwd))
    med = {key: median(values) for key, values in samples.items()}
    entry: dict[str, Any] = {
        "package": package,
        "ok": True,
        "modules_in_package": sum(1 for _ in (path / package).rglob("*.py")),
        "bare_interpreter_ms": round(med["bare_cold"] * 1000, 1),
        "cold_over_bare_ms": round((med["cold"] - med["bare_cold"]) * 1000, 1),
        "warm_over_bare_ms": round((med["warm"] - med["bare_warm"]) * 1000, 1),
        "cold_import_statement_ms": round(med["cold_in"] * 1000, 1),
        "warm_import_statement_ms": round(med["warm_in"] * 1000, 1),
        "cold_runs_ms": [round(v * 1000, 1) for v in samples["cold"]],
        "warm_runs_ms": [round(v * 1000, 1) for v in samples["warm"]],
        "stale_pycache_removed": stale,
    }
    if client:
        entry["warm_import_and_client_over_bare_ms"] = round(
            (med["warm_client"] - med["bare_warm"]) * 1000, 1
        )
    log(
        f"imports {label}: cold +{entry['cold_over_bare_ms']} ms, "
        f"warm +{entry['warm_over_bare_ms']} ms over a bare interpreter "
        f"({entry['bare_interpreter_ms']:.0f} ms)"
    )
    return entry


# Import and make a client: what a program pays before its first call (urllib3 included).
_CONSTRUCT = {
    "thingspace_m2m": "import thingspace_m2m; thingspace_m2m.ThingSpaceM2MClient(access_token='t')",
}


def run() -> dict[str, Any]:
    runs = repeats(7, 3)
    found = packages()
    result: dict[str, Any] = {"runs": runs, "packages": {}}
    for label, (path, package) in found.items():
        # openapi-generator's package takes seconds per import: fewer runs.
        count = max(2, runs // 3) if "openapi-generator" in label else runs
        result["packages"][label] = bench_package(label, path, package, count)
    return result


if __name__ == "__main__":
    main_guard(run, "imports")
