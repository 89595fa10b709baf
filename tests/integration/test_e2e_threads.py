"""One client shared by many threads: one token fetch, one login, no errors."""

from __future__ import annotations

import threading
from collections.abc import Callable

from e2e_server import ASSIGN_PATH, FIRST_SESSION, LOGIN_PATH, USERNAME, LoopbackServer
from e2e_support import LOGIN, OAUTH, MakeClient, assign_body
from support.threads import run_in_threads
from thingspace_m2m import ThingSpaceM2MClient
from thingspace_m2m.exceptions import ConnectivityManagementResultException

THREADS = 16
CALLS = 20


def _hammer(
    client: ThingSpaceM2MClient, calls: int, call: Callable[[ThingSpaceM2MClient, int], int]
) -> tuple[list[int], list[BaseException]]:
    """``THREADS`` threads, released together, each making ``calls`` calls."""
    start = threading.Barrier(THREADS)
    statuses: list[int] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def work(index: int) -> None:
        try:
            start.wait(timeout=10)
            for n in range(calls):
                status = call(client, index * calls + n)
                with lock:
                    statuses.append(status)
        except BaseException as exc:  # every failure is reported below
            with lock:
                errors.append(exc)

    threads = run_in_threads(work, THREADS, timeout=30)
    assert not any(thread.is_alive() for thread in threads), "a thread hung"
    return statuses, errors


def _mixed_call(client: ThingSpaceM2MClient, n: int) -> int:
    licenses = client.sim_secure_for_iot_licenses
    if n % 2:
        return licenses.unassign_license_to_devices(f"1-{1000 + n}").status_code
    return licenses.assign_license_to_devices(
        assign_body(), x_request_id=f"1-{1000 + n}"
    ).status_code


def test_sixteen_threads_share_one_token_and_one_session(
    server: LoopbackServer, make_client: MakeClient
) -> None:
    client = make_client(**OAUTH, **LOGIN)

    statuses, errors = _hammer(client, CALLS, _mixed_call)

    assert errors == []
    assert statuses == [200] * (THREADS * CALLS)
    assert server.token_fetches == 1
    assert len(server.logins()) == 1
    calls = server.api_requests(ASSIGN_PATH)
    assert len(calls) == THREADS * CALLS  # no call was sent twice
    assert {(r.header("Authorization"), r.header("VZ-M2M-Token")) for r in calls} == {
        ("Bearer tok-1", FIRST_SESSION)
    }
    # Every call arrived with its own X-Request-ID: no request crossed another's headers.
    assert sorted(r.header("X-Request-ID") or "" for r in calls) == sorted(
        f"1-{1000 + n}" for n in range(THREADS * CALLS)
    )


def test_a_session_expiring_under_load_is_renewed_once(
    server: LoopbackServer, make_client: MakeClient
) -> None:
    client = make_client(**OAUTH, **LOGIN)
    client.sim_secure_for_iot_licenses.unassign_license_to_devices("1-1234")
    server.expire_session()

    statuses, errors = _hammer(client, 5, _mixed_call)

    assert errors == []
    assert statuses == [200] * (THREADS * 5)
    assert len(server.logins()) == 2
    # Each call is answered 401 at most once, so at most one request per call is extra.
    assert len(server.api_requests(ASSIGN_PATH)) <= 1 + 2 * THREADS * 5
    late = [r for r in server.api_requests() if r.path.endswith(LOGIN_PATH)][-1]
    assert late.header("VZ-M2M-Token") is None


def test_a_failing_login_is_attempted_once_for_threads_waiting_on_it(
    server: LoopbackServer, make_client: MakeClient
) -> None:
    server.delay = 0.05  # the login is slow: every thread queues behind the first one's login
    client = make_client(**OAUTH, username=USERNAME, password="Wrong-e2e-Pw-3a9c41")

    statuses, errors = _hammer(client, 1, _mixed_call)

    assert statuses == []
    assert {type(error) for error in errors} == {ConnectivityManagementResultException}
    assert len(errors) == THREADS
    assert len(server.logins()) == 1
