"""``RequestOptions``: settings for one call that override the client's."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from ._transport import Timeout


@dataclasses.dataclass(frozen=True, slots=True)
class RequestOptions:
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

    extra_headers: Mapping[str, str] = dataclasses.field(default_factory=dict)
    timeout: Timeout | float | None = None
    max_retries: int | None = None
    retry_non_idempotent: bool = False

    def __post_init__(self) -> None:
        if isinstance(self.timeout, (int, float)):
            object.__setattr__(self, "timeout", Timeout(connect=self.timeout, read=self.timeout))
        if self.max_retries is not None and (
            isinstance(self.max_retries, bool) or self.max_retries < 0
        ):
            raise ValueError(f"max_retries must be 0 or more or None, not {self.max_retries!r}")
