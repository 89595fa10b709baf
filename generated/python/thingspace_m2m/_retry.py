"""``RetryPolicy``: which failed requests are sent again, and how long to wait first."""

from __future__ import annotations

import functools
import re
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING

from ._record import Frozen

if TYPE_CHECKING:
    import random

DEFAULT_MAX_RETRIES = 2
"""Two retries ride out a brief outage or a deploy without hiding a real one for long."""

DEFAULT_RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
"""Timeouts, rate limits and server or gateway failures: answers that may differ next time.
Other 4xx statuses would fail again the same way."""

DEFAULT_RETRY_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE"})
"""The idempotent methods (RFC 9110 §9.2.2): sending one twice has the effect of sending it
once. A POST or PATCH that failed may have taken effect, so it is not sent again by default."""

DEFAULT_BACKOFF_FACTOR = 0.5
"""Waits of 0.5 s, 1 s, 2 s …: long enough to let a struggling server recover."""

DEFAULT_MAX_BACKOFF = 8.0
"""No computed wait is longer: a caller is usually waiting on the call."""

DEFAULT_JITTER = 0.25
"""±25 % keeps the doubling recognisable while clients that failed together spread out."""

DEFAULT_RETRY_AFTER_CAP = 60.0
"""A server asking for a longer pause is better reported to the caller than waited out."""

_DELTA_SECONDS = re.compile(r"\s*[0-9]+\s*")


class RetryPolicy(Frozen):
    """When to send a request again, and how long to wait before each retry.

    Example::

        RetryPolicy()                                   # the defaults below
        RetryPolicy(max_retries=0)                      # never retry
        policy.replace(statuses=frozenset({503}))       # a copy with other statuses

    A request is retried when its method is retryable and it either got no
    response (``ApiConnectionError``, timeouts included) or got one of
    ``statuses``. After the last retry the outcome is handled as usual: the
    error is raised, or the status raises its mapped exception.

    Attributes:
        max_retries: retries after the first attempt (default 2, so at most 3
            requests); ``0`` never retries. Negative values are rejected.
        statuses: the response statuses retried (default 408, 429, 500, 502,
            503, 504).
        methods: the methods retried, upper case (default the idempotent ones:
            GET, HEAD, PUT, DELETE, OPTIONS, TRACE). Others are retried only
            when the call allows it (``RequestOptions.retry_non_idempotent``).
        backoff_factor: seconds before the first retry, doubled for each
            further one (default 0.5); ``0`` retries at once.
        max_backoff: the longest computed wait in seconds (default 8).
        jitter: the fraction by which each computed wait is randomly
            lengthened or shortened (default 0.25, i.e. ±25 %); ``0`` waits
            exactly the computed time. At most 1.
        retry_after_cap: the longest ``Retry-After`` honoured, in seconds
            (default 60). A response asking for a longer wait is not retried:
            its status is handled at once. ``0`` retries only when the server
            allows an immediate retry.

    A ``Retry-After`` header on a retryable response replaces the computed
    wait, even when it is longer than ``max_backoff``.
    """

    __slots__ = (
        "max_retries",
        "statuses",
        "methods",
        "backoff_factor",
        "max_backoff",
        "jitter",
        "retry_after_cap",
    )

    max_retries: int
    statuses: frozenset[int]
    methods: frozenset[str]
    backoff_factor: float
    max_backoff: float
    jitter: float
    retry_after_cap: float

    def __init__(
        self,
        max_retries: int = DEFAULT_MAX_RETRIES,
        statuses: frozenset[int] = DEFAULT_RETRY_STATUSES,
        methods: frozenset[str] = DEFAULT_RETRY_METHODS,
        backoff_factor: float = DEFAULT_BACKOFF_FACTOR,
        max_backoff: float = DEFAULT_MAX_BACKOFF,
        jitter: float = DEFAULT_JITTER,
        retry_after_cap: float = DEFAULT_RETRY_AFTER_CAP,
    ) -> None:
        if isinstance(max_retries, bool) or max_retries < 0:
            raise ValueError(f"max_retries must be 0 or more, not {max_retries!r}")
        for name, value in (
            ("backoff_factor", backoff_factor),
            ("max_backoff", max_backoff),
            ("retry_after_cap", retry_after_cap),
        ):
            if not value >= 0:
                raise ValueError(f"{name} must be 0 or more, not {value!r}")
        if not 0 <= jitter <= 1:
            raise ValueError(f"jitter must be between 0 and 1, not {jitter!r}")
        object.__setattr__(self, "max_retries", max_retries)
        object.__setattr__(self, "statuses", statuses)
        object.__setattr__(self, "methods", methods)
        object.__setattr__(self, "backoff_factor", backoff_factor)
        object.__setattr__(self, "max_backoff", max_backoff)
        object.__setattr__(self, "jitter", jitter)
        object.__setattr__(self, "retry_after_cap", retry_after_cap)

    def replace(
        self,
        *,
        max_retries: int | None = None,
        statuses: frozenset[int] | None = None,
        methods: frozenset[str] | None = None,
        backoff_factor: float | None = None,
        max_backoff: float | None = None,
        jitter: float | None = None,
        retry_after_cap: float | None = None,
    ) -> RetryPolicy:
        """A copy with the given attributes changed (those left ``None`` are kept)."""
        return RetryPolicy(
            self.max_retries if max_retries is None else max_retries,
            self.statuses if statuses is None else statuses,
            self.methods if methods is None else methods,
            self.backoff_factor if backoff_factor is None else backoff_factor,
            self.max_backoff if max_backoff is None else max_backoff,
            self.jitter if jitter is None else jitter,
            self.retry_after_cap if retry_after_cap is None else retry_after_cap,
        )

    def is_retryable_method(self, method: str, allow_non_idempotent: bool) -> bool:
        """Whether a request with ``method`` may be sent again.

        ``allow_non_idempotent`` makes every method retryable.
        """
        return allow_non_idempotent or method.upper() in self.methods

    def is_retryable_status(self, status: int) -> bool:
        """Whether a response with ``status`` is worth retrying."""
        return status in self.statuses

    def backoff(self, attempt: int, rng: random.Random | None = None) -> float:
        """The computed wait in seconds before retry number ``attempt`` (1 for the first).

        ``backoff_factor * 2 ** (attempt - 1)``, spread by ``jitter`` using
        ``rng`` (by default a generator of the client's own, so that retries
        neither use up nor follow an application's seeded ``random``), and never
        more than ``max_backoff``.
        """
        base = self.backoff_factor * 2.0 ** (attempt - 1)
        if not self.jitter:
            return min(base, self.max_backoff)
        spread = (rng or _own_random()).uniform(1 - self.jitter, 1 + self.jitter)
        return min(base * spread, self.max_backoff)

    def delay_for(
        self,
        attempt: int,
        response_headers: Mapping[str, str] | None,
        *,
        now: float | None = None,
        rng: random.Random | None = None,
    ) -> float | None:
        """The wait in seconds before retry number ``attempt`` (1 for the first).

        ``response_headers`` are those of the response being retried, or
        ``None`` when there was no response. A valid ``Retry-After`` among
        them is the wait; otherwise it is :meth:`backoff`. ``now`` is the
        current time as a Unix timestamp (default ``time.time()``), for a
        ``Retry-After`` given as a date.

        Returns ``None`` when ``Retry-After`` asks for longer than
        ``retry_after_cap``: the request should not be retried.
        """
        value = _header(response_headers or {}, "retry-after")
        wait = (
            None if value is None else parse_retry_after(value, time.time() if now is None else now)
        )
        if wait is None:
            return self.backoff(attempt, rng)
        return wait if wait <= self.retry_after_cap else None


def parse_retry_after(value: str, now: float) -> float | None:
    """The seconds a ``Retry-After`` header value asks to wait, counted from ``now``.

    ``value`` is delta-seconds (``"120"``) or an HTTP date
    (``"Wed, 21 Oct 2015 07:28:00 GMT"``); ``now`` is a Unix timestamp. A date
    in the past gives ``0``. Anything else (negative numbers, fractions,
    garbage) gives ``None``.
    """
    if _DELTA_SECONDS.fullmatch(value):
        return float(value)
    # Only for an HTTP-date Retry-After: email.utils takes ~8 ms to import.
    import datetime
    import email.utils

    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # "-0000": UTC, with no claim about the sender's zone
        when = when.replace(tzinfo=datetime.timezone.utc)
    return max(0.0, when.timestamp() - now)


def _header(headers: Mapping[str, str], name: str) -> str | None:
    """The value of header ``name``, whatever the case of its name in ``headers``."""
    return next((value for key, value in headers.items() if key.lower() == name), None)


@functools.cache
def _own_random() -> random.Random:
    """The jitter's generator, made on the first retry (``random`` costs ~1 ms to import)."""
    import random

    return random.Random()
