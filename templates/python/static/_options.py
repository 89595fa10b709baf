"""``RequestOptions``: settings for one call that override the client's."""

from __future__ import annotations

from collections.abc import Mapping

from ._record import Frozen
from ._transport import Timeout


class RequestOptions(Frozen):
    """Per-call settings, passed to any operation method as ``options=``.

    Example::

        client.licenses.assign_license_to_devices(
            body,
            options=RequestOptions(
                extra_headers={"X-Trace": "abc"}, timeout=120, retry_non_idempotent=True
            ),
        )

    Attributes:
        extra_headers: headers to add to the request (default none). One with
            the same name as a header the client sends, in any case, replaces it
            (``Accept``, ``Content-Type``, ``User-Agent`` or a header parameter),
            except the credentials of the operation's security
            (``Authorization``, an API-key header, its cookies), which always win.
        timeout: seconds for both connecting and each read, or a
            :class:`Timeout`; ``None`` (the default) uses the client's.
        max_retries: retries after the first attempt for this call; ``0`` never
            retries; ``None`` (the default) uses the client's ``RetryPolicy``.
        retry_non_idempotent: also retry methods that may take effect twice
            (POST, PATCH) when the server fails or cannot be reached (default
            ``False``). Allow it only when the operation is safe to repeat.
    """

    __slots__ = ("extra_headers", "timeout", "max_retries", "retry_non_idempotent")

    extra_headers: Mapping[str, str]
    timeout: Timeout | None
    max_retries: int | None
    retry_non_idempotent: bool

    def __init__(
        self,
        extra_headers: Mapping[str, str] | None = None,
        timeout: Timeout | float | None = None,
        max_retries: int | None = None,
        retry_non_idempotent: bool = False,
    ) -> None:
        if isinstance(timeout, (int, float)):
            timeout = Timeout(connect=timeout, read=timeout)
        if max_retries is not None and (isinstance(max_retries, bool) or max_retries < 0):
            raise ValueError(f"max_retries must be 0 or more or None, not {max_retries!r}")
        object.__setattr__(self, "extra_headers", {} if extra_headers is None else extra_headers)
        object.__setattr__(self, "timeout", timeout)
        object.__setattr__(self, "max_retries", max_retries)
        object.__setattr__(self, "retry_non_idempotent", retry_non_idempotent)
