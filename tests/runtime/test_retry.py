"""``RetryPolicy`` and its predicates, each on its own (no HTTP)."""

from __future__ import annotations

import random
from types import ModuleType

import pytest

NOW = 1_445_412_480.0  # Wed, 21 Oct 2015 07:28:00 GMT


def test_defaults(rt: ModuleType) -> None:
    policy = rt._retry.RetryPolicy()
    assert policy.max_retries == 2
    assert policy.statuses == {408, 429, 500, 502, 503, 504}
    assert policy.methods == {"GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE"}
    assert (policy.backoff_factor, policy.max_backoff, policy.jitter) == (0.5, 8.0, 0.25)
    assert policy.retry_after_cap == 60.0


def test_policy_is_frozen_and_varied_with_replace(rt: ModuleType) -> None:
    policy = rt._retry.RetryPolicy()
    with pytest.raises(AttributeError):
        policy.max_retries = 5
    varied = policy.replace(statuses=frozenset({503}))
    assert (varied.statuses, varied.max_retries, policy.statuses) == (
        {503},
        2,
        rt._retry.DEFAULT_RETRY_STATUSES,
    )
    assert policy.replace(max_retries=0, jitter=0).replace() == rt._retry.RetryPolicy(0, jitter=0)
    with pytest.raises(ValueError):
        policy.replace(max_retries=-1)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"max_retries": -1},
        {"max_retries": True},
        {"backoff_factor": -0.1},
        {"max_backoff": float("nan")},
        {"retry_after_cap": -1},
        {"jitter": 1.5},
        {"jitter": -0.1},
    ],
)
def test_invalid_values_are_rejected(rt: ModuleType, kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        rt._retry.RetryPolicy(**kwargs)


@pytest.mark.parametrize(
    ("method", "allowed", "expected"),
    [
        ("GET", False, True),
        ("get", False, True),
        ("PUT", False, True),
        ("DELETE", False, True),
        ("HEAD", False, True),
        ("OPTIONS", False, True),
        ("TRACE", False, True),
        ("POST", False, False),
        ("PATCH", False, False),
        ("POST", True, True),
        ("PATCH", True, True),
    ],
)
def test_is_retryable_method(rt: ModuleType, method: str, allowed: bool, expected: bool) -> None:
    assert rt._retry.RetryPolicy().is_retryable_method(method, allowed) is expected


@pytest.mark.parametrize(
    ("status", "expected"),
    [(408, True), (429, True), (500, True), (502, True), (503, True), (504, True)]
    + [(200, False), (400, False), (401, False), (404, False), (501, False), (505, False)],
)
def test_is_retryable_status(rt: ModuleType, status: int, expected: bool) -> None:
    assert rt._retry.RetryPolicy().is_retryable_status(status) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0", 0.0),
        ("120", 120.0),
        (" 7 ", 7.0),
        ("Wed, 21 Oct 2015 07:28:30 GMT", 30.0),
        ("Wed, 21 Oct 2015 07:29:00 -0000", 60.0),  # no zone given: UTC
        ("Wed, 21 Oct 2015 09:28:10 +0200", 10.0),
        ("Wed, 21 Oct 2015 07:27:00 GMT", 0.0),  # in the past
        ("Thu, 01 Jan 1970 00:00:00 GMT", 0.0),
        ("-1", None),
        ("1.5", None),
        ("", None),
        ("soon", None),
        ("Wed, 32 Oct 2015 07:28:00 GMT", None),
        ("Wed, 21 Oct 99999 07:28:00 GMT", None),
    ],
)
def test_parse_retry_after(rt: ModuleType, value: str, expected: float | None) -> None:
    assert rt._retry.parse_retry_after(value, NOW) == expected


def test_backoff_doubles_from_the_factor_up_to_the_cap_without_jitter(rt: ModuleType) -> None:
    policy = rt._retry.RetryPolicy(jitter=0)
    assert [policy.backoff(attempt) for attempt in range(1, 7)] == [0.5, 1, 2, 4, 8, 8]
    assert rt._retry.RetryPolicy(backoff_factor=0).backoff(3) == 0


def test_backoff_jitter_stays_within_a_quarter_and_uses_the_given_rng(rt: ModuleType) -> None:
    policy = rt._retry.RetryPolicy()
    waits = [policy.backoff(3, random.Random(seed)) for seed in range(200)]
    assert all(1.5 <= wait <= 2.5 for wait in waits)
    assert len(set(waits)) > 100  # spread out, not one value
    assert policy.backoff(3, random.Random(7)) == policy.backoff(3, random.Random(7))
    assert all(policy.backoff(9, random.Random(seed)) <= 8.0 for seed in range(50))


def test_delay_for_without_response_or_retry_after_is_the_backoff(rt: ModuleType) -> None:
    policy = rt._retry.RetryPolicy(jitter=0)
    assert policy.delay_for(2, None) == 1.0
    assert policy.delay_for(2, {"Content-Type": "text/plain"}) == 1.0
    assert policy.delay_for(1, {"Retry-After": "garbage"}) == 0.5


def test_delay_for_honours_retry_after_in_any_case_beyond_max_backoff(rt: ModuleType) -> None:
    policy = rt._retry.RetryPolicy()
    assert policy.delay_for(1, {"retry-after": "30"}) == 30.0
    assert policy.delay_for(1, {"RETRY-AFTER": "0"}) == 0.0
    assert policy.delay_for(1, {"Retry-After": "Wed, 21 Oct 2015 07:28:45 GMT"}, now=NOW) == 45.0


def test_delay_for_gives_up_when_retry_after_exceeds_the_cap(rt: ModuleType) -> None:
    policy = rt._retry.RetryPolicy()
    assert policy.delay_for(1, {"Retry-After": "60"}) == 60.0
    assert policy.delay_for(1, {"Retry-After": "61"}) is None
    assert rt._retry.RetryPolicy(retry_after_cap=0).delay_for(1, {"Retry-After": "1"}) is None
