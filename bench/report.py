"""Turn the results of a bench run into bench/results/latest.md (tables) and latest.json.

Every figure in the tables is a median over runs and, where a goal is stated, a
ratio against a peer measured in the same run. Run alone to re-render the markdown
from an existing latest.json: `python bench/report.py`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from common import RESULTS, as_json, write_json

PEERS = ("opc-nohooks", "opc-hooks", "openapi-generator")


def _fmt(value: Any, digits: int = 2) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def _mark(ok: bool | None) -> str:
    return "–" if ok is None else ("met" if ok else "**missed**")


def _median(entry: dict[str, Any], key: str) -> float | None:
    figure = entry.get(key)
    if isinstance(figure, dict):
        return figure.get("median")  # type: ignore[no-any-return]
    return None


def machine_section(data: dict[str, Any]) -> list[str]:
    m = data.get("machine", {})
    end = data.get("load_average_end")
    lines = [
        "## Machine",
        "",
        f"- CPU: {m.get('cpu')}, {m.get('cores')} cores, {m.get('memory_gib')} GiB; "
        f"kernel {m.get('kernel')}",
        f"- Python: bench venv {m.get('bench_python')}, generator venv {m.get('main_python')}; "
        f"{m.get('java')}",
        f"- PYTHONDONTWRITEBYTECODE={m.get('pythondontwritebytecode') or '(unset)'} in the "
        "environment; bytecode state is stated per figure",
        f"- Load average (1, 5, 15 min) at start: {_loads(m.get('load_average_start'))}; "
        f"at end: {_loads(end)}. Other jobs shared the machine: figures are medians of "
        "interleaved rounds, and every goal is judged on ratios within one run.",
        f"- Date: {m.get('date')}; repository at {data.get('commit', '?')}; "
        f"{'BENCH_QUICK=1 (fewer repeats)' if m.get('quick') else 'full run'}; "
        f"took {_fmt(data.get('seconds'), 0)} s",
        "",
    ]
    return lines


def _loads(values: Any) -> str:
    if not values:
        return "?"
    return ", ".join(_fmt(v) for v in values)


def generation_section(data: dict[str, Any]) -> tuple[list[str], list[tuple[str, bool | None]]]:
    goals: list[tuple[str, bool | None]] = []
    lines = [
        "## Generation: wall time and peak memory (process tree RSS)",
        "",
        "Fresh output folder for every run, same disk for every tool. *cold*: no cached "
        "validation verdict or compiled templates, no bytecode for the generator; *warm*: "
        "verdict, templates and bytecode cached (the output folder is still fresh); "
        "*noop*: warm, output already up to date (nothing written; peers have no such mode). "
        "CPU is user + system time of the process and its children, less sensitive than wall "
        "time to the other jobs on the machine. Every run starts on an idle disk (flushed, "
        "then 2 s of pause): straight after a tool has written tens of MB, creating a file "
        "on this VM's disk costs up to twenty times more, which the next tool would pay.",
        "",
    ]
    for spec in data.get("generation", []):
        tools = spec["tools"]
        lines += [
            f"### {spec['spec']} ({spec['rounds']} rounds)",
            "",
            "| tool | wall s (median) | CPU s (median) | peak MiB (median) | files | runs |",
            "| --- | ---: | ---: | ---: | ---: | --- |",
        ]
        for entry in tools.values():
            wall = _median(entry, "seconds")
            peak = _median(entry, "peak_rss_mib")
            if entry.get("ok"):
                status = f"{entry['runs']} ok"
            elif entry.get("finished"):
                status = f"{entry['runs']} timed; exit ≠ 0 after writing: {entry.get('error', '')}"
            else:
                status = f"crashed, no output: {entry.get('error', '')}"
            cpu = _median(entry, "cpu_seconds")
            lines.append(
                f"| {entry['label']} | {_fmt(wall)} | {_fmt(cpu)} | {_fmt(peak, 0)} "
                f"| {entry['files']} | {status} |"
            )
        lines += [
            "",
            "| ours vs peer | times faster (wall) | times less CPU | times less memory |",
            "| --- | ---: | ---: | ---: |",
        ]
        for key, ratio in spec.get("ratios", {}).items():
            lines.append(
                f"| {key} | {_fmt(ratio['speedup'])}× | {_fmt(ratio.get('cpu_ratio'))}× "
                f"| {_fmt(ratio['memory_ratio'])}× |"
            )
        lines.append("")
        for ours in ("ours-cold", "ours-warm"):
            peers = [p for p in PEERS if f"{ours} vs {p}" in spec.get("ratios", {})]
            if not peers:
                continue
            speed = all(spec["ratios"][f"{ours} vs {p}"]["speedup"] >= 5 for p in peers)
            memory = all(spec["ratios"][f"{ours} vs {p}"]["memory_ratio"] > 1 for p in peers)
            goals.append((f"{spec['spec']} {ours}: ≥5× faster than every peer", speed))
            goals.append((f"{spec['spec']} {ours}: less memory than every peer", memory))
    return lines, goals


def stages_section(data: dict[str, Any]) -> list[str]:
    stages = data.get("stages") or []
    if not stages:
        return []
    lines = [
        "## Our generator, stage by stage (one process, uncached unless said)",
        "",
        "| stage | " + " | ".join(s["spec"] for s in stages) + " | share (first spec) |",
        "| --- | " + " | ".join("---:" for _ in stages) + " | ---: |",
    ]
    keys = [k for k in stages[0]["seconds"] if k != "files"]
    for key in keys:
        cells = " | ".join(_fmt(s["seconds"].get(key), 3) for s in stages)
        share = stages[0]["share_of_uncached"].get(key)
        lines.append(
            f"| {key} | {cells} | {_fmt(share * 100, 0) + ' %' if share is not None else '–'} |"
        )
    lines.append("")
    return lines


def optimisations_section(data: dict[str, Any]) -> list[str]:
    found = data.get("optimisations")
    if not found:
        return []
    lines = [
        "## Before / after, per optimisation (our generator, warm bytecode, fresh output folder)",
        "",
        f"{found['spec']}, {found['rounds']} interleaved rounds, output folder in "
        f"{found.get('output', 'disk')}; each variant switches optimisations off with an "
        "environment variable, everything else equal (those always on are not listed: "
        "`bench/compare.py REV` gives before/after figures against an older revision).",
        "",
        "| variant | wall s (median) | CPU s (median) | peak MiB | wall vs the first |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    base = found["variants"][next(iter(found["variants"]))]["seconds"]
    for name, entry in found["variants"].items():
        lines.append(
            f"| {name} | {_fmt(entry['seconds'])} | {_fmt(entry.get('cpu_seconds'))} "
            f"| {_fmt(entry['peak_rss_mib'], 0)} | {_fmt(base / entry['seconds'])}× |"
        )
    lines.append("")
    return lines


def client_section(data: dict[str, Any]) -> tuple[list[str], list[tuple[str, bool | None]]]:
    found = data.get("client_overhead")
    if not found:
        return [], []
    lines = [
        "## Client per-call overhead (sequential `assign_license_to_devices`, loopback server)",
        "",
        f"{found['calls']} calls per client per round, {found['rounds']} rounds; clients "
        f"alternate in chunks of {found['chunk']} calls inside one process; the server is a "
        "separate process. µs/call is the median chunk.",
        "",
        "| client | µs per call | calls/s | run of all calls, s (median) |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name, entry in found["clients"].items():
        lines.append(
            f"| {name} | {_fmt(entry['us_per_call'], 1)} | {_fmt(entry['calls_per_second'], 0)} "
            f"| {_fmt(_median(entry, 'run_seconds'))} |"
        )
    ratios = found["ratios"]
    overhead = ratios["generated_overhead_vs_urllib3"]
    vs_apimatic = ratios["generated_throughput_vs_apimatic"]
    lines += [
        "",
        f"Generated client vs raw urllib3: {_fmt(overhead * 100, 1)} % slower per call; "
        f"throughput {_fmt(vs_apimatic)}× the APIMatic SDK's.",
        "",
    ]
    goals = [
        ("client: within 15 % of raw urllib3", overhead <= 0.15),
        ("client: ≥2× the APIMatic SDK's throughput", vs_apimatic >= 2),
    ]
    return lines, goals


def models_section(data: dict[str, Any]) -> tuple[list[str], list[tuple[str, bool | None]]]:
    found = data.get("models")
    if not found:
        return [], []
    lines = [
        f"## Models: AssignLicenseRequest of {found['devices']:,} devices (decoded JSON ⇄ objects)",
        "",
        f"Median of {found['runs']} repeats (each the best of 3).",
        "",
        "| models | decode ms | encode ms | total ms | total vs generated |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    gen_total = found["variants"]["generated"]["total_ms"]
    for name, entry in found["variants"].items():
        lines.append(
            f"| {name} | {_fmt(entry['decode_ms'])} | {_fmt(entry['encode_ms'])} "
            f"| {_fmt(entry['total_ms'])} | {_fmt(entry['total_ms'] / gen_total)}× |"
        )
    lines.append("")
    variants = found["variants"]
    goals = [
        (
            "models: faster than APIMatic (decode + encode)",
            gen_total < variants["apimatic"]["total_ms"],
        ),
        ("models: within 2× of pydantic", gen_total <= 2 * variants["pydantic"]["total_ms"]),
    ]
    return lines, goals


def imports_section(data: dict[str, Any]) -> tuple[list[str], list[tuple[str, bool | None]]]:
    found = data.get("imports")
    if not found:
        return [], []
    lines = [
        "## Import time: `import PACKAGE` over a bare interpreter (`python -c pass`)",
        "",
        f"Median of {found['runs']} runs (fewer for openapi-generator's). *cold*: no bytecode "
        "for the package (PYTHONDONTWRITEBYTECODE=1, no __pycache__ in it), the standard "
        "library and dependencies with the bytecode installed with them; *warm*: the bytecode "
        "of everything read from a PYTHONPYCACHEPREFIX compiled beforehand.",
        "",
        "| package | modules | cold ms over bare | warm ms over bare | import statement "
        "cold / warm ms |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    goals: list[tuple[str, bool | None]] = []
    for label, entry in found["packages"].items():
        if not entry.get("ok"):
            lines.append(f"| {label} | – | failed | {entry.get('error', '')[:80]} | – |")
            continue
        lines.append(
            f"| {label} (`{entry['package']}`) | {entry['modules_in_package']} "
            f"| {_fmt(entry['cold_over_bare_ms'], 1)} | {_fmt(entry['warm_over_bare_ms'], 1)} "
            f"| {_fmt(entry['cold_import_statement_ms'], 1)} / "
            f"{_fmt(entry['warm_import_statement_ms'], 1)} |"
        )
        if label.startswith("ours"):
            goals.append(
                (f"import {label} under 50 ms (cold bytecode)", entry["cold_over_bare_ms"] < 50)
            )
            goals.append(
                (f"import {label} under 50 ms (warm bytecode)", entry["warm_over_bare_ms"] < 50)
            )
    bare = next(iter(found["packages"].values())).get("bare_interpreter_ms")
    lines += ["", f"A bare interpreter (`python -c pass`) takes {_fmt(bare, 1)} ms."]
    for label, entry in found["packages"].items():
        if "warm_import_and_client_over_bare_ms" in entry:
            lines.append(
                f"{label}: import and construct a client (urllib3 imported by then), warm: "
                f"{_fmt(entry['warm_import_and_client_over_bare_ms'], 1)} ms over bare."
            )
    lines.append("")
    return lines, goals


def render_markdown(data: dict[str, Any]) -> str:
    lines = [
        "# Benchmarks: our generator and client against peers",
        "",
        "Written by `make bench` (bench/run.py); do not edit. Every figure is a median "
        "over runs; goals are judged on ratios against peers measured in the same run.",
        "",
    ]
    goals: list[tuple[str, bool | None]] = []
    body: list[str] = []
    for section in (generation_section, client_section, models_section, imports_section):
        part, found = section(data)
        body += part
        goals += found
    body += stages_section(data) + optimisations_section(data)
    lines += ["## Goals", "", "| goal | result |", "| --- | --- |"]
    lines += [f"| {name} | {_mark(ok)} |" for name, ok in goals]
    lines.append("")
    lines += body + machine_section(data)
    return "\n".join(lines).rstrip() + "\n"


def write(data: dict[str, Any], folder: Path = RESULTS) -> None:
    write_json(folder / "latest.json", data)
    (folder / "latest.md").write_text(render_markdown(as_json(data)), "utf-8")


if __name__ == "__main__":
    loaded = json.loads((RESULTS / "latest.json").read_text("utf-8"))
    (RESULTS / "latest.md").write_text(render_markdown(loaded), "utf-8")
    print(RESULTS / "latest.md")
