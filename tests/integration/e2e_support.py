"""Helpers of the end-to-end tests that use the generated package."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable, Iterable

from e2e_server import CLIENT_ID, CLIENT_SECRET, PASSWORD, USERNAME
from thingspace_m2m import RetryPolicy, ThingSpaceM2MClient
from thingspace_m2m.models import AssignLicenseRequest, LicenseDeviceId, LicenseDeviceList

FAST_RETRY = RetryPolicy(backoff_factor=0, jitter=0)
"""The default policy (2 retries, the default statuses and methods) without waiting."""

MakeClient = Callable[..., ThingSpaceM2MClient]
"""The type of the ``make_client`` fixture."""

OAUTH = {"oauth_client_id": CLIENT_ID, "oauth_client_secret": CLIENT_SECRET}
"""Client arguments: OAuth 2 client credentials the loopback server accepts."""
LOGIN = {"username": USERNAME, "password": PASSWORD}
"""Client arguments: UWS credentials the loopback server accepts."""


def assign_body() -> AssignLicenseRequest:
    """The spec's reference example of a license assignment."""
    return AssignLicenseRequest(
        account_name="0000123456-00001",
        devices=[
            LicenseDeviceList(device_ids=[LicenseDeviceId(id="864508030109877", kind="IMEI")])
        ],
        sku_number="SIMSec-IoT-Lt",
    )


def record_texts(records: Iterable[logging.LogRecord]) -> list[str]:
    """Each record's message, formatted, and its raw arguments: everything a handler may show."""
    texts = []
    for record in records:
        texts.append(record.getMessage())
        texts.append(str(record.msg))
        texts.append(repr(record.args))
        if record.exc_info and record.exc_info[1] is not None:
            texts.extend(exception_texts(record.exc_info[1]))
    return texts


def exception_texts(exc: BaseException) -> list[str]:
    """``str``, ``repr`` and the formatted traceback of ``exc`` and its causes and contexts."""
    texts = ["".join(traceback.format_exception(exc))]
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        texts += [str(current), repr(current), repr(current.args)]
        current = current.__cause__ or current.__context__
    return texts


def leaks(texts: Iterable[str], secrets: Iterable[str]) -> list[tuple[str, str]]:
    """The (secret, text) pairs where a secret shows up in a text."""
    secrets = [secret for secret in secrets if secret]
    return [(secret, text) for text in texts for secret in secrets if secret in text]
