"""A session token obtained by logging in, kept until the server says the session expired."""

from __future__ import annotations

import threading
from collections.abc import Callable


class SessionTokenSource:
    """Logs in when a session token is first needed and reuses the token from then on.

    Example::

        def log_in() -> str:
            result = client.session_management.start_connectivity_management_session(
                LogInRequest(username="zbeeblebrox", password="IMgr8")
            )
            return result.data.session_token

        source = SessionTokenSource(log_in)
        source.token()   # logs in; later calls return the same token

    The token is kept until :meth:`invalidate` is called with it, which the
    client does when a request using it gets ``401``: the next :meth:`token`
    then logs in again. So the session is obtained again when the server says
    it expired (ThingSpace ends a session after 20 minutes without use), and
    not before, as the API recommends.

    Safe to share between threads: when several threads need the token at the
    same time, ``login`` is called once and all of them use its token. A login
    that fails raises its exception to the caller and to every thread that was
    waiting for that login (they do not try again themselves: ThingSpace locks
    an account after 5 failed logins in a row), and caches nothing, so a later
    :meth:`token` calls ``login`` again.

    The source only holds ``login``, never the user name or password; its
    ``repr`` does not show the token.

    Args:
        login: a function without arguments that logs in and returns the
            session token, a non-empty ``str``.
    """

    __slots__ = ("_failure", "_finished", "_lock", "_login", "_login_thread", "_token")

    def __init__(self, login: Callable[[], str]) -> None:
        if not callable(login):
            raise TypeError(f"login must be callable, not {type(login).__name__}")
        self._login = login
        self._token: str | None = None
        self._login_thread: int | None = None
        self._finished = 0  # logins finished so far (they run one at a time, under the lock)
        self._failure: tuple[int, BaseException] | None = None  # (login number, what it raised)
        self._lock = threading.Lock()

    def token(self) -> str:
        """Return the session token, logging in first when none is held.

        Raises:
            TypeError: ``login`` returned something other than a ``str``.
            ValueError: ``login`` returned an empty string, or one with a line break.
            RuntimeError: ``login`` itself asked this source for the token.

        Whatever ``login`` raises is passed on unchanged.
        """
        token = self._token
        if token is not None:
            return token
        if self._login_thread == threading.get_ident():
            raise RuntimeError(
                "the session login needs the session token it is obtaining: "
                "the login operation must not use this source"
            )
        finished_before = self._finished
        with self._lock:
            if self._token is not None:
                return self._token
            if self._failure is not None and self._failure[0] > finished_before:
                raise self._failure[1]  # the login this call waited for failed: share it
            number = self._finished + 1
            self._login_thread = threading.get_ident()
            try:
                token = _checked(self._login())
            except BaseException as error:
                self._failure = (number, error)
                raise
            finally:
                self._login_thread = None
                self._finished = number
            self._token, self._failure = token, None
            return token

    def invalidate(self, token: str) -> None:
        """Forget ``token`` if it is still the current one, so the next :meth:`token`
        logs in again. A token that was already replaced is ignored: many requests
        that failed with the same expired session cause a single new login."""
        with self._lock:
            if self._token == token:
                self._token = None

    def __repr__(self) -> str:
        logged_in = self._token is not None
        return f"{type(self).__name__}(login={_callable_name(self._login)}, logged_in={logged_in})"


def _checked(token: object) -> str:
    if not isinstance(token, str):
        raise TypeError(f"session login returned {type(token).__name__}, expected str")
    if not token:
        raise ValueError("session login returned an empty string")
    if any(ch in token for ch in "\r\n\0"):
        raise ValueError("session login returned a token with a line break or NUL")
    return token


def _callable_name(function: object) -> str:
    """A function's qualified name; never its ``repr``, which may show bound arguments."""
    name = getattr(function, "__qualname__", None)
    return name if isinstance(name, str) else type(function).__name__
