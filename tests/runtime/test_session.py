"""``_session``: the session token source, driven by a login function that counts its calls."""

from __future__ import annotations

import functools
import threading
import time
from types import ModuleType

import pytest
from support.threads import run_together

PASSWORD = "IMgr8-PASSWORD"


class Login:
    """A login function: returns ``session-1``, ``session-2``, … or raises what is queued."""

    def __init__(self, delay: float = 0.0) -> None:
        self.calls = 0
        self.delay = delay
        self.failures: list[BaseException] = []
        self.lock = threading.Lock()

    def __call__(self) -> str:
        with self.lock:
            self.calls += 1
            number = self.calls
            failure = self.failures.pop(0) if self.failures else None
        if self.delay:
            time.sleep(self.delay)  # keeps the login in flight while other threads arrive
        if failure is not None:
            raise failure
        return f"session-{number}"


def test_logs_in_on_first_use_only(rt: ModuleType) -> None:
    login = Login()
    source = rt._session.SessionTokenSource(login)
    assert login.calls == 0  # nothing happens before a token is needed
    assert source.token() == "session-1"
    assert source.token() == "session-1"
    assert login.calls == 1


def test_sixteen_threads_log_in_once(rt: ModuleType) -> None:
    login = Login(delay=0.2)
    source = rt._session.SessionTokenSource(login)
    assert run_together(16, source.token) == ["session-1"] * 16
    assert login.calls == 1


def test_invalidate_with_the_current_token_logs_in_again(rt: ModuleType) -> None:
    login = Login()
    source = rt._session.SessionTokenSource(login)
    source.token()
    source.invalidate("session-1")
    assert login.calls == 1  # the new login waits until a token is needed
    assert source.token() == "session-2"
    assert source.token() == "session-2"
    assert login.calls == 2


def test_invalidate_with_a_stale_token_is_ignored(rt: ModuleType) -> None:
    login = Login()
    source = rt._session.SessionTokenSource(login)
    source.token()
    source.invalidate("session-1")
    source.token()
    source.invalidate("session-1")  # a late 401 for a request sent with the old session
    source.invalidate("unknown")
    assert source.token() == "session-2"
    assert login.calls == 2


def test_invalidate_before_login_does_nothing(rt: ModuleType) -> None:
    login = Login()
    source = rt._session.SessionTokenSource(login)
    source.invalidate("session-1")
    assert login.calls == 0
    assert source.token() == "session-1"


def test_sixteen_threads_with_the_same_expired_session_log_in_once_more(rt: ModuleType) -> None:
    login = Login()
    source = rt._session.SessionTokenSource(login)
    expired = source.token()
    login.delay = 0.2

    def got_401_then_retry() -> str:
        source.invalidate(expired)
        return str(source.token())

    assert run_together(16, got_401_then_retry) == ["session-2"] * 16
    assert login.calls == 2


def test_login_failure_propagates_and_the_next_call_tries_again(rt: ModuleType) -> None:
    login = Login()
    failure = rt._errors.ApiException(
        status_code=400, reason="Bad request.", headers={}, body=b'{"errorCode":"LOGIN"}'
    )
    login.failures.append(failure)
    source = rt._session.SessionTokenSource(login)
    with pytest.raises(rt._errors.ApiException) as caught:
        source.token()
    assert caught.value is failure
    assert source.token() == "session-2"
    assert login.calls == 2


def test_a_failed_relogin_leaves_nothing_cached(rt: ModuleType) -> None:
    login = Login()
    source = rt._session.SessionTokenSource(login)
    source.token()
    source.invalidate("session-1")
    login.failures.append(ConnectionError("down"))
    with pytest.raises(ConnectionError):
        source.token()
    assert source.token() == "session-3"


@pytest.mark.parametrize(
    ("returned", "error"),
    [(b"bytes-SECRET", TypeError), (None, TypeError), (12, TypeError), ("", ValueError)],
)
def test_login_result_is_checked(rt: ModuleType, returned: object, error: type[Exception]) -> None:
    results = [returned, "session-ok"]
    source = rt._session.SessionTokenSource(lambda: results.pop(0))
    with pytest.raises(error, match="session login") as caught:
        source.token()
    assert "SECRET" not in str(caught.value)
    assert source.token() == "session-ok"  # the bad result was not cached


def test_login_must_be_callable(rt: ModuleType) -> None:
    with pytest.raises(TypeError, match="login must be callable"):
        rt._session.SessionTokenSource("session-token")


def test_login_that_needs_its_own_token_fails_instead_of_hanging(rt: ModuleType) -> None:
    outcome: list[BaseException] = []

    def login() -> str:
        return str(source.token())

    source = rt._session.SessionTokenSource(login)

    def attempt() -> None:
        try:
            source.token()
        except BaseException as exc:
            outcome.append(exc)

    thread = threading.Thread(target=attempt, daemon=True)
    thread.start()
    thread.join(timeout=10)  # a guard against a deadlock, not a timing assertion
    assert not thread.is_alive(), "token() deadlocked when login asked for the token"
    [error] = outcome
    assert isinstance(error, RuntimeError) and "session login" in str(error)


def test_repr_shows_neither_token_nor_password(rt: ModuleType) -> None:
    def log_in(username: str, password: str) -> str:
        return "session-SECRET-TOKEN"

    source = rt._session.SessionTokenSource(
        functools.partial(log_in, username="zbeeblebrox", password=PASSWORD)
    )
    assert "logged_in=False" in repr(source)
    source.token()
    text = repr(source) + str(source)
    assert "logged_in=True" in text
    for hidden in ("SECRET", PASSWORD, "zbeeblebrox"):
        assert hidden not in text
    assert "log_in" in repr(rt._session.SessionTokenSource(log_in))


def test_threads_waiting_on_a_failed_login_share_its_failure(rt: ModuleType) -> None:
    # ThingSpace locks an account after 5 failed logins: 16 waiting threads must not try 16 times.
    login = Login(delay=0.2)
    login.failures.append(PermissionError("wrong password"))
    source = rt._session.SessionTokenSource(login)

    def attempt() -> str:
        try:
            return source.token()
        except PermissionError as error:
            return f"failed: {error}"

    assert run_together(16, attempt) == ["failed: wrong password"] * 16
    assert login.calls == 1
    assert source.token() == "session-2"  # a later call tries again


@pytest.mark.parametrize("token", ["abc\r\nX-Injected: 1", "abc\n", "a\0b"])
def test_a_token_with_a_line_break_is_refused_and_not_kept(rt: ModuleType, token: str) -> None:
    answers = iter([token, "session-ok"])
    source = rt._session.SessionTokenSource(lambda: next(answers))
    with pytest.raises(ValueError, match="line break"):
        source.token()
    assert source.token() == "session-ok"
