"""Shared helpers of the benchmarks: paths, the machine, timing a process tree, medians.

Standard library only: every bench module runs under the bench venv's Python
(`bench/.venv`, peers installed from `bench/requirements.txt`) or under any
Python 3.10+ when it only drives subprocesses.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
CORPUS = Path(os.environ.get("BENCH_CORPUS", REPO.parent / "shared" / "corpus"))
RESULTS = BENCH / "results"
WORK = BENCH / ".work"  # scratch: peers' outputs, caches, pycache prefixes (gitignored)
# Every timed run's output, deleted only when a bench is done timing (generation.clean_up).
RUNS = WORK / "runs"
MAIN_PYTHON = REPO / ".venv" / "bin" / "python"  # runs our generator
BENCH_VENV = BENCH / ".venv"
BENCH_PYTHON = BENCH_VENV / "bin" / "python"  # runs peers, clients, models, imports
# The generated package under test (BENCH_GENERATED_PYTHON: another copy, e.g. one being tuned).
GENERATED_PYTHON = Path(os.environ.get("BENCH_GENERATED_PYTHON", REPO / "generated" / "python"))

QUICK = os.environ.get("BENCH_QUICK", "") not in ("", "0")


def repeats(full: int, quick: int = 1) -> int:
    """How many measured runs: `full`, or `quick` under BENCH_QUICK=1 (`BENCH_RUNS` overrides)."""
    forced = os.environ.get("BENCH_RUNS")
    if forced:
        return max(1, int(forced))
    return quick if QUICK else full


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values)) if values else float("nan")


def load_average() -> tuple[float, float, float]:
    try:
        return os.getloadavg()
    except OSError:  # pragma: no cover - not on Linux
        return (float("nan"),) * 3


def machine() -> dict[str, Any]:
    """What the figures were measured on (CPU, cores, memory, Pythons, Java, load)."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory_gib = float("nan")
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_gib = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    java = _first_line(["java", "-version"], stderr=True)
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": memory_gib,
        "kernel": platform.release(),
        "python": platform.python_version(),
        "bench_python": _first_line([str(BENCH_PYTHON), "--version"]),
        "main_python": _first_line([str(MAIN_PYTHON), "--version"]),
        "java": java,
        "pythondontwritebytecode": os.environ.get("PYTHONDONTWRITEBYTECODE", ""),
        "load_average_start": load_average(),
        "quick": QUICK,
        "date": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
    }


def _first_line(command: list[str], *, stderr: bool = False) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return "absent"
    text = (done.stderr if stderr else done.stdout) or done.stdout or done.stderr
    return text.strip().splitlines()[0] if text.strip() else "unknown"


# -- one process tree, timed and its memory sampled ---------------------------------------

_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _children(pid: int) -> list[int]:
    """Direct children of `pid`, over all its threads (Java forks from any thread)."""
    found: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found.extend(int(p) for p in handle.read().split())
        except OSError:
            continue
    return found


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as handle:
            return int(handle.read().split()[1]) * _PAGE
    except (OSError, IndexError, ValueError):
        return 0


def tree_rss(root: int) -> int:
    """Resident memory of `root` and all its descendants, summed (bytes)."""
    total, pending, seen = 0, [root], set()
    while pending:
        pid = pending.pop()
        if pid in seen:
            continue
        seen.add(pid)
        total += _rss(pid)
        pending.extend(_children(pid))
    return total


@dataclass
class Run:
    """One measured process tree: wall seconds, peak summed RSS, exit code, output tail."""

    seconds: float
    peak_rss_mib: float
    returncode: int
    tail: str = ""
    finished: bool = False  # failed, but only after writing its whole output
    cpu_seconds: float = float("nan")  # user + system, the process and its waited-for children

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def measure(
    command: Sequence[str],
    *,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    interval: float = 0.01,
    timeout: float = 600,
) -> Run:
    """Run `command`, sampling the RSS of its whole process tree every `interval` seconds.

    The peak is the largest sum seen (the JVM, a Python and its ruff subprocesses
    alike); wall time is from spawn to exit. Output goes to a file, not a pipe, so
    a chatty tool is not slowed by a full pipe.
    """
    WORK.mkdir(parents=True, exist_ok=True)
    log_path = WORK / f"run-{os.getpid()}.log"
    with open(log_path, "wb") as output:
        start = time.perf_counter()
        process = subprocess.Popen(
            list(command),
            env=dict(env) if env is not None else None,
            cwd=cwd,
            stdout=output,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        peak = 0
        while True:
            peak = max(peak, tree_rss(process.pid))
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > timeout:
                process.kill()
                pid, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(interval)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
    tail = log_path.read_text("utf-8", "replace")[-2000:]
    log_path.unlink(missing_ok=True)
    cpu = round(usage.ru_utime + usage.ru_stime, 3)
    return Run(seconds, round(peak / 2**20, 1), process.returncode, tail, cpu_seconds=cpu)


def base_env(**extra: str) -> dict[str, str]:
    """This process's environment with the bench venv's tools first on PATH."""
    env = dict(os.environ)
    env["PATH"] = f"{BENCH_VENV / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env.pop("PYTHONPYCACHEPREFIX", None)
    env.update(extra)
    return env


# -- results ----------------------------------------------------------------------------


@dataclass
class Figure:
    """A median over runs, with every run kept for the record."""

    name: str
    median: float
    unit: str
    runs: list[float] = field(default_factory=list)
    note: str = ""


def summarize(name: str, values: Sequence[float], unit: str, note: str = "") -> Figure:
    return Figure(name, round(median(values), 6), unit, [round(v, 6) for v in values], note)


def as_json(value: Any) -> Any:
    if hasattr(value, "__dataclass_fields__"):
        return as_json(asdict(value))
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [as_json(v) for v in value]
    if isinstance(value, float) and value != value:
        return None
    return value


def write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(as_json(data), indent=2, sort_keys=False) + "\n", "utf-8")


def main_guard(run: Callable[[], dict[str, Any]], name: str) -> None:
    """Run one bench module alone: print its JSON result, and save it under results/."""
    result = run()
    write_json(RESULTS / f"{name}.tmp", result)  # *.tmp: not committed
    print(json.dumps(as_json(result), indent=2))
