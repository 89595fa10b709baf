"""Load: 50 concurrent clients x 200 requests each on loopback, every answer as expected.

Each client keeps one connection alive and mixes requests the mock must check and
answer (a GET with parameters, a PUT with a JSON body, an operation without auth)
with ones it must reject, so both paths run concurrently. Nothing here measures time:
the deadline only stops a hung run from hanging the whole suite.
"""

from __future__ import annotations

import http.client
import json
import threading
import time
from pathlib import Path

from mock_http import on, port_of

from generator.loader import load_document
from generator.mock import MockServer

SPEC = Path(__file__).resolve().parent / "validating.yaml"
CLIENTS, REQUESTS = 50, 200
GUARD_SECONDS = 600  # far beyond any sane run; only a hang gets near it
SOCKET_TIMEOUT = 60

AUTH = {"Authorization": "Bearer load-test"}
BODY = json.dumps({"name": "Loaded", "size": "L"}).encode()


def request_for(client: int, n: int) -> tuple[str, str, dict[str, str], bytes | None, int]:
    """The n-th request of a client: method, target, headers, body, expected status."""
    item = client * REQUESTS + n + 1  # every request has a path of its own
    match n % 4:
        case 0:
            target = f"/items/{item}?view=short&tag=1&tag={n}&filter[min]={client}"
            return "GET", target, {**AUTH, "X-Trace": f"{item:08x}"}, None, 200
        case 1:
            headers = {**AUTH, "Content-Type": "application/json"}
            return "PUT", f"/items/{item}", headers, BODY, 204
        case 2:
            return "GET", f"/open?q={item}", {}, None, 200
        case _:  # no X-Trace: rejected with a 400
            return "GET", f"/items/{item}?view=short", AUTH, None, 400


def test_50_clients_200_requests_each() -> None:
    failures: list[str] = []
    start = threading.Barrier(CLIENTS)

    def client(c: int, port: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=SOCKET_TIMEOUT)
        try:
            start.wait(timeout=SOCKET_TIMEOUT)
            for n in range(REQUESTS):
                method, target, headers, body, expected = request_for(c, n)
                answer = on(conn, method, target, headers=headers, body=body)
                if answer.status != expected:
                    failures.append(f"{method} {target}: {answer.status} {answer.body[:200]!r}")
                elif expected == 400 and answer.wheres() != ["header X-Trace"]:
                    failures.append(f"{method} {target}: {answer.body[:200]!r}")
        except Exception as exc:  # noqa: BLE001 - collected, asserted below
            failures.append(f"client {c}: {exc!r}")
        finally:
            conn.close()

    with MockServer(load_document(SPEC)) as mock:
        port = port_of(mock)
        threads = [
            threading.Thread(target=client, args=(c, port), name=f"load-{c}", daemon=True)
            for c in range(CLIENTS)
        ]
        deadline = time.monotonic() + GUARD_SECONDS
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=max(0.0, deadline - time.monotonic()))
        hung = [t.name for t in threads if t.is_alive()]
        assert hung == [], f"still running after {GUARD_SECONDS}s: {hung}"
        assert failures == []
        received = mock.received

    assert len(received) == CLIENTS * REQUESTS
    expected = {
        (method, target.partition("?")[0])
        for c in range(CLIENTS)
        for n in range(REQUESTS)
        for method, target, _, _, _ in [request_for(c, n)]
    }
    assert {(r["method"], r["path"]) for r in received} == expected
