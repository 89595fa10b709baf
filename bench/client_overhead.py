"""Per-call overhead: sequential `assign_license_to_devices` calls against a loopback server.

Three clients make the same call (POST /v1/devices/license/actions/assign, a
JSON body of one device, Bearer token and VZ-M2M-Token headers, JSON response
decoded):
- generated: our client (`generated/python`), access_token + vz_m2m_token,
  logging off (no handler, the package logger below DEBUG), default retries;
- urllib3: the same request by hand with urllib3 (the headers our client sent,
  captured by the server; body `json.dumps`, response `json.loads`);
- apimatic: the APIMatic-generated SDK (PyPI apimatic-verizon-sdk) with its M2M
  server pointed at the loopback server, the OAuth token given (no token call).

The server (bench/loopback.py) runs in its own process; each client runs in a
fresh interpreter, rounds interleaved, and only the timed loop is measured
(after a warm-up). Figures: median seconds per run of N calls, calls/s, and
microseconds per call.

Run alone: `bench/.venv/bin/python bench/client_overhead.py [--calls N] [--profile]`.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

from common import (
    BENCH,
    BENCH_PYTHON,
    GENERATED_PYTHON,
    QUICK,
    RESULTS,
    log,
    main_guard,
    median,
    repeats,
    summarize,
)

CLIENTS = ("generated", "urllib3", "apimatic")
PATH = "/v1/devices/license/actions/assign"
PAYLOAD = {
    "accountName": "0000123456-00001",
    "devices": [{"deviceIds": [{"id": "864508030109877", "kind": "IMEI"}]}],
    "skuNumber": "SIMSec-IoT-Lt",
}
TOKEN, SESSION = "bench-access-token", "bench-session-token"
WARMUP = 200
CHUNK = 1000  # calls per timed chunk; clients alternate chunk by chunk


# -- the clients (each runs in its own interpreter: `--client NAME`) -----------------------


def _generated(base: str) -> Any:
    sys.path.insert(0, str(GENERATED_PYTHON))
    from thingspace_m2m import ThingSpaceM2MClient
    from thingspace_m2m.models import AssignLicenseRequest

    client = ThingSpaceM2MClient(access_token=TOKEN, vz_m2m_token=SESSION, base_url=base)
    body = AssignLicenseRequest.from_dict(PAYLOAD)
    call = client.sim_secure_for_iot_licenses.assign_license_to_devices

    def once() -> str:
        return call(body).data.request_id  # type: ignore[no-any-return]

    return once


def _urllib3(base: str, headers: dict[str, str]) -> Any:
    import urllib3

    pool = urllib3.PoolManager(maxsize=10, retries=False)
    url = base + PATH

    def once() -> str:
        response = pool.request(
            "POST",
            url,
            body=json.dumps(PAYLOAD, separators=(",", ":")).encode(),
            headers=headers,
            retries=False,
        )
        if response.status != 200:
            raise RuntimeError(f"status {response.status}")
        return json.loads(response.data)["requestId"]  # type: ignore[no-any-return]

    return once


def _apimatic(base: str) -> Any:
    from verizon.configuration import Configuration
    from verizon.http.auth.thingspace_oauth import ThingspaceOauthCredentials
    from verizon.http.auth.vz_m2m_token import VzM2MTokenCredentials
    from verizon.models.assign_license_request import AssignLicenseRequest
    from verizon.models.oauth_token import OauthToken
    from verizon.verizon_client import VerizonClient

    class Loopback(Configuration):  # type: ignore[misc]
        def get_base_uri(self, server: Any = None) -> str:
            return base

    config = Loopback(
        thingspace_oauth_credentials=ThingspaceOauthCredentials(
            oauth_client_id="id",
            oauth_client_secret="secret",
            oauth_token=OauthToken(access_token=TOKEN, token_type="Bearer"),
        ),
        vz_m2m_token_credentials=VzM2MTokenCredentials(vz_m2m_token=SESSION),
    )
    client = VerizonClient(config=config)
    body = AssignLicenseRequest.from_dictionary(PAYLOAD)
    api = client.sim_secure_for_io_t_licenses

    def once() -> str:
        return api.assign_license_to_devices(body).body.request_id  # type: ignore[no-any-return]

    return once


def _round_main(args: argparse.Namespace) -> None:
    """One round: every client makes `calls` calls, in alternating chunks of `chunk` calls.

    Alternating chunks inside one process means a burst of load elsewhere on the
    machine hits every client alike; each chunk is timed on its own.
    """
    base = f"http://127.0.0.1:{args.port}"
    makers = {
        "generated": lambda: _generated(base),
        "urllib3": lambda: _urllib3(base, json.loads(args.headers)),
        "apimatic": lambda: _apimatic(base),
    }
    clients = {name: makers[name]() for name in args.clients.split(",")}
    for once in clients.values():
        for _ in range(min(WARMUP, args.calls)):
            once()
    chunks: dict[str, list[float]] = {name: [] for name in clients}
    done = 0
    while done < args.calls:
        size = min(args.chunk, args.calls - done)
        for name, once in clients.items():
            start = time.perf_counter()
            for _ in range(size):
                once()
            chunks[name].append((time.perf_counter() - start) / size)
        done += size
    print(json.dumps({"calls": args.calls, "per_call": chunks}))


def _profile_main(args: argparse.Namespace) -> None:
    """cProfile one client's calls (not timed; for finding hot spots)."""
    import cProfile
    import pstats

    base = f"http://127.0.0.1:{args.port}"
    once = (
        _generated(base)
        if args.clients == "generated"
        else _urllib3(base, json.loads(args.headers))
        if args.clients == "urllib3"
        else _apimatic(base)
    )
    for _ in range(WARMUP):
        once()
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(args.calls):
        once()
    profiler.disable()
    target = RESULTS / f"profile-client-{args.clients}.tmp"
    with open(target, "w") as handle:
        stats = pstats.Stats(profiler, stream=handle)
        stats.sort_stats("tottime").print_stats(30)
        stats.sort_stats("cumulative").print_stats(40)
    print(json.dumps({"profile": str(target)}))


# -- orchestration --------------------------------------------------------------------------


def _server() -> tuple[subprocess.Popen[str], int]:
    process = subprocess.Popen(
        [str(BENCH_PYTHON), str(BENCH / "loopback.py")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    port = int(process.stdout.readline())
    return process, port


def _requests_seen(port: int) -> dict[str, Any]:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/__requests", timeout=10) as reply:
        return json.loads(reply.read())  # type: ignore[no-any-return]


def _child(port: int, mode: str, clients: str, calls: int, headers: dict[str, str]) -> Any:
    command = [str(BENCH_PYTHON), str(Path(__file__)), mode, "--clients", clients]
    command += ["--port", str(port), "--calls", str(calls), "--headers", json.dumps(headers)]
    done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=1800)
    if done.returncode != 0:
        raise SystemExit(f"clients {clients} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(calls: int | None = None, profile: bool = False) -> dict[str, Any]:
    calls = calls or (5000 if QUICK else 20000)
    rounds = repeats(2, 1)  # each round: 20 chunks per client, so 40 chunk timings each
    server, port = _server()
    try:
        # The headers our client sends, for the by-hand urllib3 request to copy.
        _child(port, "--round", "generated", 1, {})
        sent = _requests_seen(port)["last_headers"]
        headers = {k: v for k, v in sent.items() if k not in ("host", "content-length")}
        per_call: dict[str, list[float]] = {name: [] for name in CLIENTS}
        totals: dict[str, list[float]] = {name: [] for name in CLIENTS}
        for round_ in range(rounds):
            got = _child(port, "--round", ",".join(CLIENTS), calls, headers)["per_call"]
            for name in CLIENTS:
                per_call[name].extend(got[name])
                chunk = calls / len(got[name])
                totals[name].append(sum(got[name]) * chunk)
            log(
                f"clients round {round_ + 1}/{rounds}: "
                + ", ".join(f"{n} {totals[n][-1]:.2f} s" for n in CLIENTS)
            )
        if profile:
            for name in CLIENTS:
                _child(port, "--profile-one", name, min(calls, 5000), headers)
        seen = _requests_seen(port)
    finally:
        assert server.stdin is not None
        server.stdin.close()
        server.wait(timeout=10)
    result: dict[str, Any] = {
        "calls": calls,
        "rounds": rounds,
        "chunk": CHUNK,
        "server_requests": seen["count"],
        "headers_sent_by_generated_and_urllib3": headers,
        "clients": {},
    }
    for name in CLIENTS:
        chunk_median = median(per_call[name])
        result["clients"][name] = {
            "run_seconds": summarize(f"{calls} calls", totals[name], "s"),
            "us_per_call": round(chunk_median * 1e6, 1),
            "calls_per_second": round(1 / chunk_median, 1),
        }
    gen, raw, apimatic = (result["clients"][n]["us_per_call"] for n in CLIENTS)
    result["ratios"] = {
        "generated_overhead_vs_urllib3": round(gen / raw - 1, 3),
        "generated_throughput_vs_apimatic": round(apimatic / gen, 2),
    }
    return result


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--round", action="store_true", help="(internal) one timed round")
    mode.add_argument("--profile-one", dest="profile_one", action="store_true")
    parser.add_argument("--profile", action="store_true", help="also cProfile each client")
    parser.add_argument("--clients", default=",".join(CLIENTS))
    parser.add_argument("--port", type=int)
    parser.add_argument("--calls", type=int)
    parser.add_argument("--chunk", type=int, default=CHUNK)
    parser.add_argument("--headers", default="{}")
    arguments = parser.parse_args()
    if arguments.round:
        _round_main(arguments)
    elif arguments.profile_one:
        _profile_main(arguments)
    else:
        main_guard(lambda: run(arguments.calls, arguments.profile), "client_overhead")
